"""Practice over the calendar: the score trend day by day and the streak that keeps people going."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from interviewer.progress.records import AnsweredTurn, local_day, scored_main_turns


@dataclass(frozen=True)
class DayScore:
    day: date
    answers: int
    mean_score: float


def daily_scores(turns: Iterable[AnsweredTurn], tz: tzinfo | None = None) -> list[DayScore]:
    """Mean main-question score per local day, oldest first (days without answers omitted);
    passes (skipped with no answer) are not scores and are left out."""
    by_day: dict[date, list[float]] = defaultdict(list)
    for turn in scored_main_turns(turns):
        by_day[local_day(turn.answered_at, tz)].append(float(turn.score))  # type: ignore[arg-type]
    return [DayScore(d, len(s), sum(s) / len(s)) for d, s in sorted(by_day.items())]


def answer_days(turns: Iterable[AnsweredTurn], tz: tzinfo | None = None) -> set[date]:
    """Local days with at least one answer (follow-ups and skips count: the candidate showed up)."""
    return {local_day(t.answered_at, tz) for t in turns if t.answered_at is not None}


def streak(days: set[date], today: date) -> int:
    """Consecutive days with an answer, ending today — or yesterday, so a streak is not broken
    before today's practice has had a chance to happen."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
