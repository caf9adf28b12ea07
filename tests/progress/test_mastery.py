"""Mastery arithmetic, checked against numbers worked out by hand from the documented formula."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from interviewer.progress.mastery import (
    HALF_LIFE_DAYS,
    confidence,
    question_mastery,
    recency_weight,
    topic_mastery,
    weak_topics,
    weakest_questions,
)
from tests.progress.synthetic import T0, fill_weeks, record

DAY = timedelta(days=1)


def test_weights_and_confidence() -> None:
    assert recency_weight(0) == 1.0
    assert recency_weight(HALF_LIFE_DAYS) == pytest.approx(0.5)
    assert recency_weight(2 * HALF_LIFE_DAYS) == pytest.approx(0.25)
    assert recency_weight(-3) == 1.0
    assert [confidence(n) for n in (1, 2, 3)] == [0.5, 0.75, 0.875]


def test_question_mastery_by_hand() -> None:
    now = T0 + 14 * DAY
    turns = [record(1, "a", 4.0, T0), record(2, "a", 8.0, now)]
    qm = question_mastery(turns, now)["a"]
    # weights 0.5 (two weeks old) and 1: (0.5*4 + 8) / 1.5 = 6.667; confidence(2) = 0.75
    assert qm.recent_score == pytest.approx(10 / 1.5)
    assert qm.confidence == 0.75
    assert qm.mastery == pytest.approx(10 / 1.5 / 10 * 0.75 + 0.25 * 0.5)  # = 0.625
    assert qm.attempts == 2 and qm.last_score == 8.0


def test_one_answer_moves_mastery_halfway_from_not_known_yet() -> None:
    aced = question_mastery([record(1, "a", 10.0, T0)], T0)["a"]
    assert aced.mastery == pytest.approx(0.75)
    failed = question_mastery([record(1, "a", 0.0, T0)], T0)["a"]
    assert failed.mastery == pytest.approx(0.25)


def test_a_topic_aced_once_is_not_weaker_than_one_missed_four_times() -> None:
    """Weak mode drilled 正则化 (one answer, 10) before CNN, whose 池化 scored 4.6 four times
    (weeks audit): a single 10 read as 50% mastery."""
    turns = [record(1, "a", 10.0, T0, topic="正则化/过拟合")]
    turns += [record(2 + i, "b", 4.6, T0, topic="CNN", session_id=2 + i) for i in range(4)]
    turns += [record(9, "c", 10.0, T0, topic="CNN", session_id=9)]
    assert [t.topic for t in topic_mastery(turns, T0)] == ["CNN", "正则化/过拟合"]


def test_recent_improvement_outweighs_an_old_failure() -> None:
    now = T0 + 28 * DAY
    improving = [record(1, "q", 2.0, T0), record(2, "q", 9.0, now)]
    declining = [record(1, "q", 9.0, T0), record(2, "q", 2.0, now)]
    up = question_mastery(improving, now)["q"]
    down = question_mastery(declining, now)["q"]
    # weights 0.25 and 1: (0.25*2 + 9)/1.25 = 7.6 vs (0.25*9 + 2)/1.25 = 3.4
    assert up.recent_score == pytest.approx(7.6)
    assert down.recent_score == pytest.approx(3.4)


def test_topic_mastery_is_the_mean_over_questions() -> None:
    now = T0 + 14 * DAY
    turns = [
        record(1, "a", 4.0, T0, topic="归一化"),
        record(2, "a", 8.0, now, topic="归一化", session_id=2),  # mastery 0.625 (above)
        record(3, "b", 6.0, now, topic="归一化", session_id=2),  # 0.6 * 0.5 + 0.25 = 0.55
        record(4, "c", 10.0, now, topic="优化器"),
        record(5, "c", 10.0, now, topic="优化器", session_id=3),  # two: 0.75 + 0.125
    ]
    topics = topic_mastery(turns, now)
    assert [t.topic for t in topics] == ["归一化", "优化器"]  # weakest first
    norm, opt = topics
    assert norm.mastery == pytest.approx((0.625 + 0.55) / 2)
    assert norm.questions == 2 and norm.attempts == 3
    assert norm.mean_score == pytest.approx((4 + 8 + 6) / 3)
    assert opt.mastery == pytest.approx(0.875)


def test_topic_mean_leaves_out_passes_and_retries_like_every_average() -> None:
    """A topic's 平均分 beside the overview's must average the same answers: a skip is not a 0
    and the in-session retry of a missed question is practice (found in a report showing 归一化
    4.6 under the session summary's 4.5)."""
    skip = replace(record(3, "b", 0.0, T0, topic="归一化", answer="", label="empty"), skipped=True)
    turns = [
        record(1, "a", 2.0, T0, topic="归一化"),
        record(2, "c", 6.0, T0, topic="归一化"),
        skip,
        record(4, "a", 10.0, T0 + timedelta(minutes=5), topic="归一化"),  # retried: not a score
    ]
    (norm,) = topic_mastery(turns, T0)
    assert norm.mean_score == pytest.approx((2 + 6) / 2) and norm.scored == 2
    assert norm.attempts == 4  # mastery still sees every attempt
    (only_skipped,) = topic_mastery([skip], T0)
    assert only_skipped.mean_score is None and only_skipped.scored == 0


def test_follow_ups_and_unanswered_are_left_out() -> None:
    turns = [
        record(1, "a", 8.0, T0),
        record(2, "a", 0.0, T0 + timedelta(minutes=1), parent_turn_id=1),
    ]
    qm = question_mastery(turns, T0)["a"]
    assert qm.attempts == 1 and qm.recent_score == 8.0


def test_topic_follows_the_latest_attempt() -> None:
    turns = [record(1, "a", 5.0, T0, topic="旧主题"), record(2, "a", 5.0, T0, topic="新主题")]
    assert [t.topic for t in topic_mastery(turns, T0)] == ["新主题"]


def test_weakest_questions_filters() -> None:
    turns = [
        record(1, "good", 9.0, T0),
        record(2, "bad", 2.0, T0),
        record(3, "gone", 0.0, T0, removed=True),
    ]
    assert [q.question_id for q in weakest_questions(turns, T0, 2)] == ["gone", "bad"]
    kept = weakest_questions(turns, T0, 5, include_removed=False)
    assert [q.question_id for q in kept] == ["bad", "good"]
    assert [q.question_id for q in weakest_questions(turns, T0, 5, bank_ids={"good"})] == ["good"]


def test_weak_topics_from_a_store(tmp_path: Path) -> None:
    store = fill_weeks(tmp_path / "h.sqlite3")
    now = T0 + 10 * DAY
    topics = topic_mastery(store.answered_turns(), now)
    assert weak_topics(store, 2, now) == [t.topic for t in topics[:2]]
    assert weak_topics(store, 1, now) == ["归一化"]  # BN failed three times, LN half right
    store.mark_removed_questions({"q-adam", "q-dropout"})  # the normalisation notes were deleted
    assert "归一化" not in weak_topics(store, 3, now)
    store.close()
