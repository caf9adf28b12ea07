"""The follow-up question: when an answer earns one (something important was missed, once per
question), which points it is about, and how it is asked.

An interviewer names the missing concept and asks the candidate to explain it: the question names
at most two short terms of the gap (`grading.naming`), never the point's statement, and falls back
to the plain "what else?" when no term is left to name. Its sentences are the catalogue's
(`interviewer.wording`)."""

from __future__ import annotations

from interviewer.grading.naming import naming_terms
from interviewer.grading.text import terms
from interviewer.types.bands import SCORE_BANDS
from interviewer.types.verdict import Label, PointStatus, Verdict
from interviewer.wording import say


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


def ask(
    point: str,
    question: str,
    answer: str,
    contradicted: bool,
    partial: bool,
    zh: bool,
    reference: str = "",
) -> str:
    """One follow-up question about the gap `point`, naming its concept, not stating it."""
    found = naming_terms(point, question, answer, reference=reference)
    return phrase(found, contradicted=contradicted, partial=partial, zh=zh)


def phrase(found: list[str], *, contradicted: bool, partial: bool, zh: bool) -> str:
    """The follow-up question around the terms it names (none: the plain "what else?")."""
    if not found:
        return say("follow_wrong_unnamed" if contradicted else "follow_what_else", zh)
    named = found[0]
    for term in found[1:]:
        named = say("follow_and", zh, first=named, second=term)
    many = "_many" if len(found) > 1 else ""
    if contradicted:
        return say("follow_wrong", zh, named=named)
    return say(("follow_partial" if partial else "follow_missing") + many, zh, named=named)


TEMPLATE_TERMS = frozenset(
    term
    for named in ([], ["Xq"], ["Xq", "Yq"])
    for contradicted in (False, True)
    for partial in (False, True)
    for zh in (False, True)
    for term in terms(phrase(named, contradicted=contradicted, partial=partial, zh=zh))
) - {"xq", "yq"}
"""The words every follow-up has, whichever gap it names: what is left of a follow-up question
without them is what it asks about (see interview/grounding.py)."""
