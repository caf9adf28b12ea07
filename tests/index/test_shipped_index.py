"""The index shipped in the repository must match the shipped corpus and parser: a fresh clone
starts practising on it, and a stale one greets every new user with "索引已过期"."""

from __future__ import annotations

from pathlib import Path

from interviewer.index.fingerprint import corpus_hashes, parser_fingerprint
from interviewer.index.store import read_manifest, stale_reason

REPO = Path(__file__).resolve().parents[2]


def test_the_shipped_index_matches_the_shipped_corpus_and_parser() -> None:
    manifest = read_manifest(REPO / "index")
    reason = stale_reason(manifest, corpus_hashes(REPO / "corpus"), parser_fingerprint())
    assert reason is None, f"{reason}: run `interviewer build` and commit index/"


def test_the_shipped_index_carries_the_vectors_of_every_text_its_bank_groups_by() -> None:
    """A user's first `interviewer add` builds their index from the shipped notes plus theirs:
    with these vectors shipped it embeds only their own notes' texts, not the whole bank's
    question texts again (~170 texts, most of a minute on a busy 2-core machine)."""
    from interviewer.corpus.pipeline import scan_corpus
    from interviewer.index.text_cache import CachedEmbedder, load_text_vectors

    class NoModel:
        model_id = read_manifest(REPO / "index").model_id
        dim = read_manifest(REPO / "index").dim

        def embed_symmetric(self, texts):
            raise AssertionError(f"not in the shipped text_vectors.npz: {list(texts)[:3]}")

    known = load_text_vectors(REPO / "index")
    scan = scan_corpus(REPO / "corpus", embedder=CachedEmbedder(NoModel(), known))
    assert scan.questions
