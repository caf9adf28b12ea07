"""Saved BM25 postings: the same ranking as building it, reused only for the very same texts."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from interviewer.index import lexical_cache
from interviewer.index.lexical import BM25
from interviewer.index.lexical_cache import FILE, open_bm25

TEXTS = [
    "BN的作用：加速收敛，允许更大的学习率",
    "Adam和SGD的区别：Adam自适应调整学习率",
    "Dropout randomly zeroes activations to reduce overfitting",
    "LN对每个样本归一化，适合RNN和Transformer",
]
QUERIES = ["BN 学习率", "overfitting dropout", "层归一化 transformer", "没有的词"]


def test_flattened_postings_rank_exactly_as_built() -> None:
    built = BM25(TEXTS)
    again = BM25.from_arrays(built.to_arrays())
    for query in QUERIES:
        assert np.array_equal(built.scores(query), again.scores(query))
        assert built.top(query, 3) == again.top(query, 3)


def test_saved_postings_are_reused_for_the_same_texts(tmp_path: Path, monkeypatch) -> None:
    first = open_bm25(tmp_path, TEXTS)
    assert (tmp_path / FILE).is_file()

    def no_build(self, documents, k1=1.2, b=0.75):  # noqa: ANN001, ANN202 - a tripwire
        raise AssertionError("the saved postings should have been used")

    monkeypatch.setattr(BM25, "__init__", no_build)
    reused = open_bm25(tmp_path, TEXTS)
    assert np.array_equal(reused.scores("BN 学习率"), first.scores("BN 学习率"))


def test_other_texts_a_damaged_file_or_a_read_only_folder_mean_building(
    tmp_path: Path, monkeypatch
) -> None:
    open_bm25(tmp_path, TEXTS)
    changed = [*TEXTS[:-1], "GN按组归一化"]
    ranker = open_bm25(tmp_path, changed)
    assert ranker.size == 4 and ranker.top("GN", 1)[0][0] == 3  # built from the new texts
    (tmp_path / FILE).write_bytes(b"PK\x03\x04 damaged")
    assert open_bm25(tmp_path, TEXTS).top("Dropout", 1)[0][0] == 2

    def read_only(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - stands in for os.replace
        raise PermissionError(13, "Permission denied")

    (tmp_path / FILE).unlink()
    monkeypatch.setattr(lexical_cache.os, "replace", read_only)
    assert open_bm25(tmp_path, TEXTS).top("Adam", 1)[0][0] == 1
    assert not (tmp_path / FILE).exists()


def test_a_tokenizer_change_is_a_different_stamp(monkeypatch) -> None:
    before = lexical_cache.stamp(TEXTS)
    monkeypatch.setattr(lexical_cache, "tokenizer_fingerprint", lambda: "another tokenizer")
    assert lexical_cache.stamp(TEXTS) != before
