"""A bigger index made from the real one, for search-at-scale figures.

Real notes stop at a few hundred passages, so sizes of 10^3..10^5 are grown from them: each
synthetic passage is a real chunk's vector plus Gaussian noise, renormalised (a "paraphrase" at
cosine ~0.9 to its source, so neighbourhoods stay as clumpy as real text, which is what makes
approximate search hard), with a text recombined from two real passages so BM25 sees realistic
Chinese/English terms. Deterministic for a seed.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from interviewer.index.store import StoredIndex, load_index
from interviewer.index.vectors import FLAT, build_faiss, stored_vectors

NOISE = 0.025
"""Per-dimension noise; for 384 dims this puts a copy at cosine ~0.9 from its source."""


def scaled_vectors(base: np.ndarray, size: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """`size` unit vectors near random rows of `base`, and which row each came from."""
    rng = np.random.default_rng(seed)
    sources = rng.integers(0, len(base), size=size)
    vectors = base[sources] + rng.normal(0.0, NOISE, size=(size, base.shape[1])).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors, dtype=np.float32), sources


def scaled_index(
    index_dir: Path, size: int, seed: int = 0, *, into: Path | None = None
) -> StoredIndex:
    """The index at `index_dir` grown (or cut) to `size` passages, as a flat in-memory index
    whose folder is `into` (what the retriever writes beside an index lands there, never in
    `index_dir`)."""
    real = load_index(index_dir)
    base = stored_vectors(real.faiss_index)
    vectors, sources = scaled_vectors(base, size, seed)
    rng = np.random.default_rng(seed + 1)
    partners = rng.integers(0, len(real.chunks), size=size)
    chunks = []
    for row, (src, other) in enumerate(zip(sources, partners, strict=True)):
        first, second = real.chunks[int(src)], real.chunks[int(other)]
        text = f"{first.text}\n{second.text[: len(second.text) // 2]}"
        chunks.append(dataclasses.replace(first, id=row, text=text, kind="text", question_id=None))
    manifest = dataclasses.replace(real.manifest, count=size, index_type=FLAT)
    home = Path(into) if into is not None else Path(index_dir)
    return StoredIndex(home, manifest, build_faiss(vectors, FLAT), chunks, [])


def exact_neighbours(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Ground truth for recall: ids of the k best inner products per query."""
    scores = queries @ vectors.T
    top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    order = np.take_along_axis(scores, top, axis=1).argsort(axis=1)[:, ::-1]
    return np.take_along_axis(top, order, axis=1)


def recall_at(found: np.ndarray, truth: np.ndarray) -> float:
    """Share of the exact top-k that the approximate search also returned."""
    hits = sum(len(set(f.tolist()) & set(t.tolist())) for f, t in zip(found, truth, strict=True))
    return hits / truth.size
