"""Hybrid retrieval over a loaded index: dense FAISS + BM25, fused by reciprocal rank.

Dense vectors catch paraphrase ("BN 到底有啥用" ~ "批量归一化有什么作用"); BM25 keeps exact terms
sharp ("LN" is not "BN"). Reciprocal-rank fusion needs no score calibration between the two, which
matters because e5 cosines and BM25 scores live on unrelated scales. The lexical list counts half:
on colloquial questions it is the weaker ranker (see BENCHMARKS.md, "Retrieval"). Queries are
embedded with the glossary names of the concepts they mention ("lr" -> "learning rate 学习率"),
which the small model does not reliably connect on its own.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from interviewer.errors import CorpusError
from interviewer.index.fingerprint import corpus_hashes, parser_fingerprint
from interviewer.index.lexical_cache import open_bm25
from interviewer.index.manifest import Manifest
from interviewer.index.query_cache import QueryVectorCache
from interviewer.index.records import Chunk, Hit
from interviewer.index.store import StoredIndex, check_model, load_index, stale_reason
from interviewer.index.text_cache import question_vectors
from interviewer.types.bank import Question
from interviewer.vocabulary.glossary import expand_query

if TYPE_CHECKING:
    from interviewer.embedding.model import Embedder

Mode = Literal["hybrid", "dense", "lexical"]
RRF_K = 60
"""The usual reciprocal-rank-fusion constant: damps the difference between ranks 1 and 2."""
DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 0.5
WEIGHTS = (DENSE_WEIGHT, LEXICAL_WEIGHT)
"""Fusion weights, in the order the rankers' lists are built: dense, then lexical."""
QUERY_CACHE = 256
"""Query vectors kept per retriever (oldest dropped first)."""
CANDIDATES = 100
"""How deep each ranker's list goes before fusion."""


class HybridRetriever:
    """The Retriever protocol over one index directory and one embedding model."""

    def __init__(
        self,
        stored: StoredIndex,
        embedder: Embedder,
        stale: str | None = None,
        *,
        kept_queries: QueryVectorCache | None = None,
    ) -> None:
        check_model(stored.manifest, stored.path, embedder.model_id, embedder.dim)
        self._stored = stored
        self._embedder = embedder
        self._kept = kept_queries
        """Query vectors earlier processes embedded (None: this process's own only)."""
        self.stale = stale
        """Why the index no longer matches the corpus, or None when it does (or was not checked)."""
        self._by_id = {q.id: q for q in stored.questions}
        self._chunks_of: dict[str, list[Chunk]] = {}
        for chunk in stored.chunks:
            if chunk.question_id is not None:
                self._chunks_of.setdefault(chunk.question_id, []).append(chunk)
        self._bm25 = open_bm25(stored.path, [self._lexical_text(c) for c in stored.chunks])
        self._query_cache: dict[str, np.ndarray] = {}
        self._cache_lock = threading.Lock()
        self._question_vectors: dict[str, np.ndarray] | None = None

    def is_ready(self) -> bool:
        """Always: the model and index are loaded when this exists."""
        return True

    def wait_ready(self) -> None:
        """Nothing to wait for (see `is_ready`)."""

    @property
    def manifest(self) -> Manifest:
        """What the index was built from (model, counts, corpus files)."""
        return self._stored.manifest

    # -- Retriever protocol ----------------------------------------------------------------

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """Best passages for free text, best first; `Hit.score` is the fused RRF score."""
        return self.search_mode(query, k, "hybrid")

    def questions(self) -> list[Question]:
        return list(self._stored.questions)

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def chunks_for_question(self, question_id: str) -> list[Chunk]:
        """Answer passages of the question in source order (its question chunks left out)."""
        return [c for c in self._chunks_of.get(question_id, []) if c.kind == "answer"]

    def match_question(self, text: str) -> tuple[Question, float] | None:
        """The bank question `text` most likely is; similarity is the cosine to its phrasing."""
        ranked = self.rank_questions(text, 1)
        if not ranked:
            return None
        question, _ = ranked[0]
        return question, self.question_similarities(text, [question.id]).get(question.id, 0.0)

    def question_similarities(self, text: str, question_ids: Iterable[str]) -> dict[str, float]:
        """Cosine of the text to each question's closest phrasing (its question chunks)."""
        query = self._embed_query(text)
        out: dict[str, float] = {}
        for qid in dict.fromkeys(question_ids):
            ids = [c.id for c in self._chunks_of.get(qid, []) if c.kind == "question"]
            if ids:
                vectors = np.vstack([self._stored.faiss_index.reconstruct(i) for i in ids])
                out[qid] = float(np.clip((vectors @ query).max(), 0.0, 1.0))
        return out

    def question_vectors(self) -> Mapping[str, np.ndarray]:
        if self._question_vectors is None:
            stored = self._stored
            self._question_vectors = question_vectors(
                stored.path, stored.manifest.model_id, stored.questions
            )
        return self._question_vectors

    # -- beyond the protocol: what the benchmark and the CLI use ----------------------------

    def search_mode(self, query: str, k: int = 5, mode: Mode = "hybrid") -> list[Hit]:
        """Top `k` chunks by one ranker or the fusion of both."""
        if not query.strip() or k <= 0 or not self._stored.chunks:
            return []
        depth = max(CANDIDATES, k)
        lists = []
        if mode in ("hybrid", "dense"):
            lists.append(self._dense(query, depth))
        if mode in ("hybrid", "lexical"):
            lists.append(self._bm25.top(query, depth))
        if mode != "hybrid":
            return [Hit(self._stored.chunks[i], s) for i, s in lists[0][:k]]
        fused = _rrf([[i for i, _ in ranking] for ranking in lists], WEIGHTS)
        return [Hit(self._stored.chunks[i], s) for i, s in fused[:k]]

    def rank_questions(
        self, text: str, k: int = 5, mode: Mode = "hybrid"
    ) -> list[tuple[Question, float]]:
        """Bank questions ranked for free text: each ranker ranks questions by their best chunk."""
        if not text.strip() or k <= 0 or not self._stored.chunks:
            return []
        depth = max(CANDIDATES, 4 * k)
        lists = []
        if mode in ("hybrid", "dense"):
            lists.append(self._question_order(i for i, _ in self._dense(text, depth)))
        if mode in ("hybrid", "lexical"):
            lists.append(self._question_order(i for i, _ in self._bm25.top(text, depth)))
        fused = _rrf(lists, WEIGHTS if mode == "hybrid" else (1.0,))
        return [(self._by_id[qid], score) for qid, score in fused[:k]]

    def clear_query_cache(self) -> None:
        """Forget cached query vectors (the benchmark times embedding afresh)."""
        with self._cache_lock:
            self._query_cache.clear()

    # -- internals ---------------------------------------------------------------------------

    def _embed_query(self, text: str) -> np.ndarray:
        """Cached: search and match_question on the same text embed it once (UI workers and the
        grader may call from different threads, hence the lock around the cache)."""
        with self._cache_lock:
            vector = self._query_cache.get(text)
        if vector is None:
            expanded = expand_query(text)
            model_id, dim = self._embedder.model_id, self._embedder.dim
            kept = self._kept.get(model_id, expanded, dim) if self._kept else None
            if kept is not None:
                vector = kept
            else:
                embedded = self._embedder.embed_queries([expanded])
                vector = np.asarray(embedded, dtype=np.float32).reshape(-1)
                if self._kept is not None:
                    self._kept.put(model_id, expanded, vector)
            with self._cache_lock:
                if len(self._query_cache) >= QUERY_CACHE:
                    self._query_cache.pop(next(iter(self._query_cache)))
                self._query_cache[text] = vector
        return vector

    def _dense(self, query: str, depth: int) -> list[tuple[int, float]]:
        index = self._stored.faiss_index
        depth = min(depth, index.ntotal)
        scores, ids = index.search(self._embed_query(query).reshape(1, -1), depth)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def _question_order(self, chunk_ids: Iterable[int]) -> list[str]:
        order: dict[str, None] = {}
        for i in chunk_ids:
            qid = self._stored.chunks[i].question_id
            if qid is not None and qid in self._by_id:
                order.setdefault(qid, None)
        return list(order)

    def _lexical_text(self, chunk: Chunk) -> str:
        """Answer passages are matched together with their question's wording, as embedded."""
        question = self._by_id.get(chunk.question_id or "")
        if chunk.kind != "answer" or question is None:
            return chunk.text
        return f"{question.text}\n{chunk.text}"


def open_retriever(
    index_dir: Path,
    embedder: Embedder,
    corpus_dir: Path | None = None,
    *,
    stored: StoredIndex | None = None,
    kept_queries: Path | None = None,
) -> HybridRetriever:
    """Load and check the index (or take `stored`, already loaded from `index_dir`); with
    `corpus_dir`, note (not refuse) a stale index; with `kept_queries`, a folder where query
    vectors are kept for later processes."""
    stored = stored if stored is not None else load_index(index_dir)
    stale = None
    if corpus_dir is not None:
        try:
            current = corpus_hashes(corpus_dir)
            stale = stale_reason(stored.manifest, current, parser_fingerprint())
        except CorpusError:
            stale = None  # no corpus here (an installed copy): the index is all there is
    kept = QueryVectorCache(kept_queries) if kept_queries is not None else None
    return HybridRetriever(stored, embedder, stale, kept_queries=kept)


def _rrf(rankings: list[list], weights: tuple[float, ...]) -> list[tuple]:
    """Weighted reciprocal-rank fusion: sum of w/(RRF_K + rank) over the lists an item is in."""
    scores: dict = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, key in enumerate(ranking, 1):
            scores[key] = scores.get(key, 0.0) + weight / (RRF_K + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])
