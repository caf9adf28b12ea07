"""Vectors of the texts a build embeds to group questions and name their topics, kept beside the
index: a rebuild after a one-line edit then embeds only the question texts that changed, instead
of every question in the bank again (half the time of such a rebuild on the shipped notes).

A cache, never a source of truth: keyed by (model id, text), so another model misses; a missing
or damaged file is an empty cache.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from interviewer.embedding.model import Embedder
    from interviewer.types.bank import Question

FILE = "text_vectors.npz"


def text_key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\0symmetric\0{text}".encode()).hexdigest()


class CachedEmbedder:
    """An embedder whose `embed_symmetric` answers from earlier builds' vectors and records every
    vector this build used; passages and queries go straight to the model."""

    def __init__(self, inner: Embedder, known: dict[str, np.ndarray]) -> None:
        self.inner = inner
        self.model_id: str = inner.model_id
        self.dim: int = inner.dim
        self._known = known
        self.used: dict[str, np.ndarray] = {}
        self.embedded = 0
        """How many texts this build had to embed (the rest came from the cache)."""

    def embed_symmetric(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(self.model_id, t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._known))
        if missing:
            first = {k: t for k, t in zip(keys, texts, strict=True)}
            vectors = np.asarray(
                self.inner.embed_symmetric([first[k] for k in missing]), dtype=np.float32
            )
            self._known.update(zip(missing, vectors, strict=True))
            self.embedded += len(missing)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, key in enumerate(keys):
            out[row] = self.used[key] = self._known[key]
        return out

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)


def load_text_vectors(index_dir: Path) -> dict[str, np.ndarray]:
    """The cached vectors, or none when the file is missing or unreadable."""
    try:
        with np.load(Path(index_dir) / FILE, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
            if keys.ndim != 1 or vectors.ndim != 2 or len(keys) != len(vectors):
                return {}
            return {str(k): v.astype(np.float32) for k, v in zip(keys, vectors, strict=True)}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return {}  # missing or damaged: just a miss


def save_text_vectors(index_dir: Path, used: dict[str, np.ndarray]) -> None:
    """Write the vectors this build used (only those: the cache never outgrows the bank)."""
    if not used:
        return
    target = Path(index_dir) / FILE
    tmp = target.with_name(f".{FILE}.tmp")
    keys = np.array(sorted(used))
    vectors = np.stack([used[k] for k in keys]).astype(np.float32)
    with open(tmp, "wb") as fh:
        np.savez(fh, keys=keys, vectors=vectors)
    os.replace(tmp, target)


def question_vectors(
    index_dir: Path, model_id: str, bank: Sequence[Question]
) -> dict[str, np.ndarray]:
    """Each bank question's phrasing vectors (one unit row per grouped wording), read from the
    vectors the build stored, so a caller compares questions without loading the model. A
    question whose wordings are not all there is left out (the cache is only a cache)."""
    from interviewer.corpus.normalize import canonical_terms

    known = load_text_vectors(index_dir)
    out: dict[str, np.ndarray] = {}
    for question in bank:
        texts = [canonical_terms(item.question) for item in question.items] or [question.text]
        rows = [known.get(text_key(model_id, t)) for t in texts]
        if not rows or any(r is None for r in rows):
            continue
        stacked = np.stack(rows).astype(np.float32)
        norms = np.linalg.norm(stacked, axis=1, keepdims=True)
        out[question.id] = stacked / np.where(norms > 0, norms, 1.0)
    return out
