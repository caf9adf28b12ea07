"""Everything blocking the interview needs, built once (off the UI thread) and injected.

The UI and the tests construct `Services` the same way; tests pass fakes for any field.
`Services.open` is the fast start the app uses: the question bank and the store are ready in a
fraction of a second, while importing torch and loading the model (seconds) continue in a
background thread that only grading and search wait for (see BENCHMARKS.md, "Speed and memory").
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from interviewer.corpus.items import Question
from interviewer.grading.base import Grader
from interviewer.index.records import Chunk, Hit
from interviewer.index.retriever import Retriever
from interviewer.interview.phrasing import Phraser, TemplatePhraser
from interviewer.keys.load import KeyBook
from interviewer.storage.db import HistoryStore
from interviewer.types.plan import InterviewPlan

if TYPE_CHECKING:
    from interviewer.config import Settings
    from interviewer.interview.engine import Interview

log = logging.getLogger(__name__)


@dataclass
class Services:
    """The model, index, grader, history store and interviewer voice for one run of the app."""

    settings: Settings
    embedder: Any
    """interviewer.embedding.model.Embedder (the grader and retriever hold it too)."""
    retriever: Retriever
    grader: Grader
    store: HistoryStore
    phraser: Phraser
    keys: KeyBook = field(default_factory=KeyBook)
    """The bank's answer keys (graders, hints and follow-ups read them)."""

    @classmethod
    def load(cls, settings: Settings) -> Services:
        """Load the embedding model, the index, the grader and the store (seconds: call off the
        UI thread). Every failure is a one-line InterviewerError."""
        services = cls.open(settings)
        try:
            services.wait_ready()
        except BaseException:
            services.close()
            raise
        return services

    @classmethod
    def open(cls, settings: Settings) -> Services:
        """The bank and the store now, the model and the full index in a background thread.

        Asking questions needs only the bank, so a session can start before the model is loaded;
        searching and grading wait for it. Cheap failures (missing index, bad database) raise
        here; a model or index failure raises from `wait_ready()` and from every call that needs
        the model. Every failure is a one-line InterviewerError."""
        from interviewer.grading.service import bank_keys, build_grader
        from interviewer.index.store import read_manifest, read_questions

        # Cheap checks first, so a missing index or a bad database fails before the model loads.
        read_manifest(settings.index_dir)
        store = HistoryStore(settings.db_path)
        try:
            _, bank = read_questions(settings.index_dir)
            loading = _Loading(lambda: _load_model_and_index(settings))
            embedder = _DeferredEmbedder(loading)
            retriever = _DeferredRetriever(bank, _stale(settings), loading)
            keys = bank_keys(settings)
            grader = build_grader(settings, embedder, retriever=retriever, keys=keys)
        except BaseException:
            store.close()
            raise
        live = {q.id for q in bank}
        if live:  # an empty bank says nothing about which questions left the corpus
            store.mark_removed_questions(live)
        return cls(settings, embedder, retriever, grader, store, make_phraser(settings), keys)

    def wait_ready(self) -> None:
        """Block until the model and index behind `open` are loaded; raise their failure."""
        wait = getattr(self.retriever, "wait_ready", None)
        if callable(wait):
            wait()

    def new_interview(self, plan: InterviewPlan) -> Interview:
        """Pick the questions and open a session (saved before this returns)."""
        from interviewer.interview.engine import Interview

        return Interview.start(self, plan)

    def close(self) -> None:
        self.store.close()


def make_phraser(settings: Settings) -> Phraser:
    """LLM rephrasing when an LLM is configured (templates on any failure), else templates."""
    if not settings.llm_enabled:
        return TemplatePhraser()
    try:
        from interviewer.interview.llm_phrasing import LLMPhraser
        from interviewer.llm.client import make_client

        return LLMPhraser(make_client(settings))
    except Exception as exc:  # the interview never depends on the LLM being reachable
        log.warning("LLM phrasing unavailable (%s); using the templates", type(exc).__name__)
        return TemplatePhraser()


INTERACTIVE_THREADS = 2
"""Torch threads while practising, at most one fewer than the cores: the UI thread needs one, and
two compute threads on a busy 2-core machine make each small encode ~40x slower (threads wait
for a descheduled sibling at every layer; measured in BENCHMARKS.md, "Speed and memory")."""


def interactive_threads() -> int:
    """Torch threads for the interactive app (OMP_NUM_THREADS, when set, wins)."""
    env = os.environ.get("OMP_NUM_THREADS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(INTERACTIVE_THREADS, (os.cpu_count() or 1) - 1))


def _load_model_and_index(settings: Settings) -> tuple[Any, Any]:
    """The slow half of `Services.open`: model, then the FAISS index and BM25 over it."""
    from interviewer.embedding.model import load_embedder, set_torch_threads
    from interviewer.index.search import open_retriever

    embedder = load_embedder(settings.embed_model, settings.cache_dir)
    set_torch_threads(interactive_threads())
    return embedder, open_retriever(settings.index_dir, embedder)


def _stale(settings: Settings) -> str | None:
    """Why the index no longer matches the corpus (cheap: file hashes, no model)."""
    from interviewer.errors import CorpusError
    from interviewer.index.fingerprint import corpus_hashes, parser_fingerprint
    from interviewer.index.store import read_manifest, stale_reason

    try:
        current = corpus_hashes(settings.corpus_dir)
    except CorpusError:
        return None  # no corpus here (an installed copy): the index is all there is
    return stale_reason(read_manifest(settings.index_dir), current, parser_fingerprint())


class _Loading:
    """A result computed once in a daemon thread; `get` waits for it and re-raises its failure."""

    def __init__(self, work: Callable[[], tuple[Any, Any]]) -> None:
        self._done = threading.Event()
        self._value: tuple[Any, Any] | None = None
        self._error: BaseException | None = None
        self._work = work
        threading.Thread(target=self._run, name="services-loading", daemon=True).start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits
            self._error = exc
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    def get(self) -> tuple[Any, Any]:
        self._done.wait()
        if self._error is not None:
            raise self._error.with_traceback(None)
        assert self._value is not None
        return self._value


class _DeferredEmbedder:
    """The Embedder interface over a model still loading: every use waits for it."""

    def __init__(self, loading: _Loading) -> None:
        self._loading = loading

    def _model(self) -> Any:
        return self._loading.get()[0]

    @property
    def model_id(self) -> str:
        return self._model().model_id

    @property
    def dim(self) -> int:
        return self._model().dim

    def embed_queries(self, texts: Any, *args: Any, **kwargs: Any) -> Any:
        return self._model().embed_queries(texts, *args, **kwargs)

    def embed_passages(self, texts: Any, *args: Any, **kwargs: Any) -> Any:
        return self._model().embed_passages(texts, *args, **kwargs)

    def embed_symmetric(self, texts: Any, *args: Any, **kwargs: Any) -> Any:
        return self._model().embed_symmetric(texts, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:  # anything else the real Embedder offers
        return getattr(self._model(), name)


class _DeferredRetriever:
    """The Retriever protocol with the bank answered at once and search waiting for the index."""

    def __init__(self, bank: list[Question], stale: str | None, loading: _Loading) -> None:
        self._bank = list(bank)
        self._by_id = {q.id: q for q in self._bank}
        self.stale = stale
        """Why the index no longer matches the corpus, or None (computed without the model)."""
        self._loading = loading

    def wait_ready(self) -> None:
        self._loading.get()

    def is_ready(self) -> bool:
        """Loaded (or failed to): searching will not wait."""
        return self._loading.ready

    def _full(self) -> Any:
        return self._loading.get()[1]

    def questions(self) -> list[Question]:
        return list(self._bank)

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def search(self, query: str, k: int = 5) -> list[Hit]:
        return self._full().search(query, k)

    def chunks_for_question(self, question_id: str) -> list[Chunk]:
        return self._full().chunks_for_question(question_id)

    def match_question(self, text: str) -> tuple[Question, float] | None:
        return self._full().match_question(text)

    def __getattr__(self, name: str) -> Any:  # manifest, rank_questions, search_mode, ...
        return getattr(self._full(), name)
