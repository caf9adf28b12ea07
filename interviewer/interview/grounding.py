"""The reference passages an answer is graded against, and the key points they contain.

Kept apart from the engine so hints, skips and grading all read the same references.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from interviewer.grading.keyed import as_asked
from interviewer.grading.keypoints import key_points as cut_key_points
from interviewer.grading.text import clean_text, terms
from interviewer.index.references import references_for
from interviewer.index.retriever import Retriever
from interviewer.interview import followup
from interviewer.keys.load import KeyBook
from interviewer.types.answer_key import AnswerKey
from interviewer.types.verdict import Reference

log = logging.getLogger(__name__)

MAX_REFERENCES = 4
"""Passages per question: enough to cover an answer, few enough to grade fast."""
WHAT_ELSE_POINTS = 3
"""How many more of the missed points answer a "what else?" follow-up in full: it asks for some,
not for everything the first answer left out (eight more items of a list is a second answer)."""


def grading_references(
    question: str, retriever: Retriever, question_id: str | None, keys: KeyBook | None = None
) -> list[Reference]:
    """The question's own answer passages; retrieved passages when the bank has none.

    Grade against the asked question's own answers when it has them: a retrieved passage of
    another question must not become the yardstick just because the answer happens to match it
    (an off-topic answer about BN scored 5/10 against a gradient-clipping passage)."""
    refs = references_for(
        question, retriever, question_id=question_id, k=MAX_REFERENCES, keys=keys
    )
    own = [r for r in refs if question_id and r.question_id == question_id and r.score is None]
    return own or refs


def key_points(
    question: str, references: Sequence[Reference], question_id: str | None = None
) -> list[str]:
    """What a good answer should say, in reference order, cut as the offline grader cuts it.
    Only the question's own answers count when it has any: retrieved extras are context."""
    keyed = next((r.key for r in references if r.key is not None), None)
    if keyed is not None:
        return [p.text for p in keyed.points]
    own = [r for r in references if question_id and r.question_id == question_id]
    points: list[str] = []
    for ref in own or references:
        points.extend(p for p in cut_key_points(ref.text, question) if p not in points)
    return points


def focused_references(
    references: Sequence[Reference], points: Sequence[str], asked: str = ""
) -> list[Reference]:
    """What a follow-up answer is graded against: the parent's missed points, not the whole answer
    again (an answer to "and the bounding box?" must not lose marks for not repeating the
    definition it gave a minute ago). Only the points the follow-up `asked` about when it names
    some, all of them when it names none ("还有哪些要点？": any WHAT_ELSE_POINTS of them make a full
    reply); as one reference carrying the passage's source. Without points (an old record), the
    passages that contain them, else all."""
    keyed = next((r for r in references if r.key is not None), None)
    if keyed is not None and keyed.key is not None:
        return [_focused_key(keyed, keyed.key, points)]
    home = next((r for r in references if _holds_any(clean_text(r.text), points)), None)
    if home is None:
        return list(references)
    named = terms(asked) - followup.TEMPLATE_TERMS
    aimed = [p for p in points if terms(p) & named]
    expected = None
    if not aimed:  # "what else?": a few more of the missed points answer it in full
        aimed = list(points)
        expected = WHAT_ELSE_POINTS if len(aimed) > WHAT_ELSE_POINTS else None
    return [home.model_copy(update={"text": "\n".join(aimed), "expected_points": expected})]


def _focused_key(ref: Reference, key: AnswerKey, points: Sequence[str]) -> Reference:
    """The key cut down to the points the follow-up asked about, each now core (the reply is
    graded on them alone) and held to its own question (`as_asked`: what the question names
    need not be said again); the whole key when none of them is in it (an old record)."""
    asked = [as_asked(p).model_copy(update={"core": True}) for p in key.points if p.text in points]
    if not asked:
        return ref
    focused = key.model_copy(update={"points": asked, "focused": True})
    return ref.model_copy(update={"key": focused, "text": "\n".join(p.text for p in asked)})


def _holds_any(text: str, points: Sequence[str]) -> bool:
    """Whether a passage holds one of the points, punctuation aside: a point of several clauses
    is written with "，" and the cleaned passage with "," ("…交互太晚，无法做…" was not found, so
    a follow-up reply was graded on the whole passage)."""
    squashed = _squash(text)
    return any(p and _squash(p) in squashed for p in points)


_PUNCTUATION_RE = re.compile(r"[\s，,。.；;：:、]")


def _squash(text: str) -> str:
    return _PUNCTUATION_RE.sub("", clean_text(text))
