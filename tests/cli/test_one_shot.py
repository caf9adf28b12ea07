"""One-shot commands reuse what an earlier one computed: the second `grade` of a bank question
and the second `search` of a query load no model (no torch import), with the same output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MODEL_CACHE

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow  # the first run of each loads the real model


def _run(args: list[str], env: dict[str, str]) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "interviewer", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return done.stdout, modules


@pytest.fixture
def fresh_cache(tmp_path) -> dict[str, str]:
    """An empty cache folder (no kept vectors, no memos) that still has the converted model."""
    cache = tmp_path / "cache"
    cache.mkdir()
    for model in MODEL_CACHE.glob("multilingual-e5-small-*"):
        (cache / model.name).symlink_to(model, target_is_directory=True)
    return {"INTERVIEWER_CACHE": str(cache)}


def test_a_second_grade_of_a_bank_question_loads_no_model(fresh_cache):
    args = ["grade", "-q", "Adam和SGD的区别", "-a", "Adam 用了动量和自适应学习率", "--json"]
    first, loaded = _run([*args, "--offline"], fresh_cache)
    assert "torch" in loaded  # nothing kept yet: the question had to be embedded
    second, loaded = _run([*args, "--offline"], fresh_cache)
    assert "torch" not in loaded and "sentence_transformers" not in loaded
    assert second == first and '"score"' in first


def test_a_second_search_loads_no_model(fresh_cache):
    first, loaded = _run(["search", "BN 到底有啥用", "--k", "3", "--json"], fresh_cache)
    assert "torch" in loaded
    second, loaded = _run(["search", "BN 到底有啥用", "--k", "3", "--json"], fresh_cache)
    assert "torch" not in loaded and second == first
    third, loaded = _run(["search", "LN 和 BN 有什么不同", "--k", "3", "--json"], fresh_cache)
    assert "torch" in loaded and third != first  # a new query still gets the model
