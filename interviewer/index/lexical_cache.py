"""BM25 postings kept beside the index, so opening a large index does not re-tokenise every
passage: at 100k passages that was ~31 s of every start (0.3 ms of Python per passage).

A cache, never a source of truth: stamped with a hash of the exact texts ranked and of the
tokenizer's source, so any change to either means rebuilding in memory (and saving again when the
folder is writable; an installed read-only index just rebuilds each time, as before).
"""

from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from interviewer.index.lexical import BM25

log = logging.getLogger(__name__)

FILE = "lexical.npz"


def tokenizer_fingerprint() -> str:
    """sha256 over the sources that decide the postings: the tokenizer, its glossary and the
    concepts file the glossary reads."""
    import interviewer.index.lexical as lexical
    import interviewer.vocabulary.cjk as cjk
    import interviewer.vocabulary.concepts as concepts
    import interviewer.vocabulary.glossary as glossary
    import interviewer.vocabulary.load as load

    digest = hashlib.sha256()
    for module in (lexical, glossary, concepts, load, cjk):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(load.data_path("concepts").read_bytes())
    return digest.hexdigest()


def stamp(texts: Sequence[str]) -> str:
    digest = hashlib.sha256(tokenizer_fingerprint().encode())
    for text in texts:
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def open_bm25(index_dir: Path, texts: Sequence[str]) -> BM25:
    """The BM25 over `texts` (row i = document i): from the saved postings when they were made
    from exactly these texts by this tokenizer, else built now and saved for next time."""
    path = Path(index_dir) / FILE
    expected = stamp(texts)
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["stamp"]) == expected:
                return BM25.from_arrays({k: data[k] for k in data.files if k != "stamp"})
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        pass  # missing, damaged or from another version: build it
    ranker = BM25(list(texts))
    try:
        tmp = path.with_name(f".{FILE}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                np.savez(fh, stamp=np.array(expected), **ranker.to_arrays())
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:  # a read-only install: rebuilding at each start is what it did before
        log.debug("could not save %s: %s", path, exc)
    return ranker
