"""The values the interview hands to the UI and to storage (kept apart from the engine's logic)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from interviewer.progress.insights import DeliveryInsights
from interviewer.types.turn import Turn
from interviewer.types.verdict import Verdict


@dataclass(frozen=True)
class GradedTurn:
    """A turn with the candidate's answer and its verdict (already saved when returned)."""

    turn: Turn
    answer: str
    verdict: Verdict
    insights: DeliveryInsights | None = None
    hint_used: bool = False
    skipped: bool = False


@dataclass(frozen=True)
class QuestionScore:
    """One line of the summary."""

    turn_id: int
    index: int
    question: str
    topic: str
    score: float
    label: str
    is_follow_up: bool
    hint_used: bool
    skipped: bool
    """Skipped (Ctrl+N) or 不会 (Ctrl+G, or 不知道 typed): stored as score 0 / label empty."""
    passed: bool = False
    """Skipped without an answer: shown without a score, and in no average."""
    retry: bool = False
    """A missed question asked once more (relearn): practice, in no average."""
    own_score: bool = False
    """The score is the candidate's own (they disagreed with the grade)."""


@dataclass(frozen=True)
class TopicScore:
    topic: str
    mean_score: float
    answered: int


@dataclass(frozen=True)
class ReviewItem:
    """Something to go back to: a question, the key points the answer missed and the ones it
    got wrong (a contradicted point is no missed one: the candidate said something false)."""

    question: str
    topic: str
    score: float
    missed: tuple[str, ...]
    wrong: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionNote:
    """A caveat of the grader's (e.g. that grading fell back to similarity), with the questions
    it was about: a lone "注意 …" at the end of a session did not say which."""

    questions: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class SessionSummary:
    """The end-of-interview report."""

    session_id: int
    scores: tuple[QuestionScore, ...]
    mean_score: float | None
    """Average of the main questions answered (follow-ups and passes not counted); None when
    there is none."""
    weakest_topics: tuple[TopicScore, ...]
    """Lowest mean score first (at most three)."""
    to_review: tuple[ReviewItem, ...]
    db_path: Path
    finished: bool
    averaged: int = 0
    """How many answers `mean_score` averages (said next to it: an average says what it is of)."""
    passes: int = 0
    """Questions skipped without an answer, follow-ups included (a skipped follow-up read as
    one "counted apart"): not scores, so not in any average."""
    notes: tuple[SessionNote, ...] = field(default=())
    """Caveats worth showing once, each with the questions it was about."""
