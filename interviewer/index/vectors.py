"""The FAISS side of the index: pick an index type for the size, build it, read vectors back.

Vectors are L2-normalised, so inner product is cosine similarity. Exact search (IndexFlatIP) costs
~45 ms per million 384-dim vectors per query on one core (4.6 ms at 10^5), next to ~20 ms for
embedding the query itself; beyond FLAT_MAX an HNSW graph keeps queries under a millisecond at a
small recall cost (recall@10 0.975 at 10^5) and a slow build (~30-60 s at 10^5). Measured by
`python bench/run.py --sections search`; see BENCHMARKS.md, "Speed and memory".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import faiss

FLAT = "IndexFlatIP"
HNSW = "IndexHNSWFlat"
FLAT_MAX = 150_000
"""Largest count searched exactly: flat search stays under half the query's embedding time up to
~130k (busy machine) to ~210k passages (quiet machine); 150k sits between those measurements."""
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 128


def choose_index_type(count: int, flat_max: int = FLAT_MAX) -> str:
    """Exact search while it is fast enough, a graph index beyond."""
    return FLAT if count <= flat_max else HNSW


def build_faiss(vectors: np.ndarray, index_type: str) -> faiss.Index:
    """A FAISS index over `vectors` (n x dim float32, already normalised), ids 0..n-1."""
    import faiss

    dim = int(vectors.shape[1])
    if index_type == FLAT:
        index = faiss.IndexFlatIP(dim)
    elif index_type == HNSW:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        raise ValueError(f"unknown index type {index_type!r}")
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def index_type_of(index: faiss.Index) -> str:
    """The concrete class name of a loaded index (what the manifest records)."""
    import faiss

    return type(faiss.downcast_index(index)).__name__


def stored_vectors(index: faiss.Index) -> np.ndarray:
    """All vectors back out of a flat or HNSW-flat index, in id order (for reuse on rebuild)."""
    if index.ntotal == 0:
        return np.zeros((0, index.d), dtype=np.float32)
    return np.asarray(index.reconstruct_n(0, index.ntotal), dtype=np.float32)
