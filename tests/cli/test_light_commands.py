"""Commands that need no model never import one: `questions`, `keys`, `history` and `report`
run in a fresh interpreter without torch, sentence-transformers, transformers or FAISS (importing
those alone takes seconds; BENCHMARKS.md, "Speed and memory"). Checked on what the interpreter
reports it imported (`-X importtime`), not on how long it took; tests/cli/test_one_shot.py shows
the same check seeing torch where a command does load the model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.progress.synthetic import fill_weeks

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "sentence_transformers", "transformers", "faiss", "sklearn", "textual")


def _imported(args: list[str], env: dict[str, str], cwd: Path) -> tuple[set[str], str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "interviewer", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=cwd,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            modules.add(line.rsplit("|", 1)[1].strip())
    return modules, done.stdout


@pytest.fixture
def history(isolated_home) -> Path:
    fill_weeks(isolated_home / "history.sqlite3").close()
    return isolated_home


@pytest.mark.parametrize(
    "args",
    [
        ["questions"],
        ["questions", "--json"],
        ["keys"],
        ["keys", "show", "--json", "QID"],
        ["history"],
        ["history", "--json"],
        ["report", "--out", "{tmp}/report.md"],
        ["--help"],
    ],
)
def test_commands_without_a_model_import_none(args, history, tmp_path):
    if "QID" in args:
        from interviewer.index.store import read_questions

        _, bank = read_questions(REPO / "index")
        args = [a.replace("QID", bank[0].id) for a in args]
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    modules, out = _imported(args, {"PYTHONPATH": str(REPO)}, tmp_path)
    assert out.strip()  # it did its job
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == [], f"`interviewer {' '.join(args)}` imported {heavy[:8]}"


def test_help_lists_the_commands_without_importing_pydantic(tmp_path):
    """`interviewer --help` is the first thing a new user types: click alone, no settings or types
    (a command module importing the wording catalogue at its top pulled pydantic in: 45 -> 560
    ms)."""
    modules, out = _imported(["--help"], {"PYTHONPATH": str(REPO)}, tmp_path)
    assert "practice" in out and "grade" in out
    assert sorted(m for m in modules if m.split(".")[0] == "pydantic") == []
