"""Whether two bank questions ask the same thing, so one session never asks both.

Why here and not only in the bank: the bank groups near-duplicates by embedding, but wordings like
"梯度消失和梯度爆炸的主要原因" and "缓解梯度消失和梯度爆炸的方法" stay separate entries (each
has its own answer), and asking them back to back feels like the interviewer forgot. Selection
is pure and has no model, so this is lexical: two questions are of one group when they name the
same concepts (from the retrieval glossary, which knows 梯度弥散 = 梯度消失 and BN = 批归一化),
and, when that is one concept or none, what they ask about it is worded alike as well.

`kept_apart` goes further, for distinct questions whose answers overlap ("梯度消失有哪些解决办法"
then "梯度爆炸有哪些解决办法" repeats half the answer): it reads the answer keys and the question
vectors the index stored, and selection avoids such pairs while the bank has other questions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING

from interviewer.types.answer_key import AnswerKey
from interviewer.types.bank import Question

if TYPE_CHECKING:
    import numpy as np

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


# --- distinct entries whose answers overlap --------------------------------------------------

CLOSE_PHRASING = 0.94
"""Cosine of two questions' stored phrasing vectors from which they may be one topic asked
twice. Alone it says little (the model puts most same-field questions above 0.9: "BN的作用和缺陷"
and "LN和BN的区别" are 0.90, "如何确定是否出现梯度爆炸" and "梯度爆炸有哪些解决办法" 0.96),
so it only gates the answer test below."""

SHARED_ANSWER = 0.5
"""Share of one key's points whose every concept is worded in the other key as well, from which
the two answers overlap: "梯度消失有哪些解决办法" and "梯度爆炸有哪些解决办法" share 3 of 6
(initialisation, BN, LSTM/GRU), "如何防止过拟合" has 4 of its 6 in "过拟合指什么…解决方法有哪些"."""


def kept_apart(
    bank: Sequence[Question],
    keys: Mapping[str, AnswerKey],
    vectors: Mapping[str, np.ndarray],
) -> frozenset[frozenset[str]]:
    """Pairs of bank ids one session should not both ask: their answers overlap heavily, though
    the questions are distinct entries (so `same_group` lets them through).

    Two questions are kept apart when one answer key serves both, or when their phrasings are
    close (`CLOSE_PHRASING`, from the vectors the build stored) and so are their answers
    (`SHARED_ANSWER`, from the keys' concept wordings). Without keys or vectors for a question
    nothing is said about it. Cheap: set and dot products over the bank, no model."""
    words = {qid: _key_words(key) for qid, key in keys.items()}
    ids = [q.id for q in bank if q.id in keys]
    apart: set[frozenset[str]] = set()
    for a, b in combinations(ids, 2):
        ka, kb = keys[a], keys[b]
        if b in ka.ids or a in kb.ids:
            apart.add(frozenset((a, b)))
            continue
        va, vb = vectors.get(a), vectors.get(b)
        if va is None or vb is None or float((va @ vb.T).max()) < CLOSE_PHRASING:
            continue
        if max(_covered(ka, words[b]), _covered(kb, words[a])) >= SHARED_ANSWER:
            apart.add(frozenset((a, b)))
    return frozenset(apart)


def _key_words(key: AnswerKey) -> frozenset[str]:
    """Every concept wording of a key, lower-cased."""
    return frozenset(w.lower() for p in key.points for g in p.concepts for w in g)


def _covered(key: AnswerKey, other: frozenset[str]) -> float:
    """Share of `key`'s points all of whose concepts the other key words too."""
    hit = sum(
        all(any(w.lower() in other for w in group) for group in point.concepts)
        for point in key.points
    )
    return hit / len(key.points)
