"""Chunk records stored beside the FAISS vectors (row i of the sidecar is FAISS id i)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from interviewer.types.bank import SourceSpan

ChunkKind = Literal["answer", "question", "text"]


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: part of an item's answer, a question, or free text from a page."""

    id: int
    """FAISS id == row in the sidecar."""
    text: str
    source: SourceSpan
    kind: ChunkKind
    question_id: str | None = None
    """The bank question this chunk answers, when it belongs to one."""
    content_hash: str = ""
    """Hash of (model id, embedded text): lets a rebuild reuse unchanged vectors."""


@dataclass(frozen=True)
class Hit:
    """A search result: a chunk and its fused relevance score (higher is better)."""

    chunk: Chunk
    score: float
