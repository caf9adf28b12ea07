"""Question selection: topics, modes, and preferring questions the notes answer."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from random import Random

import pytest

from interviewer.interview.selection import (
    History,
    PlanError,
    filter_topics,
    group_by_topic,
    select,
)
from interviewer.types.bank import Question
from interviewer.types.plan import InterviewPlan
from tests.interview.fakes import make_bank

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


def ids(questions) -> list[str]:
    return [q.id for q in questions]


def test_topic_filter_exact_then_substring() -> None:
    bank = make_bank()
    assert {q.topic for q in filter_topics(bank, ["优化器"])} == {"优化器"}
    assert {q.topic for q in filter_topics(bank, ["归一"])} == {"归一化"}
    assert filter_topics(bank, []) == bank
    with pytest.raises(PlanError):
        filter_topics(bank, ["不存在的话题"])


def test_a_topic_asked_for_by_one_of_its_keywords() -> None:
    """`--topic 大模型` was "no questions on topic 大模型" though 大模型 is a word of
    注意力/Transformer, where LLM notes are filed (new-user audit)."""
    bank = [*make_bank(), Question(id="kv", text="什么是 KV cache？", topic="注意力/Transformer")]
    assert {q.topic for q in filter_topics(bank, ["大模型"])} == {"注意力/Transformer"}
    assert {q.topic for q in filter_topics(bank, ["Adam"])} == {"优化器"}


def test_new_mode_skips_asked_questions_and_prefers_answered_ones() -> None:
    bank = make_bank()
    history = History(asked_at={"adam": T0, "bn": T0})
    picked = select(bank, InterviewPlan(count=3, mode="new"), history, Random(1))
    assert not {"adam", "bn"} & set(ids(picked)) and "kl" not in ids(picked)
    everything = select(bank, InterviewPlan(count=6, mode="new"), history, Random(1))
    assert len(everything) == 6  # the bank ran out of new ones: the long-unseen fill in


def test_review_mode_asks_due_questions_first() -> None:
    bank = make_bank()
    history = History(asked_at={"ln-bn": T0, "overfit": T0}, due=("ln-bn", "overfit"))
    picked = select(bank, InterviewPlan(count=3, mode="review"), history, Random(2))
    assert {"ln-bn", "overfit"} <= set(ids(picked))


def test_weak_mode_starts_with_the_weakest_topic() -> None:
    bank = make_bank()
    history = History(
        asked_at={"ln-bn": T0, "bn": T0 + timedelta(days=1)},
        last_score={"ln-bn": 2.0, "bn": 6.0},
        weak_topics=("归一化", "优化器"),
    )
    picked = select(bank, InterviewPlan(count=3, mode="weak"), history, Random(3))
    assert ids(picked)[:2] == ["ln-bn", "bn"]
    assert picked[2].topic == "优化器"


def test_same_seed_same_pick_and_topics_stay_together() -> None:
    bank = make_bank()
    a = select(bank, InterviewPlan(count=5, mode="new"), History(), Random(9))
    b = select(bank, InterviewPlan(count=5, mode="new"), History(), Random(9))
    assert ids(a) == ids(b)
    topics = [q.topic for q in a]
    assert topics == [q.topic for q in group_by_topic(a)]
    runs = [t for i, t in enumerate(topics) if i == 0 or topics[i - 1] != t]
    assert len(runs) == len(set(topics))  # each topic appears as one block


def test_empty_bank_is_a_clear_error() -> None:
    with pytest.raises(PlanError, match="interviewer build"):
        select([], InterviewPlan(), History(), Random(0))


def test_plan_validates_and_round_trips() -> None:
    plan = InterviewPlan(topics=["优化器"], count=3, mode="weak", seed=5)  # type: ignore[arg-type]
    assert plan.topics == ("优化器",) and InterviewPlan.from_json(plan.to_json()) == plan
    with pytest.raises(ValueError):
        InterviewPlan(count=0)
    with pytest.raises(ValueError):
        InterviewPlan(mode="hard")  # type: ignore[arg-type]


GRADIENT_GROUP = [
    Question("g1", "梯度消失和梯度爆炸的主要原因", "训练技巧"),
    Question("g2", "缓解梯度消失和梯度爆炸的方法", "训练技巧"),
    Question("g3", "梯度爆炸,梯度消失,梯度弥散是什么,为什么会出现这种情况以及处理办法", "训练技巧"),
]
DISTINCT = [
    Question("r1", "如何理解RNN中的梯度消失问题?", "RNN"),
    Question("l1", "LSTM是如何缓解梯度消失问题的?", "RNN"),
    Question("b1", "BN为什么有效", "归一化"),
    Question("b2", "训练与推理时BN中的均值、方差计算差异是什么?", "归一化"),
]


@pytest.mark.parametrize("mode", ["new", "review", "weak"])
@pytest.mark.parametrize("seed", range(8))
def test_a_session_never_asks_two_of_one_near_duplicate_group(mode: str, seed: int) -> None:
    bank = GRADIENT_GROUP + DISTINCT
    due = ("g1", "g2")  # even when both are due
    picked = select(bank, InterviewPlan(count=7, mode=mode), History(due=due), Random(seed))
    ids = [q.id for q in picked]
    assert sum(qid.startswith("g") for qid in ids) == 1
    assert {"r1", "l1", "b1", "b2"} <= set(ids)  # different questions about one concept stay
