"""The lexical identity of a question: what is left after case, punctuation and frame words.

Two pages that ask "简单介绍一下Batch Normalization以及它的作用" and "bn的作用" ask the same thing;
their normalised forms are equal, which both groups them and gives the bank a stable id. The words
come from the vocabulary: the question-key view of the concepts (`question_key` in
vocabulary/data/concepts.toml) and the frame words of vocabulary/data/questions.toml.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from interviewer.corpus.tables import facets as question_facets
from interviewer.corpus.tables import key_frame, question_key_folds

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def canonical_terms(text: str) -> str:
    """NFKC, lower case, concept spellings folded: still readable, used for embedding and
    keywords."""
    text = unicodedata.normalize("NFKC", text).lower()
    for word, folded in question_key_folds():
        text = text.replace(word, f" {folded} ")
    return re.sub(r"\s+", " ", text).strip()


def normalise(question: str) -> str:
    """The lexical key: canonical terms without frame words, punctuation or spaces."""
    text = canonical_terms(question)
    for word in _frame_words():
        text = text.replace(word, " ")
    key = _PUNCT.sub("", text)
    return key or _PUNCT.sub("", question.lower())


@functools.cache
def _frame_words() -> list[str]:
    """The frame words, longest first (in file order among equally long ones)."""
    return sorted(key_frame(), key=len, reverse=True)


def question_id(question: str) -> str:
    """Ten hex characters of the hash of the normalised question: stable across rebuilds."""
    return hashlib.sha256(normalise(question).encode("utf-8")).hexdigest()[:10]


# ---- what a question asks about, for guarding embedding merges --------------------------------

_LATIN = re.compile(r"[a-z][a-z0-9\-]*|\d+x\d+")
_LATIN_STOP = frozenset({"and", "or", "the", "of", "in", "a", "an", "vs", "with", "to", "is"})


def facets(question: str) -> frozenset[str]:
    """The intents a question asks for: {'原因'}, {'原因', '解决'}; empty for a bare subject."""
    text = canonical_terms(question)
    found = set()
    for facet in question_facets():
        if facet.pattern.search(text):
            found.add(facet.name)
            text = facet.pattern.sub(" ", text)
    return frozenset(found)


def subject_terms(question: str, vocabulary: tuple[str, ...]) -> frozenset[str]:
    """Latin words and known domain terms: what a question is about ('bn', '梯度消失', ...)."""
    text = canonical_terms(question)
    latin = {w for w in _LATIN.findall(text) if w not in _LATIN_STOP}
    cjk = {term for term in vocabulary if not term.isascii() and term in text}
    # keep the longest of overlapping terms ('梯度消失' not also '梯度')
    cjk = {t for t in cjk if not any(t != o and t in o for o in cjk)}
    return frozenset(latin | cjk)
