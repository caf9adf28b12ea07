"""A draft answer key derived from the notes, for a question nobody wrote a key for: the
reference cut into statements (never fragments), each with the one or two terms that name it.
`interviewer keys edit` starts from it; a derived key is a starting point, not a reviewed key,
so until the user saves it the grader keeps grading such a question by similarity."""

from __future__ import annotations

import re

from interviewer.grading.draftconcepts import concept_groups
from interviewer.grading.keypoints import examples_in, reference_points
from interviewer.types.answer_key import AnswerKey, AnswerPoint, Origin, statement_problem

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
        named = concept_groups(text, question, reference, others, examples)
        if not named and not examples:
            continue
        concepts = [[_with_negation(term, text) for term in group] for group in named]
        if examples:  # naming one of the point's examples is saying it
            concepts = [*concepts[:1], examples]
        points.append(AnswerPoint(text=text, core=len(points) < 3, concepts=concepts))
    if not points:
        return None
    return AnswerKey(ids=[question_id], question=question, origin=Origin.NOTES, points=points)


def _with_negation(term: str, point: str) -> str:
    """The term with the 不/没/无/非 the point says right before it: the concept of "不包含顺序
    信息" is that, not "包含顺序信息" (an answer saying 不包含 would deny the bare wording), and
    "不同位置" is the word, not "同位置". A denial a few words before it is kept with a gap
    ("不需要…奖励模型" of "DPO 不需要训练单独的奖励模型": "DPO 不需要奖励模型" denies the bare
    wording), and so is 只 ("只更新", not the plain 更新 every answer says)."""
    at = point.find(term)
    if at > 0 and point[at - 1] in "不没无非只仅":
        return point[at - 1] + term
    denial = _DENIAL_BEFORE.search(point[max(0, at - _DENIAL_REACH) : at]) if at > 0 else None
    if denial:
        return f"{denial.group()}…{term}"
    return term


_DENIAL_REACH = 10
_DENIAL_BEFORE = re.compile(
    r"(?:不需要|不需|不用|无需|不必|没有|不会|不增加|不改变|不影响)(?=[^，。；,;！？]*$)"
)
