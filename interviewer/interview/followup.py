"""When an answer earns a follow-up question: something important was missed, once per question."""

from __future__ import annotations

from interviewer.types.bands import SCORE_BANDS
from interviewer.types.verdict import Label, PointStatus, Verdict


def wants_follow_up(verdict: Verdict, *, is_follow_up: bool, enabled: bool = True) -> bool:
    """One level deep only; not after a blank or don't-know answer (nothing to dig into)."""
    return (
        enabled
        and not is_follow_up
        and bool(verdict.follow_up and verdict.follow_up.strip())
        and verdict.score < SCORE_BANDS.follow_up_below
        and verdict.label is not Label.EMPTY
    )


def gaps(verdict: Verdict) -> list[str]:
    """The key points a follow-up is about: missing or contradicted first, then partial ones."""
    if verdict.follow_up_point:  # graded against a key: the follow-up asks about one point
        return [verdict.follow_up_point]
    order = (PointStatus.MISSING, PointStatus.CONTRADICTED, PointStatus.PARTIAL)
    return [p.text for status in order for p in verdict.points if p.status is status]
