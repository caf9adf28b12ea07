"""Everything blocking the interview needs, built once (off the UI thread) and injected.

The UI and the tests construct `Services` the same way; tests pass fakes for any field.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interviewer.grading.base import Grader
from interviewer.index.retriever import Retriever
from interviewer.interview.phrasing import Phraser, TemplatePhraser
from interviewer.interview.plan import InterviewPlan
from interviewer.storage.db import HistoryStore

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

    @classmethod
    def load(cls, settings: Settings) -> Services:
        """Load the embedding model, the index, the grader and the store (seconds: call off the
        UI thread). Every failure is a one-line InterviewerError."""
        from interviewer.embedding.model import load_embedder
        from interviewer.grading.service import build_grader
        from interviewer.index.search import open_retriever
        from interviewer.index.store import read_manifest

        # Cheap checks first, so a missing index or a bad database fails before the model loads.
        read_manifest(settings.index_dir)
        store = HistoryStore(settings.db_path)
        try:
            embedder = load_embedder(settings.embed_model, settings.cache_dir)
            retriever = open_retriever(settings.index_dir, embedder, settings.corpus_dir)
            grader = build_grader(settings, embedder, retriever=retriever)
        except BaseException:
            store.close()
            raise
        live = {q.id for q in retriever.questions()}
        if live:  # an empty bank says nothing about which questions left the corpus
            store.mark_removed_questions(live)
        return cls(settings, embedder, retriever, grader, store, make_phraser(settings))

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
