"""BM25 over Chinese character uni/bi-grams and lowercased English words, in numpy.

Dense retrieval understands paraphrase but blurs exact terms ("LN" vs "BN", "L1" vs "L2"); a
lexical ranker keeps them sharp. Chinese is not segmented: character unigrams and bigrams match
words without a dictionary, and BM25's idf discounts the ubiquitous ones (什么, 区别).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

import numpy as np

from interviewer.vocabulary.cjk import CJK, CJK_CHAR
from interviewer.vocabulary.glossary import canonicalise

_TOKEN = re.compile(rf"[{CJK}]+|[a-z0-9]+(?:[.+#][a-z0-9]+)*")


def tokenize(text: str) -> list[str]:
    """Lowercased English words and numbers, Chinese character unigrams and bigrams.

    Spellings of one concept are unified first (see `glossary`), so "批量归一化", "Batch
    Normalization" and "BN" are the same term.
    """
    tokens: list[str] = []
    for match in _TOKEN.finditer(canonicalise(unicodedata.normalize("NFKC", text))):
        run = match.group()
        if CJK_CHAR.match(run):
            tokens.extend(run)
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


COMMON_SHARE = 0.2
"""A query term in more than this share of documents is treated as a stopword (的, 是, 什么)."""
COMMON_MIN_DOCS = 50
"""Below this many documents a share says nothing about how common a term is."""


class BM25:
    """An in-memory BM25 ranker over a fixed list of documents (row i is document i).

    Query terms found in over `COMMON_SHARE` of the documents are ignored: their idf is small but
    not zero, and in a rank fusion a list ordered by filler words still counts as a full vote.
    """

    def __init__(self, documents: list[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self.size = len(documents)
        lengths = np.zeros(self.size, dtype=np.float32)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for doc_id, text in enumerate(documents):
            counts = Counter(tokenize(text))
            lengths[doc_id] = sum(counts.values())
            for term, tf in counts.items():
                ids, tfs = postings.setdefault(term, ([], []))
                ids.append(doc_id)
                tfs.append(tf)
        average = float(lengths.mean()) if self.size and lengths.mean() > 0 else 1.0
        self._norm = k1 * (1.0 - b + b * lengths / average)
        self._postings = {
            term: (np.asarray(ids, dtype=np.int64), np.asarray(tfs, dtype=np.float32))
            for term, (ids, tfs) in postings.items()
        }

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The ranker as flat arrays (CSR postings), for `lexical_cache`."""
        vocabulary = sorted(self._postings)
        sizes = [len(self._postings[t][0]) for t in vocabulary]
        offsets = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum(sizes, dtype=np.int64)
        empty = (np.zeros(0, np.int64), np.zeros(0, np.float32))
        return {
            "terms": np.array(vocabulary, dtype=str),
            "offsets": offsets,
            "ids": np.concatenate([self._postings[t][0] for t in vocabulary] or [empty[0]]).astype(
                np.int32
            ),
            "tfs": np.concatenate([self._postings[t][1] for t in vocabulary] or [empty[1]]),
            "norm": np.asarray(self._norm, dtype=np.float32),
            "params": np.array([self.k1, self.b, float(self.size)], dtype=np.float64),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> BM25:
        """The ranker `to_arrays` flattened; ValueError when the arrays don't fit together."""
        offsets, ids, tfs = arrays["offsets"], arrays["ids"], arrays["tfs"]
        vocabulary = arrays["terms"].tolist()
        k1, b, size = arrays["params"].tolist()
        norm = arrays["norm"].astype(np.float32)
        if len(offsets) != len(vocabulary) + 1 or offsets[-1] != len(ids) or len(ids) != len(tfs):
            raise ValueError("postings arrays do not fit together")
        if len(norm) != int(size) or (len(ids) and (ids.min() < 0 or ids.max() >= size)):
            raise ValueError("postings point outside the documents")
        ranker = cls.__new__(cls)
        ranker.k1, ranker.b, ranker.size = float(k1), float(b), int(size)
        ranker._norm = norm
        bounds = offsets.tolist()
        ranker._postings = {
            term: (ids[start:end].astype(np.int64), tfs[start:end].astype(np.float32))
            for term, start, end in zip(vocabulary, bounds[:-1], bounds[1:], strict=True)
        }
        return ranker

    def idf(self, term: str) -> float:
        df = len(self._postings[term][0]) if term in self._postings else 0
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for `query` (zeros where no term matches)."""
        scores = np.zeros(self.size, dtype=np.float32)
        common = COMMON_SHARE * self.size if self.size >= COMMON_MIN_DOCS else self.size
        for term in set(tokenize(query)):
            if term not in self._postings:
                continue
            ids, tfs = self._postings[term]
            if len(ids) > common:
                continue
            weight = self.idf(term) * (self.k1 + 1.0)
            scores[ids] += weight * tfs / (tfs + self._norm[ids])
        return scores

    def top(self, query: str, k: int) -> list[tuple[int, float]]:
        """The `k` best (document, score) pairs with a positive score, best first."""
        scores = self.scores(query)
        if k <= 0 or not self.size:
            return []
        k = min(k, self.size)
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(int(i), float(scores[i])) for i in best if scores[i] > 0]
