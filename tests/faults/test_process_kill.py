"""`kill -9` at random moments of a session: the database is never corrupt and holds every
answer that was shown as graded. tests/interview/test_crash.py kills at chosen points; this
kills at random ones, many times, with a fixed seed (so a failure reproduces).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from random import Random

import pytest

from interviewer.storage.db import HistoryStore

REPO = Path(__file__).resolve().parents[2]
FAKE_RUNS = 20
REAL_RUNS = 2
SEED = 20261124

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def kill_at_random(db: Path, grader: str, seed: int, delay: float) -> list[int]:
    """Start the child, let it work `delay` seconds after it is ready, SIGKILL it; the turns it
    reported as graded."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.faults.kill_child", str(db), grader, str(seed)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert child.stdout is not None
    try:
        first = child.stdout.readline().strip()
        assert first == "ready", (first, child.stderr.read() if child.poll() is not None else "")
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, "the child finished before it was killed"
    return [int(line.split()[1]) for line in out.splitlines() if line.startswith("graded ")]


def check_database(db: Path, graded: list[int]) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = {
            row[0]
            for row in conn.execute(
                "SELECT id FROM turns WHERE answered_at IS NOT NULL AND verdict_json IS NOT NULL"
            )
        }
    finally:
        conn.close()
    lost = sorted(set(graded) - saved)
    assert not lost, f"turns shown as graded but not saved: {lost}"
    store = HistoryStore(db)  # and the app can open it again and offer the session back
    try:
        store.unfinished_session()
    finally:
        store.close()


def test_random_kills_with_a_fast_grader_lose_nothing(tmp_path: Path, tally) -> None:
    rng = Random(SEED)
    total_graded = 0
    for run in range(FAKE_RUNS):
        db = tmp_path / f"run{run}.sqlite3"
        delay = 0.0 if run == 0 else rng.uniform(0.0, 0.8)  # run 0: before any answer
        graded = kill_at_random(db, "fake", SEED + run, delay)
        check_database(db, graded)
        total_graded += len(graded)
    assert total_graded > FAKE_RUNS  # the kills did land mid-session, not only at start
    tally.add("process: kill -9 (fake grader)", FAKE_RUNS, FAKE_RUNS)


@pytest.mark.slow
def test_random_kills_with_the_real_similarity_grader_lose_nothing(tmp_path: Path, tally) -> None:
    rng = Random(SEED + 1)
    for run in range(REAL_RUNS):
        db = tmp_path / f"real{run}.sqlite3"
        graded = kill_at_random(db, "real", SEED + 100 + run, rng.uniform(1.0, 3.0))
        check_database(db, graded)
    tally.add("process: kill -9 (real grader)", REAL_RUNS, REAL_RUNS)
