"""What worker threads report back to the UI thread (widgets change only in the handlers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from interviewer.interview.turns import GradedTurn, SessionSummary
from interviewer.types.plan import InterviewPlan
from interviewer.types.turn import Turn


@dataclass
class BankInfo:
    """What the start screen shows about the loaded services, gathered off the UI thread."""

    grader: str
    topics: dict[str, int]
    """Topic → number of bank questions, in bank order."""
    questions: int
    unfinished: Any | None = None
    """The store's unfinished SessionRecord, if any (offered for resume)."""
    due: int | None = None
    """Questions due for review (None when the scheduler isn't available)."""
    weak: list[tuple[str, Any]] = field(default_factory=list)
    """(question text, due datetime) of questions last answered badly, soonest first."""
    notes: list[str] = field(default_factory=list)


class ServicesReady(Message):
    def __init__(self, services: Any, info: BankInfo) -> None:
        super().__init__()
        self.services = services
        self.info = info


class ServicesFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class LLMChecked(Message):
    def __init__(self, line: str, ok: bool) -> None:
        super().__init__()
        self.line = line
        self.ok = ok


class InterviewReady(Message):
    """A new or resumed Interview, ready to ask its first question."""

    def __init__(self, interview: Any) -> None:
        super().__init__()
        self.interview = interview


class TurnReady(Message):
    def __init__(
        self, turn: Turn, opening: str | None = None, recap: list[GradedTurn] | None = None
    ) -> None:
        super().__init__()
        self.turn = turn
        self.opening = opening
        self.recap = recap or []
        """On a resumed session: answers graded on resume, or the last verdict, shown first."""


class Graded(Message):
    def __init__(self, graded: GradedTurn) -> None:
        super().__init__()
        self.graded = graded


class OwnScoreSaved(Message):
    """The candidate's own score for a graded turn is saved (None: back to the grader's)."""

    def __init__(self, graded: GradedTurn, own: float | None, dropped_follow_up: bool) -> None:
        super().__init__()
        self.graded = graded
        self.own = own
        self.dropped_follow_up = dropped_follow_up


class HintReady(Message):
    def __init__(self, turn: Turn, text: str) -> None:
        super().__init__()
        self.turn = turn
        self.text = text


class SessionDone(Message):
    """The last turn is done. The interview screen marks itself done and lets this bubble on to
    the app, which shows the summary."""

    def __init__(self, summary: SessionSummary, farewell: str | None = None) -> None:
        super().__init__()
        self.summary = summary
        self.farewell = farewell


@dataclass
class StartRequested(Message):
    """The candidate asked for a new interview with this plan (the app checks its topics)."""

    plan: InterviewPlan


@dataclass
class ResumeRequested(Message):
    """The candidate asked to continue an unfinished session."""

    session_id: int


class NewRoundRequested(Message):
    """The candidate asked for another interview after a summary."""


class WorkFailed(Message):
    """A worker raised: `error` is one line for the candidate; `stage` says what to roll back."""

    def __init__(self, stage: str, error: str) -> None:
        super().__init__()
        self.stage = stage
        self.error = error


def one_line(exc: BaseException) -> str:
    """User errors carry their own one-line message; anything else gets its type and first line."""
    from interviewer.errors import InterviewerError

    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if isinstance(exc, InterviewerError):
        return text or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
