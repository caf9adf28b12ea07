"""Shared fixtures: every test runs offline, with all user state redirected into a temp folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
SEEDS_CORPUS = REPO / "corpus"
# The converted default model is re-creatable but takes seconds: keep it across test runs.
MODEL_CACHE = REPO / ".pytest_cache" / "interviewer-models"

_LEAKY_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "INTERVIEWER_LLM_MODEL",
    "INTERVIEWER_LLM_BASE_URL",
    "INTERVIEWER_LLM_API_KEY",
    "INTERVIEWER_CONFIG",
    "INTERVIEWER_CORPUS_DIR",
    "INTERVIEWER_INDEX_DIR",
    "INTERVIEWER_EMBED_MODEL",
    "INTERVIEWER_OFFLINE",
)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the developer's real history, config or LLM settings."""
    for name in _LEAKY_ENV:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    monkeypatch.setenv("INTERVIEWER_CACHE", str(MODEL_CACHE))
    return home


@pytest.fixture(scope="session")
def embedder():
    """The real default embedding model, loaded once for the whole run."""
    from interviewer.embedding.model import load_embedder

    return load_embedder(None, cache_dir=MODEL_CACHE)


@pytest.fixture(scope="session")
def answer_judge(embedder):
    """The shipped answer judge on the real model (what offline grading uses by default)."""
    from interviewer.grading.judge import load_judge

    return load_judge(embedder)


from tests.support.llm_server import llm_server  # noqa: E402,F401  (scripted chat server fixture)
