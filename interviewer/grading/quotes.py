"""Which of the candidate's words a verdict quotes for a key point or a false claim.

Why not just the matched span: it stops at the key's last wording, often mid-phrase — "你说“BN
不依赖”" of "BN 不依赖 batch size，…" quotes a claim its reader cannot check. A quote reads on to
where the phrase ends, and stays short. Only what is shown changes: matching and scoring never
read a quote.
"""

from __future__ import annotations

import re

from interviewer.grading.keymatch import PAUSE, Normalised
from interviewer.grading.text import CJK

QUOTE_TAIL_UNITS = 10
"""Units (CJK characters or English words) a quote reads on past the words it matched; a phrase
running on longer (unpunctuated speech) is cut at the last space before, marked "…"."""

_PHRASE_END = re.compile(
    rf"{PAUSE.pattern}|\.(?:\s|$)"  # a comma, a stop, a space between Chinese words
    rf"|(?<=[a-z0-9])\s(?=[{CJK}])|(?<=[{CJK}])\s(?=[a-z0-9])"  # a space where the script changes
)
"""Where a spoken phrase may end (in folded text: lower case, one space at a time)."""
_TERM = r"[a-z0-9][a-z0-9+#_.'\-]*(?: [a-z0-9][a-z0-9+#_.'\-]*)*"
_TERM_AFTER = re.compile(_TERM)
_TERM_BEFORE = re.compile(_TERM + "$")
_CJK_CHAR = re.compile(rf"[{CJK}]")


def quote(text: Normalised, start: int, end: int) -> str:
    """The original words behind folded span [start, end), read on to the end of their phrase."""
    if start >= end:
        return ""
    stop = len(text.text)
    for found in _PHRASE_END.finditer(text.text, end):
        at = found.start()
        if found.group() == " " and (_spaces_a_term(text.text, at) or _object(text.text, at, end)):
            continue
        stop = at
        break
    last = text.units[end - 1] + QUOTE_TAIL_UNITS
    cut = next((i for i in range(end, stop) if text.units[i] > last), None)
    if cut is None:
        return text.quote(start, stop)
    spaces = [i for i in range(end, cut) if text.text[i] == " " and text.text[end:i].strip()]
    return text.quote(start, spaces[-1] if spaces else cut) + "…"


def _object(text: str, at: int, end: int) -> bool:
    """An English term right after Chinese words matched is what they act on, not a new phrase:
    "不依赖 batch size"."""
    return at == end and bool(_CJK_CHAR.match(text, at - 1) and _TERM_AFTER.match(text, at + 1))


def _spaces_a_term(text: str, at: int) -> bool:
    """Whether the space at `at`, where the script changes, only sets an English term off from
    the Chinese around it ("用当前 batch 的均值"): spaced on both sides, the term is inside the
    phrase. One spaced on one side only ("也没影响 ln对每个样本") follows a pause."""
    if _CJK_CHAR.match(text, at + 1):  # the term ends here: was it spaced where it began?
        term = _TERM_BEFORE.search(text, max(0, at - 80), at)
        begin = term.start() if term else at
        return begin >= 2 and text[begin - 1] == " " and bool(_CJK_CHAR.match(text, begin - 2))
    term = _TERM_AFTER.match(text, at + 1)  # the term starts here: is it spaced where it ends?
    close = term.end() if term else at + 1
    return text[close : close + 1] == " " and bool(_CJK_CHAR.match(text, close + 1))
