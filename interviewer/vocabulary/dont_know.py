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


@functools.cache
def dont_know() -> DontKnow:
    whole = _file().table("whole_answer").only("phrases", "glue_chinese", "glue_english")
    in_answer = _file().table("in_answer").only("patterns")
    patterns = in_answer.texts("patterns")
    for source in patterns:
        try:
            re.compile(source)
        except re.error as exc:
            raise in_answer.fail(
                f"patterns: {source!r}: invalid regular expression ({exc})"
            ) from None
    return DontKnow(
        phrases=whole.texts("phrases"),
        glue=Words(whole.texts("glue_chinese"), whole.texts("glue_english")),
        in_answer=patterns,
    )


def _file() -> Table:
    return read("dont_know").only("whole_answer", "in_answer")
