"""Rows read back from the history store, as typed values for progress, history and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from interviewer.types.plan import InterviewPlan
from interviewer.types.verdict import Verdict


@dataclass(frozen=True)
class TurnRecord:
    """One question asked in a session, with the answer and verdict once given."""

    turn_id: int
    session_id: int
    question_id: str | None
    question_text: str
    topic: str
    spoken: str
    parent_turn_id: int | None
    asked_at: datetime
    answer: str | None
    """None while unanswered; '' for a skip."""
    answered_at: datetime | None
    elapsed_s: float | None
    hint_used: bool
    verdict: Verdict | None
    """None while unanswered (or if a stored verdict no longer parses; score/label still hold)."""
    score: float | None
    """The score that counts: the candidate's own when they gave one, else the grader's."""
    label: str | None
    """The grader's label, or the band of the candidate's own score when they gave one."""
    removed: bool
    """The question has since disappeared from the corpus; the history is kept."""
    index: int = 0
    total: int = 0
    skipped: bool = False
    graded_score: float | None = None
    """The grader's score (the verdict's, hint cost included), whatever the candidate says."""
    own_score: float | None = None
    """The score the candidate gave the answer after disagreeing with the grader, if any."""
    draft: str | None = None
    """What was typed for it and not yet submitted (None once submitted, skipped or empty)."""

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    @property
    def is_follow_up(self) -> bool:
        return self.parent_turn_id is not None


@dataclass(frozen=True)
class SessionRecord:
    """One interview session and how it went so far."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    plan: InterviewPlan
    grader: str
    n_answered: int
    """Answers given, follow-ups and retries included; a pass (Ctrl+N, nothing said) is none: a
    skipped follow-up counted as an answer in history. 不会 is an answer (worth 0)."""
    mean_score: float | None
    """Average score of the main questions answered; follow-ups and passes (skipped without an
    answer) are not counted, as everywhere an average is shown."""
    question_ids: tuple[str, ...] = ()
    """The main questions picked at the start, in order (so a resume asks the same ones)."""
    n_main: int = 0
    """Main questions answered: their first answers, the ones `mean_score` averages (no
    follow-up, no re-ask, no pass), as the session summary counts them."""

    @property
    def finished(self) -> bool:
        return self.finished_at is not None
