"""The grader contract shared by the LLM and similarity graders and everything that calls them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from interviewer.types.verdict import Reference, Verdict


class Grader(Protocol):
    """Grades one answer to one question against reference passages. Never raises on bad answers:
    empty, huge or hostile text still gets a verdict (label EMPTY / OFF_TOPIC / ...)."""

    name: str
    """'similarity' or 'llm:<model>' — copied into Verdict.grader."""

    def grade(self, question: str, answer: str, references: Sequence[Reference]) -> Verdict: ...

    def prepare(self, question: str, references: Sequence[Reference]) -> None:
        """Do now what grading an answer to `question` would do first (cut and embed the
        references), while the candidate is still typing; a grader with nothing to warm does
        nothing."""
        ...
