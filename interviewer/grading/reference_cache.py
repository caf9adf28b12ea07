"""The vectors of a reference's key points, kept on disk between runs: the first answer to a
question in a new process (a new session, `interviewer grade`) then embeds only the answer, as
later answers do.

A cache, never a source of truth: an entry is named by a hash of the model id and of exactly the
texts it holds vectors of (the reference's opening and its key points as cut now), so another
model, an edited note or a change in how points are cut is a miss; a missing, damaged or
unwritable file is a miss too.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
FORMAT = 1
LIMIT = 4096
"""Entries kept (~100 MB at most): every reference of a large bank, several times over."""


def entry_key(model_id: str, texts: Sequence[str]) -> str:
    """A stable hash of the model and the texts the vectors are of, in order."""
    payload = json.dumps([FORMAT, model_id, *texts], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ReferenceVectors:
    """One small .npz file per reference under a folder, at most `limit` of them (the least
    recently used go first; a bank answer's entry is ~25 KB)."""

    def __init__(self, folder: Path, limit: int = LIMIT) -> None:
        self.folder = Path(folder)
        self.limit = limit
        self._pruned = False

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.npz"

    def get(self, key: str, count: int) -> np.ndarray | None:
        """The `count` vectors stored under `key`, or None."""
        path = self._path(key)
        try:
            with np.load(path, allow_pickle=False) as data:
                vectors = np.asarray(data["vectors"], dtype=np.float32)
            os.utime(path)  # recently used: pruned last
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            log.warning("ignoring unreadable reference vectors %s: %s", path.name, exc)
            return None
        if vectors.ndim != 2 or len(vectors) != count or not np.isfinite(vectors).all():
            log.warning("ignoring reference vectors %s of the wrong shape", path.name)
            return None
        return vectors

    def put(self, key: str, vectors: np.ndarray) -> None:
        """Store atomically; a cache that cannot be written is only a lost optimisation."""
        path = self._path(key)
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, vectors=np.asarray(vectors, dtype=np.float32))
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            log.warning("cannot write reference vectors %s: %s", path, exc)
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
        if not self._pruned:  # once per process: a listing of the folder costs a few ms
            self._pruned = True
            self.prune()

    def prune(self) -> None:
        """Delete the least recently used entries beyond `limit`."""
        try:
            entries = [(p.stat().st_mtime, p) for p in self.folder.glob("*/*.npz")]
            entries.sort()
            for _, path in entries[: max(0, len(entries) - self.limit)]:
                path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("cannot prune reference vectors in %s: %s", self.folder, exc)
