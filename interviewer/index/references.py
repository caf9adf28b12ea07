"""What an answer is graded against: the question's own bank answers first, then the best
retrieved passages, or just the user's explicit reference (no retrieval at all).

Why the order matters: graders weigh the first references most (the similarity grader trusts
bank answers and user references, and makes retrieved passages earn trust by being close to the
question), so a question's curated answer must never lose to a passage that merely shares words.
"""

from __future__ import annotations

from interviewer.index.records import Chunk, Hit
from interviewer.index.retriever import Retriever
from interviewer.keys.load import KeyBook
from interviewer.types.answer_key import AnswerKey
from interviewer.types.verdict import Reference, key_source

MATCH_CONFIDENT = 0.86
"""Cosine from `match_question` at or above which a free-text question IS that bank question."""
ABOUT_MARGIN = 0.07
"""A retrieved passage is about the question when the question it answers is this close to the
best-matching bank question (and close enough to be matched itself, MATCH_CONFIDENT): the small
e5 model puts every Chinese DL question between 0.83 and 0.97 of any other, so an absolute bar
alone keeps a 牛顿法 passage for a DQN question. On bench/paraphrases.jsonl 218 retrieved
references are listed instead of 288, still all 22 that answer the very question asked; for
√d_k the dropout and decoder-only passages go, 什么是Attention机制 stays."""
MAX_OWN = 3
"""At most this many of the question's own answers (several files answer one question)."""
MAX_OWN_CHUNKS = 8
"""At most this many chunks of one own answer are joined back into it."""


def references_for(
    question: str,
    retriever: Retriever | None,
    *,
    question_id: str | None = None,
    k: int = 4,
    reference: str | None = None,
    keys: KeyBook | None = None,
) -> list[Reference]:
    """Up to `k` references, best first; `reference` (the user's own) is used alone when given.
    A bank question with an answer key is graded against the key: its reference comes first and
    carries the key (its written reference, or the notes' passage when the key has none)."""
    if reference is not None and reference.strip():
        return [Reference(text=reference.strip(), source="user")]
    if retriever is None or k <= 0:
        return []
    if question_id is None:
        match = retriever.match_question(question)
        if match is not None and match[1] >= MATCH_CONFIDENT:
            question_id = match[0].id
    refs: list[Reference] = []
    seen: set[str] = set()
    if question_id is not None:
        # one answer cut into chunks for retrieval is graded whole: a candidate who explains
        # both 参数共享 and 稀疏交互 must not be measured against the half about one of them
        answers: dict[str, list[Chunk]] = {}
        for chunk in retriever.chunks_for_question(question_id):
            answers.setdefault(str(chunk.source), []).append(chunk)
        for parts in list(answers.values())[:MAX_OWN]:
            _add(refs, seen, parts[:MAX_OWN_CHUNKS], score=None)
    if question_id is not None and keys is not None and question_id in keys:
        refs = [_keyed(keys[question_id], question_id, refs)]
        seen.add(" ".join(refs[0].text.split()))
    hits = retriever.search(question, k=2 * k + len(refs))  # room for skipped hits
    hits = [h for h in hits if h.chunk.kind != "question"]  # a question is no answer
    about = _about(question, retriever, hits, question_id)
    # with nothing else to grade against, the best passage (the grader weighs how close it is)
    for hit in about if about or refs else hits[:1]:
        if len(refs) >= k:
            break
        _add(refs, seen, [hit.chunk], score=hit.score)
    return refs[:k]


def _about(
    question: str, retriever: Retriever, hits: list[Hit], question_id: str | None
) -> list[Hit]:
    """The hits about the question: the question each answers is near the best match (see
    ABOUT_MARGIN). A hit whose question has no stored phrasing is kept (nothing to judge by)."""
    ids = [h.chunk.question_id for h in hits if h.chunk.question_id is not None]
    sims = retriever.question_similarities(question, [*ids, *filter(None, [question_id])])
    if not sims:
        return hits
    bar = max(MATCH_CONFIDENT, max(sims.values()) - ABOUT_MARGIN)
    return [h for h in hits if sims.get(h.chunk.question_id or "", 1.0) >= bar]


def _keyed(key: AnswerKey, question_id: str, own: list[Reference]) -> Reference:
    """The reference a keyed question is graded against and shows: the key's own reference
    answer when it has one (the notes had none, or a wrong one), else the notes' passage."""
    written = key_source(question_id, key.origin)
    if key.reference.strip():
        text, source = key.reference.strip(), written
    elif own:
        text, source = "\n".join(r.text for r in own), own[0].source
    else:
        text, source = "\n".join(p.text for p in key.points), written
    return Reference(text=text, source=source, question_id=question_id, key=key)


def _add(refs: list[Reference], seen: set[str], parts: list[Chunk], score: float | None) -> None:
    keys = [" ".join(c.text.split()) for c in parts]
    fresh = [c for c, key in zip(parts, keys, strict=True) if key and key not in seen]
    if not fresh:
        return
    seen.update(keys)
    first = fresh[0]
    refs.append(
        Reference(
            text="\n".join(c.text for c in fresh),
            source=str(first.source),
            chunk_id=first.id,
            question_id=first.question_id,
            score=score,
        )
    )
