"""Copy a user's own notes into `<corpus>/user/` so the next build includes them.

Everything is checked before anything is copied: a missing path, a clash with a different file
of the same name, or a named file that is not text (a picture renamed `.md`) stops the whole add
with one line, so a mistake never leaves half the notes in. Inside a folder, a file that is not
text is skipped with a warning and not copied: the build would only skip it again later.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from interviewer.corpus.pipeline import note_kinds
from interviewer.errors import CorpusError
from interviewer.index.fingerprint import file_sha256, note_suffixes

USER_DIR = "user"


@dataclass
class AddReport:
    """What `add_notes` did; paths are corpus-relative."""

    copied: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    """Already in the corpus with identical content."""
    warnings: list[str] = field(default_factory=list)


def add_notes(paths: list[Path], corpus_dir: Path, force: bool = False) -> AddReport:
    """Copy files and folders under `<corpus_dir>/user/`, keeping folder structure."""
    corpus_dir = Path(corpus_dir)
    report = AddReport()
    suffixes = note_suffixes()
    accepted = note_kinds()
    plan: list[tuple[Path, Path]] = []
    wrong_kind: list[Path] = []
    for given in paths:
        path = Path(given).expanduser()
        if not path.exists():
            raise CorpusError(f"{given} does not exist: nothing was added")
        if _inside(path, corpus_dir):
            raise CorpusError(f"{given} is already inside the corpus {corpus_dir}: nothing to add")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            base = path.parent
        else:
            files, base = [path], path.parent
        for file in files:
            if file.suffix.lower() not in suffixes:
                wrong_kind.append(file)
                report.warnings.append(f"skipped {file}: not a notes file ({accepted})")
                continue
            unreadable = _not_text(file)
            if unreadable and not path.is_dir():
                raise CorpusError(f"{given} is not a notes file ({unreadable}): nothing was added")
            if unreadable:
                report.warnings.append(f"skipped {file}: {unreadable}")
                continue
            plan.append((file, corpus_dir / USER_DIR / file.relative_to(base)))
    if not plan:
        if len(paths) == 1 and wrong_kind == [Path(paths[0]).expanduser()]:
            raise CorpusError(
                f"{paths[0]} is not a notes file ({accepted}; save it as text first): "
                "nothing was added"
            )
        raise CorpusError(f"no notes files among the given paths ({accepted}): nothing was added")

    targets: dict[Path, Path] = {}
    for source, target in plan:
        if target in targets and file_sha256(targets[target]) != file_sha256(source):
            raise CorpusError(
                f"{source} and {targets[target]} would both be {target}: add them separately"
            )
        targets[target] = source
        if target.exists() and file_sha256(target) != file_sha256(source) and not force:
            raise CorpusError(
                f"{_rel(target, corpus_dir)} already exists with different content: "
                "rename your file or pass --force to overwrite"
            )

    for target, source in targets.items():
        rel = _rel(target, corpus_dir)
        if target.exists() and file_sha256(target) == file_sha256(source):
            report.unchanged.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.adding")
        shutil.copyfile(source, tmp)
        tmp.replace(target)  # a reader never sees a half-copied note
        report.copied.append(rel)
    return report


def _not_text(file: Path) -> str | None:
    """Why the build could not read `file` as notes (binary, unknown encoding, too large), with
    the pipeline's own decoder and size limit; None when it can."""
    from interviewer.corpus.decode import UndecodableError, decode_bytes
    from interviewer.corpus.pipeline import MAX_FILE_BYTES

    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            return f"too large (> {MAX_FILE_BYTES / 1e6:.0f} MB)"
        decode_bytes(file.read_bytes())
    except UndecodableError as exc:
        return str(exc)
    except OSError as exc:
        return f"unreadable ({exc.strerror or type(exc).__name__})"
    return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _rel(path: Path, corpus_dir: Path) -> str:
    return path.relative_to(corpus_dir).as_posix()
