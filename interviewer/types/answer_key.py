"""The answer key's typed shape, validated on load: what a good answer to one bank question
says, the wordings that count and the false claims candidates make (files: interviewer.keys)."""

from __future__ import annotations

import re
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Wordings = list[str]
"""Alternative wordings of one concept: any one of them in the answer counts."""

_LIST_MARKER = re.compile(
    r"^\s*(?:\(?[0-9]{1,2}[.)、．）]|\(?[ivx]{1,4}\)|[（(][0-9一二三四五六七八九十]+[)）]|"
    r"[一二三四五六七八九十]+、|[-*•·])"
)
_LABEL_OPENERS = ("一方面", "另一方面", "其次", "此外", "另外", "首先", "最后", "因此", "所以")
_DANGLING_ENDS = (
    # punctuation and multi-character connectors only: 和 / 与 end words too (求和, 参与)
    "，",
    ",",
    "、",
    "：",
    ":",
    "；",
    ";",
    "因此",
    "所以",
    "而且",
    "并且",
    "以及",
    "但是",
    "and",
    "or",
    "but",
    "so",
    "because",
    "which",
    "the",
    "of",
)


class Origin(str, Enum):  # noqa: UP042 - one enum style across the package
    """Who wrote a key: it decides what a rebuild may overwrite (never `user`)."""

    BANK = "bank"
    """Written for the shipped bank by the team."""
    NOTES = "notes"
    """Derived from the notes automatically."""
    LLM = "llm"
    """Drafted by the configured LLM."""
    USER = "user"
    """Edited by the user."""


def statement_problem(text: str) -> str | None:
    """Why `text` is not a self-contained statement (a fragment, a label, a list item), or None."""
    stripped = text.strip()
    if len(stripped) < 6:
        return f"point text {stripped!r} is too short to be a statement"
    if _LIST_MARKER.match(stripped):
        return f"point text {stripped[:20]!r}… starts with a list marker"
    for opener in _LABEL_OPENERS:
        if stripped.startswith(opener):
            return f"point text starts with the connector {opener!r}"
    lowered = stripped.lower().rstrip("。.！!？? ")
    for end in _DANGLING_ENDS:
        if lowered.endswith(end) and (not end.isascii() or lowered.endswith(" " + end)):
            return f"point text ends with the connector {end!r}"
    return None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _clean_groups(groups: list[Wordings], what: str) -> list[Wordings]:
    cleaned = []
    for group in groups:
        words = [w.strip() for w in group if w and w.strip()]
        if not words:
            raise ValueError(f"{what}: an empty group of wordings")
        cleaned.append(words)
    return cleaned


class Misconception(_Strict):
    """A false claim candidates make about a point, how they phrase it, and the correction."""

    claim: str = Field(min_length=2)
    says: list[Wordings] = Field(min_length=1, max_length=4)
    """Groups of wordings matched in order within one sentence and a short span."""
    also_says: list[list[Wordings]] = Field(default_factory=list)
    """Other patterns of the same claim (reordered, subject dropped, another language): one
    claim is said many ways, and one in-order pattern can't hold them all."""
    correction: str = Field(min_length=2)
    central: bool = False
    """The claim contradicts the heart of the answer: saying it fails the question."""
    unless: Wordings = Field(default_factory=list)
    """Wordings that, between the matched groups, show the claim is not being made."""
    unless_before: Wordings = Field(default_factory=list)
    """Wordings that, said shortly before the claim in its sentence, scope it to where it is
    right ("没有隐藏层的线性模型，全0初始化是没问题的")."""
    unless_after: Wordings = Field(default_factory=list)
    """The same, said shortly after it ("zero init is fine for biases")."""
    examples: list[str] = Field(default_factory=list)
    """Typical phrasings of the claim; tests check each is flagged."""

    @field_validator("says")
    @classmethod
    def _groups(cls, value: list[Wordings]) -> list[Wordings]:
        return _clean_groups(value, "says")

    @field_validator("also_says")
    @classmethod
    def _patterns(cls, value: list[list[Wordings]]) -> list[list[Wordings]]:
        for pattern in value:
            if not 1 <= len(pattern) <= 4:
                raise ValueError("also_says: each pattern needs 1-4 groups of wordings")
        return [_clean_groups(pattern, "also_says") for pattern in value]

    @property
    def patterns(self) -> list[list[Wordings]]:
        """Every pattern that states the claim: `says` first, then `also_says`."""
        return [self.says, *self.also_says]


class AnswerPoint(_Strict):
    """One statement a good answer makes."""

    text: str
    core: bool = True
    """A full answer makes every core point; the others are bonus."""
    concepts: list[Wordings] = Field(min_length=1, max_length=4)
    """Concept groups that must all be said (one wording each) within a short span."""
    ask: str = ""
    """A follow-up question an interviewer would ask when this point is missing."""
    examples: list[str] = Field(default_factory=list)
    """Spoken ways of making the point; tests check each is covered."""
    misconceptions: list[Misconception] = Field(default_factory=list)

    @field_validator("text")
    @classmethod
    def _statement(cls, value: str) -> str:
        problem = statement_problem(value)
        if problem:
            raise ValueError(problem)
        return value.strip()

    @field_validator("concepts")
    @classmethod
    def _groups(cls, value: list[Wordings]) -> list[Wordings]:
        return _clean_groups(value, "concepts")


class AnswerKey(_Strict):
    """The key to one bank question (several near-duplicate questions may share it)."""

    ids: list[str] = Field(min_length=1)
    question: str = ""
    origin: Origin = Origin.BANK
    reference: str = ""
    """A reference answer written for the key (shown instead of the notes' passage)."""
    swaps: list[tuple[Wordings, Wordings]] = Field(default_factory=list)
    points: list[AnswerPoint] = Field(min_length=1, max_length=8)
    source: str = ""
    """Where the key was loaded from (filled by the loader, not written in the file)."""
    focused: bool = False
    """Cut down to the points a follow-up asked about (never written in a file): the reply
    answers one narrow question, so a short list can answer it in full ("参数更少 训练更快")."""

    @model_validator(mode="after")
    def _has_core(self) -> AnswerKey:
        if not any(p.core for p in self.points):
            raise ValueError("no point is marked core = true")
        return self

    @property
    def core_points(self) -> list[AnswerPoint]:
        return [p for p in self.points if p.core]

    @property
    def misconceptions(self) -> list[tuple[int, Misconception]]:
        """Every misconception with the index of the point it contradicts."""
        return [(i, m) for i, p in enumerate(self.points) for m in p.misconceptions]
