"""The full history as JSON lines — the candidate's own data, portable, with nothing secret in it.

One answered turn per line: question, answer, verdict, timestamps and delivery insights. Settings
and API keys are never part of a turn, so they cannot leak into an export.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewer.errors import InterviewerError
from interviewer.progress.insights import analyze
from interviewer.progress.records import AnsweredTurn, as_utc, is_pass, label_name

if TYPE_CHECKING:
    from interviewer.storage.db import HistoryStore

FORMAT = 1
"""Bumped if a line's shape changes incompatibly."""


class ExportError(InterviewerError):
    """A report or export file could not be written."""


def _iso(moment: datetime | None) -> str | None:
    return as_utc(moment).isoformat() if moment is not None else None


def turn_to_dict(turn: AnsweredTurn) -> dict[str, Any]:
    """One JSON-able line for an answered turn. `skipped` is a pass (Ctrl+N): no score, in no
    average. 不会 is an answer worth 0, as every average counts it (`is_pass`); stored with the
    skip flag, it was exported `skipped: true` while the mean counted its 0."""
    verdict = turn.verdict
    answer = turn.answer or ""
    passed = is_pass(turn)
    return {
        "format": FORMAT,
        "session_id": turn.session_id,
        "turn_id": turn.turn_id,
        "question_id": turn.question_id,
        "question": turn.question_text,
        "topic": turn.topic,
        "spoken": getattr(turn, "spoken", None),
        "follow_up_of": turn.parent_turn_id,
        "removed_from_corpus": bool(turn.removed),
        "asked_at": _iso(getattr(turn, "asked_at", None)),
        "answered_at": _iso(turn.answered_at),
        "elapsed_s": turn.elapsed_s,
        "answer": answer,
        "skipped": passed,
        "hint_used": bool(turn.hint_used),
        "score": None if passed else turn.score,
        "label": label_name(turn.label) or None,
        "graded_score": None if passed else getattr(turn, "graded_score", turn.score),
        "own_score": getattr(turn, "own_score", None),
        "verdict": verdict.model_dump(mode="json") if verdict is not None else None,
        "insights": analyze(answer, turn.elapsed_s).to_dict() if answer.strip() else None,
    }


def atomic_write_text(path: Path, text: str) -> None:
    """Write whole or not at all: a temp file beside the target, then a rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None


def export_lines(turns: Iterable[AnsweredTurn]) -> list[str]:
    return [json.dumps(turn_to_dict(t), ensure_ascii=False) for t in turns]


def export_history(store: HistoryStore, path: Path) -> int:
    """Write every answered turn to `path` (JSON lines); returns how many were written."""
    lines = export_lines(store.answered_turns())
    atomic_write_text(path, "".join(line + "\n" for line in lines))
    return len(lines)
