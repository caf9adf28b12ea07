"""Schema versions: fresh files migrate from 0, later scripts apply in order, newer dbs refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interviewer.errors import StorageError
from interviewer.storage.db import HistoryStore
from interviewer.storage.migrations import MIGRATIONS, SCHEMA_VERSION, migrate, user_version
from interviewer.types.plan import InterviewPlan


def test_empty_file_at_version_zero_is_migrated_to_current(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    sqlite3.connect(path).close()  # an existing, empty database: user_version 0
    with HistoryStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sessions", "turns"} <= tables
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_later_migration_applies_once_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        session_id = store.start_session(InterviewPlan(count=2), "similarity")
    extra = MIGRATIONS + ("ALTER TABLE sessions ADD COLUMN note TEXT DEFAULT 'x';",)
    with HistoryStore(path, migrations=extra) as store:
        assert store.schema_version == SCHEMA_VERSION + 1
        assert store.session(session_id) is not None
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT note FROM sessions").fetchone()[0] == "x"
    assert migrate(conn, extra) == SCHEMA_VERSION + 1  # nothing left to run


def test_failing_migration_leaves_previous_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "h.sqlite3", isolation_level=None)
    broken = MIGRATIONS + ("CREATE TABLE t (a INTEGER); ALTER TABLE nope ADD COLUMN b;",)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, broken)
    assert user_version(conn) == SCHEMA_VERSION
    assert conn.execute("SELECT name FROM sqlite_master WHERE name='t'").fetchone() is None


def test_newer_database_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StorageError) as err:
        HistoryStore(path)
    message = str(err.value)
    assert "\n" not in message and "newer" in message and str(path) in message


def test_corrupt_file_is_refused_with_one_line_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    garbage = b"this is not sqlite at all, just some scraped notes\n" * 50
    path.write_bytes(garbage)
    with pytest.raises(StorageError) as err:
        HistoryStore(path)
    assert "\n" not in str(err.value) and str(path) in str(err.value)
    assert path.read_bytes() == garbage


def test_a_first_version_database_gains_own_scores_and_keeps_its_grades(tmp_path: Path) -> None:
    from interviewer.types.turn import Turn
    from interviewer.types.verdict import Label, Verdict

    path = tmp_path / "h.sqlite3"
    with HistoryStore(path, migrations=MIGRATIONS[:1]) as store:  # as the first release made it
        sid = store.start_session(InterviewPlan(), "similarity")
        tid = store.record_asked(sid, Turn(0, 1, 1, "q1", "BN的作用", "说说BN", "归一化"))
        asked = store.record_asked(sid, Turn(0, 2, 2, "q2", "LN的作用", "说说LN", "归一化"))
    graded = Verdict(score=5, label=Label.PARTIAL, grader="similarity", confidence=0.5)
    conn = sqlite3.connect(path)  # answered as the first release wrote it (no later column)
    conn.execute(
        "UPDATE turns SET answer = 'x', answered_at = '2025-03-01T09:00:00+00:00',"
        " elapsed_s = 1.0, verdict_json = ?, score = 5, label = 'partial' WHERE id = ?",
        (graded.model_dump_json(), tid),
    )
    conn.commit()
    conn.close()
    with HistoryStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.turn(tid).score == 5 and store.turn(tid).own_score is None
        assert store.turn(tid).draft is None and store.turn(asked).draft is None
        store.record_own_score(tid, 9)
        assert store.session(sid).mean_score == 9
