"""Everything the stats screen and the report show, computed once from the history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from typing import TYPE_CHECKING, Any

from interviewer.progress.activity import DayScore, answer_days, daily_scores, streak
from interviewer.progress.insights import SessionDelivery, summarize_session
from interviewer.progress.mastery import (
    QuestionMastery,
    TopicMastery,
    topic_mastery,
    weakest_questions,
)
from interviewer.progress.records import (
    AnsweredTurn,
    as_utc,
    graded_main_turns,
    is_pass,
    local_day,
    retry_ids,
    scored_main_turns,
)
from interviewer.progress.scheduler import replay
from interviewer.types.bands import SCORE_BANDS

if TYPE_CHECKING:
    from interviewer.storage.db import HistoryStore

WEAKEST = 5
OWN_SCORED = 10
"""The report lists at most this many answers the candidate gave their own score, newest first."""
KNOWN_SCORE = SCORE_BANDS.easy_at
"""A question whose recency-weighted score reaches this is known, not "weak", however few tries."""


@dataclass(frozen=True)
class Overview:
    """A snapshot of the candidate's progress at `now`."""

    now: datetime
    today: date
    sessions: tuple[Any, ...]
    """SessionRecord, oldest first."""
    answered: int
    """Main questions answered (skips included; in-session retries are counted in `retried`)."""
    follow_ups: int
    """Follow-ups answered (a skipped one is no answer)."""
    mean_score: float | None
    """Mean over main questions (`scored_main_turns`)."""
    first_day: date | None
    last_day: date | None
    streak: int
    due_today: int
    """Practised questions (still in the corpus) due for review by the end of today: a miss's
    relearning step, due in ten minutes, is one (a bare "0 due" after five misses read as if
    they would never come back)."""
    days: tuple[DayScore, ...]
    topics: tuple[TopicMastery, ...]
    """Weakest first."""
    weakest: tuple[QuestionMastery, ...]
    """Lowest mastery first, among questions not yet answered well (recent score < 8.5)."""
    delivery: SessionDelivery
    """Over every answer."""
    last_session_delivery: SessionDelivery | None
    due_at: dict[str, datetime]
    """Question id -> when it is next due for review (practised questions)."""
    scored: int = 0
    """How many answers `mean_score` averages: `answered` less the skips."""
    retried: int = 0
    """Missed questions asked once more in the same session (the relearning step): practice,
    outside `answered` and the averages."""
    own_scored: tuple[Any, ...] = ()
    """Answers the candidate gave their own score (TurnRecord, own_score set), newest first: where
    the grader and the candidate disagree, the first place to look for a key to fix."""

    @property
    def empty(self) -> bool:
        return self.answered == 0 and self.follow_ups == 0


def build_overview(
    turns: Iterable[AnsweredTurn],
    sessions: Sequence[Any],
    now: datetime,
    *,
    tz: tzinfo | None = None,
    weakest_n: int = WEAKEST,
) -> Overview:
    """Pure: from answered turns and session records, at an injected `now`."""
    turns = [t for t in turns if t.answered_at is not None]
    now = as_utc(now)
    main = graded_main_turns(turns)
    retries = retry_ids(main)
    scored = scored_main_turns(turns)  # what the mean averages: main questions, passes left out
    # a skipped follow-up is no answer (`is_pass`): it was counted as one "另有追问"
    follow_ups = [t for t in turns if t.parent_turn_id is not None and not is_pass(t)]
    days = sorted(answer_days(turns, tz))
    last_sid = max((t.session_id for t in turns), default=None)
    return Overview(
        now=now,
        today=local_day(now, tz),
        sessions=tuple(sessions),
        answered=len(main) - len(retries),
        retried=len(retries),
        scored=len(scored),
        follow_ups=len(follow_ups),
        mean_score=sum(float(t.score) for t in scored) / len(scored) if scored else None,  # type: ignore[arg-type]
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        streak=streak(set(days), local_day(now, tz)),
        due_today=_due_by_end_of(local_day(now, tz), turns, tz),
        days=tuple(daily_scores(turns, tz)),
        topics=tuple(topic_mastery(turns, now)),
        weakest=tuple(
            q for q in weakest_questions(turns, now, len(turns)) if q.recent_score < KNOWN_SCORE
        )[:weakest_n],
        delivery=summarize_session(turns),
        last_session_delivery=(
            summarize_session(t for t in turns if t.session_id == last_sid)
            if last_sid is not None
            else None
        ),
        due_at={qid: qc.due for qid, qc in replay(turns).items()},
        own_scored=tuple(
            sorted(
                (t for t in turns if getattr(t, "own_score", None) is not None),
                key=lambda t: as_utc(t.answered_at),  # type: ignore[arg-type]
                reverse=True,
            )[:OWN_SCORED]
        ),
    )


def _due_by_end_of(day: date, turns: Sequence[AnsweredTurn], tz: tzinfo | None) -> int:
    """Practised questions still in the corpus whose next review falls on `day` or before."""
    return sum(
        1 for qc in replay(turns).values() if not qc.removed and local_day(qc.due, tz) <= day
    )


def load_overview(
    store: HistoryStore, now: datetime | None = None, *, tz: tzinfo | None = None
) -> Overview:
    """Read the store once and build the overview (a few ms for months of practice)."""
    moment = now or datetime.now(timezone.utc)
    return build_overview(store.answered_turns(), store.sessions(), moment, tz=tz)
