"""A draft answer key derived from the notes, for a question nobody wrote a key for: the
reference cut into statements (never fragments), each with the one or two terms that name it.
`interviewer keys edit` starts from it; a derived key is a starting point, not a reviewed key,
so until the user saves it the grader keeps grading such a question by similarity."""

from __future__ import annotations

import re

from interviewer.grading.keypoints import examples_in, reference_points
from interviewer.grading.naming import naming_terms
from interviewer.types.answer_key import AnswerKey, AnswerPoint, Origin, statement_problem
from interviewer.vocabulary.cjk import CJK_UNIFIED

MAX_POINTS = 6


def derive_key(question_id: str, question: str, reference: str) -> AnswerKey | None:
    """The draft key, or None when the reference yields no statement."""
    points: list[AnswerPoint] = []
    statements = [
        text for text in reference_points(reference, question).points if not statement_problem(text)
    ]
    for text in statements:
        if len(points) == MAX_POINTS:
            break
        others = [other for other in statements if other != text]
        examples = examples_in(text)
        named = _naming(text, question, reference, others, examples)
        if not named and not examples:
            continue
        concepts = [[_with_negation(term, text)] for term in named]
        if examples:  # naming one of the point's examples is saying it
            concepts = [*concepts[:1], examples]
        points.append(AnswerPoint(text=text, core=len(points) < 3, concepts=concepts))
    if not points:
        return None
    return AnswerKey(ids=[question_id], question=question, origin=Origin.NOTES, points=points)


def _naming(
    text: str, question: str, reference: str, others: list[str], examples: list[str]
) -> list[str]:
    """Up to two terms a candidate must say to make the point. A term the reference repeats names
    the point best, but not one most of the other points say too ("用户", "物品" in every point
    on 双塔): every concept group is required, so such a term tells nothing and a missing one
    costs the point. A draft the user will review can fall back to the point's own words (an
    English point's lone words, "occurs")."""
    for repeated in (reference, ""):
        found = naming_terms(text, question, "", limit=MAX_CANDIDATES, reference=repeated)
        own = [
            term
            for term in found
            if not any(term in example or example in term for example in examples)
            and 1 + sum(term in other for other in others) < max(2, (len(others) + 2) // 2)
        ]
        own = [_GENERIC_TAIL_RE.sub("", term) for term in own]
        if own:
            return own[:2]
    return []


MAX_CANDIDATES = 6
_GENERIC_TAIL_RE = re.compile(rf"(?<=[{CJK_UNIFIED}]{{2}})(?:阶段|过程|部分|机制)$")
"""A required wording ends in its head: "召回阶段" would miss "召回的时候…"."""


def _with_negation(term: str, point: str) -> str:
    """The term with the 不/没/无/非 the point says right before it: the concept of "不包含顺序
    信息" is that, not "包含顺序信息" (an answer saying 不包含 would deny the bare wording), and
    "不同位置" is the word, not "同位置"."""
    at = point.find(term)
    if at > 0 and point[at - 1] in "不没无非":
        return point[at - 1] + term
    return term
