"""Turn bank questions into passages small enough to grade against, big enough to mean something.

Each distinct question phrasing is a chunk of its own (so a paraphrase can land on it); every answer
is split on paragraph, then sentence, then clause boundaries and packed into passages of roughly
`min_chars`..`max_chars` characters. The question is prepended to a passage only for embedding and
lexical matching, so "what does BN do" finds the passage that answers it even when the passage
itself never says "BN".
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from interviewer.index.records import ChunkKind
from interviewer.types.bank import Question, SourceSpan


@dataclass(frozen=True)
class ChunkingParams:
    """Passage sizes in characters; recorded in the manifest so a change forces re-chunking."""

    min_chars: int = 80
    max_chars: int = 350

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


DEFAULT_PARAMS = ChunkingParams()


@dataclass(frozen=True)
class DraftChunk:
    """A chunk before it has a FAISS id: what is shown and what is embedded can differ."""

    text: str
    """Shown to the user and to graders."""
    embed_text: str
    """Embedded and indexed lexically: the passage with its question as context."""
    source: SourceSpan
    kind: ChunkKind
    question_id: str


_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*(?:[•·●▪\-*]|\d+[.、)]|[（(]\d+[)）]))")
_SENTENCE = re.compile(r"(?<=[。！？；!?;])|(?<=[.](?=\s))")
_CLAUSE = re.compile(r"(?<=[，,、：:])")


def embed_text_for(question: str, passage: str) -> str:
    """The text embedded for an answer passage: the question gives it context."""
    return f"{question}\n{passage}"


def split_passages(text: str, params: ChunkingParams = DEFAULT_PARAMS) -> list[str]:
    """Split an answer into passages of about min..max characters on natural boundaries."""
    units = [u for para in _PARAGRAPH.split(text) for u in _fit(_clean(para), params.max_chars)]
    passages: list[str] = []
    current = ""
    for unit in units:
        if not current:
            current = unit
        elif len(current) + 1 + len(unit) <= params.max_chars:
            current = f"{current}\n{unit}"
        else:
            passages.append(current)
            current = unit
    if current:
        passages.append(current)
    return _merge_short(passages, params)


def chunk_question(question: Question, params: ChunkingParams = DEFAULT_PARAMS) -> list[DraftChunk]:
    """All chunks of one bank question: its phrasings first, then answer passages in item order."""
    drafts: list[DraftChunk] = []
    seen_questions: set[str] = set()
    for item in question.items or []:
        phrasing = _clean(item.question)
        if phrasing and phrasing not in seen_questions:
            seen_questions.add(phrasing)
            drafts.append(DraftChunk(phrasing, phrasing, item.source, "question", question.id))
    if not seen_questions:  # a bank entry with no items still has its canonical text
        text = _clean(question.text)
        span = SourceSpan("", 0, 0)
        drafts.append(DraftChunk(text, text, span, "question", question.id))
    seen_passages: set[str] = set()
    for item in question.items:
        context = _clean(item.question) or question.text
        for passage in split_passages(item.answer, params):
            if passage in seen_passages:  # the same answer copied into two files
                continue
            seen_passages.add(passage)
            drafts.append(
                DraftChunk(
                    passage, embed_text_for(context, passage), item.source, "answer", question.id
                )
            )
    return drafts


def _clean(text: str) -> str:
    return re.sub(r"[ \t\u3000\xa0]+", " ", text).strip()


def _fit(unit: str, max_chars: int) -> list[str]:
    """Break one over-long unit at sentence, then clause boundaries, then hard."""
    if not unit:
        return []
    if len(unit) <= max_chars:
        return [unit]
    for pattern in (_SENTENCE, _CLAUSE):
        pieces = [p.strip() for p in pattern.split(unit) if p.strip()]
        if len(pieces) > 1:
            return _pack(pieces, max_chars)
    return [unit[i : i + max_chars].strip() for i in range(0, len(unit), max_chars)]


def _pack(pieces: list[str], max_chars: int) -> list[str]:
    out: list[str] = []
    current = ""
    for piece in pieces:
        for part in _fit(piece, max_chars) if len(piece) > max_chars else [piece]:
            sep = " " if current and current[-1].isascii() and part[0].isascii() else ""
            if current and len(current) + len(sep) + len(part) > max_chars:
                out.append(current)
                current = part
            else:
                current = f"{current}{sep}{part}" if current else part
    if current:
        out.append(current)
    return out


def _merge_short(passages: list[str], params: ChunkingParams) -> list[str]:
    """Fold a too-short passage into a neighbour when the result stays near the size limit."""
    merged: list[str] = []
    for passage in passages:
        if merged and (len(passage) < params.min_chars or len(merged[-1]) < params.min_chars):
            if len(merged[-1]) + 1 + len(passage) <= params.max_chars + params.min_chars // 2:
                merged[-1] = f"{merged[-1]}\n{passage}"
                continue
        merged.append(passage)
    return merged
