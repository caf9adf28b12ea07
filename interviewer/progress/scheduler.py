"""Spaced review: when should the interviewer come back to a question? FSRS, fed by grades.

Each bank question is an FSRS card. Its past verdicts (main turns only, oldest first) are replayed
through `fsrs.Scheduler.review_card`, so nothing is stored: the schedule is always what the history
says, survives rebuilding the index, and a better grader tomorrow re-schedules nothing by hand.

The grade replaces Anki's self-rating (`rating_for`):

    skipped / empty / contradicts / off-topic, or score < 3  -> Again
    3 <= score < 6                                          -> Hard (Again on a known question)
    6 <= score < 8.5                                        -> Good
    score >= 8.5                                            -> Easy
    a hint was used                                         -> at most Hard

A known question (on day intervals) answered below 6 — core points missed — is a lapse, not a
hard recall: FSRS's Hard still lengthens the interval, so a 10 then a 4.6 was next asked 25 days
later, past the interview a candidate rehearses for.

A missed question comes back the same day, like a good spaced-repetition deck: a failed or
shaky answer (Again, or Hard on a question still being learnt) puts the card in a learning step of
`RELEARN_STEP`, so the next session after that asks it again (also one that was known well: a
relearning step), and once answered well it graduates to day intervals: about a week for an aced
new question, then longer each time. No fuzz, so a schedule is reproducible.

A card in a (re)learning step is due from its due minute on; a card on day intervals counts as
due on the (local) day its due time falls on (candidates practise a session or so a day).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from fsrs import Card, Rating, Scheduler, State

from interviewer.progress.records import (
    AnsweredTurn,
    as_utc,
    graded_main_turns,
    label_name,
    local_day,
)
from interviewer.types.bands import SCORE_BANDS

if TYPE_CHECKING:
    from interviewer.storage.db import HistoryStore

AGAIN_BELOW = SCORE_BANDS.again_below
HARD_BELOW = SCORE_BANDS.hard_below
GOOD_BELOW = SCORE_BANDS.easy_at
_FAILED_LABELS = {"empty", "contradicts", "off_topic"}


def rating_for(score: float | None, label: Any = None, hint_used: bool = False) -> Rating:
    """The FSRS rating a graded answer earns (see the module docstring for the table)."""
    if score is None or label_name(label) in _FAILED_LABELS or score < AGAIN_BELOW:
        return Rating.Again
    if score < HARD_BELOW:
        rating = Rating.Hard
    elif score < GOOD_BELOW:
        rating = Rating.Good
    else:
        rating = Rating.Easy
    return min(rating, Rating.Hard) if hint_used else rating


RELEARN_STEP = timedelta(minutes=10)
"""How soon a missed question comes back (Anki's default relearning step)."""


def make_scheduler() -> Scheduler:
    """Deterministic FSRS with the library's default weights and 90 % retention, one learning
    and one relearning step of `RELEARN_STEP`, then whole days."""
    return Scheduler(
        learning_steps=(RELEARN_STEP,), relearning_steps=(RELEARN_STEP,), enable_fuzzing=False
    )


def is_due(card: Card, now: datetime, tz: tzinfo | None = None) -> bool:
    """A learning step is due from its minute on; a day interval on its (local) day."""
    if card.state in (State.Learning, State.Relearning):
        return as_utc(card.due) <= as_utc(now)
    return local_day(card.due, tz) <= local_day(as_utc(now), tz)


@dataclass(frozen=True)
class QuestionCard:
    """A question's replayed review state."""

    question_id: str
    question_text: str
    topic: str
    card: Card
    reviews: int
    last_reviewed: datetime
    last_score: float
    last_rating: Rating
    removed: bool

    @property
    def due(self) -> datetime:
        return self.card.due

    @property
    def interval_days(self) -> float:
        """Days from the last review to the next one."""
        return (self.card.due - self.last_reviewed).total_seconds() / 86400


def replay(
    turns: Iterable[AnsweredTurn], scheduler: Scheduler | None = None
) -> dict[str, QuestionCard]:
    """Question id -> card after replaying every graded main turn in time order."""
    scheduler = scheduler or make_scheduler()
    cards: dict[str, QuestionCard] = {}
    for turn in graded_main_turns(turns):
        qid = turn.question_id
        assert qid is not None and turn.answered_at is not None and turn.score is not None
        at = as_utc(turn.answered_at)
        before = cards.get(qid)
        card = before.card if before else Card(card_id=len(cards) + 1, due=at)
        rating = rating_for(turn.score, turn.label, turn.hint_used)
        if card.state is State.Review and turn.score < HARD_BELOW:
            rating = Rating.Again  # a known question answered with core points missed
        card, _ = scheduler.review_card(card, rating, review_datetime=at)
        cards[qid] = QuestionCard(
            question_id=qid,
            question_text=turn.question_text,
            topic=turn.topic,
            card=card,
            reviews=(before.reviews if before else 0) + 1,
            last_reviewed=at,
            last_score=float(turn.score),
            last_rating=rating,
            removed=bool(turn.removed),
        )
    return cards


@dataclass(frozen=True)
class DueItem:
    """A practised question whose review is due."""

    question_id: str
    question_text: str
    topic: str
    due: datetime
    overdue_days: float
    """How long past due (negative: due later today)."""
    reviews: int
    last_score: float
    retrievability: float
    """FSRS's estimate that the candidate still recalls it now (0..1)."""


def due_from_turns(
    turns: Iterable[AnsweredTurn],
    bank_ids: Collection[str] | None,
    now: datetime,
    *,
    tz: tzinfo | None = None,
    scheduler: Scheduler | None = None,
) -> list[DueItem]:
    """Due questions, most overdue first. `bank_ids` limits them to questions still asked (None:
    every practised question not removed from the corpus). Never-answered questions are "new",
    not due."""
    scheduler = scheduler or make_scheduler()
    now = as_utc(now)
    items = []
    for qid, qc in replay(turns, scheduler).items():
        if bank_ids is not None and qid not in bank_ids:
            continue
        if bank_ids is None and qc.removed:
            continue
        if not is_due(qc.card, now, tz):
            continue
        items.append(
            DueItem(
                question_id=qid,
                question_text=qc.question_text,
                topic=qc.topic,
                due=qc.due,
                overdue_days=(now - qc.due).total_seconds() / 86400,
                reviews=qc.reviews,
                last_score=qc.last_score,
                retrievability=scheduler.get_card_retrievability(qc.card, now),
            )
        )
    items.sort(key=lambda d: (d.due, d.retrievability, d.question_id))
    return items


def due_questions(
    store: HistoryStore,
    bank_ids: Collection[str] | None,
    now: datetime,
    *,
    tz: tzinfo | None = None,
) -> list[DueItem]:
    """Due questions from the stored history, most overdue first (review mode asks these first)."""
    return due_from_turns(store.answered_turns(), bank_ids, now, tz=tz)


def count_due(
    store: HistoryStore,
    bank_ids: Collection[str] | None,
    now: datetime,
    *,
    tz: tzinfo | None = None,
) -> int:
    """How many questions are due now."""
    return len(due_questions(store, bank_ids, now, tz=tz))


@dataclass(frozen=True)
class WeakDue:
    """A question last answered badly, and when it comes back."""

    question_id: str
    question_text: str
    due: datetime
    last_score: float


def weak_due(
    turns: Iterable[AnsweredTurn],
    bank_ids: Collection[str] | None,
    *,
    below: float = HARD_BELOW,
) -> list[WeakDue]:
    """Questions whose last answer scored under `below` (or failed), soonest due first: what the
    start screen lists, so five misses in a row never read as "nothing to review"."""
    items = [
        WeakDue(qid, qc.question_text, qc.due, qc.last_score)
        for qid, qc in replay(turns).items()
        if (qc.last_score < below or qc.last_rating is Rating.Again)
        and not qc.removed
        and (bank_ids is None or qid in bank_ids)
    ]
    items.sort(key=lambda w: (w.due, w.last_score, w.question_id))
    return items


def next_due_within(
    turns: Iterable[AnsweredTurn], now: datetime, days: int, *, tz: tzinfo | None = None
) -> dict[int, int]:
    """Day offset (0 = today, overdue included) -> questions due, for a week-ahead view."""
    today = local_day(as_utc(now), tz)
    counts: dict[int, int] = {}
    for qc in replay(turns).values():
        if qc.removed:
            continue
        offset = max(0, (local_day(qc.due, tz) - today).days)
        if offset < days:
            counts[offset] = counts.get(offset, 0) + 1
    return counts
