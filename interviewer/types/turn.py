"""One question as put to the candidate: what the interview asks and storage records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Turn:
    """One question as the interviewer puts it to the candidate."""

    turn_id: int
    """Row id in the history store; 0 only before it is saved."""
    index: int
    """1-based position among the main questions; a follow-up keeps its parent's index."""
    total: int
    """Number of main questions planned for the session."""
    question_id: str | None
    """Bank question id; a follow-up carries its parent's (graded against the same references)."""
    question: str
    """The bank question (or the follow-up question), as written."""
    spoken: str
    """What the interviewer says: transition + the question in spoken style."""
    topic: str
    parent_turn_id: int | None = None
    """Set on follow-ups: the turn whose answer prompted it."""
    retry: bool = False
    """A missed question asked once more before the end (relearn): it keeps its first index."""

    @property
    def is_follow_up(self) -> bool:
        return self.parent_turn_id is not None
