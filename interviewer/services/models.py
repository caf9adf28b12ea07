"""Loading the embedding model, the answer keys and the index from `Settings`, for every caller
alike.

The practice app, `search`, `grade` and `build` all need the configured model; loading it here
alone means one place decides which model, which cache and how many torch threads.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.config import Settings
    from interviewer.embedding.model import Embedder
    from interviewer.index.search import HybridRetriever
    from interviewer.index.store import StoredIndex
    from interviewer.keys.load import KeyBook
    from interviewer.services.deferred import OnDemandEmbedder

QUERY_VECTORS = "queries"
"""The cache folder's subfolder of query vectors kept between commands."""
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


def bank_keys(settings: Settings) -> KeyBook:
    """Every answer key the settings point at (the shipped ones, then the user's); a broken key
    file is one warning naming its line, not a crash. Parsed once, then read from the cache
    until a key file changes."""
    import logging

    from interviewer.keys.cache import load_keys_cached

    book = load_keys_cached(settings.key_dirs, settings.cache_dir)
    for problem in book.problems:
        logging.getLogger(__name__).warning("answer key skipped: %s", problem)
    return book


def load_embedder(settings: Settings) -> Embedder:
    """The configured embedding model (seconds: torch import and weights), torch's default
    threads. For batch work such as building the index or answering a stream of searches."""
    from interviewer.embedding import model

    return model.load_embedder(settings.embed_model, settings.cache_dir)


def load_interactive_embedder(settings: Settings) -> Embedder:
    """The configured model with the app's thread policy: grading encodes a few short texts at
    a time, where a second thread mostly waits (see `INTERACTIVE_THREADS`)."""
    from interviewer.embedding.model import set_torch_threads

    embedder = load_embedder(settings)
    set_torch_threads(interactive_threads())
    return embedder


def on_demand_embedder(
    settings: Settings, *, interactive: bool = False
) -> Embedder | OnDemandEmbedder:
    """The configured model, loaded when something first embeds (with the app's thread policy
    when `interactive`): a one-shot command that finds its vectors cached never loads it. A
    model other than the builtin is loaded now: only it knows its id and width."""
    from interviewer.embedding.model import BUILTIN_DIM, builtin_model_id, is_builtin
    from interviewer.services.deferred import OnDemandEmbedder

    def load() -> Embedder:
        return load_interactive_embedder(settings) if interactive else load_embedder(settings)

    if not is_builtin(settings.embed_model):
        return load()
    return OnDemandEmbedder(load, builtin_model_id(), BUILTIN_DIM)


def open_retriever(
    settings: Settings,
    embedder: Embedder | OnDemandEmbedder,
    *,
    note_stale: bool = True,
    stored: StoredIndex | None = None,
    keep_queries: bool = False,
) -> HybridRetriever:
    """The index over `embedder` (`stored`: the index, when the caller loaded it already);
    `note_stale` compares it with the notes (file hashes) so a caller can warn that it is out
    of date — skip it when the caller already knows. `keep_queries`: query vectors are kept in
    the cache folder for later commands, and read from there."""
    from interviewer.index.search import open_retriever as open_index

    corpus_dir = settings.corpus_dir if note_stale else None
    kept = settings.cache_dir / QUERY_VECTORS if keep_queries else None
    return open_index(settings.index_dir, embedder, corpus_dir, stored=stored, kept_queries=kept)
