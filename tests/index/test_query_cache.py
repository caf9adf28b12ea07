"""Query vectors kept between processes: a later retriever answers the same query without the
model, with the same hits; anything odd about a kept vector is a miss, never a wrong vector."""

from __future__ import annotations

import numpy as np
import pytest

from interviewer.index.build import build_index
from interviewer.index.query_cache import QueryVectorCache
from interviewer.index.search import open_retriever
from tests.index.conftest import line_scanner, write_corpus


def test_round_trip_and_misses(tmp_path):
    cache = QueryVectorCache(tmp_path / "q")
    vector = np.arange(4, dtype=np.float32) / 10
    assert cache.get("m", "BN 的作用", 4) is None
    cache.put("m", "BN 的作用", vector)
    assert np.array_equal(cache.get("m", "BN 的作用", 4), vector)
    assert cache.get("other-model", "BN 的作用", 4) is None
    assert cache.get("m", "BN 的作用 ", 4) is None  # the exact text only
    assert cache.get("m", "BN 的作用", 8) is None  # another width: not this model's vector
    cache._path("m", "BN 的作用").write_bytes(b"garbage")
    assert cache.get("m", "BN 的作用", 4) is None
    cache.put("m", "nan", np.full(4, np.nan, np.float32))
    assert cache.get("m", "nan", 4) is None


def test_only_the_newest_are_kept(tmp_path):
    cache = QueryVectorCache(tmp_path / "q", keep=20)
    for n in range(30):
        cache.put("m", f"q{n}", np.ones(2, np.float32))
    assert len(list((tmp_path / "q").glob("*.npy"))) <= 20


class _NoModel:
    """The model's id and width, but no model: any embedding is a failure."""

    def __init__(self, embedder) -> None:
        self.model_id, self.dim = embedder.model_id, embedder.dim

    def embed_queries(self, texts):
        raise AssertionError(f"embedded {texts!r}: the kept vector was not used")


def test_a_later_retriever_searches_without_the_model(tmp_path, embedder):
    corpus = write_corpus(tmp_path / "corpus")
    build_index(corpus, tmp_path / "index", "spec", lambda: embedder, scanner=line_scanner)
    kept = tmp_path / "queries"
    first = open_retriever(tmp_path / "index", embedder, kept_queries=kept)
    hits = first.search("BN 到底有啥用", 3)
    match = first.match_question("BN 到底有啥用")

    later = open_retriever(tmp_path / "index", _NoModel(embedder), kept_queries=kept)
    assert [(h.chunk.id, h.score) for h in later.search("BN 到底有啥用", 3)] == [
        (h.chunk.id, h.score) for h in hits
    ]
    assert later.match_question("BN 到底有啥用") == match
    with pytest.raises(AssertionError, match="kept vector was not used"):
        later.search("一个没问过的问题", 3)
