"""An answer to a neighbouring bank question that also says half of its own key: off-topic when
its meaning leans to the other question (the real embedding model, the shipped keys)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.grading.similarity import SimilarityGrader
from interviewer.keys.load import load_keys
from interviewer.types.verdict import Label, Reference

BOOK = load_keys([Path(__file__).resolve().parents[2] / "corpus" / "keys"])
ACTIVATION = "神经网络中激活函数的真正意义?"


@pytest.fixture(scope="module")
def grade(embedder):
    grader = SimilarityGrader(embedder, keys=BOOK)

    def run(question: str, answer: str):
        key = next(k for k in BOOK.distinct() if question in k.question.split(" / "))
        ref = Reference(text="notes", source="x", question_id=key.ids[0], key=key)
        return grader.grade(question, answer, [ref])

    return run


def test_a_comparison_of_activations_is_off_topic_for_why_activations_at_all(grade) -> None:
    verdict = grade(
        ACTIVATION,
        "常用的有sigmoid和relu sigmoid处处可导 把输出压到0到1 两头会饱和 导数最大0.25 "
        "层一多梯度就没了 而且要算指数比较慢 relu在正区间导数是1 计算简单 "
        "缺点是负的那边梯度是0 神经元可能死掉 所以现在隐藏层基本都用relu",
    )
    # it makes half its own key (differentiable, cheap to compute): a share no lexical rule
    # can call off-topic
    assert verdict.label is Label.OFF_TOPIC and verdict.score == 0
    assert any("sigmoid" in f.values.get("other", "") for f in verdict.findings)


@pytest.mark.parametrize(
    "answer",
    [
        "激活函数最根本的作用就是引入非线性 不然多层线性变换叠起来还是一个线性变换",
        "就是加非线性嘛 没有它的话网络再深也只是线性模型 像relu sigmoid都是干这个的",
    ],
)
def test_a_thin_answer_to_its_own_question_is_not_off_topic(grade, answer: str) -> None:
    assert grade(ACTIVATION, answer).label is not Label.OFF_TOPIC
