"""The schema as a plain, numbered list of SQL scripts; `PRAGMA user_version` says how many ran.

Never edit a script once released: append a new one. Each runs in one transaction with the
version bump, so a crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    # 1: sessions and turns
    """
    CREATE TABLE sessions (
        id            INTEGER PRIMARY KEY,
        started_at    TEXT NOT NULL,
        finished_at   TEXT,
        plan_json     TEXT NOT NULL,
        grader        TEXT NOT NULL,
        question_ids  TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE turns (
        id             INTEGER PRIMARY KEY,
        session_id     INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        idx            INTEGER NOT NULL,
        total          INTEGER NOT NULL,
        question_id    TEXT,
        question_text  TEXT NOT NULL,
        topic          TEXT NOT NULL,
        spoken         TEXT NOT NULL,
        parent_turn_id INTEGER REFERENCES turns(id) ON DELETE SET NULL,
        asked_at       TEXT NOT NULL,
        answer         TEXT,
        answered_at    TEXT,
        elapsed_s      REAL,
        hint_used      INTEGER NOT NULL DEFAULT 0,
        skipped        INTEGER NOT NULL DEFAULT 0,
        verdict_json   TEXT,
        score          REAL,
        label          TEXT,
        removed        INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX turns_by_session ON turns(session_id, id);
    CREATE INDEX turns_by_question ON turns(question_id);
    CREATE INDEX turns_by_answered_at ON turns(answered_at);
    """,
    # 2: the score the candidate gives an answer when they disagree with the grader's
    """
    ALTER TABLE turns ADD COLUMN own_score REAL;
    """,
    # 3: an answer typed but not yet submitted, saved as it is typed (a kill must not lose it)
    """
    ALTER TABLE turns ADD COLUMN draft TEXT;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: tuple[str, ...] = MIGRATIONS) -> int:
    """Run the scripts the database has not seen yet; returns the resulting version.

    The caller checks for a database newer than `len(migrations)` before calling.
    """
    version = user_version(conn)
    for number, script in enumerate(migrations[version:], start=version + 1):
        # executescript() would COMMIT first; an explicit BEGIN keeps script + bump atomic.
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return user_version(conn)


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (semicolons inside strings stay put)."""
    parts: list[str] = []
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n\t;"):
                parts.append(buffer.strip())
            buffer = ""
    return parts
