"""What an index was built from, so loading can refuse an index that no longer fits."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

FORMAT_VERSION = 1
METRIC = "ip"
"""Inner product over L2-normalised vectors, i.e. cosine similarity."""


@dataclass(frozen=True)
class Manifest:
    """The `manifest.json` of an index directory."""

    model_id: str
    """`Embedder.model_id` of the model whose vectors these are."""
    model_spec: str
    """The configured model spec at build time; equal spec lets a rebuild skip loading the model."""
    dim: int
    count: int
    """Number of vectors == lines of chunks.jsonl."""
    index_type: str
    """The FAISS index class chosen for this size (see `vectors.choose_index_type`)."""
    corpus_files: dict[str, str]
    """Corpus-relative path -> sha256 of every file the build read."""
    chunking: dict[str, int]
    questions: int = 0
    parser: str = ""
    """`fingerprint.parser_fingerprint()` at build time ('' when unknown)."""
    format_version: int = FORMAT_VERSION
    metric: str = METRIC
    created_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat())

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Parse a manifest; raises ValueError (with a short reason) on anything malformed."""
        data: Any = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            raise UnsupportedVersion(version)
        try:
            manifest = cls(**data)
        except TypeError as exc:
            raise ValueError(f"unexpected fields ({exc})") from None
        if not isinstance(manifest.dim, int) or not isinstance(manifest.count, int):
            raise ValueError("dim and count must be integers")
        if manifest.metric != METRIC:
            raise ValueError(f"unknown metric {manifest.metric!r}")
        return manifest


class UnsupportedVersion(ValueError):
    """The manifest was written by another version of interviewer."""

    def __init__(self, version: object) -> None:
        super().__init__(f"format version {version!r}, expected {FORMAT_VERSION}")
        self.version = version
