"""What "I don't know" sounds like (`data/dont_know.toml`): the phrases a whole don't-know answer
is made of, and the words that say it inside a longer answer."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from interviewer.vocabulary.load import Table, Words, read


@dataclass(frozen=True)
class DontKnow:
    phrases: tuple[str, ...]
    """Phrases that say "I don't know" (不知道, no idea), in file order."""
    glue: Words
    """Words around them that add nothing (我, 真的, this question)."""
    in_answer: tuple[str, ...]
    """Regular expressions of a don't-know said inside a longer answer (不太会, not familiar)."""
    asks_will: tuple[str, ...]
    """Regular expressions of a question asking whether something will happen (是否也会变快):
    an answer opening with 不会 answers it."""


@functools.cache
def dont_know() -> DontKnow:
    whole = _file().table("whole_answer").only("phrases", "glue_chinese", "glue_english")
    in_answer = _file().table("in_answer").only("patterns")
    yes_no = _file().table("yes_no").only("asks_will")
    return DontKnow(
        phrases=whole.texts("phrases"),
        glue=Words(whole.texts("glue_chinese"), whole.texts("glue_english")),
        in_answer=_patterns(in_answer, "patterns"),
        asks_will=_patterns(yes_no, "asks_will"),
    )


def _patterns(table: Table, key: str) -> tuple[str, ...]:
    patterns = table.texts(key)
    for source in patterns:
        try:
            re.compile(source)
        except re.error as exc:
            raise table.fail(f"{key}: {source!r}: invalid regular expression ({exc})") from None
    return patterns


def _file() -> Table:
    return read("dont_know").only("whole_answer", "in_answer", "yes_no")
