"""Query vectors kept between commands: `interviewer grade -q Q` and `interviewer search Q` embed
the question text before anything else, and asking the same question again in a new process
meant importing torch and loading the model (seconds) for the vector the last call already had.
With the vector here, a keyed grade or a repeated search loads no model at all.

A cache, never a source of truth: one small `.npy` per (model id, exact text embedded, prefix
included), so another model or another expansion of the query is simply a miss; a damaged file
is a miss too. At most `KEEP` vectors are kept (the oldest go first).
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

KEEP = 4096
"""Vectors kept (1.6 KB each for the builtin model)."""


class QueryVectorCache:
    """Vectors by (model id, text) in one folder; every failure to read or write is a miss."""

    def __init__(self, folder: Path, keep: int = KEEP) -> None:
        self.folder = Path(folder)
        self.keep = keep

    def get(self, model_id: str, text: str, dim: int) -> np.ndarray | None:
        path = self._path(model_id, text)
        try:
            vector = np.load(path, allow_pickle=False)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, EOFError) as exc:
            log.debug("query vector %s unusable: %s", path, exc)
            return None
        if vector.shape != (dim,) or vector.dtype != np.float32 or not np.isfinite(vector).all():
            return None
        return vector

    def put(self, model_id: str, text: str, vector: np.ndarray) -> None:
        path = self._path(model_id, text)
        tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npy")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            np.save(tmp, np.ascontiguousarray(vector, dtype=np.float32).reshape(-1))
            os.replace(tmp, path)
            self._prune()
        except OSError as exc:
            log.debug("could not keep query vector %s: %s", path, exc)
            tmp.unlink(missing_ok=True)

    def _path(self, model_id: str, text: str) -> Path:
        digest = hashlib.sha256(f"{model_id}\0{text}".encode("utf-8", "surrogatepass"))
        return self.folder / f"{digest.hexdigest()[:40]}.npy"

    def _prune(self) -> None:
        """Past `keep`, drop the oldest tenth (a write follows a model call: the listing is
        cheap beside it)."""
        files = list(self.folder.glob("*.npy"))
        if len(files) <= self.keep:
            return

        def age(path: Path) -> float:
            try:
                return path.stat().st_mtime
            except OSError:
                return 0.0

        files.sort(key=age)
        for path in files[: len(files) - self.keep + self.keep // 10]:
            path.unlink(missing_ok=True)
