"""The one verdict shape every grader returns, so the UI, storage and eval never care which ran.

A grader fills in the facts (score, label, point statuses and evidence, misconceptions stated,
findings, the biggest gap); the interview words them (`interview/explain.py`: feedback, model
answer, follow-up question, notes) before a verdict is shown or stored. The facts only wording
needs are not stored (`exclude=True`): a stored verdict is what the candidate read.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from interviewer.types.answer_key import AnswerKey, Origin


class Label(str, Enum):
    CORRECT = "correct"
    PARTIAL = "partial"
    INCORRECT = "incorrect"
    CONTRADICTS = "contradicts"
    """The answer states the opposite of the reference."""
    EMPTY = "empty"
    """Nothing, "不知道", a skip, or too short to judge."""
    OFF_TOPIC = "off_topic"


class PointStatus(str, Enum):
    COVERED = "covered"
    PARTIAL = "partial"
    MISSING = "missing"
    CONTRADICTED = "contradicted"


class KeyPoint(BaseModel):
    """One thing the reference says a good answer should contain, and how the answer did on it."""

    text: str
    status: PointStatus
    evidence: str = ""
    """The words of the answer that cover (or contradict) this point; '' when missing."""
    named: str = ""
    """For a missing point, the words that name part of it without making it ("mixup cutout"):
    the feedback then asks to explain them, not for the point as if it went unheard."""
    weight: float = 1.0


class Reference(BaseModel):
    """A reference passage the grade was measured against."""

    text: str
    source: str = ""
    """Human-readable origin, e.g. 'corpus/foo.txt:12-20' or 'user'."""
    chunk_id: int | None = None
    question_id: str | None = None
    score: float | None = None
    """Retrieval score, when it was retrieved."""
    key: AnswerKey | None = Field(default=None, exclude=True)
    """The question's answer key, when it has one: graders grade against it instead of cutting
    the text into points. Not stored with the verdict (the key file is the record)."""
    expected_points: int | None = None
    """How many of its key points make a full answer (None: all of them). A "what else?"
    follow-up is answered in full by a few more of the points missed, not by all of them."""

    @property
    def key_origin(self) -> Origin | None:
        """Who wrote the answer key whose own text this reference is (None: a notes passage).
        Read from `source`, so a verdict from the history answers it too."""
        written = _KEY_SOURCE.fullmatch(self.source)
        if written is None or written.group(1) not in {o.value for o in Origin}:
            return None
        return Origin(written.group(1))


def key_source(question_id: str, origin: Origin) -> str:
    """The `source` of a reference that is an answer key's own text: not a path (keys move)."""
    return f"answer key {question_id} ({origin.value})"


_KEY_SOURCE = re.compile(r"answer key \S+ \((\w+)\)")


class StatedMisconception(BaseModel):
    """A known false claim the answer makes, in the candidate's words, with its correction."""

    claim: str
    said: str
    """The candidate's words that state it."""
    correction: str
    central: bool = False
    point: str = ""
    """The key point it contradicts."""


class Finding(BaseModel):
    """Something a grader noticed that the candidate is told beside the points: its kind (a gate
    reason such as 'dont_know', a cap such as 'stuffing', a caveat, a fallback) and the values its
    sentence needs. `interviewer.wording` has one sentence per kind."""

    kind: str
    values: dict[str, str | int | float] = Field(default_factory=dict)


class Gap(BaseModel):
    """The key point a follow-up question should dig into: the biggest gap the grader found."""

    point: str
    status: PointStatus
    reference: int = 0
    """Index in `Verdict.references` of the reference the point belongs to."""


Basis = Literal["key", "reference", "given"]
"""What a verdict rests on, which decides how it is worded: an answer key (its points,
misconceptions, follow-up questions and model answer), reference passages cut into points, or
'given' — its words are final: the grader wrote them itself (an LLM's own words), or the
interview already worded the verdict."""


class Verdict(BaseModel):
    """A grade with its reasons. `score` is 0..10; `confidence` is 0..1, low for weak
    references."""

    model_config = ConfigDict(protected_namespaces=())

    score: float = Field(ge=0, le=10)
    label: Label
    points: list[KeyPoint] = Field(default_factory=list)
    feedback: str = ""
    """What to add or fix, addressed to the candidate."""
    model_answer: str = ""
    """A short answer that would have scored well."""
    follow_up: str | None = None
    """One question aimed at the most important gap, or None when nothing important was missed."""
    follow_up_point: str | None = None
    """The key point the follow-up asks about, when its reply is graded on that point only (an
    answer key's point); None: the reply is graded on all the points missed."""
    misconceptions: list[StatedMisconception] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    grader: str
    """'similarity' or 'llm:<model>'."""
    confidence: float = Field(ge=0, le=1)
    notes: list[str] = Field(default_factory=list)
    """Caveats for the candidate, e.g. why the LLM grader fell back to similarity (the words of
    `findings`)."""
    basis: Basis = Field(default="given", exclude=True)
    findings: list[Finding] = Field(default_factory=list, exclude=True)
    """What the grader noticed, in order, before it is worded into `notes`."""
    gap: Gap | None = Field(default=None, exclude=True)
    graded_answer: str = Field(default="", exclude=True)
    """The answer as the grader read it (cleaned, fillers and text addressed to the grader
    removed, cut to the graded length): a follow-up does not name what it already says."""

    @property
    def covered(self) -> list[KeyPoint]:
        return [p for p in self.points if p.status is PointStatus.COVERED]

    @property
    def missing(self) -> list[KeyPoint]:
        return [p for p in self.points if p.status is PointStatus.MISSING]
