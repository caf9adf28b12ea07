"""Score trend per day and the practice streak."""

from __future__ import annotations

from datetime import date, timedelta, timezone

import pytest

from interviewer.progress.activity import answer_days, daily_scores, streak
from tests.progress.synthetic import T0, record

DAY = timedelta(days=1)


def test_daily_scores_mean_per_day() -> None:
    turns = [
        record(1, "a", 4.0, T0),
        record(2, "b", 8.0, T0 + timedelta(hours=2)),
        record(3, "a", 9.0, T0 + 2 * DAY, session_id=2),
        # follow-up: not in the trend
        record(4, "a", 0.0, T0 + 2 * DAY, parent_turn_id=3, session_id=2),
    ]
    days = daily_scores(turns, tz=timezone.utc)
    assert [(d.day, d.answers) for d in days] == [(date(2024, 5, 1), 2), (date(2024, 5, 3), 1)]
    assert days[0].mean_score == pytest.approx(6.0)
    assert days[1].mean_score == 9.0


def test_days_follow_the_candidates_time_zone() -> None:
    late = T0.replace(hour=23)  # 23:00 UTC is the next morning in UTC+8
    assert answer_days([record(1, "a", 5, late)], timezone(timedelta(hours=8))) == {
        date(2024, 5, 2)
    }


def test_streak() -> None:
    days = {date(2024, 5, d) for d in (1, 2, 3, 5, 6)}
    assert streak(days, date(2024, 5, 6)) == 2
    assert streak(days, date(2024, 5, 7)) == 2  # not broken until today is over
    assert streak(days, date(2024, 5, 8)) == 0
    assert streak(days, date(2024, 5, 3)) == 3
    assert streak(set(), date(2024, 5, 3)) == 0
