"""Line breaks between Chinese characters, the way Chinese text is set.

Why: Textual wraps a widget's text with Rich's `divide_line`, which breaks only at whitespace, so
a Chinese clause is one long "word" to it. In a verdict at 80 columns, after "✓ BN " a clause
that did not fit the rest of the line moved whole to the next one, leaving "✓ BN" (or a bare
"✓") alone on a line, and a clause longer than the line was then cut anywhere, with "。" starting
the next line. Every verdict, question and summary read that way.

`install()` (run when the TUI is imported) replaces Rich's word pattern with one that makes each
CJK character a word of its own, keeping closing punctuation with the character before it and
opening punctuation with the one after. Text without CJK characters wraps exactly as before. Rich
reads the pattern at every call (`rich._wrap.words`); if a Rich release stops doing so, wrapping
falls back to Rich's own, which is what it was before.
"""

from __future__ import annotations

import re

from interviewer.vocabulary.cjk import WIDE_SCRIPT

CJK = WIDE_SCRIPT
OPEN = "（《「『【〈〔“‘"
"""Never at the end of a line."""
CLOSE = "，。、；：？！）》」』】〉〕”’…—·,.;:?!)"
"""Never at the start of a line."""

WORD = re.compile(
    rf"\s*(?:[{OPEN}]*[^\s{CJK}{OPEN}]+[{CLOSE}]*"  # a Latin word (or number), as before
    rf"|[{OPEN}]*[{CJK}][{CLOSE}]*"  # one CJK character with its punctuation
    rf"|\S)\s*"  # anything else, one at a time
)


def install() -> None:
    """Make Rich (and so every Textual widget) break lines between CJK characters."""
    from rich import _wrap

    if hasattr(_wrap, "re_word"):
        _wrap.re_word = WORD
