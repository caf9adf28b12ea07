"""What the candidate last answered a question in an earlier session, as a coaching interviewer
remembers it when asking it again: how that answer went, on which day, and one point it missed.

Why: a question due for review, or missed before, was asked exactly like a new one; a person
coaching you says "这道题上次没答完整，我们再来一次". Only other sessions count: a question asked
again in this session is the relearning step's, which has its own words (`relearn`). The missed
point is named as hints and follow-ups name one (`grading.naming`): a term or two, never its
statement, which would hand over the answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Literal

from interviewer.grading.naming import naming_terms
from interviewer.grading.text import CJK
from interviewer.interview.followup import gaps
from interviewer.progress.records import AnsweredTurn, graded_main_turns, local_day
from interviewer.types.answer_key import AnswerKey
from interviewer.types.bands import SCORE_BANDS
from interviewer.types.verdict import PointStatus
from interviewer.wording import INTERFACE_ZH, say

Band = Literal["missed", "partial", "fair", "good"]
MAX_NAMED_TERMS = 2
"""Terms a missed point is named in, as a follow-up names one."""
_GAPS = (PointStatus.MISSING, PointStatus.PARTIAL, PointStatus.CONTRADICTED)
_NAME = re.compile(rf"(?=.*[A-Za-z{CJK}])[A-Za-z0-9{CJK}][A-Za-z0-9{CJK} +\-_.]*")
"""A wording that reads as a name: a word, not a pattern or a bare number."""


@dataclass(frozen=True)
class EarlierAnswer:
    """The last answer to a question before this session (the score that counts: the
    candidate's own when they gave one)."""

    score: float
    answered_on: date
    """The candidate's local day it was given."""
    today: date
    missed: str = ""
    """One point it missed, in a term or two ("偏差修正"); '' when none is to be named."""

    @property
    def band(self) -> Band:
        """How it went: missed (a skip, 不会, under 3), partial (under 6), fair, or good."""
        if self.score < SCORE_BANDS.again_below:
            return "missed"
        if self.score < SCORE_BANDS.hard_below:
            return "partial"
        return "good" if self.score >= SCORE_BANDS.good_at else "fair"


def earlier_answers(
    turns: Iterable[AnsweredTurn],
    session_id: int,
    keys: Mapping[str, AnswerKey],
    *,
    now: datetime,
    tz: tzinfo | None = None,
) -> dict[str, EarlierAnswer]:
    """Question id -> its last answer in another session than `session_id` (`turns`: the
    store's answered turns; `tz` None: this machine's zone)."""
    turns = list(turns)
    last = {
        t.question_id: t for t in graded_main_turns(turns) if t.session_id != session_id
    }  # time order: the last answer wins
    made: dict[int, set[str]] = {}  # main turn id -> the points its follow-ups' answers made
    for t in turns:
        if t.parent_turn_id is not None and t.verdict is not None:
            made.setdefault(t.parent_turn_id, set()).update(
                p.text for p in t.verdict.points if p.status is PointStatus.COVERED
            )
    today = local_day(now, tz)
    found: dict[str, EarlierAnswer] = {}
    for qid, t in last.items():
        assert qid is not None and t.answered_at is not None and t.score is not None
        earlier = EarlierAnswer(float(t.score), local_day(t.answered_at, tz), today)
        if earlier.band == "partial":
            points = _missed_points(t, made.get(t.turn_id, set()))
            named = next((n for p in points if (n := _named(p, t, keys.get(qid)))), "")
            earlier = EarlierAnswer(earlier.score, earlier.answered_on, today, named)
        found[qid] = earlier
    return found


def _missed_points(turn: AnsweredTurn, made: set[str]) -> list[str]:
    """The points it missed, the one to name first: the one the follow-up asked about, then
    the core points missed, less those the follow-up's answer then made."""
    verdict = turn.verdict
    if verdict is None:
        return []
    core = [p.text for p in verdict.points if p.status in _GAPS and p.weight >= 1.0]
    return [p for p in dict.fromkeys([*gaps(verdict)[:1], *core]) if p not in made]


def _named(point: str, turn: AnsweredTurn, key: AnswerKey | None) -> str:
    """The point in a term or two the answer did not say ('' when none is safe to say): an
    answer key's point by the first of its concepts (what it is about: 偏差修正, 链式法则; the
    later ones are mostly what it says of it: 接近, 更快), else the terms `naming` picks from the
    point and its reference."""
    answer = turn.answer or ""
    keyed = next((p for p in key.points if p.text == point), None) if key else None
    if keyed is not None:
        named = _concept_name(keyed.concepts[0], keyed.text, turn.question_text, answer)
        if named:
            return named
        reference = key.reference if key else ""
    else:
        references = turn.verdict.references if turn.verdict is not None else []
        reference = "\n".join(r.text for r in references)
    words = naming_terms(point, turn.question_text, answer, reference=reference)
    named = words[0] if words else ""
    for word in words[1:MAX_NAMED_TERMS]:
        named = say("follow_and", INTERFACE_ZH, first=named, second=word)
    return named


def _concept_name(wordings: list[str], point: str, question: str, answer: str) -> str:
    """A concept's first wording as the point spells it ("Mask R-CNN", not the key's lower
    case), unless the question or the answer already says the concept or the wording is a
    pattern ("batch…大") rather than a name."""
    first = wordings[0]
    if not _NAME.fullmatch(first) or first.lower() in question.lower():
        return ""
    if any(w.lower() in answer.lower() for w in wordings):
        return ""
    at = point.lower().find(first.lower())
    return point[at : at + len(first)] if at >= 0 else first
