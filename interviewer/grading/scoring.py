"""The fixed rule that turns per-point judgements into a score and label.

The LLM only says which key points the answer covers; the number follows from this rule, so a
grade is reproducible and an answer cannot talk the model into writing "score: 10"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher

from interviewer.types.bands import SCORE_BANDS
from interviewer.types.verdict import KeyPoint, Label, PointStatus
from interviewer.vocabulary.cjk import CJK

CREDIT: dict[PointStatus, float] = {
    PointStatus.COVERED: 1.0,
    PointStatus.PARTIAL: 0.5,
    PointStatus.MISSING: 0.0,
    PointStatus.CONTRADICTED: 0.0,
}
CONTRADICTION_PENALTY = 0.5
"""Extra weight taken off per contradicted point: stating the opposite is worse than silence."""
FUZZY_EVIDENCE = 0.85
"""Share of a quote that must appear verbatim (as one block) in the answer to count as real."""
MIN_QUOTE_UNITS = 4
"""How much a quote must say to carry a point: a Chinese character is 1, an English word of 4+
letters 2, a shorter one 1, a lone letter or digit 0. So "偏置修正", "dead ReLU" and "uses
momentum" are quotes; "A", "BN" and "Adam" are not (one letter in the answer used to earn a
point)."""


def score_points(points: Sequence[KeyPoint], expected: int | None = None) -> float:
    """0..10: weighted credit of the points, minus the contradiction penalty. With `expected`
    (a full answer makes that many of the points), the best-credited `expected` points count."""
    counted = list(points)
    if expected is not None and 0 < expected < len(counted):
        counted = sorted(counted, key=lambda p: CREDIT[p.status], reverse=True)[:expected]
    total = sum(p.weight for p in counted)
    if total <= 0:
        return 0.0
    credit = sum(p.weight * CREDIT[p.status] for p in counted)
    penalty = sum(p.weight for p in points if p.status is PointStatus.CONTRADICTED)
    raw = 10.0 * (credit - CONTRADICTION_PENALTY * penalty) / total
    return round(min(10.0, max(0.0, raw)), 1)


def label_for(points: Sequence[KeyPoint], score: float, *, off_topic: bool = False) -> Label:
    """The label implied by the points; the model's off-topic flag can only lower it."""
    covered = sum(p.weight * CREDIT[p.status] for p in points)
    contradicted = sum(p.weight for p in points if p.status is PointStatus.CONTRADICTED)
    if contradicted > 0 and contradicted >= covered:
        return Label.CONTRADICTS
    if off_topic and covered == 0:
        return Label.OFF_TOPIC
    return Label(SCORE_BANDS.label(score))


def normalise(text: str) -> str:
    """Casefolded NFKC text with whitespace and punctuation removed, for quote matching."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(
        ch for ch in text if not (ch.isspace() or unicodedata.category(ch).startswith("P"))
    )


_ELLIPSIS = re.compile(r"\.{3,}|…+")


def evidence_in_answer(evidence: str, answer: str) -> bool:
    """Whether the quoted words really occur in the answer (modulo spacing, case, punctuation;
    '...' may join several quoted fragments)."""
    haystack = normalise(answer)
    fragments = [normalise(f) for f in _ELLIPSIS.split(evidence)]
    fragments = [f for f in fragments if f]
    if not fragments or not haystack:
        return False
    for fragment in fragments:
        if fragment in haystack:
            continue
        if len(fragment) < 8:
            return False
        match = SequenceMatcher(None, fragment, haystack, autojunk=False).find_longest_match(
            0, len(fragment), 0, len(haystack)
        )
        if match.size < FUZZY_EVIDENCE * len(fragment):
            return False
    return True


def verify_evidence(points: Sequence[KeyPoint], *answers: str) -> tuple[list[KeyPoint], int]:
    """Points whose claimed evidence is in none of `answers` (the original and the form the
    model saw) become MISSING: a guard against hallucinated or injected credit. Returns the
    checked points and how many were downgraded."""
    checked: list[KeyPoint] = []
    downgraded = 0
    for point in points:
        if point.status is PointStatus.MISSING or any(
            evidence_in_answer(point.evidence, answer) for answer in answers
        ):
            checked.append(point)
            continue
        downgraded += 1
        checked.append(point.model_copy(update={"status": PointStatus.MISSING, "evidence": ""}))
    return checked, downgraded


_CJK_CHAR = re.compile(f"[{CJK}]")
_LATIN_WORD = re.compile(rf"[^\W\d_{CJK}]{{2,}}")


def quote_units(evidence: str) -> int:
    """How much a quote says, in the units of MIN_QUOTE_UNITS."""
    text = unicodedata.normalize("NFKC", evidence)
    words = _LATIN_WORD.findall(text)
    return len(_CJK_CHAR.findall(text)) + sum(2 if len(w) >= 4 else 1 for w in words)


def vet_quotes(points: Sequence[KeyPoint]) -> tuple[list[KeyPoint], int]:
    """Points earning credit whose quote is too slight to carry a point, or whose exact words
    were already cited for another point without sharing a term with this one, become MISSING.
    One sentence may well cover several points, but a verdict quoting one phrase for every
    point earned full marks. Returns the vetted points and how many were downgraded."""
    vetted: list[KeyPoint] = []
    cited: set[str] = set()
    downgraded = 0
    for point in points:
        if CREDIT[point.status] <= 0:  # a contradiction is a penalty: never vetted away
            vetted.append(point)
            continue
        key = normalise(point.evidence)
        reused = key in cited
        cited.add(key)
        if quote_units(point.evidence) >= MIN_QUOTE_UNITS and (
            not reused or _terms(point.evidence) & _terms(point.text)
        ):
            vetted.append(point)
            continue
        downgraded += 1
        vetted.append(point.model_copy(update={"status": PointStatus.MISSING, "evidence": ""}))
    return vetted, downgraded


def _terms(text: str) -> set[str]:
    """English words of 3+ letters and Chinese character pairs: enough to tell whether a quote
    is about a point at all."""
    text = unicodedata.normalize("NFKC", text).casefold()
    found = {w for w in _LATIN_WORD.findall(text) if len(w) >= 3}
    for run in re.findall(f"[{CJK}]+", text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found
