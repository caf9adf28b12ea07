"""Whether two bank questions ask the same thing, so one session never asks both.

Why here and not only in the bank: the bank groups near-duplicates by embedding, but wordings like
"梯度消失和梯度爆炸的主要原因" and "缓解梯度消失和梯度爆炸的方法" stay separate entries (each
has its own answer), and asking them back to back feels like the interviewer forgot. Selection
is pure and has no model, so this is lexical: two questions are of one group when they name the
same concepts (from the retrieval glossary, which knows 梯度弥散 = 梯度消失 and BN = 批归一化),
and, when that is one concept or none, what they ask about it is worded alike as well.
"""

from __future__ import annotations

import re
from functools import lru_cache

from interviewer.types.bank import Question

SAME_WORDING = 0.5
"""Character-bigram Jaccard of the remaining wording above which two questions ask alike."""

_NOISE = re.compile(r"[\s\W_]+")


def same_group(a: Question, b: Question) -> bool:
    """Whether `a` and `b` are near-duplicates for the purpose of one session."""
    if a.id == b.id:
        return True
    ca, cb = _concepts(a.text), _concepts(b.text)
    if ca != cb:
        return False
    if len(ca) >= 2:
        return True  # the same two or more concepts: the same question in other words
    return _jaccard(_wording(a.text), _wording(b.text)) >= SAME_WORDING


@lru_cache(maxsize=4096)
def _concepts(text: str) -> frozenset[str]:
    from interviewer.vocabulary.glossary import concepts_in

    return frozenset(concepts_in(text))


@lru_cache(maxsize=4096)
def _wording(text: str) -> frozenset[str]:
    """Character bigrams of what is left once the concepts and question words are removed."""
    from interviewer.vocabulary.glossary import patterns

    pattern, _ = patterns()
    rest = _NOISE.sub("", _question_words().sub("", pattern.sub("", text.lower())))
    return frozenset(rest[i : i + 2] for i in range(len(rest) - 1)) or frozenset(rest)


@lru_cache(maxsize=1)
def _question_words() -> re.Pattern[str]:
    """The question words (vocabulary/data/questions.toml: session_frame), in the order tried."""
    from interviewer.vocabulary.load import any_of
    from interviewer.vocabulary.questions import session_frame

    return re.compile(any_of(session_frame()))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
