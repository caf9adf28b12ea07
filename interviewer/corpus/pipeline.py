"""The corpus pipeline end to end: find files, decode, clean, extract, build the question bank.

A bad file never stops a build: it is skipped with a one-line warning naming it, and the report
says why. Only a missing corpus folder, or one with no questions at all, is an error.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from interviewer.corpus.bank import Embedder, build_questions, source_order
from interviewer.corpus.clean import clean_lines, html_lines, text_lines
from interviewer.corpus.decode import UndecodableError, decode_bytes
from interviewer.corpus.extract import extract_lines
from interviewer.errors import CorpusError
from interviewer.types.bank import QAItem, Question

__all__ = [
    "CorpusScan",
    "Embedder",
    "FileReport",
    "build_bank",
    "extract_file",
    "find_files",
    "scan_corpus",
]

KEY_SUFFIX = ".toml"
"""Answer keys (interviewer.keys) sit beside the notes; they are read by the graders, not parsed."""
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
MAX_FILE_BYTES = 5 * 1024 * 1024
"""Bigger than any page of notes: probably a dump or a mistake, and slow to embed."""


def note_kinds() -> str:
    """The kinds of file read as notes, as the lines that refuse another kind say them: 'notes
    are .md, .txt, … or .html files' (so the user knows what to convert it to)."""
    ordered = sorted(TEXT_SUFFIXES | HTML_SUFFIXES, key=lambda s: (s.startswith(".htm"), len(s), s))
    return f"notes are {', '.join(ordered[:-1])} or {ordered[-1]} files"


@dataclass(frozen=True)
class FileReport:
    path: str
    """Corpus-relative, POSIX."""
    sha256: str
    """Of the raw bytes ('' when they could not be read)."""
    encoding: str | None
    """'utf-8', 'utf-8-sig', 'gb18030', ...; None when skipped."""
    items: int
    skipped: str | None
    """One-line reason when the file was skipped."""


@dataclass
class CorpusScan:
    files: list[FileReport] = field(default_factory=list)
    items: list[QAItem] = field(default_factory=list)
    """Every extracted item, in file then source order."""
    questions: list[Question] = field(default_factory=list)
    """The bank: near-duplicates grouped, stable ids, topics assigned."""
    warnings: list[str] = field(default_factory=list)
    """One line each, e.g. 'skipped notes/x.txt: not UTF-8 or GB18030 text'."""


def find_files(corpus_dir: Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """(path, corpus-relative POSIX name) of every note file, sorted by name; and warnings.

    Hidden files/folders, README* and answer keys (.toml) are not notes; symlinks are followed
    once (a loop is reported, not walked forever); other file types are reported as skipped.
    """
    found: list[tuple[Path, str]] = []
    warnings: list[str] = []
    seen_dirs: set[str] = set()
    root = Path(corpus_dir)

    def rel(p: Path) -> str:
        return shown_name(p.relative_to(root).as_posix())

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(dirpath)
        real = os.path.realpath(here)
        if real in seen_dirs:
            warnings.append(f"skipped {rel(here)}/: symlink loop")
            dirnames[:] = []
            continue
        seen_dirs.add(real)
        for name in sorted(d for d in dirnames if not _utf8(d)):
            warnings.append(f"skipped {rel(here / name)}/: folder name is not UTF-8 (rename it)")
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and _utf8(d))
        for name in sorted(filenames):
            if name.startswith(".") or name.upper().startswith("README"):
                continue
            if name.lower().endswith(KEY_SUFFIX):  # answer keys live beside the notes
                continue
            path = here / name
            if not _utf8(name):  # the index, the manifest and the terminal all need UTF-8
                warnings.append(f"skipped {rel(path)}: file name is not UTF-8 (rename it)")
                continue
            suffix = path.suffix.lower()
            if not _regular_or_unreadable(path):  # a FIFO or device blocks the read forever
                warnings.append(f"skipped {rel(path)}: not a regular file")
            elif suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES:
                found.append((path, rel(path)))
            else:
                warnings.append(f"skipped {rel(path)}: not a notes file ({note_kinds()})")
    found.sort(key=lambda pr: pr[1])
    return found, warnings


def _utf8(name: str) -> bool:
    """Whether a name from the file system is valid UTF-8 (undecodable bytes arrive as lone
    surrogates, which no UTF-8 file can hold)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(name: str) -> str:
    """`name` safe to print or store: undecodable bytes appear as \\xff."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _regular_or_unreadable(path: Path) -> bool:
    """False only for what exists but is no plain file; unreadable files are reported later."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def extract_file(path: Path, rel: str) -> tuple[list[QAItem], FileReport]:
    """Items of one file, and a report saying how it was read or why it was skipped."""

    def skipped(reason: str, sha: str = "") -> tuple[list[QAItem], FileReport]:
        return [], FileReport(path=rel, sha256=sha, encoding=None, items=0, skipped=reason)

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            reason = f"too large ({size / 1e6:.1f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB)"
            return skipped(reason, file_sha256(path))
        raw = path.read_bytes()
    except OSError as err:
        return skipped(f"unreadable ({err.strerror or type(err).__name__})")
    sha = hashlib.sha256(raw).hexdigest()
    try:
        decoded = decode_bytes(raw)
    except UndecodableError as err:
        return skipped(str(err), sha)
    if path.suffix.lower() in HTML_SUFFIXES:
        lines = html_lines(decoded.text)
    else:
        lines = text_lines(decoded.text)
    items = extract_lines(clean_lines(lines).lines, rel)
    report = FileReport(
        path=rel, sha256=sha, encoding=decoded.encoding, items=len(items), skipped=None
    )
    return items, report


def file_sha256(path: Path) -> str:
    """The hash of a big file without holding it in memory (the index compares hashes)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_bank(items: list[QAItem], embedder: Embedder | None = None) -> list[Question]:
    """Group near-duplicate items into Questions with stable ids and topics."""
    return build_questions(items, embedder)


def scan_corpus(corpus_dir: Path, embedder: Embedder | None = None) -> CorpusScan:
    """Read every note file under `corpus_dir` and build the question bank."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder not found: {corpus_dir}")
    files, warnings = find_files(corpus_dir)
    scan = CorpusScan(warnings=warnings)
    for path, rel in files:
        items, report = extract_file(path, rel)
        scan.files.append(report)
        scan.items.extend(items)
        if report.skipped:
            scan.warnings.append(f"skipped {rel}: {report.skipped}")
        elif not items:
            scan.warnings.append(f"no questions found in {rel}")
    if not scan.items:
        raise CorpusError(
            f"no questions found in {corpus_dir} (read {len(files)} file(s)); "
            "add .txt/.md/.html notes with numbered, Q1./A1:, **bold** or heading questions"
        )
    scan.items = source_order(scan.items)
    scan.questions = build_bank(scan.items, embedder)
    return scan
