"""Hints: a nudge toward the first key point, never the answer itself. A hint costs points."""

from __future__ import annotations

import re
from collections.abc import Sequence

from interviewer.grading.naming import naming_terms
from interviewer.types.answer_key import AnswerKey
from interviewer.types.verdict import Verdict
from interviewer.wording import INTERFACE_ZH, opening, say

HINT_PENALTY = 1.5
"""Points taken off the score of an answer given after a hint."""
_TERM = re.compile(r"[A-Za-z][A-Za-z0-9+\-]*(?:\s[A-Z][A-Za-z0-9+\-]*)*")


def hint_text(question: str, points: Sequence[str], level: int, reference: str = "") -> str:
    """The `level`-th nudge (0 first): names a direction from one key point without stating it.
    With the reference text, the direction is a term the reference itself uses (a known concept,
    or a run it repeats: "卷积核"), as the interviewer's follow-ups name them."""
    if not points:
        return say("hint_generic", INTERFACE_ZH)
    point = points[min(level, len(points) - 1)]
    asked = question.lower()
    terms = naming_terms(point, question, "", reference=reference) if reference else []
    terms = terms or [
        t for t in dict.fromkeys(_TERM.findall(point)) if t.lower() not in asked and len(t) > 1
    ]
    if terms:
        return say("hint_terms", INTERFACE_ZH, terms="、".join(terms[:2]))
    head = re.sub(r"\s+", "", point)[: max(4, min(8, len(point) // 3))]
    return say("hint_opening", INTERFACE_ZH, head=head)


def key_hint(key: AnswerKey, question: str, level: int) -> str:
    """The `level`-th nudge from an answer key: the words that name the next core point's
    concepts (those the question does not already say), never its statement."""
    points = key.core_points or key.points
    point = points[min(level, len(points) - 1)]
    asked = question.lower()
    words = [w for g in point.concepts for w in g[:1] if w.lower() not in asked]
    if words:
        return say("hint_terms", INTERFACE_ZH, terms="、".join(words[:2]))
    return say("hint_generic", INTERFACE_ZH)


def apply_penalty(verdict: Verdict) -> Verdict:
    """The verdict with the hint's cost taken off the score, and a note saying so (none when
    the score was already 0: nothing was taken off)."""
    if verdict.score <= 0:
        return verdict
    score = max(0.0, round(verdict.score - HINT_PENALTY, 2))
    note = say("hint_used", INTERFACE_ZH, penalty=HINT_PENALTY, before=verdict.score, after=score)
    return verdict.model_copy(update={"score": score, "notes": [*verdict.notes, note]})


def cost_note(verdict: Verdict) -> str | None:
    """The note saying what a hint cost this verdict, or None when it cost nothing."""
    start = opening("hint_used", INTERFACE_ZH)
    return next((note for note in verdict.notes if note.startswith(start)), None)
