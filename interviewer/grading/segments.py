"""Answer segments: the pieces of a (spoken, often unpunctuated) answer that key points are
matched against."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer.grading.negation import OPPOSITE_WORDS_RE, negations
from interviewer.grading.text import CJK, SENTENCE_SPLIT_RE, content_units, is_cjk

MAX_ANSWER_CHARS = 4000
"""Longer answers are truncated before grading (bounded time); the verdict says so."""
MAX_SEGMENTS = 48
"""Answer segments embedded per grade (clauses + windows): bounds latency."""
WINDOW_CJK = 16
"""Sliding-window width in characters for unpunctuated (spoken) Chinese."""
WINDOW_WORDS = 10
"""Sliding-window width in words for unpunctuated English."""


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


_ANSWER_CLAUSE_RE = re.compile(rf"[，,：:、]+|(?<=[{CJK}])\s+(?=[{CJK}])")


def answer_segments(answer: str) -> list[Segment]:
    """Sentences, clauses and, inside run-on clauses only, sliding windows of a filler-stripped
    answer. Spoken answers have no punctuation, so windows of ~16 Chinese characters / ~10
    English words let a point be matched inside a run-on sentence; punctuated answers need none,
    which keeps the number of texts to embed (the latency) small."""
    segments: list[Segment] = []
    seen: set[str] = set()

    def add(text: str, clause: bool, self_contained: bool = True, sentence: str = "") -> None:
        text = text.strip(" ，,。.;；")
        if content_units(text) >= 1 and text not in seen:
            seen.add(text)
            segments.append(Segment(text, clause, self_contained, sentence))

    clauses: list[str] = []
    for sentence in (s for s in SENTENCE_SPLIT_RE.split(answer) if s.strip()):
        # A space between two Chinese characters is where a speaker paused (typed or dictated
        # answers without punctuation): a clause boundary, unlike the space around "BN" in "BN 是".
        parts = [c for c in _ANSWER_CLAUSE_RE.split(sentence) if c.strip()]
        add(sentence, True, self_contained=len(parts) <= 1)
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
    if len(segments) > MAX_SEGMENTS:
        clause_segments = [s for s in segments if s.clause][: MAX_SEGMENTS // 2]
        window_segments = [s for s in segments if not s.clause]
        segments = clause_segments + window_segments[: MAX_SEGMENTS - len(clause_segments)]
    return segments


def _cues(text: str) -> tuple[int, int]:
    """Negation cues and opposite words: a window that has fewer than its clause cut some off."""
    return negations(text), len(OPPOSITE_WORDS_RE.findall(text))


def _windows(clause: str) -> list[str]:
    """Overlapping windows over a clause too long to be one statement (none for short ones)."""
    cjk = is_cjk(clause)
    units = list(re.sub(r"\s+", "", clause)) if cjk else clause.split()
    width = WINDOW_CJK if cjk else WINDOW_WORDS
    if len(units) <= width * 3 // 2:
        return []
    step = width // 2
    joiner = "" if cjk else " "
    return [joiner.join(units[i : i + width]) for i in range(0, len(units) - step, step)]
