"""The question bank's items: what the corpus pipeline hands to the index, graders and interview."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceSpan:
    """Where a piece of text came from: a corpus-relative path and 1-based inclusive lines."""

    path: str
    line_start: int
    line_end: int

    def __str__(self) -> str:
        if self.line_start == self.line_end:
            return f"{self.path}:{self.line_start}"
        return f"{self.path}:{self.line_start}-{self.line_end}"


@dataclass(frozen=True)
class QAItem:
    """One question as it appears in one file, with its answer text ('' when the page gave none)."""

    question: str
    answer: str
    source: SourceSpan
    headings: tuple[str, ...] = ()
    """Enclosing chapter/section titles, outermost first (e.g. ('优化器',)); used for topics."""


@dataclass
class Question:
    """A bank entry: near-duplicate items from several files grouped under one stable id."""

    id: str
    """Stable across rebuilds: derived from the normalised text of the canonical question."""
    text: str
    topic: str
    items: list[QAItem] = field(default_factory=list)

    @property
    def has_answer(self) -> bool:
        return any(item.answer.strip() for item in self.items)

    @property
    def sources(self) -> list[SourceSpan]:
        return [item.source for item in self.items]
