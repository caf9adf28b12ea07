"""Retrieval with the real model and real FAISS: a hand-written corpus here, the seed corpus in
test_retrieval_corpus.py."""

from pathlib import Path

import pytest

from interviewer.errors import IndexStateError
from interviewer.index.build import build_index
from interviewer.index.search import HybridRetriever, open_retriever
from interviewer.index.store import load_index
from interviewer.index.vectors import HNSW, build_faiss, stored_vectors
from tests.index.conftest import SMALL_CORPUS, line_scanner, write_corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory, embedder) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("search")
    corpus = write_corpus(root / "corpus")
    build_index(corpus, root / "index", "spec", lambda: embedder, scanner=line_scanner)
    return corpus, root / "index"


@pytest.fixture(scope="module")
def retriever(built, embedder) -> HybridRetriever:
    corpus, index = built
    return open_retriever(index, embedder, corpus)


def _top_questions(retriever: HybridRetriever, text: str, k: int) -> list[str]:
    return [q.text for q, _ in retriever.rank_questions(text, k)]


@pytest.mark.parametrize(
    ("paraphrase", "target"),
    [
        ("BN 到底有啥用", "BN的作用是什么?"),
        ("说说 Adam 跟 SGD 哪儿不一样", "Adam和SGD的区别?"),
        ("layer norm 和 batch norm 有什么不同", "LN和BN的区别?"),
        ("为啥随机丢掉一些神经元能缓解过拟合", "dropout为什么能防止过拟合?"),
        ("lr decay 是干嘛的", "什么是学习率衰减?"),
    ],
)
def test_paraphrases_find_their_question(retriever, paraphrase, target):
    # top-2 of 5 here; top-1/top-3 rates on the seed corpus are in test_retrieval_corpus.py
    assert target in _top_questions(retriever, paraphrase, 2)


def test_a_questions_own_passages_rank_first(retriever):
    for question in retriever.questions():
        hits = retriever.search(question.text, k=3)
        assert hits[0].chunk.question_id == question.id
        answers = [h for h in hits if h.chunk.kind == "answer"]
        assert answers and answers[0].chunk.question_id == question.id


def test_search_modes_and_hit_contents(retriever):
    for mode in ("dense", "lexical", "hybrid"):
        hits = retriever.search_mode("梯度 batch 均值 方差", 3, mode)
        assert 0 < len(hits) <= 3
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    hit = retriever.search("批量归一化", 1)[0]
    assert hit.chunk.source.path == "norm.txt" and hit.chunk.question_id is not None
    assert retriever.search("   ", 3) == []


def test_chunks_for_question_are_its_answer_passages(retriever):
    question = next(q for q in retriever.questions() if q.text == "LN和BN的区别?")
    chunks = retriever.chunks_for_question(question.id)
    assert [c.kind for c in chunks] == ["answer"]
    assert chunks[0].text == SMALL_CORPUS["norm.txt"][1].split("|", 1)[1]
    assert retriever.chunks_for_question("no-such-id") == []
    assert retriever.question(question.id) is question
    assert retriever.question("no-such-id") is None


def test_match_question_scores_a_rephrasing_above_an_unrelated_question(retriever):
    matched = retriever.match_question("Adam 和 SGD 优化器有什么区别")
    assert matched is not None and matched[0].text == "Adam和SGD的区别?"
    unrelated = retriever.match_question("今天午饭吃什么")
    assert unrelated is not None and 0.0 <= unrelated[1] < matched[1] <= 1.0


def test_stale_index_is_reported_not_refused(built, embedder, tmp_path):
    corpus, index = built
    copy = tmp_path / "corpus"
    write_corpus(copy)
    assert open_retriever(index, embedder, copy).stale is None
    (copy / "norm.txt").write_text("LN和BN的区别?|改过了\n", "utf-8")
    stale = open_retriever(index, embedder, copy).stale
    assert stale == "the corpus changed since the index was built (1 changed (norm.txt))"


def test_index_from_another_model_is_refused(built, embedder):
    _, index = built

    class OtherModel:
        model_id = "someone-else/model"
        dim = embedder.dim

    with pytest.raises(IndexStateError, match="built with model .* configured model is someone"):
        HybridRetriever(load_index(index), OtherModel())


def test_an_hnsw_index_answers_like_the_flat_one(built, embedder):
    _, index = built
    flat = HybridRetriever(load_index(index), embedder)
    stored = load_index(index)
    stored.faiss_index = build_faiss(stored_vectors(stored.faiss_index), HNSW)
    hnsw = HybridRetriever(stored, embedder)
    for query in ("BN 到底有啥用", "Adam 和 SGD", "学习率衰减"):
        assert [h.chunk.id for h in hnsw.search(query, 3)] == [
            h.chunk.id for h in flat.search(query, 3)
        ]
