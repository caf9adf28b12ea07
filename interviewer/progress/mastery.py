"""How well does the candidate know each question and topic, judging by recent grades?

Per question (main turns only — a follow-up is a different, narrower question):

    weight_i   = 0.5 ** (age_days_i / HALF_LIFE_DAYS)        # an answer two weeks old counts half
    recent     = sum(weight_i * score_i) / sum(weight_i)      # 0..10, recency-weighted score
    confidence = 1 - 0.5 ** attempts                          # 1 → 0.5, 2 → 0.75, 3 → 0.875
    mastery    = confidence * recent / 10 + (1 - confidence) * 0.5     # 0..1

so one answer moves mastery only halfway from "not known yet" (50%) toward its score: one lucky
answer is not mastery, and one bad answer does not make a topic weaker than one answered badly
four times (with 0 for "not known yet", a single 10 read 50% and weak mode drilled the topics the
candidate had aced). Improving lately counts more than a bad start. A topic's
mastery is the mean of its practised questions' masteries (each question weighs the same, however
often it was asked). Question and topic are taken from the most recent attempt, so history stays
attached when the corpus changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from interviewer.progress.records import (
    AnsweredTurn,
    as_utc,
    graded_main_turns,
    scored_main_turns,
)

if TYPE_CHECKING:
    from interviewer.storage.db import HistoryStore

HALF_LIFE_DAYS = 14.0
UNKNOWN_MASTERY = 0.5
"""Where a question's mastery starts before any answer: neither known nor weak."""


def recency_weight(age_days: float) -> float:
    """Half the weight every `HALF_LIFE_DAYS`; answers from the future (clock skew) weigh 1."""
    return 0.5 ** (max(age_days, 0.0) / HALF_LIFE_DAYS)


def confidence(attempts: int) -> float:
    """How far one can trust a mean of `attempts` grades."""
    return 1.0 - 0.5**attempts


@dataclass(frozen=True)
class QuestionMastery:
    question_id: str
    question_text: str
    topic: str
    attempts: int
    recent_score: float
    """Recency-weighted mean score, 0..10."""
    confidence: float
    mastery: float
    """0..1."""
    last_score: float
    last_answered_at: datetime
    last_verdict: Any
    """The latest Verdict (what was missed, the feedback), or None."""
    last_answer: str
    """The candidate's latest answer, as given."""
    removed: bool
    earlier_misconceptions: tuple[Any, ...] = ()
    """False claims (StatedMisconception) the candidate made in earlier answers and not in the
    latest, newest first, each once: a wrong belief corrected on the retry is still what a
    mentor wants to see."""


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    questions: int
    """Distinct questions practised in this topic."""
    attempts: int
    mastery: float
    """Mean of the questions' masteries, 0..1."""
    mean_score: float | None
    """Plain mean of the topic's scored answers (`scored_main_turns`: no follow-ups, skips or
    in-session retries, like every other average), 0..10; None when all were skipped."""
    scored: int = 0
    """How many answers `mean_score` averages."""


def question_mastery(turns: Iterable[AnsweredTurn], now: datetime) -> dict[str, QuestionMastery]:
    """Question id -> mastery, from every graded main turn."""
    now = as_utc(now)
    by_question: dict[str, list[AnsweredTurn]] = defaultdict(list)
    for turn in graded_main_turns(turns):
        by_question[turn.question_id].append(turn)  # type: ignore[index]
    result = {}
    for qid, history in by_question.items():
        ages = [(now - as_utc(t.answered_at)).total_seconds() / 86400 for t in history]  # type: ignore[arg-type]
        weights = [recency_weight(age) for age in ages]
        scored = zip(weights, history, strict=True)
        recent = sum(w * float(t.score) for w, t in scored) / sum(weights)  # type: ignore[arg-type]
        conf = confidence(len(history))
        last = history[-1]
        result[qid] = QuestionMastery(
            question_id=qid,
            question_text=last.question_text,
            topic=last.topic,
            attempts=len(history),
            recent_score=recent,
            confidence=conf,
            mastery=conf * recent / 10.0 + (1.0 - conf) * UNKNOWN_MASTERY,
            last_score=float(last.score),  # type: ignore[arg-type]
            last_answered_at=as_utc(last.answered_at),  # type: ignore[arg-type]
            last_verdict=last.verdict,
            last_answer=last.answer or "",
            removed=bool(last.removed),
            earlier_misconceptions=_earlier_misconceptions(history),
        )
    return result


def _earlier_misconceptions(history: list[AnsweredTurn]) -> tuple[Any, ...]:
    def stated(turn: AnsweredTurn) -> list[Any]:
        return list(getattr(turn.verdict, "misconceptions", None) or [])

    seen = {(m.said, m.correction) for m in stated(history[-1])}
    earlier = []
    for turn in reversed(history[:-1]):
        for m in stated(turn):
            if (m.said, m.correction) not in seen:
                seen.add((m.said, m.correction))
                earlier.append(m)
    return tuple(earlier)


def topic_mastery(turns: Iterable[AnsweredTurn], now: datetime) -> list[TopicMastery]:
    """Every practised topic, weakest first."""
    turns = list(turns)
    per_question = question_mastery(turns, now)
    by_topic: dict[str, list[QuestionMastery]] = defaultdict(list)
    for qm in per_question.values():
        by_topic[qm.topic].append(qm)
    scores: dict[str, list[float]] = defaultdict(list)
    # the topic's average means what the overview's and the session summary's mean: a skip is
    # not a 0 and a retry in the same session is practice, not a second score
    for turn in scored_main_turns(turns):
        topic = per_question[turn.question_id].topic  # type: ignore[index]
        scores[topic].append(float(turn.score))  # type: ignore[arg-type]
    topics = [
        TopicMastery(
            topic=topic,
            questions=len(qms),
            attempts=sum(q.attempts for q in qms),
            mastery=sum(q.mastery for q in qms) / len(qms),
            mean_score=sum(scores[topic]) / len(scores[topic]) if scores[topic] else None,
            scored=len(scores[topic]),
        )
        for topic, qms in by_topic.items()
    ]
    topics.sort(key=lambda t: (t.mastery, t.attempts, t.topic))
    return topics


def weakest_questions(
    turns: Iterable[AnsweredTurn],
    now: datetime,
    n: int = 5,
    *,
    bank_ids: Collection[str] | None = None,
    include_removed: bool = True,
) -> list[QuestionMastery]:
    """The `n` practised questions with the lowest mastery (ties: lower last score first)."""
    pool = [
        qm
        for qm in question_mastery(turns, now).values()
        if (bank_ids is None or qm.question_id in bank_ids) and (include_removed or not qm.removed)
    ]
    pool.sort(key=lambda q: (q.mastery, q.last_score, q.question_id))
    return pool[:n]


def weak_topics(store: HistoryStore, n: int = 3, now: datetime | None = None) -> list[str]:
    """The `n` weakest practised topics (for the interview's "weak" mode); questions removed from
    the corpus are left out, since they can no longer be asked."""
    moment = now or datetime.now(timezone.utc)
    live = [t for t in store.answered_turns() if not t.removed]
    return [t.topic for t in topic_mastery(live, moment)[:n]]
