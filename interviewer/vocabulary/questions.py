"""How bank questions are worded (`data/questions.toml`): the words that frame a question, the
wording that asks what a subject is, and the intents (facets) a question can ask for."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from interviewer.vocabulary.load import Table, read


@dataclass(frozen=True)
class Facet:
    name: str
    pattern: re.Pattern[str]
    """Matches the facet's words in a question key's spelling."""


@functools.cache
def key_frame() -> tuple[str, ...]:
    """Words removed from a question's lexical key, in file order (frozen: ids hash the key)."""
    return _file().texts("key_frame")


@functools.cache
def session_frame() -> tuple[str, ...]:
    """Question words removed before two questions' wordings are compared, in the order tried."""
    return _file().texts("session_frame")


@functools.cache
def definition_frame() -> tuple[str, ...]:
    """Wording that asks what a subject is (什么是, 介绍, what is)."""
    return _file().texts("definition_frame")


@functools.cache
def facets() -> tuple[Facet, ...]:
    """The intents a question can ask for, in the order they are looked for."""
    return tuple(
        Facet(entry.only("name", "pattern").text("name"), entry.pattern("pattern"))
        for entry in _file().tables("facet")
    )


def _file() -> Table:
    return read("questions").only("key_frame", "session_frame", "definition_frame", "facet")
