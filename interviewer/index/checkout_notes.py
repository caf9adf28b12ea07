"""Notes an earlier interviewer left in the checkout: moved to the user's notes folder.

An earlier `interviewer add` copied the user's notes into the checkout's `corpus/user/` (and built
them into the tracked `index/`), so `git status` was dirty and `git pull` could conflict. The
notes belong under the data directory now (`paths.user_corpus_dir()/user/`). On launch, `add` and
`build`, whatever git does not track under the checkout's `corpus/user/` is moved there, keeping
its folders; a file of the same name and content already there just loses its checkout copy, and
one with different content is kept beside it with a `.from-checkout` name (nothing is ever
overwritten). A tracked `index/` that was built from those notes (its manifest lists `user/`
files) is put back to the committed one: the user's own index is built in the data directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from interviewer.paths import USER_NOTES

RENAMED = ".from-checkout"
"""Inserted before the suffix of a moved note whose name was taken by a different file."""


@dataclass
class Adopted:
    """What `adopt_checkout_notes` did; paths relative to the user's notes folder, POSIX."""

    source: Path
    target: Path
    moved: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    """Moved under a `.from-checkout` name: a different file had the name (also in `moved`)."""
    already: list[str] = field(default_factory=list)
    """The same file was already in the user's notes: the checkout's copy was removed."""
    tracked: list[str] = field(default_factory=list)
    """Tracked by git: someone committed them, so they stay (and `git status` stays clean)."""
    failed: list[str] = field(default_factory=list)
    """Could not be moved (permissions, a full disk): still in the checkout."""
    index_restored: bool = False

    def __bool__(self) -> bool:
        """Something to tell the user (files git tracks alone are not news at every launch)."""
        return bool(self.moved or self.already or self.failed or self.index_restored)

    def summary(self) -> str:
        """One line for the user."""
        count = len(self.moved) + len(self.already)
        line = (
            f"moved {count} note{'s' if count != 1 else ''} an earlier version left in "
            f"{self.source} to {self.target}"
        )
        extra = []
        if self.renamed:
            extra.append(f"{', '.join(self.renamed)} kept beside a different file of the same name")
        if self.index_restored:
            extra.append("the checkout's index/ is the shipped one again")
        if self.failed:
            extra.append(f"could not move {', '.join(self.failed)}")
        return line + (f" ({'; '.join(extra)})" if extra else "")


def adopt_checkout_notes(checkout_corpus: Path, user_corpus: Path) -> Adopted | None:
    """Move the untracked notes under `checkout_corpus/user/` into `user_corpus/user/`; None when
    there is nothing to move (the usual case: one `is_dir` check)."""
    source = Path(checkout_corpus) / USER_NOTES
    if source.is_symlink() or not source.is_dir():
        return None
    target = Path(user_corpus) / USER_NOTES
    if _same(source, target):
        return None
    files = sorted(p for p in source.rglob("*") if p.is_file())
    if not files:
        return None
    tracked = _tracked(source)
    report = Adopted(source, target)
    for file in files:
        rel = file.relative_to(source)
        if file.parent.resolve() / file.name in tracked:
            report.tracked.append(rel.as_posix())
            continue
        try:
            landed = _move(file, target / rel)
        except OSError:
            report.failed.append(rel.as_posix())
            continue
        if landed is None:
            report.already.append(rel.as_posix())
        else:
            report.moved.append(landed.relative_to(target).as_posix())
            if landed.name != file.name:
                report.renamed.append(landed.relative_to(target).as_posix())
    _remove_empty(source)
    report.index_restored = _restore_index(Path(checkout_corpus).parent)
    return report if report else None


def _move(file: Path, dest: Path) -> Path | None:
    """Move `file` to `dest`, or beside it under a new name when `dest` is a different file;
    None when an identical file is already there (the checkout's copy is removed)."""
    digest = _sha256(file)
    for candidate in _names(dest):
        if candidate.exists():
            if candidate.is_file() and _sha256(candidate) == digest:
                file.unlink()
                return None
            continue
        candidate.parent.mkdir(parents=True, exist_ok=True)
        tmp = candidate.with_name(f".{candidate.name}.moving")
        shutil.copy2(file, tmp)
        os.replace(tmp, candidate)  # never half a note under the real name
        file.unlink()
        return candidate
    raise OSError(f"no free name for {dest}")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _names(dest: Path, tries: int = 100) -> Iterator[Path]:
    yield dest
    stem, suffix = dest.stem, dest.suffix
    for n in range(1, tries):
        label = RENAMED if n == 1 else f"{RENAMED}-{n}"
        yield dest.with_name(f"{stem}{label}{suffix}")


def _remove_empty(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not path.is_symlink():
            try:
                path.rmdir()
            except OSError:
                pass  # not empty: something was left
    try:
        folder.rmdir()
    except OSError:
        pass


def _git(root: Path, *args: str) -> str | None:
    """stdout of a git command in `root`, or None (no git, not a repository, an error)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _tracked(folder: Path) -> set[Path]:
    """Files git tracks under `folder` (none when it is not in a repository)."""
    out = _git(folder, "ls-files", "-z", "--full-name", "--", ".")
    top = _git(folder, "rev-parse", "--show-toplevel")
    if not out or not top:
        return set()
    root = Path(top.strip())
    return {root / name for name in out.split("\0") if name}


def _restore_index(root: Path) -> bool:
    """Put the tracked `index/` back (every file git tracks there: vectors, chunks, questions,
    manifest, text vectors) when an earlier `add` rebuilt it from the user's notes."""
    try:
        manifest = json.loads((root / "index" / "manifest.json").read_text("utf-8"))
        listed = manifest.get("corpus_files") or {}
    except (OSError, ValueError, AttributeError):
        return False
    if not any(str(name).startswith(f"{USER_NOTES}/") for name in listed):
        return False
    changed = (_git(root, "ls-files", "-z", "--modified", "--", "index") or "").split("\0")
    changed = [name for name in changed if name]
    if not changed:
        return False
    return _git(root, "checkout", "--", *changed) is not None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
