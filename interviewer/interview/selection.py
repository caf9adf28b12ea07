"""Which questions a session asks, in what order: topic filter, mode, and a preference for
questions the notes actually answer. Pure functions over the bank and the history, so they test
without a model or a database."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from random import Random

from interviewer.errors import InterviewerError
from interviewer.interview.overlap import same_group
from interviewer.types.bank import Question
from interviewer.types.plan import InterviewPlan
from interviewer.vocabulary.topics import taxonomy


class PlanError(InterviewerError):
    """The plan cannot be met (unknown topic, empty bank)."""


@dataclass(frozen=True)
class History:
    """What selection needs to know about the past, already reduced from the store."""

    asked_at: dict[str, datetime] = field(default_factory=dict)
    """Question id -> when it was last answered (main turns only)."""
    last_score: dict[str, float] = field(default_factory=dict)
    due: tuple[str, ...] = ()
    """Question ids due for review, most overdue first (from the progress scheduler)."""
    weak_topics: tuple[str, ...] = ()
    """Topics weakest first (from progress mastery)."""


def filter_topics(bank: Sequence[Question], topics: Sequence[str]) -> list[Question]:
    """Questions of the requested topics (`resolve_topics`)."""
    if not topics:
        return list(bank)
    chosen = set(resolve_topics(bank, topics))
    return [q for q in bank if q.topic in chosen]


def resolve_topics(bank: Sequence[Question], topics: Sequence[str]) -> tuple[str, ...]:
    """The bank's topic names the request means: an exact (case-insensitive) name, else a
    substring of one, else the topics it is a word of (`_topics_with_word`)."""
    known = sorted({q.topic for q in bank})
    chosen: list[str] = []
    unknown: list[str] = []
    for wanted in topics:
        w = wanted.strip().lower()
        exact = {t for t in known if t.lower() == w}
        loose = {t for t in known if w and (w in t.lower() or t.lower() in w)}
        match = exact or loose or _topics_with_word(w, known)
        if match:
            chosen.extend(t for t in sorted(match) if t not in chosen)
        else:
            unknown.append(wanted)
    if unknown and not chosen:
        listing = "、".join(known[:12]) + ("…" if len(known) > 12 else "")
        raise PlanError(
            f"no questions on topic {', '.join(unknown)}; topics in the bank: {listing}"
        )
    return tuple(chosen)


def _topics_with_word(word: str, known: Sequence[str]) -> set[str]:
    """The topics `word` is a keyword of ("大模型", "lstm"): a candidate asks for what they
    study, and the bank files it under a broader name (注意力/Transformer, RNN/LSTM)."""
    return {
        t.name
        for t in taxonomy()
        if t.name in known and (word in t.keywords or word in t.heading_aliases)
    }


def _ordered(questions: Iterable[Question], rng: Random) -> list[Question]:
    """Random order, then questions with a reference answer before question-only entries."""
    pool = list(questions)
    rng.shuffle(pool)
    pool.sort(key=lambda q: not q.has_answer)  # stable: keeps the shuffle within each group
    return pool


def select(
    bank: Sequence[Question],
    plan: InterviewPlan,
    history: History,
    rng: Random,
    apart: Collection[frozenset[str]] = frozenset(),
) -> list[Question]:
    """The main questions for a session, grouped by topic so the conversation flows; never two
    that ask the same thing in other words (`overlap.same_group`), even if fewer are left.

    `apart` holds id pairs whose answers overlap (`overlap.kept_apart`): a session avoids asking
    both, unless the pool has too few other questions for `plan.count` (then the count wins)."""
    pool = filter_topics(bank, plan.topics)
    if not pool:
        raise PlanError("the question bank is empty: run `interviewer build` first")
    by_id = {q.id: q for q in pool}
    fresh = _ordered((q for q in pool if q.id not in history.asked_at), rng)
    seen = [q for q in pool if q.id in history.asked_at]
    oldest_first = sorted(seen, key=lambda q: (history.asked_at[q.id], not q.has_answer))
    picked: list[Question] = []

    def clashes(q: Question, strict: bool) -> bool:
        return any(
            same_group(q, p)  # never two of one near-duplicate group
            or (strict and frozenset((q.id, p.id)) in apart)
            for p in picked
        )

    def take(candidates: Iterable[Question], strict: bool) -> None:
        for q in candidates:
            if len(picked) >= plan.count:
                return
            if not clashes(q, strict):
                picked.append(q)

    if plan.mode == "review":
        order = [[by_id[qid] for qid in history.due if qid in by_id], fresh, oldest_first]
    elif plan.mode == "weak":
        rank = {t: i for i, t in enumerate(history.weak_topics)}
        unknown = len(rank)
        key: Callable[[Question], tuple] = lambda q: (  # noqa: E731
            rank.get(q.topic, unknown),
            history.last_score.get(q.id, 5.0) if q.id in history.asked_at else 5.0,
        )
        order = [sorted(_ordered(pool, rng), key=key)]
    else:  # new: never asked; when the bank runs out, the longest-unseen ones
        order = [fresh, oldest_first]
    for strict in (True, False):  # overlapping answers only when nothing else fills the count
        for candidates in order:
            take(candidates, strict)
    return group_by_topic(picked)


def group_by_topic(questions: Sequence[Question]) -> list[Question]:
    """Same-topic questions next to each other, topics in order of first appearance."""
    order: dict[str, list[Question]] = {}
    for q in questions:
        order.setdefault(q.topic, []).append(q)
    return [q for group in order.values() for q in group]
