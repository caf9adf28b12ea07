"""Spoken fillers (`data/fillers.toml`): the one file of what grading strips and delivery insights
count.

What a filler is lives here; when a word is one lives with each reader: grading strips each filler
where its `strip` says (`grading/text.py`; the rule for a clause-opening 就是 is code there),
insights count a filler only where its context rules say so (`progress/insights.py`), and both
read the words those rules check from here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from interviewer.vocabulary.load import read

STRIP_ANYWHERE = "anywhere"
STRIP_BEFORE_COMMA = "before-comma"
STRIP_IN_CONTEXT = "in-context"
STRIP_CLAUSE_OPENING = "clause-opening"
STRIP_NEVER = "never"
STRIP_CHOICES = (
    STRIP_ANYWHERE, STRIP_BEFORE_COMMA, STRIP_IN_CONTEXT, STRIP_CLAUSE_OPENING, STRIP_NEVER,
)  # fmt: skip


@dataclass(frozen=True)
class Filler:
    text: str
    """The filler as written, and the name it is counted under."""
    spellings: tuple[str, ...] = ()
    """Insights: other exact spellings counted as this filler."""
    sound: bool = False
    """A hesitation sound: insights count a Chinese one once per run (嗯嗯嗯); grading strips an
    English one with each letter repeated (umm)."""
    strip: str = STRIP_ANYWHERE
    """Where grading strips it: one of STRIP_CHOICES."""
    strip_not_after: tuple[str, ...] = ()
    """Grading: the characters (Chinese) or words (English) before it that make it no filler."""
    strip_not_before: tuple[str, ...] = ()
    """Grading: the characters after it that make it no filler."""
    count: bool = False
    """Counted as a delivery habit."""
    not_after: frozenset[str] = frozenset()
    """Insights: the character (Chinese) or word (English) before it that makes it no filler."""
    not_before: frozenset[str] = frozenset()
    """Insights: the word after it that makes it no filler."""
    sequence_cues: tuple[str, ...] = ()
    """Words after which a 然后 in the same sentence is a genuine "then"."""

    @property
    def forms(self) -> tuple[str, ...]:
        """What insights count as this filler."""
        return (self.text, *self.spellings)

    @property
    def chinese(self) -> bool:
        return not self.text.isascii()

    @property
    def pattern(self) -> str:
        """Insights: a regular expression of its forms, longest first (a Chinese sound: a run)."""
        forms = sorted(self.forms, key=len, reverse=True)
        if self.sound and self.chinese:
            return "|".join("".join(f"{re.escape(ch)}+" for ch in form) for form in forms)
        return "|".join(re.escape(form) for form in forms)

    @property
    def strip_pattern(self) -> str:
        """Grading: a regular expression of the text it strips, with the context that keeps it
        (an English sound with each letter repeated: u+m+)."""
        if self.sound and not self.chinese:
            word = "".join(f"{re.escape(ch)}+" for ch in self.text)
        else:
            word = re.escape(self.text)
        if self.chinese:
            before = f"(?<![{''.join(self.strip_not_after)}])" if self.strip_not_after else ""
            after = f"(?![{''.join(self.strip_not_before)}])" if self.strip_not_before else ""
        else:
            before = "".join(rf"(?<!\b{re.escape(w)} )" for w in self.strip_not_after)
            after = ""
        return f"{before}{word}{after}"


@functools.cache
def fillers() -> tuple[Filler, ...]:
    """Every filler, in file order (the order insights show them in)."""
    found: list[Filler] = []
    for entry in read("fillers").only("filler").tables("filler", label="text"):
        entry.only(
            "text", "spellings", "sound", "strip", "strip_not_after", "strip_not_before", "count",
            "not_after", "not_before", "sequence_cues",
        )  # fmt: skip
        text = entry.text("text")
        spellings = entry.texts("spellings", required=False)
        if any(form != form.lower() for form in (text, *spellings)):
            raise entry.fail("fillers are written in lower case (they match any case)")
        if text in {f.text for f in found}:
            raise entry.fail(f"filler {text!r} is listed twice")
        strip = entry.choice("strip", STRIP_CHOICES)
        if strip == STRIP_BEFORE_COMMA and not text.isascii():
            raise entry.fail(f"strip: {STRIP_BEFORE_COMMA!r} is for English fillers")
        not_after = entry.texts("strip_not_after", required=False)
        not_before = entry.texts("strip_not_before", required=False)
        if (not_after or not_before) and strip != STRIP_IN_CONTEXT:
            raise entry.fail(f"strip_not_after/strip_not_before need strip = {STRIP_IN_CONTEXT!r}")
        if not text.isascii() and any(len(ch) != 1 for ch in (*not_after, *not_before)):
            raise entry.fail("strip_not_after/strip_not_before of a Chinese filler are characters")
        if text.isascii() and not_before:
            raise entry.fail("strip_not_before is for Chinese fillers")
        found.append(
            Filler(
                text=text,
                spellings=spellings,
                sound=entry.flag("sound"),
                strip=strip,
                strip_not_after=not_after,
                strip_not_before=not_before,
                count=entry.flag("count"),
                not_after=frozenset(entry.texts("not_after", required=False)),
                not_before=frozenset(entry.texts("not_before", required=False)),
                sequence_cues=entry.texts("sequence_cues", required=False),
            )
        )
    return tuple(found)


def counted() -> tuple[Filler, ...]:
    """The fillers delivery insights count, in display order."""
    return tuple(f for f in fillers() if f.count)


def stripped(strip: str, *, chinese: bool) -> tuple[Filler, ...]:
    """The Chinese (or English) fillers grading strips as `strip` says, in file order, English
    sounds first."""
    found = [f for f in fillers() if f.strip == strip and f.chinese == chinese]
    return tuple(sorted(found, key=lambda f: not f.sound) if not chinese else found)
