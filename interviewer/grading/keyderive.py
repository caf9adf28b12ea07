"""A draft answer key derived from the notes, for a question nobody wrote a key for: the
reference cut into statements (never fragments), each with the one or two terms that name it.
`interviewer keys edit` starts from it; a derived key is a starting point, not a reviewed key,
so until the user saves it the grader keeps grading such a question by similarity."""

from __future__ import annotations

from interviewer.grading.keypoints import reference_points
from interviewer.grading.naming import naming_terms
from interviewer.types.answer_key import AnswerKey, AnswerPoint, Origin, statement_problem

MAX_POINTS = 6


def derive_key(question_id: str, question: str, reference: str) -> AnswerKey | None:
    """The draft key, or None when the reference yields no statement."""
    points: list[AnswerPoint] = []
    for text in reference_points(reference, question).points:
        if statement_problem(text) or len(points) == MAX_POINTS:
            continue
        # a term the reference repeats names the point best; a draft the user will review can
        # fall back to the point's own words (an English point's lone words, "occurs")
        named = naming_terms(text, question, "", limit=2, reference=reference) or naming_terms(
            text, question, "", limit=2
        )
        if not named:
            continue
        named = [_with_negation(term, text) for term in named]
        points.append(
            AnswerPoint(
                text=text,
                core=len(points) < 3,
                concepts=[[term] for term in named],
            )
        )
    if not points:
        return None
    return AnswerKey(ids=[question_id], question=question, origin=Origin.NOTES, points=points)


def _with_negation(term: str, point: str) -> str:
    """The term with the 不/没/无/非 the point says right before it: the concept of "不包含顺序
    信息" is that, not "包含顺序信息" (an answer saying 不包含 would deny the bare wording), and
    "不同位置" is the word, not "同位置"."""
    at = point.find(term)
    if at > 0 and point[at - 1] in "不没无非":
        return point[at - 1] + term
    return term
