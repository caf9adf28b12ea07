"""The index directory on disk: atomic writes, and loads that refuse anything inconsistent.

Layout: `vectors.faiss` (FAISS's own format), `chunks.jsonl` (row i is FAISS id i),
`questions.jsonl` (the question bank) and `manifest.json`. Every refusal is an `IndexStateError`
with one line saying what is wrong and how to fix it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewer.errors import IndexStateError
from interviewer.index.codec import (
    chunk_from_line,
    chunk_to_line,
    question_from_line,
    question_to_line,
)
from interviewer.index.manifest import FORMAT_VERSION, Manifest, UnsupportedVersion
from interviewer.index.records import Chunk
from interviewer.types.bank import Question

if TYPE_CHECKING:
    import faiss

VECTORS = "vectors.faiss"
CHUNKS = "chunks.jsonl"
QUESTIONS = "questions.jsonl"
MANIFEST = "manifest.json"
FILES = (VECTORS, CHUNKS, QUESTIONS, MANIFEST)
FIX = "run `interviewer build`"
ABANDONED_AFTER_S = 3600


@dataclass
class StoredIndex:
    """Everything in an index directory, checked for consistency."""

    path: Path
    manifest: Manifest
    faiss_index: faiss.Index
    chunks: list[Chunk]
    questions: list[Question]


def write_index(
    target: Path,
    faiss_index: faiss.Index,
    chunks: list[Chunk],
    questions: list[Question],
    manifest: Manifest,
) -> None:
    """Write a complete index to `target`, replacing any old one so a crash never leaves half."""
    import faiss

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _recover(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; an index is an ordinary folder
        faiss.write_index(faiss_index, str(tmp / VECTORS))
        _write_lines(tmp / CHUNKS, (chunk_to_line(c) for c in chunks))
        _write_lines(tmp / QUESTIONS, (question_to_line(q) for q in questions))
        _write_text(tmp / MANIFEST, manifest.to_json())  # last: its presence marks completeness
        for name in FILES:
            _fsync_file(tmp / name)
        _fsync_dir(tmp)
        _swap_in(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def read_manifest(path: Path) -> Manifest:
    """The manifest of the index at `path`, after checking the directory has all its files."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise IndexStateError(f"index at {path} is a file, not a folder: point it at a folder")
    if not path.is_dir():
        raise IndexStateError(f"no index at {path}: {FIX}")
    missing = [name for name in FILES if not (path / name).is_file()]
    if missing:
        raise IndexStateError(
            f"index at {path} is incomplete (missing {', '.join(missing)}): {FIX}"
        )
    try:
        return Manifest.from_json((path / MANIFEST).read_text(encoding="utf-8"))
    except UnsupportedVersion as exc:
        raise IndexStateError(
            f"index at {path} has format version {exc.version!r} but this interviewer reads "
            f"version {FORMAT_VERSION}: {FIX}"
        ) from None
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise IndexStateError(
            f"index at {path} has a malformed {MANIFEST} ({_short(exc)}): {FIX}"
        ) from None


def read_questions(path: Path) -> tuple[Manifest, list[Question]]:
    """Manifest and question bank only: what listing questions needs, without FAISS."""
    manifest = read_manifest(path)
    questions = _read_records(Path(path), QUESTIONS, question_from_line)
    return manifest, questions


def load_index(path: Path) -> StoredIndex:
    """The whole index at `path`, checked: files present and parseable, counts and dims agree."""
    import faiss

    path = Path(path)
    manifest, questions = read_questions(path)
    chunks = _read_records(path, CHUNKS, chunk_from_line)
    try:
        index = faiss.read_index(str(path / VECTORS))
    except (RuntimeError, MemoryError, OSError):
        raise IndexStateError(f"index at {path} has a corrupt {VECTORS}: {FIX}") from None
    if index.ntotal != len(chunks) or manifest.count != len(chunks):
        raise IndexStateError(
            f"index at {path} is inconsistent ({VECTORS} has {index.ntotal} vectors, {CHUNKS} "
            f"{len(chunks)} lines, manifest says {manifest.count}): {FIX}"
        )
    if index.d != manifest.dim:
        raise IndexStateError(
            f"index at {path} is inconsistent ({VECTORS} has dimension {index.d}, manifest says "
            f"{manifest.dim}): {FIX}"
        )
    if index.metric_type != faiss.METRIC_INNER_PRODUCT:
        raise IndexStateError(f"index at {path} does not use inner-product search: {FIX}")
    if any(chunk.id != row for row, chunk in enumerate(chunks)):
        raise IndexStateError(f"index at {path} has {CHUNKS} out of FAISS id order: {FIX}")
    if not _finite_vectors(index):
        raise IndexStateError(f"index at {path} has a corrupt {VECTORS} (NaN or inf): {FIX}")
    return StoredIndex(path, manifest, index, chunks, questions)


_CHECK_BLOCK = 8192
"""Rows read back per step when checking vectors: bounded memory at any index size."""


def _finite_vectors(index: Any) -> bool:
    """Whether every stored vector is finite. A file of the right size can still hold NaN rows
    (a bad write, a broken encoder): every similarity with them is NaN and search goes wrong
    silently, so they are refused like any other corruption."""
    import numpy as np

    for start in range(0, index.ntotal, _CHECK_BLOCK):
        count = min(_CHECK_BLOCK, index.ntotal - start)
        try:
            block = index.reconstruct_n(start, count)
        except RuntimeError:  # an index type that can't give its vectors back: nothing to check
            return True
        if not np.isfinite(block).all():
            return False
    return True


def check_model(manifest: Manifest, path: Path, model_id: str, dim: int) -> None:
    """Refuse vectors made by another model: their similarities would be meaningless."""
    if manifest.model_id != model_id:
        raise IndexStateError(
            f"index at {path} was built with model {manifest.model_id} but the configured model "
            f"is {model_id}: {FIX}"
        )
    if manifest.dim != dim:
        raise IndexStateError(
            f"index at {path} has {manifest.dim}-dimensional vectors but model {model_id} makes "
            f"{dim}-dimensional ones: {FIX}"
        )


def stale_reason(
    manifest: Manifest, current: dict[str, str], parser: str | None = None
) -> str | None:
    """Why the index no longer matches the corpus files or parser (None when it does)."""
    if parser and manifest.parser and parser != manifest.parser:
        return "the corpus parser changed since the index was built"
    built = manifest.corpus_files
    added = sorted(set(current) - set(built))
    removed = sorted(set(built) - set(current))
    changed = sorted(p for p in set(built) & set(current) if built[p] != current[p])
    if not (added or removed or changed):
        return None
    parts = [
        f"{len(names)} {label}" + (f" ({names[0]})" if len(names) == 1 else "")
        for names, label in ((changed, "changed"), (added, "added"), (removed, "removed"))
        if names
    ]
    return f"the corpus changed since the index was built ({', '.join(parts)})"


def _read_records(path: Path, name: str, parse):  # noqa: ANN001, ANN202 - small private helper
    records = []
    try:
        with open(path / name, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    records.append(parse(line))
                except (ValueError, KeyError, TypeError, AttributeError) as exc:
                    where = f"line {number}: {_short(exc)}"
                    raise IndexStateError(
                        f"index at {path} has a malformed {name} ({where}): {FIX}"
                    ) from None
    except UnicodeDecodeError:
        raise IndexStateError(
            f"index at {path} has a malformed {name} (not UTF-8): {FIX}"
        ) from None
    return records


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def _write_lines(path: Path, lines: Iterable[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for line in lines:
            fh.write(line)
            fh.write("\n")


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        _fsync_file(path)
    except OSError:  # some filesystems refuse fsync on directories; the rename is still atomic
        pass


def _swap_in(tmp: Path, target: Path) -> None:
    """Rename the new index into place; the old one is moved aside first and removed after."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        os.replace(target, old)
    os.replace(tmp, target)
    _fsync_dir(target.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _recover(target: Path) -> None:
    """Undo an interrupted swap (old moved aside, new not yet in) and drop stale temp dirs."""
    leftovers = sorted(target.parent.glob(f".{target.name}.old-*"))
    if not target.exists() and leftovers:
        os.replace(leftovers[-1], target)
        leftovers = leftovers[:-1]
    abandoned = [
        tmp
        for tmp in target.parent.glob(f".{target.name}.tmp-*")
        if time.time() - tmp.stat().st_mtime > ABANDONED_AFTER_S  # not a build running now
    ]
    for stale in [*leftovers, *abandoned]:
        shutil.rmtree(stale, ignore_errors=True)
