"""What an index was built from, cheaply: file hashes and the parser's code, without a model.

This is what lets `build` return at once on an unchanged corpus and lets loading warn that an
index is stale. Files are listed with the corpus pipeline's own `find_files`, so both agree on
what counts as a note; the parser's source is hashed too, because a changed parser reads the
same files into different questions.

The hashes are remembered in the cache folder under a signature of the corpus folder (every
file's path, size, times and inode, and the parser): a command that finds the folder as the
previous one left it reuses them without importing the parser (numpy, the cleaning and
extraction rules) or reading a byte of the notes — the slowest part of `interviewer questions`.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from interviewer.errors import CorpusError

MEMO = "corpus_hashes.json"
MEMO_ENTRIES = 8
"""Corpus folders remembered (the shipped one, the user's, a few more)."""


def note_suffixes() -> frozenset[str]:
    """File suffixes the corpus pipeline reads as notes."""
    from interviewer.corpus.pipeline import HTML_SUFFIXES, TEXT_SUFFIXES

    return TEXT_SUFFIXES | HTML_SUFFIXES


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, as the pipeline records it."""
    from interviewer.corpus.pipeline import file_sha256 as sha256

    return sha256(path)


def corpus_hashes(corpus_dir: Path) -> dict[str, str]:
    """Corpus-relative POSIX path -> sha256 of every notes file ('' if unreadable), by path."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist: pass --corpus or create it")
    signature = folder_signature(corpus_dir)
    remembered = _recall(corpus_dir, signature)
    if remembered is not None:
        return remembered
    from interviewer.corpus.pipeline import file_sha256 as sha256
    from interviewer.corpus.pipeline import find_files

    files, _ = find_files(corpus_dir)
    hashes = {}
    for path, rel in files:
        try:
            hashes[rel] = sha256(path)
        except OSError:
            hashes[rel] = ""  # the pipeline reports it as skipped; its hash is '' there too
    _remember(corpus_dir, signature, hashes)
    return hashes


PARSER_VOCABULARY = (
    "cjk.py",
    "concepts.py",
    "latex.py",
    "load.py",
    "questions.py",
    "topics.py",
    "data/concepts.toml",
    "data/latex.toml",
    "data/questions.toml",
    "data/topics.toml",
)
"""The vocabulary files the parser reads (through corpus/tables.py), relative to the vocabulary
package: hashed as bytes, so the fingerprint costs no import or parse of them (tests/corpus/
test_tables.py keeps the list in step with what tables.py imports). An edit to any of them, a new
glossary spelling included, marks the index stale."""


def parser_fingerprint() -> str:
    """sha256 over the corpus package's source files and the vocabulary files it reads (the
    question key's folds, frame words, facets, topics, its Chinese range): changes whenever the
    parser does."""
    import interviewer.corpus as corpus_package
    import interviewer.vocabulary as vocabulary_package

    digest = hashlib.sha256()
    folder = Path(corpus_package.__file__).parent
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    vocabulary = Path(vocabulary_package.__file__).parent
    for name in PARSER_VOCABULARY:
        digest.update(name.encode())
        digest.update((vocabulary / name).read_bytes())
    return digest.hexdigest()


def folder_signature(folder: Path) -> str:
    """A hash of everything in `folder` that could change its notes' hashes or which files are
    notes: each entry's path, size, modification and change times, inode and mode (links
    followed once, as the pipeline follows them), plus the parser's source."""
    digest = hashlib.sha256(parser_fingerprint().encode())
    root = str(folder)
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            digest.update(b"\0loop\0" + os.fsencode(dirpath))
            continue
        seen.add(real)
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            digest.update(b"\0" + os.fsencode(os.path.relpath(path, root)))
            try:
                st = os.stat(path)
            except OSError:
                digest.update(b"\0unreadable")
                continue
            stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_mode)
            digest.update(repr(stamp).encode())
    return digest.hexdigest()


def _memo_file() -> Path:
    from interviewer.paths import cache_home

    return cache_home() / MEMO


def _recall(corpus_dir: Path, signature: str) -> dict[str, str] | None:
    try:
        entry = json.loads(_memo_file().read_text("utf-8")).get(_key(corpus_dir))
        if entry and entry.get("signature") == signature and isinstance(entry["hashes"], dict):
            return {str(k): str(v) for k, v in entry["hashes"].items()}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        pass  # no memo yet, or a damaged one: hash the files
    return None


def _remember(corpus_dir: Path, signature: str, hashes: dict[str, str]) -> None:
    """Keep the newest few folders' hashes; a cache, so any failure to write is ignored."""
    path = _memo_file()
    try:
        memo = json.loads(path.read_text("utf-8"))
        if not isinstance(memo, dict):
            memo = {}
    except (OSError, ValueError):
        memo = {}
    memo.pop(_key(corpus_dir), None)
    memo[_key(corpus_dir)] = {"signature": signature, "hashes": hashes}
    memo = dict(list(memo.items())[-MEMO_ENTRIES:])
    tmp = path.with_name(f".{MEMO}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(memo), "utf-8")  # ASCII: a non-UTF-8 folder name is escaped
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def _key(corpus_dir: Path) -> str:
    return os.fsdecode(os.path.realpath(corpus_dir))
