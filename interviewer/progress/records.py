"""The slice of a stored turn that progress needs, so the pure modules run on any record source.

`storage.db.TurnRecord` satisfies `AnsweredTurn`; tests may use the real records or plain stand-ins.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timezone, tzinfo
from typing import Any, Protocol


class AnsweredTurn(Protocol):
    """Fields read from `TurnRecord` (names are the storage contract)."""

    @property
    def turn_id(self) -> int: ...
    @property
    def session_id(self) -> int: ...
    @property
    def question_id(self) -> str | None: ...
    @property
    def question_text(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def parent_turn_id(self) -> int | None: ...
    @property
    def answer(self) -> str | None: ...
    @property
    def answered_at(self) -> datetime | None: ...
    @property
    def elapsed_s(self) -> float | None: ...
    @property
    def hint_used(self) -> bool: ...
    @property
    def verdict(self) -> Any: ...
    @property
    def score(self) -> float | None: ...
    @property
    def label(self) -> Any: ...
    @property
    def removed(self) -> bool: ...


def as_utc(moment: datetime) -> datetime:
    """Timezone-aware UTC (FSRS requires it); a naive time is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day the candidate lived this moment in (`tz` None = this machine's zone)."""
    return as_utc(moment).astimezone(tz).date()


def label_name(label: Any) -> str:
    """'empty', 'correct', … from a Label enum or the plain string the store may hand back."""
    if label is None:
        return ""
    return str(getattr(label, "value", label))


def is_pass(turn: Any) -> bool:
    """Skipped with no answer at all (Ctrl+N): the candidate moved on, which is not a score.
    Saying 不会 (stored answer "不知道") is an answer worth 0 and stays one."""
    return bool(getattr(turn, "skipped", False)) and not (getattr(turn, "answer", "") or "").strip()


def scored_main_turns(turns: Iterable[AnsweredTurn]) -> list[AnsweredTurn]:
    """What every average averages: answered bank questions, without follow-ups (graded on the
    missed points only, another scale), passes (a skip is not a 0) and in-session retries (the
    first answer is the interview's)."""
    main = graded_main_turns(turns)
    retries = retry_ids(main)
    return [t for t in main if not is_pass(t) and t.turn_id not in retries]


def retry_ids(turns: list[AnsweredTurn]) -> set[int]:
    """Main turns asking a question already asked earlier in the same session (the in-session
    relearning step: practice, not a new score)."""
    seen: set[tuple[int, str | None]] = set()
    retries: set[int] = set()
    for turn in sorted(turns, key=lambda t: t.turn_id):
        key = (turn.session_id, turn.question_id)
        if key in seen:
            retries.add(turn.turn_id)
        seen.add(key)
    return retries


def graded_main_turns(turns: Iterable[AnsweredTurn]) -> list[AnsweredTurn]:
    """Answered bank questions in time order; follow-ups are left out so a question whose answer
    drew a follow-up is not counted twice."""
    kept = [
        t
        for t in turns
        if t.question_id and t.parent_turn_id is None and t.answered_at is not None
        and t.score is not None
    ]  # fmt: skip
    return sorted(kept, key=lambda t: (as_utc(t.answered_at), t.turn_id))  # type: ignore[arg-type]
