"""Chunk and Question records as JSON lines: the index's sidecars, readable and pickle-free."""

from __future__ import annotations

import json
from typing import Any

from interviewer.index.records import Chunk
from interviewer.types.bank import QAItem, Question, SourceSpan


def span_to_dict(span: SourceSpan) -> dict[str, Any]:
    return {"path": span.path, "line_start": span.line_start, "line_end": span.line_end}


def span_from_dict(data: dict[str, Any]) -> SourceSpan:
    return SourceSpan(str(data["path"]), int(data["line_start"]), int(data["line_end"]))


def chunk_to_line(chunk: Chunk) -> str:
    data = {
        "id": chunk.id,
        "text": chunk.text,
        "source": span_to_dict(chunk.source),
        "kind": chunk.kind,
        "question_id": chunk.question_id,
        "content_hash": chunk.content_hash,
    }
    return json.dumps(data, ensure_ascii=False)


def chunk_from_line(line: str) -> Chunk:
    data = json.loads(line)
    if data["kind"] not in ("answer", "question", "text"):
        raise ValueError(f"unknown chunk kind {data['kind']!r}")
    return Chunk(
        id=int(data["id"]),
        text=str(data["text"]),
        source=span_from_dict(data["source"]),
        kind=data["kind"],
        question_id=data.get("question_id"),
        content_hash=str(data.get("content_hash", "")),
    )


def question_to_line(question: Question) -> str:
    data = {
        "id": question.id,
        "text": question.text,
        "topic": question.topic,
        "items": [
            {
                "question": item.question,
                "answer": item.answer,
                "source": span_to_dict(item.source),
                "headings": list(item.headings),
            }
            for item in question.items
        ],
    }
    return json.dumps(data, ensure_ascii=False)


def question_from_line(line: str) -> Question:
    data = json.loads(line)
    items = [
        QAItem(
            question=str(item["question"]),
            answer=str(item["answer"]),
            source=span_from_dict(item["source"]),
            headings=tuple(str(h) for h in item.get("headings", ())),
        )
        for item in data["items"]
    ]
    return Question(
        id=str(data["id"]), text=str(data["text"]), topic=str(data["topic"]), items=items
    )
