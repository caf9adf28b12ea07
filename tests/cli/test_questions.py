"""`interviewer questions`: the bank from the index, as a table or JSON lines, filtered by topic."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from interviewer.index.manifest import Manifest
from interviewer.index.store import write_index
from interviewer.index.vectors import FLAT, build_faiss
from interviewer.types.bank import QAItem, Question, SourceSpan
from tests.cli.clirun import run_main


def _bank() -> list[Question]:
    def item(q: str, a: str, line: int) -> QAItem:
        return QAItem(q, a, SourceSpan("notes.md", line, line + 2))

    return [
        Question("adam-sgd", "Adam和SGD的区别?", "优化器", [item("Adam和SGD的区别?", "自适应", 1)]),
        Question(
            "bn", "BN的作用", "归一化", [item("BN的作用", "加快收敛", 5), item("BN有什么用", "", 9)]
        ),
        Question("nms", "简述 NMS 算法流程", "目标检测", [item("简述 NMS 算法流程", "", 12)]),
    ]


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    """A stored index (questions matter here; the vectors are placeholders no search reads)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes.md").write_text("placeholder", "utf-8")
    from interviewer.index.fingerprint import corpus_hashes

    manifest = Manifest(
        model_id="m",
        model_spec="m",
        dim=4,
        count=0,
        index_type=FLAT,
        corpus_files=corpus_hashes(corpus),
        chunking={},
        questions=3,
    )
    write_index(
        tmp_path / "index", build_faiss(np.zeros((0, 4), np.float32), FLAT), [], _bank(), manifest
    )
    return tmp_path / "index"


def _run(monkeypatch, capsys, index_dir: Path, *args: str):
    corpus = index_dir.parent / "corpus"
    return run_main(
        monkeypatch, capsys, "questions", "--index", str(index_dir), "--corpus", str(corpus), *args
    )


def test_table_lists_id_question_topic_answer_and_sources(monkeypatch, capsys, index_dir):
    result = _run(monkeypatch, capsys, index_dir)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    bn = next(line for line in lines if line.startswith("bn "))
    assert (
        "BN的作用" in bn and "归一化" in bn and "yes" in bn and "notes.md:5-7, notes.md:9-11" in bn
    )
    assert "3 questions" in lines[-1]
    assert result.err == ""


def test_json_lines(monkeypatch, capsys, index_dir):
    result = _run(monkeypatch, capsys, index_dir, "--json")
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [r["id"] for r in rows] == ["adam-sgd", "bn", "nms"]
    assert rows[2] == {
        "id": "nms",
        "question": "简述 NMS 算法流程",
        "topic": "目标检测",
        "has_answer": False,
        "sources": ["notes.md:12-14"],
    }


def test_topic_filter_and_unknown_topic(monkeypatch, capsys, index_dir):
    result = _run(monkeypatch, capsys, index_dir, "--topic", "归一化", "--json")
    assert [json.loads(line)["id"] for line in result.out.splitlines()] == ["bn"]
    result = _run(monkeypatch, capsys, index_dir, "--topic", "强化学习")
    assert result.code == 2
    listing = "topics in the bank: 优化器、归一化、目标检测"
    assert result.err == f"error: no questions on topic 强化学习; {listing}\n"
    # as practice --topic reads it: part of a name, or one of a topic's words
    result = _run(monkeypatch, capsys, index_dir, "--topic", "nms", "--json")
    assert [json.loads(line)["topic"] for line in result.out.splitlines()] == ["目标检测"]


def test_stale_index_warns_on_stderr(monkeypatch, capsys, index_dir):
    (index_dir.parent / "corpus" / "notes.md").write_text("edited", "utf-8")
    result = _run(monkeypatch, capsys, index_dir, "--json")
    assert result.code == 0 and len(result.out.splitlines()) == 3
    assert result.err == (
        "warning: the corpus changed since the index was built (1 changed (notes.md)): "
        "run `interviewer build`\n"
    )


def test_missing_index_is_one_line_with_the_fix(monkeypatch, capsys, tmp_path):
    result = run_main(monkeypatch, capsys, "questions", "--index", str(tmp_path / "none"))
    assert result.code == 2
    assert result.err == f"error: no index at {tmp_path / 'none'}: run `interviewer build`\n"


def test_help(monkeypatch, capsys):
    result = run_main(monkeypatch, capsys, "questions", "--help")
    assert result.code == 0 and "--topic" in result.out and "--json" in result.out
