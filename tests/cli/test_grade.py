"""`interviewer grade` (single, stdin, batch) and `interviewer eval`, end to end, offline, with the
real model (loaded once per session and handed to the CLI instead of reloading per command)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.clirun import run_main

Q = "BN的作用是什么？"
REF = "BN的作用：1. 加速网络收敛；2. 允许使用更大的学习率；3. 缓解梯度消失；4. 有一定的正则化作用。"
GOOD = "BN对每层输入做归一化，能加速收敛，可以用更大的学习率，缓解梯度消失，还有一点正则化效果。"


@pytest.fixture(autouse=True)
def shared_model(embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    import interviewer.embedding.model as model

    monkeypatch.setattr(model, "load_embedder", lambda *args, **kwargs: embedder)


def test_grade_human_readable(monkeypatch, capsys) -> None:
    run = run_main(monkeypatch, capsys, "grade", "-q", Q, "-a", GOOD, "-r", REF, "--offline")
    assert run.code == 0, run.err
    assert "/10" in run.out and "correct" in run.out
    for heading in ("Key points:", "Model answer:", "References:", "user:"):
        assert heading in run.out


def test_grade_json_from_stdin(monkeypatch, capsys) -> None:
    run = run_main(
        monkeypatch,
        capsys,
        "grade",
        "-q",
        Q,
        "-a",
        "-",
        "-r",
        REF,
        "--offline",
        "--json",
        stdin="不知道\n",
    )
    assert run.code == 0, run.err
    verdict = json.loads(run.out)
    assert verdict["label"] == "empty" and verdict["score"] == 0
    assert verdict["grader"] == "similarity"


def test_grade_without_question_is_a_usage_error(monkeypatch, capsys) -> None:
    run = run_main(monkeypatch, capsys, "grade", "-a", GOOD, "--offline")
    assert run.code == 2 and "question" in run.err and "Traceback" not in run.err
    # one line like every user error (click printed "Usage: …", "Try …", "Error: …")
    assert run.err.splitlines() == [
        "error: give --question (or --batch FILE) (see `interviewer grade --help`)"
    ]


def test_an_unknown_option_is_one_line_too(monkeypatch, capsys) -> None:
    run = run_main(monkeypatch, capsys, "grade", "--bogus")
    assert run.code == 2 and len(run.err.splitlines()) == 1
    assert run.err.startswith("error: No such option") and "interviewer grade --help" in run.err


def test_grade_without_reference_or_index_says_what_to_do(monkeypatch, capsys, tmp_path) -> None:
    run = run_main(
        monkeypatch,
        capsys,
        "--index",
        str(tmp_path / "none"),
        "grade",
        "-q",
        Q,
        "-a",
        GOOD,
        "--offline",
    )
    assert run.code == 2 and run.err.startswith("error: ") and "Traceback" not in run.err


def test_batch_keeps_going_past_bad_lines(monkeypatch, capsys, tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "a", "question": Q, "answer": GOOD, "reference": REF}, ensure_ascii=False
        ),
        "{not json",
        json.dumps({"id": "c", "answer": "x"}),
        json.dumps({"id": "d", "question": Q, "answer": "", "reference": REF}, ensure_ascii=False),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    run = run_main(monkeypatch, capsys, "grade", "--batch", str(path), "--offline")
    assert run.code == 0, run.err
    out = [json.loads(line) for line in run.out.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "c", "d"]
    assert out[0]["label"] == "correct"
    assert "error" in out[1] and out[1]["line"] == 2
    assert "question" in out[2]["error"]
    assert out[3]["label"] == "empty"


def test_eval_reports_agreement(monkeypatch, capsys, tmp_path: Path) -> None:
    rows = [
        (GOOD, 2, "correct"),
        ("BN能加速收敛。", 1, "incorrect"),
        ("BN会让收敛变慢，也不能用更大的学习率。", 0, "contradictory"),
        ("不知道", 1, "incorrect"),
    ]
    path = tmp_path / "set.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i, (answer, human, label) in enumerate(rows):
            row = {
                "id": i,
                "question": Q,
                "reference": REF,
                "answer": answer,
                "human": human,
                "scale": 2,
                "label": label,
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        f.write("garbage\n")
    run = run_main(monkeypatch, capsys, "eval", str(path), "--offline", "--json")
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert result["n"] == 4 and result["skipped"] == 1
    assert result["pearson"] > 0 and result["pairs"] == 5
    assert 0 <= result["accuracy"] <= 1 and 0 <= result["macro_f1"] <= 1
    text = run_main(monkeypatch, capsys, "eval", str(path), "--offline", "--limit", "2")
    assert text.code == 0 and "Pearson r" in text.out


def test_grade_uses_the_apps_torch_thread_policy(monkeypatch, capsys) -> None:
    import torch

    from interviewer.services.models import interactive_threads

    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    torch.set_num_threads(2)
    run = run_main(monkeypatch, capsys, "grade", "-q", Q, "-a", GOOD, "-r", REF, "--offline")
    assert run.code == 0, run.err
    assert torch.get_num_threads() == interactive_threads() == 1
