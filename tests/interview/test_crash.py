"""kill -9 mid-interview loses nothing that was answered, and the database stays sound."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from interviewer.interview.engine import Interview
from tests.interview.fakes import make_services

REPO = Path(__file__).resolve().parents[2]


def _start_child(db: Path) -> subprocess.Popen[str]:
    """The interview child (tests/interview/crash_child.py) on `db`, spoken to over pipes."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.interview.crash_child", str(db)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("n", [1, 3])
def test_sigkill_after_n_answers_keeps_exactly_n(tmp_path: Path, n: int) -> None:
    db = tmp_path / "history.sqlite3"
    child = _start_child(db)
    assert child.stdin is not None and child.stdout is not None
    try:
        asked: list[int] = []
        for expected in range(1, n + 1):
            line = child.stdout.readline().split()
            assert line[0] == "asked", (
                line,
                child.stderr.read() if child.poll() is not None else "",
            )
            asked.append(int(line[1]))
            child.stdin.write("go\n")
            child.stdin.flush()
            assert child.stdout.readline().split() == ["answered", str(expected)]
        line = child.stdout.readline().split()  # the next question is saved and on screen
        assert line[0] == "asked"
        open_turn = int(line[1])
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    answered = conn.execute(
        "SELECT id FROM turns WHERE answered_at IS NOT NULL ORDER BY id"
    ).fetchall()
    assert [r[0] for r in answered] == asked
    assert conn.execute("SELECT COUNT(*) FROM turns WHERE answered_at IS NULL").fetchone()[0] == 1
    conn.close()

    services = make_services(db)  # and `--resume` picks up exactly where it died
    session = services.store.unfinished_session()
    assert session is not None and session.n_answered == n
    resumed = Interview.resume(services, session.id)
    assert resumed.next_turn().turn_id == open_turn


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_while_typing_keeps_the_answer_for_the_resume(tmp_path: Path) -> None:
    """An answer typed and never submitted was lost to kill -9: saved as it is typed, the
    resume hands it back for the answer box (once), on the question it was typed for."""
    db = tmp_path / "history.sqlite3"
    child = _start_child(db)
    assert child.stdin is not None and child.stdout is not None
    try:
        line = child.stdout.readline().split()
        assert line[0] == "asked", child.stderr.read() if child.poll() is not None else line
        open_turn = int(line[1])
        child.stdin.write("draft Adam 结合了动量，还有\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "drafted"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    services = make_services(db)
    session = services.store.unfinished_session()
    assert session is not None and session.n_answered == 0
    resumed = Interview.resume(services, session.id)
    turn = resumed.next_turn()
    assert turn.turn_id == open_turn
    assert resumed.draft(turn) == "Adam 结合了动量，还有" and resumed.draft(turn) == ""
    resumed.answer(turn, "Adam 结合了动量，还有自适应学习率", 3.0)
    assert services.store.turn(open_turn).draft is None
