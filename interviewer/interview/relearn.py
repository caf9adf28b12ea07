"""The relearning step inside a session: a missed question is asked once more before the end.

Why: like a good spaced-repetition deck, a card you fail comes back after a short while, not
tomorrow; practising the answer right after reading the reference is what makes it stick. Only
a real miss comes back (the scheduler's Again: a skip, 不会, a wrong or off-topic answer, a score
under 3), only once, and never straight after itself: the last question asked is not re-asked
next (the same question twice in a row is what candidates complained about). A retry is practice:
it feeds the spaced-review schedule but no average (the first answer is the interview's).

Everything is derived from the session's stored turns, so a resumed session retries the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any


def retries_due(records: Sequence[Any]) -> list[Any]:
    """Main turns of a session (records in asking order) whose question should be asked again
    now, first missed first."""
    main = _main(records)
    if not main or any(not r.answered for r in main):
        return []
    last = main[-1].question_id
    return [r for r in _unretried_misses(main) if r.question_id != last]


def retries_to_come(
    records: Sequence[Any], more_planned: bool, askable: Callable[[str], bool]
) -> list[Any]:
    """Main turns whose question the session will still ask again, the answers still to come
    taken as passes (`more_planned`: planned questions are still to be asked; `askable`: the
    question is still in the bank). Every miss comes back but a lone one asked last with nothing
    planned after it: it is never asked twice in a row, so the session ends without it."""
    main = _main(records)
    misses = [r for r in _unretried_misses(main) if askable(r.question_id)]
    if not more_planned and len(misses) == 1 and misses[0] is main[-1]:
        return []
    return misses


def _main(records: Sequence[Any]) -> list[Any]:
    return [r for r in records if r.parent_turn_id is None and r.question_id]


def _unretried_misses(main: Sequence[Any]) -> list[Any]:
    """Answered main turns that were a miss and whose question was asked only once."""
    from fsrs import Rating

    from interviewer.progress.scheduler import rating_for

    asked = Counter(r.question_id for r in main)
    return [
        r
        for r in main
        if r.answered
        and asked[r.question_id] == 1
        and rating_for(r.score, r.label, r.hint_used) is Rating.Again
    ]


def retry_turn_ids(records: Iterable[Any]) -> set[int]:
    """Turn ids of main turns asking a question already asked earlier in the same session."""
    seen: set[tuple[int, str]] = set()
    retries: set[int] = set()
    for r in sorted(records, key=lambda r: r.turn_id):
        if r.parent_turn_id is not None or not r.question_id:
            continue
        key = (r.session_id, r.question_id)
        if key in seen:
            retries.add(r.turn_id)
        seen.add(key)
    return retries
