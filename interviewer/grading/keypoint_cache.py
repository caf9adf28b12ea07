"""Key points extracted by the LLM, cached per (question, references, model) so each question
costs one extraction call ever, and regrading the same answer gives the same rubric."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from interviewer.types.verdict import KeyPoint, PointStatus

log = logging.getLogger(__name__)
FORMAT = 1


def cache_key(question: str, references: Sequence[str], model: str) -> str:
    """A stable hash of everything the extracted points depend on."""
    payload = json.dumps(
        {"v": FORMAT, "q": question.strip(), "r": [r.strip() for r in references], "m": model},
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class KeypointCache:
    """One small JSON file per key under a folder; unreadable entries count as misses."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[KeyPoint] | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            points = [
                KeyPoint(text=p["text"], weight=float(p["weight"]), status=PointStatus.MISSING)
                for p in data["points"]
            ]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring unreadable key-point cache entry %s: %s", path.name, exc)
            return None
        return points or None

    def put(self, key: str, points: Sequence[KeyPoint]) -> None:
        """Store atomically; a cache that cannot be written is only a lost optimisation."""
        path = self._path(key)
        data = {"format": FORMAT, "points": [{"text": p.text, "weight": p.weight} for p in points]}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("cannot write key-point cache %s: %s", path, exc)
