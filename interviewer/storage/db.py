"""The history store: every question asked, answer given and verdict, in one SQLite file.

Durability is the point: each write commits before returning (WAL, synchronous=FULL), so Ctrl-C,
a closed terminal or `kill -9` never loses an answered question. Safe to share across threads
(the TUI grades in a worker thread): one connection guarded by a lock.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from interviewer.errors import StorageError
from interviewer.storage.migrations import MIGRATIONS, migrate, user_version
from interviewer.storage.records import SessionRecord, TurnRecord
from interviewer.storage.session_lock import SessionLocks
from interviewer.types.bands import SCORE_BANDS
from interviewer.types.plan import InterviewPlan
from interviewer.types.turn import Turn
from interviewer.types.verdict import Verdict

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _stamp(moment: datetime) -> str:
    """Sortable UTC text: naive datetimes are taken as local time."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _parse(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class HistoryStore:
    """Sessions and turns in SQLite, migrated on open. Stores no settings and no API key."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock = utc_now,
        migrations: tuple[str, ...] = MIGRATIONS,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the folder for {self.path}: {exc}") from None
        self._conn = self._open(migrations)
        self._sessions = SessionLocks(self.path)

    def _open(self, migrations: tuple[str, ...]) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=10.0
            )
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open history database {self.path}: {exc}") from None
        try:
            version = user_version(conn)  # first read: fails here on a file that is not SQLite
            if version > len(migrations):
                raise StorageError(
                    f"history database {self.path} was written by a newer interviewer "
                    f"(schema {version} > {len(migrations)}); "
                    "upgrade interviewer or use another db_path"
                )
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn, migrations)
        except StorageError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise StorageError(
                f"history database {self.path} is unreadable ({exc}); move it aside to start afresh"
            ) from None
        return conn

    def now(self) -> datetime:
        """The store's clock (what answers are stamped with): readers that compare with the
        stamps ask it, so a test's fixed clock holds for them too."""
        return self._clock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            self._sessions.release_all()

    def claim_session(self, session_id: int) -> None:
        """Run session `session_id` from this store only, until it is closed: SessionBusy when
        another process runs it (see interviewer.storage.session_lock)."""
        with self._lock:
            self._sessions.claim(session_id)

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return user_version(self._conn)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed (and fsynced) before the caller continues."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StorageError(f"cannot write history database {self.path}: {exc}") from None

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                cursor = self._conn.execute(sql, params)
                cursor.row_factory = sqlite3.Row
                return cursor.fetchall()
            except sqlite3.Error as exc:
                raise StorageError(f"cannot read history database {self.path}: {exc}") from None

    # --- writes ------------------------------------------------------------------------------

    def start_session(
        self,
        plan: InterviewPlan,
        grader: str,
        *,
        question_ids: Sequence[str] = (),
        at: datetime | None = None,
    ) -> int:
        """A new session; `question_ids` are the main questions picked, in order."""
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (started_at, plan_json, grader, question_ids)"
                " VALUES (?,?,?,?)",
                (
                    _stamp(at or self._clock()),
                    plan.to_json(),
                    grader,
                    json.dumps(list(question_ids), ensure_ascii=False),
                ),
            )
            return int(cursor.lastrowid or 0)

    def record_asked(self, session_id: int, turn: Turn, *, at: datetime | None = None) -> int:
        """Save a question before it is shown; returns its turn id (`turn.turn_id` is ignored)."""
        with self._write() as conn:
            cursor = conn.execute(
                """INSERT INTO turns (session_id, idx, total, question_id, question_text, topic,
                                      spoken, parent_turn_id, asked_at)
                   VALUES (?,?,?,?,?,?,?,?,?)""",
                (
                    session_id,
                    turn.index,
                    turn.total,
                    turn.question_id,
                    turn.question,
                    turn.topic,
                    turn.spoken,
                    turn.parent_turn_id,
                    _stamp(at or self._clock()),
                ),
            )
            return int(cursor.lastrowid or 0)

    def record_hint(self, turn_id: int) -> None:
        """Note at once that a hint was shown, so the cost survives a crash before the answer."""
        with self._write() as conn:
            conn.execute("UPDATE turns SET hint_used = 1 WHERE id = ?", (turn_id,))

    def record_draft(self, turn_id: int, text: str) -> None:
        """Keep what the candidate is typing for a question not yet answered, so a kill or a
        closed terminal does not lose it ('' forgets it). A turn whose answer was submitted is
        left alone: a save still on its way after Ctrl+S must not bring the draft back."""
        with self._write() as conn:
            conn.execute(
                "UPDATE turns SET draft = ? WHERE id = ? AND answer IS NULL"
                " AND answered_at IS NULL",
                (text or None, turn_id),
            )

    def record_submitted(self, turn_id: int, answer: str, elapsed_s: float) -> None:
        """Save an answer the moment it is submitted, before it is graded: a kill or Ctrl+C
        during grading must not cost the candidate what they typed. The turn stays unanswered
        (answered_at NULL) until record_answer; a resume grades it (Interview.resume_recap)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE turns SET answer = ?, elapsed_s = ?, draft = NULL"
                " WHERE id = ? AND answered_at IS NULL",
                (answer, elapsed_s, turn_id),
            )

    def record_answer(
        self,
        turn_id: int,
        answer: str,
        elapsed_s: float,
        hint_used: bool,
        verdict: Verdict,
        *,
        skipped: bool = False,
        at: datetime | None = None,
    ) -> None:
        """Save the answer and its verdict (JSON, plus score/label columns for queries)."""
        with self._write() as conn:
            cursor = conn.execute(
                """UPDATE turns SET answer = ?, answered_at = ?, elapsed_s = ?,
                          hint_used = MAX(hint_used, ?), skipped = ?, verdict_json = ?,
                          score = ?, label = ?, draft = NULL
                   WHERE id = ?""",
                (
                    answer,
                    _stamp(at or self._clock()),
                    elapsed_s,
                    int(hint_used),
                    int(skipped),
                    verdict.model_dump_json(),
                    verdict.score,
                    verdict.label.value,
                    turn_id,
                ),
            )
            if cursor.rowcount != 1:
                raise StorageError(f"no question with turn id {turn_id} in {self.path}")

    def record_own_score(self, turn_id: int, score: float | None) -> None:
        """The score the candidate gives a graded answer when they disagree with the grader
        (None takes it back). It counts from then on — averages, spaced review, the report —
        and the grader's verdict is kept as it was. A skip or an unanswered turn has no grade
        to dispute."""
        if score is not None and not 0.0 <= score <= 10.0:
            raise StorageError(f"a score is 0 to 10, not {score:g}")
        with self._write() as conn:
            cursor = conn.execute(
                """UPDATE turns SET own_score = ?
                   WHERE id = ? AND answered_at IS NOT NULL AND NOT skipped""",
                (score, turn_id),
            )
            if cursor.rowcount != 1:
                raise StorageError(f"no graded answer with turn id {turn_id} in {self.path}")

    def finish_session(self, session_id: int, *, at: datetime | None = None) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE sessions SET finished_at = COALESCE(finished_at, ?) WHERE id = ?",
                (_stamp(at or self._clock()), session_id),
            )

    def mark_removed_questions(self, live_ids: Iterable[str]) -> None:
        """Flag history whose question left the corpus (kept, not deleted); unflag if it returns."""
        live = sorted(set(live_ids))
        with self._write() as conn:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS live_ids (id TEXT PRIMARY KEY)")
            conn.execute("DELETE FROM live_ids")
            conn.executemany("INSERT INTO live_ids (id) VALUES (?)", ((i,) for i in live))
            conn.execute(
                """UPDATE turns SET removed = (question_id NOT IN (SELECT id FROM live_ids))
                   WHERE question_id IS NOT NULL"""
            )
            conn.execute("DELETE FROM live_ids")

    # --- reads -------------------------------------------------------------------------------

    _NOT_A_PASS = "NOT (t.skipped AND COALESCE(TRIM(t.answer), '') = '')"
    _FIRST_MAIN_ANSWER = f"""t.parent_turn_id IS NULL AND {_NOT_A_PASS}
        AND NOT EXISTS (SELECT 1 FROM turns e
                        WHERE e.session_id = t.session_id AND e.id < t.id
                          AND e.parent_turn_id IS NULL AND e.question_id = t.question_id)"""
    """A main question's first answer in its session, not a pass: what the count and the mean
    of a session are about (a follow-up, a re-ask and a skip are not)."""
    _SESSION_SQL = f"""
        SELECT s.*,
               COUNT(CASE WHEN {_NOT_A_PASS} THEN 1 END) AS n_answered,
               COUNT(CASE WHEN {_FIRST_MAIN_ANSWER} THEN 1 END) AS n_main,
               AVG(CASE WHEN {_FIRST_MAIN_ANSWER}
                        THEN COALESCE(t.own_score, t.score) END) AS mean_score
        FROM sessions s LEFT JOIN turns t ON t.session_id = s.id AND t.answered_at IS NOT NULL
    """

    def session(self, session_id: int) -> SessionRecord | None:
        rows = self._read(self._SESSION_SQL + " WHERE s.id = ? GROUP BY s.id", (session_id,))
        return _session(rows[0]) if rows else None

    def sessions(self) -> list[SessionRecord]:
        """All sessions, oldest first."""
        rows = self._read(self._SESSION_SQL + " GROUP BY s.id ORDER BY s.id")
        return [_session(row) for row in rows]

    def unfinished_session(self) -> SessionRecord | None:
        """The most recent session that was never finished (what `--resume` alone continues)."""
        rows = self._read(
            self._SESSION_SQL
            + " WHERE s.finished_at IS NULL GROUP BY s.id ORDER BY s.id DESC LIMIT 1"
        )
        return _session(rows[0]) if rows else None

    def unfinished_sessions(self) -> list[SessionRecord]:
        """Every session never finished, newest first: each one `--resume ID` can continue."""
        rows = self._read(
            self._SESSION_SQL + " WHERE s.finished_at IS NULL GROUP BY s.id ORDER BY s.id DESC"
        )
        return [_session(row) for row in rows]

    def session_turns(self, session_id: int) -> list[TurnRecord]:
        """A session's turns in the order they were asked."""
        rows = self._read("SELECT * FROM turns WHERE session_id = ? ORDER BY id", (session_id,))
        return [_turn(row) for row in rows]

    def turn(self, turn_id: int) -> TurnRecord | None:
        rows = self._read("SELECT * FROM turns WHERE id = ?", (turn_id,))
        return _turn(rows[0]) if rows else None

    def answered_turns(self, *, since: datetime | None = None) -> list[TurnRecord]:
        """Every answered (or skipped) turn, oldest answer first: for progress, history, export."""
        if since is None:
            rows = self._read(
                "SELECT * FROM turns WHERE answered_at IS NOT NULL ORDER BY answered_at, id"
            )
        else:
            rows = self._read(
                "SELECT * FROM turns WHERE answered_at >= ? ORDER BY answered_at, id",
                (_stamp(since),),
            )
        return [_turn(row) for row in rows]


def _session(row: sqlite3.Row) -> SessionRecord:
    started = _parse(row["started_at"])
    assert started is not None
    mean = row["mean_score"]
    return SessionRecord(
        id=row["id"],
        started_at=started,
        finished_at=_parse(row["finished_at"]),
        plan=InterviewPlan.from_json(row["plan_json"]),
        grader=row["grader"],
        n_answered=int(row["n_answered"]),
        n_main=int(row["n_main"]),
        mean_score=None if mean is None else float(mean),
        question_ids=tuple(json.loads(row["question_ids"] or "[]")),
    )


def _turn(row: sqlite3.Row) -> TurnRecord:
    asked = _parse(row["asked_at"])
    own = row["own_score"]
    assert asked is not None
    verdict: Verdict | None = None
    if row["verdict_json"]:
        try:
            verdict = Verdict.model_validate_json(row["verdict_json"])
        except ValidationError:  # written by an older verdict shape: score/label still hold
            verdict = None
    return TurnRecord(
        turn_id=row["id"],
        session_id=row["session_id"],
        question_id=row["question_id"],
        question_text=row["question_text"],
        topic=row["topic"],
        spoken=row["spoken"],
        parent_turn_id=row["parent_turn_id"],
        asked_at=asked,
        answer=row["answer"],
        answered_at=_parse(row["answered_at"]),
        elapsed_s=row["elapsed_s"],
        hint_used=bool(row["hint_used"]),
        verdict=verdict,
        score=row["score"] if own is None else own,
        label=row["label"] if own is None else SCORE_BANDS.label(own),
        removed=bool(row["removed"]),
        index=row["idx"],
        total=row["total"],
        skipped=bool(row["skipped"]),
        graded_score=row["score"],
        own_score=own,
        draft=row["draft"],
    )
