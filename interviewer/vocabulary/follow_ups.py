"""Where a statement's subject ends (`data/follow_ups.toml`): the predicate words a follow-up
question is built around when a missed point has no interviewer's question of its own."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from interviewer.vocabulary.load import Table, read

FRAMES = ("what", "parts", "made_of", "includes", "purpose", "use", "more")
"""The questions a predicate turns into, in the order a word is looked up (first list wins)."""


@dataclass(frozen=True)
class Predicates:
    """One language's predicate words, by the question each turns into."""

    frames: tuple[tuple[str, tuple[str, ...]], ...]
    """(frame, words) in FRAMES order; the frames a language has."""
    adverbs: tuple[str, ...]
    not_predicates: tuple[str, ...]
    not_subject_starts: tuple[str, ...]


@functools.cache
def predicates(chinese: bool) -> Predicates:
    """The Chinese (`chinese`) or English predicate words."""
    language = "chinese" if chinese else "english"
    table = _file().table(language)
    extras = ("adverbs", "not_predicates", "not_subject_starts")
    table.only(*FRAMES, *extras)
    frames = tuple(
        (frame, table.texts(frame)) for frame in FRAMES if table.texts(frame, required=False)
    )
    if not frames:
        raise table.fail("no predicate words")
    return Predicates(
        frames,
        table.texts("adverbs", required=False),
        table.texts("not_predicates", required=False),
        table.texts("not_subject_starts"),
    )


def _file() -> Table:
    return read("follow_ups").only("chinese", "english")
