"""Cutting a grade's texts into forward passes: every text once, long ones apart from short ones."""

from __future__ import annotations

import pytest

from interviewer.grading.batching import plan_batches, token_estimate

CLAUSES = [
    "BN 对每个 batch 归一化",
    "再用 gamma 和 beta 缩放平移",
    "训练更稳定",
    "可以用更大的学习率",
]
WHOLE = "，".join(CLAUSES) * 4


def test_every_text_is_in_exactly_one_pass() -> None:
    texts = [*CLAUSES, WHOLE, "好的", "a much longer English clause about internal covariate shift"]
    groups = plan_batches(texts)
    assert sorted(i for g in groups for i in g) == list(range(len(texts)))


def test_a_long_text_is_not_padded_onto_short_clauses() -> None:
    groups = plan_batches([*CLAUSES, WHOLE])
    assert [4] in groups  # the whole answer has its pass
    assert [sorted(g) for g in groups if 4 not in g] == [[0, 1, 2, 3]]  # the clauses share one


def test_texts_of_similar_length_share_a_pass() -> None:
    assert len(plan_batches(CLAUSES * 5)) == 1
    assert plan_batches([]) == []


@pytest.mark.parametrize(
    "text",
    [
        "梯度消失是因为链式法则里很多小于一的导数连乘",
        "Adam keeps a running mean of the gradient and of its square",
        "BN 在训练时用 mini-batch 的均值和方差，推理时用 running mean",
        "lr 设成 3e-4，batch size 256，warmup 1000 步",
    ],
)
def test_the_length_estimate_is_close_to_the_model_tokenizer(embedder, text: str) -> None:
    real = len(embedder.model.tokenizer(embedder.query_prefix + text)["input_ids"])
    assert abs(token_estimate(text) - real) <= 0.3 * real
