"""Spaced review over simulated weeks: every `now` is injected, so the calendar is the test's."""

from __future__ import annotations

from datetime import timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Rating

from interviewer.progress.scheduler import (
    RELEARN_STEP,
    count_due,
    due_from_turns,
    due_questions,
    next_due_within,
    rating_for,
    replay,
    weak_due,
)
from tests.progress.synthetic import T0, fill_weeks, record

UTC = timezone.utc
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("score", "label", "hint", "rating"),
    [
        (0.0, "empty", False, Rating.Again),  # a skip
        (7.0, "contradicts", False, Rating.Again),
        (7.0, "off_topic", False, Rating.Again),
        (2.9, "incorrect", False, Rating.Again),
        (3.0, "partial", False, Rating.Hard),
        (5.9, "partial", False, Rating.Hard),
        (6.0, "partial", False, Rating.Good),
        (8.4, "correct", False, Rating.Good),
        (8.5, "correct", False, Rating.Easy),
        (10.0, "correct", True, Rating.Hard),  # a hint caps at Hard
        (2.0, "incorrect", True, Rating.Again),  # ... but does not lift a fail
        (None, None, False, Rating.Again),
    ],
)
def test_rating_for(score: float | None, label: str | None, hint: bool, rating: Rating) -> None:
    assert rating_for(score, label, hint) is rating


def test_failed_today_is_due_before_aced_last_week() -> None:
    turns = [
        record(1, "aced", 9.5, T0),  # day 0
        record(2, "failed", 1.0, T0 + 6 * DAY),  # day 6
    ]
    # Day 7: the failed question is due, the aced one (about a week's interval) not yet.
    day7 = due_from_turns(turns, None, T0 + 7 * DAY, tz=UTC)
    assert [d.question_id for d in day7] == ["failed"]
    # Day 9: both due, the failed one more overdue, so it comes first.
    day9 = due_from_turns(turns, None, T0 + 9 * DAY, tz=UTC)
    assert [d.question_id for d in day9] == ["failed", "aced"]
    assert day9[0].overdue_days > day9[1].overdue_days > 0
    assert day9[0].last_score == 1.0 and day9[0].reviews == 1


def test_aced_question_intervals_grow_when_reviewed_on_time() -> None:
    turns = [record(1, "q", 10.0, T0)]
    intervals = []
    for n in range(2, 6):
        card = replay(turns)["q"]
        intervals.append(card.interval_days)
        turns.append(record(n, "q", 10.0, card.due))  # answered (aced) the day it falls due
    assert intervals == sorted(intervals) and len(set(intervals)) == len(intervals)
    assert intervals[0] >= 7  # an aced new question waits about a week
    assert intervals[-1] > 4 * intervals[0]


def test_failing_an_established_question_brings_it_back_the_same_day() -> None:
    turns = [record(1, "q", 10.0, T0), record(2, "q", 10.0, T0 + 8 * DAY)]
    assert replay(turns)["q"].interval_days > 30
    failed_at = T0 + 40 * DAY
    turns.append(record(3, "q", 1.0, failed_at))
    card = replay(turns)["q"]
    assert card.due == failed_at + RELEARN_STEP  # a relearning step, not tomorrow
    assert card.reviews == 3 and card.last_rating is Rating.Again
    # answered well on the way back: back to day intervals
    turns.append(record(4, "q", 9.0, failed_at + 2 * RELEARN_STEP))
    assert replay(turns)["q"].interval_days >= 1


def test_a_known_question_answered_with_core_points_missed_comes_back_soon() -> None:
    """A 10 then a 4.6 (two core points missed) was next asked 25 days later: FSRS's Hard
    lengthens a known card's interval (weeks audit). It is a lapse: back the same day, then days."""
    known = [record(1, "q", 10.0, T0), record(2, "q", 10.0, T0 + 8 * DAY)]
    shaky_at = T0 + 40 * DAY
    card = replay([*known, record(3, "q", 4.6, shaky_at)])["q"]
    assert card.last_rating is Rating.Again and card.due == shaky_at + RELEARN_STEP
    # a hinted right answer on a known question is still Hard, not a lapse
    hinted = replay([*known, record(3, "q", 9.0, shaky_at, hint_used=True)])["q"]
    assert hinted.last_rating is Rating.Hard and hinted.interval_days > 1


def test_five_misses_come_back_later_the_same_session_day() -> None:
    """Right after five failures nothing is due yet; ten minutes later all five are."""
    turns = [record(n, f"q{n}", 1.0, T0 + n * timedelta(minutes=1)) for n in range(1, 6)]
    last = T0 + 5 * timedelta(minutes=1)
    assert due_from_turns(turns, None, last + timedelta(minutes=1), tz=UTC) == []
    later = due_from_turns(turns, None, last + RELEARN_STEP, tz=UTC)
    assert sorted(d.question_id for d in later) == [f"q{n}" for n in range(1, 6)]


def test_weak_questions_say_when_they_come_back() -> None:
    turns = [
        record(1, "missed", 1.0, T0),
        record(2, "shaky", 4.0, T0 + timedelta(minutes=1)),
        record(3, "known", 9.5, T0 + timedelta(minutes=2)),
    ]
    weak = weak_due(turns, None)
    assert [w.question_id for w in weak] == ["missed", "shaky"]  # soonest first
    assert weak[0].due == T0 + RELEARN_STEP
    assert weak_due(turns, {"shaky"}) == weak[1:]


def test_follow_up_does_not_schedule_its_parent_twice() -> None:
    parent = record(1, "q", 9.0, T0)
    follow = record(2, "q", 0.0, T0 + timedelta(minutes=2), parent_turn_id=1)
    alone = replay([parent])["q"]
    both = replay([parent, follow])["q"]
    assert both.reviews == 1
    assert both.due == alone.due


def test_hint_shortens_the_interval() -> None:
    clean = replay([record(1, "q", 10.0, T0)])["q"]
    hinted = replay([record(1, "q", 10.0, T0, hint_used=True)])["q"]
    assert hinted.last_rating is Rating.Hard
    assert hinted.interval_days < clean.interval_days


def test_bank_filter_removed_questions_and_new_questions() -> None:
    turns = [
        record(1, "live", 1.0, T0),
        record(2, "gone", 1.0, T0, removed=True),
    ]
    now = T0 + 3 * DAY
    assert [d.question_id for d in due_from_turns(turns, None, now, tz=UTC)] == ["live"]
    assert [d.question_id for d in due_from_turns(turns, {"gone"}, now, tz=UTC)] == ["gone"]
    # a bank question never answered is new, not due
    assert due_from_turns(turns, {"never-asked"}, now, tz=UTC) == []


def test_day_intervals_count_by_local_day_learning_steps_by_the_minute() -> None:
    turns = [record(1, "q", 7.0, T0)]  # Good on a new question: due T0 + 2 days, 09:00 UTC
    due = replay(turns)["q"].due
    assert due == T0 + 2 * DAY
    early_that_day = due - timedelta(hours=8)  # 01:00 UTC the same day
    assert [d.question_id for d in due_from_turns(turns, None, early_that_day, tz=UTC)] == ["q"]
    assert due_from_turns(turns, None, due - DAY, tz=UTC) == []
    missed = [record(1, "m", 1.0, T0)]  # a relearning step: due from its minute on
    assert due_from_turns(missed, None, T0 + RELEARN_STEP / 2, tz=UTC) == []
    assert due_from_turns(missed, None, T0 + RELEARN_STEP, tz=UTC) != []


def test_replay_sorts_out_of_order_records() -> None:
    ordered = [record(1, "q", 2.0, T0), record(2, "q", 9.0, T0 + 2 * DAY)]
    assert replay(list(reversed(ordered)))["q"].due == replay(ordered)["q"].due


def test_due_questions_on_a_real_store_over_weeks(tmp_path: Path) -> None:
    store = fill_weeks(tmp_path / "h.sqlite3")
    bank = {"q-adam", "q-bn", "q-ln", "q-dropout", "q-new"}
    # Day 10: BN was failed on day 7 (and its follow-up failed too, which must not count twice).
    due = due_questions(store, bank, T0 + 10 * DAY, tz=UTC)
    ids = [d.question_id for d in due]
    assert ids[0] == "q-bn"
    assert "q-adam" not in ids  # aced on day 0 and day 7: weeks away
    assert "q-new" not in ids
    assert ids == [d.question_id for d in sorted(due, key=lambda d: d.due)]
    assert count_due(store, bank, T0 + 10 * DAY, tz=UTC) == len(due)
    bn = replay(store.answered_turns())["q-bn"]
    assert bn.reviews == 3  # day 0, day 1, day 7 — the follow-up is not a review
    ahead = next_due_within(store.answered_turns(), T0 + 10 * DAY, 60, tz=UTC)
    assert sum(ahead.values()) == 4
    assert ahead[0] == len(due)
    store.close()
