"""The retrieval contract the graders and the interview depend on (implemented in index.search)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Protocol

from interviewer.index.records import Chunk, Hit
from interviewer.types.bank import Question

if TYPE_CHECKING:
    import numpy as np


class Retriever(Protocol):
    """Read-only access to a loaded index and its question bank."""

    stale: str | None
    """Why the index no longer matches the notes, or None when it does (or was not checked)."""

    def is_ready(self) -> bool:
        """Whether searching would answer now rather than wait for the model and index to load."""
        ...

    def wait_ready(self) -> None:
        """Block until searching can answer; raise what loading the model or index raised."""
        ...

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """Best passages for free text (hybrid dense + lexical), best first."""
        ...

    def questions(self) -> list[Question]:
        """The whole question bank, in a stable order."""
        ...

    def question(self, question_id: str) -> Question | None: ...

    def chunks_for_question(self, question_id: str) -> list[Chunk]:
        """The answer passages of a bank question (all its grouped items), in source order."""
        ...

    def match_question(self, text: str) -> tuple[Question, float] | None:
        """The bank question a free-text question most likely is, with a 0..1 similarity."""
        ...

    def question_similarities(self, text: str, question_ids: Iterable[str]) -> dict[str, float]:
        """The 0..1 similarity of free text to each bank question's phrasing (as
        `match_question` measures it); a question with no phrasing stored is left out."""
        ...

    def question_vectors(self) -> Mapping[str, np.ndarray]:
        """Question id -> its phrasing vectors (unit rows), as the build stored them: no model
        needed, so it answers at once. Empty when the index kept none."""
        ...
