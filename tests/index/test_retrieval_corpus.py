"""Retrieval on the real seed corpus with the real model: the targets BENCHMARKS.md reports."""

from __future__ import annotations

import json

import pytest

from interviewer.index.search import HybridRetriever, open_retriever
from tests.conftest import REPO, SEEDS_CORPUS

pytestmark = pytest.mark.slow  # builds the seed index: ~30 s alone, minutes on a busy machine


@pytest.fixture(scope="module")
def retriever(seed_index, embedder) -> HybridRetriever:
    return open_retriever(seed_index, embedder, SEEDS_CORPUS)


def _paraphrases() -> list[dict]:
    path = REPO / "bench" / "paraphrases.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_seed_index_is_fresh_and_complete(retriever):
    assert retriever.stale is None
    assert len(retriever.questions()) > 100
    answered = [q for q in retriever.questions() if q.has_answer]
    assert all(retriever.chunks_for_question(q.id) for q in answered)


@pytest.mark.parametrize(
    ("paraphrase", "target"),
    [
        ("BN 到底有啥用", "简单介绍一下Batch Normalization以及它的作用"),
        ("说说 Adam 跟 SGD 哪儿不一样", "Adam和SGD的区别?"),
        ("Transformer 里为啥都用 LN 不用 BN 啊", "transformer中为什么不适用BN归一化?"),
        ("为什么大家都用 3x3 的小卷积核而不是 5x5", "3x3卷积核和5x5卷积核相比的优点?"),
        ("KL divergence 是什么，对称吗", "KL散度"),
    ],
)
def test_colloquial_paraphrases_hit_the_top_3(retriever, paraphrase, target):
    assert target in [q.text for q, _ in retriever.rank_questions(paraphrase, 3)]


def test_paraphrase_set_meets_the_top_3_target(retriever):
    rows = _paraphrases()
    ids = {q.id for q in retriever.questions()}
    assert {row["id"] for row in rows} <= ids, "paraphrase targets missing: ids changed?"
    hits = sum(
        row["id"] in [q.id for q, _ in retriever.rank_questions(row["paraphrase"], 3)]
        for row in rows
    )
    assert hits / len(rows) >= 0.9


def test_a_questions_own_answer_passages_rank_first(retriever):
    answered = [q for q in retriever.questions() if retriever.chunks_for_question(q.id)]
    first_answer_is_own = 0
    for question in answered:
        hits = retriever.search(question.text, 10)
        assert hits[0].chunk.question_id == question.id
        answers = [h for h in hits if h.chunk.kind == "answer"]
        first_answer_is_own += bool(answers) and answers[0].chunk.question_id == question.id
    assert first_answer_is_own / len(answered) >= 0.95


def test_match_question_finds_the_bank_entry_for_a_typed_question(retriever):
    match = retriever.match_question("dropout 为什么能缓解过拟合")
    assert match is not None
    question, similarity = match
    assert "dropout" in question.text.lower() and 0.8 < similarity <= 1.0
