"""What an index was built from, cheaply: file hashes and the parser's code, without a model.

This is what lets `build` return at once on an unchanged corpus and lets loading warn that an
index is stale. Files are listed with the corpus pipeline's own `find_files`, so both agree on
what counts as a note; the parser's source is hashed too, because a changed parser reads the
same files into different questions.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from interviewer.corpus.pipeline import file_sha256
from interviewer.errors import CorpusError


def note_suffixes() -> frozenset[str]:
    """File suffixes the corpus pipeline reads as notes."""
    from interviewer.corpus.pipeline import HTML_SUFFIXES, TEXT_SUFFIXES

    return TEXT_SUFFIXES | HTML_SUFFIXES


def corpus_hashes(corpus_dir: Path) -> dict[str, str]:
    """Corpus-relative POSIX path -> sha256 of every notes file ('' if unreadable), by path."""
    from interviewer.corpus.pipeline import find_files

    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist: pass --corpus or create it")
    files, _ = find_files(corpus_dir)
    hashes = {}
    for path, rel in files:
        try:
            hashes[rel] = file_sha256(path)
        except OSError:
            hashes[rel] = ""  # the pipeline reports it as skipped; its hash is '' there too
    return hashes


def parser_fingerprint() -> str:
    """sha256 over the corpus package's source files: changes whenever the parser does."""
    import interviewer.corpus as corpus_package

    digest = hashlib.sha256()
    folder = Path(corpus_package.__file__).parent
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
