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
