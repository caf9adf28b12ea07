"""`interviewer build` and `interviewer add` end to end: real pipeline, real model, real FAISS."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from interviewer.index.store import load_index
from tests.cli.clirun import run_main
from tests.conftest import SEEDS_CORPUS

NOTES = """# 我的笔记

## 训练技巧

1. 什么是梯度裁剪?

把梯度的范数限制在一个阈值以内，超过阈值就按比例缩小，用来防止梯度爆炸，RNN 里尤其常用。

2. warmup 有什么用?

训练刚开始时用较小的学习率逐步升高，避免初期梯度不稳定导致发散，Transformer 训练几乎都会用。
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """One seed file: a real scraped page, small enough to embed in seconds."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS_CORPUS / "elefans-dl-interview-questions.txt", folder)
    return folder


@pytest.fixture
def loads(monkeypatch, embedder) -> list[str | None]:
    """Hand commands the session's real model and record each load."""
    calls: list[str | None] = []

    def load(spec, cache_dir):
        calls.append(spec)
        return embedder

    monkeypatch.setattr("interviewer.embedding.model.load_embedder", load)
    return calls


@pytest.mark.slow  # a separate process loads the model itself
def test_build_in_a_subprocess_then_again_without_the_model(corpus, tmp_path, monkeypatch, capsys):
    index = tmp_path / "index"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, "-m", "interviewer", "build", "--corpus", str(corpus)]
    done = subprocess.run(
        [*command, "--index", str(index)], capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"built index at {index}: ")
    assert "embedded" in done.stdout and "reused 0" in done.stdout
    stored = load_index(index)
    assert stored.manifest.count == len(stored.chunks) > 0
    assert stored.manifest.corpus_files.keys() == {"elefans-dl-interview-questions.txt"}

    def no_model(*args, **kwargs):
        raise AssertionError("an unchanged corpus must not load the model")

    monkeypatch.setattr("interviewer.embedding.model.load_embedder", no_model)
    again = run_main(monkeypatch, capsys, "build", "--corpus", str(corpus), "--index", str(index))
    assert again.code == 0, again.err
    assert again.out.startswith(f"index at {index} is up to date: ")


def test_add_copies_notes_and_embeds_only_them(corpus, tmp_path, monkeypatch, capsys, loads):
    index = tmp_path / "index"
    first = run_main(monkeypatch, capsys, "build", "--corpus", str(corpus), "--index", str(index))
    assert first.code == 0, first.err
    before = load_index(index).manifest.count

    notes = tmp_path / "mine"
    notes.mkdir()
    (notes / "training.md").write_text(NOTES, "utf-8")
    (notes / "diagram.png").write_bytes(b"\x89PNG")
    result = run_main(
        monkeypatch, capsys, "add", str(notes), "--corpus", str(corpus), "--index", str(index)
    )
    assert result.code == 0, result.err
    assert "added user/mine/training.md" in result.out
    assert "warning: skipped" in result.err and "diagram.png" in result.err
    # two new questions, each one question chunk and one answer passage
    assert f"embedded 4 new chunks, reused {before}" in result.out
    assert (corpus / "user" / "mine" / "training.md").read_text("utf-8") == NOTES

    listed = run_main(
        monkeypatch, capsys, "questions", "--json", "--corpus", str(corpus), "--index", str(index)
    )
    rows = [json.loads(line) for line in listed.out.splitlines()]
    mine = [r for r in rows if any(s.startswith("user/mine/training.md") for s in r["sources"])]
    assert [r["question"] for r in mine] == ["什么是梯度裁剪?", "warmup 有什么用?"]
    assert loads == ["multilingual-e5-small", "multilingual-e5-small"]


def test_force_says_it_re_embedded_everything(corpus, tmp_path, monkeypatch, capsys, loads):
    index = tmp_path / "index"
    where = ("--corpus", str(corpus), "--index", str(index))
    assert run_main(monkeypatch, capsys, "build", *where).code == 0
    count = load_index(index).manifest.count
    forced = run_main(monkeypatch, capsys, "build", "--force", *where)
    assert forced.code == 0, forced.err
    assert forced.out.rstrip().endswith(f"; re-embedded all {count} chunks")
    assert "new chunks" not in forced.out and len(loads) == 2


def test_a_problem_is_said_in_full_once_then_named(corpus, tmp_path, monkeypatch, capsys, loads):
    """A new user's report: every `add` repeated the warnings about notes files already warned
    about. In full when new or changed (or after --force), else one line naming the files."""
    monkeypatch.setenv("INTERVIEWER_CACHE", str(tmp_path / "cache"))  # this test's memory alone
    (corpus / "user").mkdir()
    (corpus / "user" / "empty.md").write_text("", "utf-8")
    (corpus / "user" / "prose.txt").write_text("只是一段没有问题的文字。\n", "utf-8")
    where = ("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    empty = "warning: skipped user/empty.md: empty file\n"
    prose = "warning: no questions found in user/prose.txt\n"

    first = run_main(monkeypatch, capsys, "build", *where)
    assert first.code == 0 and first.err == empty + prose

    notes = tmp_path / "training.md"
    notes.write_text(NOTES, "utf-8")
    added = run_main(monkeypatch, capsys, "add", str(notes), *where)
    assert added.code == 0 and "added user/training.md" in added.out
    assert added.err == (
        "warning: 2 problems reported by an earlier build remain: user/empty.md, user/prose.txt\n"
    )

    (corpus / "user" / "prose.txt").write_text("改过，还是没有问题。\n", "utf-8")
    edited = run_main(monkeypatch, capsys, "build", *where)
    assert edited.err == prose + (
        "warning: 1 problem reported by an earlier build remains: user/empty.md\n"
    )

    forced = run_main(monkeypatch, capsys, "build", "--force", *where)
    assert forced.code == 0 and forced.err == empty + prose


def test_add_refuses_a_clash_and_a_missing_path_in_one_line(corpus, tmp_path, monkeypatch, capsys):
    (corpus / "user").mkdir()
    (corpus / "user" / "a.md").write_text("旧笔记", "utf-8")
    (tmp_path / "a.md").write_text("新笔记", "utf-8")
    clash = run_main(monkeypatch, capsys, "add", str(tmp_path / "a.md"), "--corpus", str(corpus))
    assert clash.code == 2
    assert clash.err == (
        "error: user/a.md already exists with different content: "
        "rename your file or pass --force to overwrite\n"
    )
    missing = run_main(
        monkeypatch, capsys, "add", str(tmp_path / "nope.md"), "--corpus", str(corpus)
    )
    assert missing.code == 2
    assert missing.err == f"error: {tmp_path / 'nope.md'} does not exist: nothing was added\n"
    assert (corpus / "user" / "a.md").read_text("utf-8") == "旧笔记"


def test_build_without_a_corpus_is_one_line(tmp_path, monkeypatch, capsys, loads):
    result = run_main(
        monkeypatch,
        capsys,
        "build",
        "--corpus",
        str(tmp_path / "none"),
        "--index",
        str(tmp_path / "i"),
    )
    assert result.code == 2
    assert result.err.startswith("error: corpus folder ") and result.err.count("\n") == 1
    assert loads == []


@pytest.mark.parametrize("command", ["build", "add"])
def test_help(command, monkeypatch, capsys):
    result = run_main(monkeypatch, capsys, command, "--help")
    assert result.code == 0 and "--corpus" in result.out and "--force" in result.out
