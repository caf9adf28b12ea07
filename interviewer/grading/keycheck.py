"""Checks a key against its own examples: each spoken example of a point is covered, each typical
phrasing of a misconception is flagged, and a point's correct wording never sets off its own
misconceptions. Key authors run it as they write; the tests run it over the shipped bank."""

from __future__ import annotations

from interviewer.grading.keymatch import match_concepts, normalise, states, subjects_of
from interviewer.types.answer_key import AnswerKey


def key_problems(key: AnswerKey) -> list[str]:
    """One line per example the grader would get wrong."""
    problems: list[str] = []
    subjects = subjects_of(key)
    for i, point in enumerate(key.points, 1):
        for text in [point.text, *point.examples]:
            said = match_concepts(normalise(text), point.concepts)
            if not said.complete:
                problems.append(
                    f"point {i}: {text[:40]!r} is not covered by its own concepts "
                    f"({said.said}/{said.groups} groups found)"
                )
            for j, wrong in enumerate(point.misconceptions, 1):
                if states(normalise(text), wrong, subjects):
                    problems.append(
                        f"point {i}: the correct {text[:40]!r} sets off misconception {j}"
                    )
        for j, wrong in enumerate(point.misconceptions, 1):
            for text in wrong.examples:
                if not states(normalise(text), wrong, subjects):
                    problems.append(
                        f"point {i} misconception {j}: example {text[:40]!r} is not flagged"
                    )
    return problems
