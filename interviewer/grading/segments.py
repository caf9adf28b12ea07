"""Answer segments: the pieces of a (spoken, often unpunctuated) answer that key points are
matched against."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from interviewer.grading.negation import OPPOSITE_WORDS_RE, negations
from interviewer.grading.text import CJK, SENTENCE_SPLIT_RE, content_units, is_cjk

MAX_ANSWER_CHARS = 4000
"""Longer answers are truncated before grading (bounded time); the verdict says so."""
RAW_ANSWER_CHARS = 2 * MAX_ANSWER_CHARS
"""Raw text read at all (cleaning and the directive scan come before the cut above, and fillers,
markup and spaces can halve a text): a pasted 100k-character answer took 50 s to clean, not 1."""
MAX_SEGMENTS = 48
"""Answer segments embedded per grade (clauses + windows): bounds latency."""
MIN_POINT_UNITS = 3
"""A clause of fewer content units ("好的", "1", "职业", "is not") makes no point on its own: it is
not embedded (see `Segment.embedded`)."""
NEAR_WHOLE = 0.8
"""A sentence holding this share of the answer's content units is the answer (the rest is a
closing "就这些" or the like): the whole answer's vector stands for it."""
WINDOW_CJK = 16
"""Sliding-window width in characters for unpunctuated (spoken) Chinese."""
WINDOW_WORDS = 10
"""Sliding-window width in words for unpunctuated English."""
WINDOW_MIN_CLAUSE = 2.0
"""Only a clause longer than this many windows' width is windowed."""
WINDOW_STEP = 0.75
"""The most that two neighbouring windows' starts lie apart, in windows' width."""


@dataclass(frozen=True)
class Segment:
    """A piece of the answer that a key point can be matched against."""

    text: str
    clause: bool
    """True for a sentence/clause cut at punctuation, False for a sliding window."""
    self_contained: bool = True
    """Whether the segment can be taken as one claim, to hold against a point it contradicts: not
    a sentence made of several clauses (its "无法" may belong to another clause than the words a
    point shares), nor a window that cut a negation or an opposite word off its clause ("不易出现
    梯度消失" windowed to "出现梯度消失" says the reverse)."""
    sentence: str = ""
    """The sentence a clause or window was cut from ("" for a whole sentence)."""
    embedded: bool = True
    """Whether the segment is embedded on its own. Not for a sentence of several clauses (each
    clause is), a sentence that is all of the answer but a filler (NEAR_WHOLE), or a clause too
    short to make a point (MIN_POINT_UNITS): the grader matches those through the whole answer's
    vector (never better than the whole answer itself), so they keep their part in the negation
    checks at no embedding cost. Embedding them as well changes no held-out agreement figure by
    more than 0.005 (BENCHMARKS.md, "Grading latency")."""


_ANSWER_CLAUSE_RE = re.compile(rf"[，,：:、]+|(?<=[{CJK}])\s+(?=[{CJK}])")


def answer_segments(answer: str) -> list[Segment]:
    """Sentences, clauses and, inside run-on clauses only, sliding windows of a filler-stripped
    answer. Spoken answers have no punctuation, so windows of ~16 Chinese characters / ~10
    English words let a point be matched inside a run-on sentence; punctuated answers need none.
    Only the segments that can make a point of their own are embedded (`Segment.embedded`): the
    texts to embed are the latency."""
    segments: list[Segment] = []
    seen: set[str] = set()
    units = content_units(answer)

    def add(
        text: str, clause: bool, self_contained: bool = True, sentence: str = "", own: bool = True
    ) -> None:
        text = text.strip(" ，,。.;；")
        size = content_units(text)
        if size >= 1 and text not in seen:
            seen.add(text)
            embedded = own and size >= MIN_POINT_UNITS
            segments.append(Segment(text, clause, self_contained, sentence, embedded))

    clauses: list[str] = []
    for sentence in (s for s in SENTENCE_SPLIT_RE.split(answer) if s.strip()):
        # A space between two Chinese characters is where a speaker paused (typed or dictated
        # answers without punctuation): a clause boundary, unlike the space around "BN" in "BN 是".
        parts = [c for c in _ANSWER_CLAUSE_RE.split(sentence) if c.strip()]
        near_whole = content_units(sentence) >= NEAR_WHOLE * units
        add(sentence, True, self_contained=len(parts) <= 1, own=len(parts) <= 1 and not near_whole)
        if len(parts) > 1:
            for part in parts:
                add(part, True, sentence=sentence)
        clauses.extend((part, sentence) for part in parts)
    windows: list[tuple[str, bool, str]] = []
    for clause, sentence in clauses:
        cues = _cues(clause)
        windows.extend((w, _cues(w) == cues, sentence) for w in _windows(clause.strip()))
    for window, kept_cues, sentence in windows:
        add(window, False, kept_cues, sentence)
    return _capped(segments)


def _capped(segments: list[Segment]) -> list[Segment]:
    """At most MAX_SEGMENTS embedded segments (an answer of ~1,000 characters or more): windows
    take up to half, embedded clauses the rest, those with the most content units first."""
    embedded = [s for s in segments if s.embedded]
    if len(embedded) <= MAX_SEGMENTS:
        return segments
    windows = [s for s in embedded if not s.clause]
    clauses = [s for s in embedded if s.clause]
    room = MAX_SEGMENTS - min(len(windows), MAX_SEGMENTS // 2)
    kept = sorted(clauses, key=lambda s: content_units(s.text), reverse=True)[:room]
    kept += windows[: MAX_SEGMENTS - len(kept)]
    ids = {id(s) for s in kept}
    return [s for s in segments if not s.embedded or id(s) in ids]


def _cues(text: str) -> tuple[int, int]:
    """Negation cues and opposite words: a window that has fewer than its clause cut some off."""
    return negations(text), len(OPPOSITE_WORDS_RE.findall(text))


_WINDOW_UNIT_RE = re.compile(rf"[{CJK}]|[A-Za-z]+|\d+(?:\.\d+)?|\S")
"""Window units of Chinese text: a character, an English word ("feature" is one unit, never cut
into "fea"), a number, a symbol."""


def _windows(clause: str) -> list[str]:
    """Overlapping windows over a clause too long to be one statement (none for one of up to two
    windows' width, which is embedded whole): evenly spaced from the clause's start to its end,
    at most WINDOW_STEP of a window apart."""
    cjk = is_cjk(clause)
    units = _WINDOW_UNIT_RE.findall(clause) if cjk else clause.split()
    width = WINDOW_CJK if cjk else WINDOW_WORDS
    n = len(units)
    if n <= width * WINDOW_MIN_CLAUSE:
        return []
    count = math.ceil((n - width) / (width * WINDOW_STEP)) + 1
    starts = dict.fromkeys(round(k * (n - width) / (count - 1)) for k in range(count))
    join = _join_cjk if cjk else " ".join
    return [join(units[i : i + width]) for i in starts]


def _join_cjk(units: list[str]) -> str:
    """Chinese units run together; two English words or numbers keep a space between them."""
    out = ""
    for unit in units:
        if (
            out
            and out[-1].isascii()
            and out[-1].isalnum()
            and unit[0].isascii()
            and unit[0].isalnum()
        ):
            out += " "
        out += unit
    return out
