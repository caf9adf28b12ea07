"""The interview engine: picks, phrases and persists questions, grades answers, plans follow-ups."""

from __future__ import annotations

from interviewer.interview.turns import GradedTurn, SessionSummary, Turn

__all__ = ["GradedTurn", "SessionSummary", "Turn"]
