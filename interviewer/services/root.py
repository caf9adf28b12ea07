"""Everything blocking the app needs, built once from `Settings` (off the UI thread) and injected.

The UI and the tests construct `Services` the same way; tests pass fakes for any field.
`Services.open` is the fast start the app uses: the question bank and the store are ready in a
fraction of a second, while importing torch and loading the model (seconds) continue in a
background thread that only grading and search wait for (see BENCHMARKS.md, "Speed and memory").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from interviewer.grading.base import Grader
from interviewer.index.retriever import Retriever
from interviewer.interview.phrasing import Phraser, TemplatePhraser
from interviewer.keys.load import KeyBook
from interviewer.services.deferred import (
    Background,
    DeferredEmbedder,
    DeferredRetriever,
    ModelAndIndex,
)
from interviewer.services.models import bank_keys, load_interactive_embedder, open_retriever
from interviewer.storage.db import HistoryStore
from interviewer.types.plan import InterviewPlan

if TYPE_CHECKING:
    from interviewer.config import Settings
    from interviewer.embedding.model import Embedder
    from interviewer.interview.engine import Interview

log = logging.getLogger(__name__)


@dataclass
class Services:
    """The model, index, grader, history store and interviewer voice for one run of the app.

    Satisfies `interviewer.interview.ports.InterviewServices`, which is all the interview sees."""

    settings: Settings
    embedder: Embedder | DeferredEmbedder
    """The grader and retriever hold it too."""
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
        from interviewer.grading.service import build_grader
        from interviewer.index.store import read_manifest, read_questions
        from interviewer.index.text_cache import question_vectors

        # Cheap checks first, so a missing index or a bad database fails before the model loads.
        read_manifest(settings.index_dir)
        store = HistoryStore(settings.db_path)
        try:
            manifest, bank = read_questions(settings.index_dir)
            loading = Background(lambda: _load_model_and_index(settings))
            embedder = DeferredEmbedder(loading)
            retriever = DeferredRetriever(
                bank,
                _stale(settings),
                loading,
                lambda: question_vectors(settings.index_dir, manifest.model_id, bank),
            )
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
        self.retriever.wait_ready()

    def new_interview(self, plan: InterviewPlan) -> Interview:
        """Pick the questions and open a session (saved before this returns)."""
        from interviewer.interview.engine import Interview

        return Interview.start(self, plan)

    def resume_interview(self, session_id: int) -> Interview:
        """Continue an unfinished session where it stopped."""
        from interviewer.interview.engine import Interview

        return Interview.resume(self, session_id)

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


def _load_model_and_index(settings: Settings) -> ModelAndIndex:
    """The slow half of `Services.open`: model, then the FAISS index and BM25 over it."""
    embedder = load_interactive_embedder(settings)
    return embedder, open_retriever(settings, embedder, note_stale=False)


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
