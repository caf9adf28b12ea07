"""`interviewer search`: one query as text or JSON, many from stdin, with the real model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewer.index.build import build_index
from tests.cli.clirun import run_main
from tests.index.conftest import line_scanner, write_corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory, embedder) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("cli-search")
    corpus = write_corpus(root / "corpus")
    build_index(
        corpus, root / "index", "multilingual-e5-small", lambda: embedder, scanner=line_scanner
    )
    return corpus, root / "index"


@pytest.fixture
def loads(monkeypatch, embedder, tmp_path) -> list[str | None]:
    """The session's real model, handed to the command instead of loading it again; an empty
    cache folder, so no query vector an earlier test kept spares the load."""
    monkeypatch.setenv("INTERVIEWER_CACHE", str(tmp_path / "cache"))
    calls: list[str | None] = []

    def load(spec, cache_dir):
        calls.append(spec)
        return embedder

    monkeypatch.setattr("interviewer.embedding.model.load_embedder", load)
    return calls


def _run(monkeypatch, capsys, built, *args: str, stdin: str | None = None):
    corpus, index = built
    return run_main(
        monkeypatch,
        capsys,
        "search",
        "--index",
        str(index),
        "--corpus",
        str(corpus),
        *args,
        stdin=stdin,
    )


def test_query_prints_ranked_passages_with_sources(monkeypatch, capsys, built, loads):
    result = _run(monkeypatch, capsys, built, "BN 到底有啥用", "--k", "2")
    assert result.code == 0, result.err
    assert result.out.startswith("1. [")
    assert "norm.txt:1" in result.out.splitlines()[0]
    assert "2. [" in result.out and "3. [" not in result.out


def test_json_has_scores_sources_and_question(monkeypatch, capsys, built, loads):
    result = _run(monkeypatch, capsys, built, "Adam 跟 SGD 哪儿不一样", "--json", "--k", "3")
    data = json.loads(result.out)
    assert data["query"] == "Adam 跟 SGD 哪儿不一样" and len(data["hits"]) == 3
    top = data["hits"][0]
    assert top["question"] == "Adam和SGD的区别?" and top["source"] == "opt.txt:1"
    assert set(top) == {"score", "chunk_id", "kind", "question_id", "question", "source", "text"}


def test_stdin_answers_each_line_loading_the_model_once(monkeypatch, capsys, built, loads):
    result = _run(monkeypatch, capsys, built, stdin="BN 到底有啥用\n\n说说 dropout\n")
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [r["query"] for r in rows] == ["BN 到底有啥用", "说说 dropout"]
    assert rows[1]["hits"][0]["question"] == "dropout为什么能防止过拟合?"
    assert loads == ["multilingual-e5-small"]


def test_stale_index_warns(monkeypatch, capsys, built, loads, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "extra.md").write_text("新笔记", "utf-8")
    result = run_main(
        monkeypatch, capsys, "search", "--index", str(built[1]), "--corpus", str(corpus), "BN"
    )
    assert result.code == 0
    assert result.err.startswith("warning: the corpus changed since the index was built (1 added")


def test_broken_index_fails_before_loading_the_model(monkeypatch, capsys, loads, tmp_path):
    result = run_main(monkeypatch, capsys, "search", "--index", str(tmp_path / "x"), "BN")
    assert result.code == 2 and result.err.startswith("error: no index at ")
    assert loads == []


def test_help(monkeypatch, capsys):
    result = run_main(monkeypatch, capsys, "search", "--help")
    assert result.code == 0 and "stdin" in result.out and "--k" in result.out
