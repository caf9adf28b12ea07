"""The background load behind a fast start: the model and full index load in a thread while the
question bank is already answerable, and whatever needs the model waits for it.

The two stand-ins implement exactly the Embedder and Retriever surface the app uses, so a missing
method is an AttributeError at once rather than a silent wait on the loading thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import numpy as np

    from interviewer.embedding.model import Embedder
    from interviewer.index.records import Chunk, Hit
    from interviewer.index.search import HybridRetriever
    from interviewer.types.bank import Question

T = TypeVar("T")


class Background(Generic[T]):
    """A result computed once in a daemon thread; `get` waits for it and re-raises its failure."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._done = threading.Event()
        self._value: T | None = None
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

    def get(self) -> T:
        self._done.wait()
        if self._error is not None:
            raise self._error.with_traceback(None)
        assert self._value is not None
        return self._value


ModelAndIndex = tuple["Embedder", "HybridRetriever"]


class _ForwardingEmbedder:
    """The Embedder calls, passed to the model `_model()` returns (once it has one)."""

    def _model(self) -> Embedder:
        raise NotImplementedError

    @property
    def model(self) -> Any:
        """The SentenceTransformer underneath (the answer judge reads its layers)."""
        return self._model().model

    def embed_queries(self, texts: Sequence[str], *args: Any, **kwargs: Any) -> np.ndarray:
        return self._model().embed_queries(texts, *args, **kwargs)

    def embed_passages(self, texts: Sequence[str], *args: Any, **kwargs: Any) -> np.ndarray:
        return self._model().embed_passages(texts, *args, **kwargs)

    def embed_symmetric(self, texts: Sequence[str], *args: Any, **kwargs: Any) -> np.ndarray:
        return self._model().embed_symmetric(texts, *args, **kwargs)


class DeferredEmbedder(_ForwardingEmbedder):
    """The Embedder interface over a model still loading: every use waits for it."""

    def __init__(self, loading: Background[ModelAndIndex]) -> None:
        self._loading = loading

    def _model(self) -> Embedder:
        return self._loading.get()[0]

    @property
    def model_id(self) -> str:
        return self._model().model_id

    @property
    def dim(self) -> int:
        return self._model().dim


class OnDemandEmbedder(_ForwardingEmbedder):
    """The Embedder interface with the model loaded at its first use, in the calling thread: a
    command that finds every vector it needs already computed (a keyed grade, a repeated
    search: `interviewer.index.query_cache`) never imports torch."""

    def __init__(self, load: Callable[[], Embedder], model_id: str, dim: int) -> None:
        self.model_id = model_id
        self.dim = dim
        self._load = load
        self._loaded: Embedder | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def _model(self) -> Embedder:
        with self._lock:
            if self._loaded is None:
                model = self._load()
                if (model.model_id, model.dim) != (self.model_id, self.dim):
                    from interviewer.errors import ModelError

                    raise ModelError(
                        f"the embedding model loaded as {model.model_id!r} ({model.dim} wide), "
                        f"not {self.model_id!r} ({self.dim}): reinstall with `make install`"
                    )
                self._loaded = model
            return self._loaded


class DeferredRetriever:
    """The Retriever protocol with the bank answered at once and search waiting for the index."""

    def __init__(
        self,
        bank: list[Question],
        stale: str | None,
        loading: Background[ModelAndIndex],
        vectors: Callable[[], Mapping[str, np.ndarray]] | None = None,
    ) -> None:
        self._bank = list(bank)
        self._vectors = vectors
        """Reads the stored question vectors without the model (None: there are none)."""
        self._vectors_read: Mapping[str, np.ndarray] | None = None
        self._by_id = {q.id: q for q in self._bank}
        self.stale = stale
        """Why the index no longer matches the corpus, or None (computed without the model)."""
        self._loading = loading

    def wait_ready(self) -> None:
        self._loading.get()

    def is_ready(self) -> bool:
        """Loaded (or failed to): searching will not wait."""
        return self._loading.ready

    def _full(self) -> HybridRetriever:
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

    def question_similarities(self, text: str, question_ids: Iterable[str]) -> dict[str, float]:
        return self._full().question_similarities(text, question_ids)

    def question_vectors(self) -> Mapping[str, np.ndarray]:
        """At once, from the index folder (the loading thread is not waited for)."""
        if self._vectors_read is None:
            self._vectors_read = self._vectors() if self._vectors is not None else {}
        return self._vectors_read
