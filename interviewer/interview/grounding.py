"""The reference passages an answer is graded against, and the key points they contain.

Kept apart from the engine so hints, skips and grading all read the same references.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from interviewer.grading.verdict import Reference
from interviewer.index.retriever import Retriever

log = logging.getLogger(__name__)

MAX_REFERENCES = 4
"""Passages per question: enough to cover an answer, few enough to grade fast."""


def references_for(question: str, retriever: Retriever, question_id: str | None) -> list[Reference]:
    """The question's own answer passages; retrieved passages when the bank has none."""
    try:
        from interviewer.grading.references import references_for as shared
    except ImportError:  # the shared helper is optional; the rule below is the same idea
        shared = None
    if shared is not None:
        refs = list(shared(question, retriever, question_id=question_id))
        own = [r for r in refs if question_id and r.question_id == question_id and r.score is None]
        # Grade against the asked question's own answers when it has them: a retrieved passage of
        # another question must not become the yardstick just because the answer happens to
        # match it (an off-topic answer about BN scored 5/10 against a gradient-clipping passage).
        return own or refs
    refs: list[Reference] = []
    if question_id:
        for chunk in retriever.chunks_for_question(question_id):
            if chunk.kind == "answer" and chunk.text.strip():
                refs.append(
                    Reference(
                        text=chunk.text,
                        source=str(chunk.source),
                        chunk_id=chunk.id,
                        question_id=chunk.question_id,
                    )
                )
    if refs:
        return refs[:MAX_REFERENCES]
    for hit in retriever.search(question, k=MAX_REFERENCES):
        if hit.chunk.kind == "question":
            continue
        refs.append(
            Reference(
                text=hit.chunk.text,
                source=str(hit.chunk.source),
                chunk_id=hit.chunk.id,
                question_id=hit.chunk.question_id,
                score=hit.score,
            )
        )
    return refs


def key_points(
    question: str, references: Sequence[Reference], question_id: str | None = None
) -> list[str]:
    """What a good answer should say, in reference order (the grader's own cutting when present).
    Only the question's own answers count when it has any: retrieved extras are context."""
    try:
        from interviewer.grading.keypoints import key_points as cut
    except ImportError:
        cut = None
    own = [r for r in references if question_id and r.question_id == question_id]
    points: list[str] = []
    for ref in own or references:
        found = cut(ref.text, question) if cut else _sentences(ref.text)
        points.extend(p for p in found if p not in points)
    return points


def _sentences(text: str) -> list[str]:
    parts = re.split(r"[。！？!?；;\n]+", text)
    return [p.strip(" ，,：:") for p in parts if len(p.strip()) >= 4]


def focused_references(references: Sequence[Reference], points: Sequence[str]) -> list[Reference]:
    """The passages that contain the given key points (a follow-up is about those), else all."""
    picked = [r for r in references if any(p and p in r.text for p in points)]
    return picked or list(references)
