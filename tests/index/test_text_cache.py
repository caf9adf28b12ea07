"""The question-text vector cache: a rebuild embeds only the question texts that changed."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from interviewer.index.build import build_index
from interviewer.index.text_cache import (
    FILE,
    CachedEmbedder,
    load_text_vectors,
    save_text_vectors,
    text_key,
)
from tests.index.conftest import line_scanner


class SymmetricCounter:
    """The real embedder, counting the texts it was asked to embed symmetrically."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.symmetric: list[str] = []

    def embed_symmetric(self, texts):
        self.symmetric.extend(texts)
        return self.inner.embed_symmetric(texts)

    def embed_passages(self, texts):
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)


def grouping_scanner(corpus_dir: Path, embedder=None):
    """The stand-in parser, embedding every question as the real bank grouping does."""
    scan = line_scanner(corpus_dir)
    embedder.embed_symmetric([q.text for q in scan.questions])
    return scan


def test_cached_vectors_are_the_models_and_only_new_texts_are_embedded(embedder) -> None:
    counter = SymmetricCounter(embedder)
    first = CachedEmbedder(counter, {})
    vectors = first.embed_symmetric(["BN的作用", "Adam和SGD的区别", "BN的作用"])
    assert counter.symmetric == ["BN的作用", "Adam和SGD的区别"]  # a repeat is embedded once
    assert np.allclose(vectors[0], embedder.embed_symmetric(["BN的作用"])[0], atol=1e-5)
    second = CachedEmbedder(counter, dict(first.used))
    again = second.embed_symmetric(["Adam和SGD的区别", "LN的作用"])
    assert counter.symmetric[2:] == ["LN的作用"] and second.embedded == 1
    assert np.array_equal(again[0], vectors[1])


def test_the_file_round_trips_and_a_bad_one_is_an_empty_cache(tmp_path: Path) -> None:
    used = {text_key("m", "BN"): np.ones(4, np.float32), text_key("m", "LN"): np.zeros(4)}
    save_text_vectors(tmp_path, used)
    loaded = load_text_vectors(tmp_path)
    assert set(loaded) == set(used) and np.array_equal(loaded[text_key("m", "BN")], np.ones(4))
    assert text_key("other-model", "BN") not in loaded  # another model never hits
    (tmp_path / FILE).write_bytes(b"not a zip")
    assert load_text_vectors(tmp_path) == {}
    assert load_text_vectors(tmp_path / "missing") == {}


def test_a_rebuild_embeds_only_the_question_that_changed(small_corpus, tmp_path, embedder):
    index = tmp_path / "index"

    def build(counter):
        return build_index(
            small_corpus, index, "test-spec", lambda: counter, scanner=grouping_scanner
        )

    first = SymmetricCounter(embedder)
    build(first)
    assert len(first.symmetric) == 5 and (index / FILE).exists()
    path = small_corpus / "opt.txt"
    path.write_text(path.read_text("utf-8") + "什么是梯度裁剪?|限制梯度的范数。\n", "utf-8")
    second = SymmetricCounter(embedder)
    build(second)
    assert second.symmetric == ["什么是梯度裁剪?"]
    assert len(load_text_vectors(index)) == 6
