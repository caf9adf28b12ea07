"""Which corpus files an index was built from, cheaply: hashes without parsing or a model.

This is what lets `build` return at once on an unchanged corpus and lets loading warn that an
index is stale. It must list the same files the corpus pipeline reads.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from interviewer.errors import CorpusError

NOTE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
"""Files the pipeline reads as notes; anything else in the corpus folder is ignored."""


def is_note(path: Path, corpus_dir: Path) -> bool:
    """A notes file the corpus pipeline reads (not hidden, not the corpus's own README)."""
    rel = path.relative_to(corpus_dir)
    if any(part.startswith(".") for part in rel.parts):
        return False
    if rel.parts == ("README.md",):
        return False
    return path.is_file() and path.suffix.lower() in NOTE_SUFFIXES


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_hashes(corpus_dir: Path) -> dict[str, str]:
    """Corpus-relative POSIX path -> sha256 of every notes file, sorted by path."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist: pass --corpus or create it")
    files = sorted(p for p in corpus_dir.rglob("*") if is_note(p, corpus_dir))
    return {p.relative_to(corpus_dir).as_posix(): file_sha256(p) for p in files}
