"""How a graded answer reads on screen: score first, then what was covered and missed, then why
(after a skip or 不会 the why — what to study — comes first and introduces the points).

Layout only: every word comes from the catalogue (`interviewer.wording`), in the interface's
language; the verdict's own sentences were worded by the interview (`interview/explain.py`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from textual.content import Content
from textual.widgets import Static

from interviewer.interview.hints import cost_note
from interviewer.interview.turns import GradedTurn
from interviewer.types.bands import SCORE_BANDS, Tone
from interviewer.types.verdict import KeyPoint, Label, PointStatus, Verdict
from interviewer.wording import (
    INTERFACE_ZH,
    grader_name,
    joined,
    label_name,
    part_name,
    pieces,
    say,
)

POINT_MARKS: dict[PointStatus, tuple[str, str]] = {
    PointStatus.COVERED: ("✓", "$success"),
    PointStatus.PARTIAL: ("◐", "$warning"),
    PointStatus.MISSING: ("✗", "$error"),
    PointStatus.CONTRADICTED: ("≠", "$error"),
}

REFERENCE_CELLS = 72
"""A reference is a pointer back to the notes, not a second model answer: one line at 80 columns."""


TONE_STYLE: dict[Tone, str] = {
    "good": "bold $success",
    "fair": "bold $warning",
    "poor": "bold $error",
}
"""Theme colours, so the score reads on dark and light terminals alike."""


def score_style(score: float) -> str:
    return TONE_STYLE[SCORE_BANDS.tone(score)]


def label_text(label: Label | str) -> str:
    return label_name(label, INTERFACE_ZH)


def cell_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def clip_cells(text: str, cells: int) -> str:
    """At most `cells` terminal cells (CJK characters are two wide), ending in "…" if cut."""
    flat = " ".join(text.split())
    out, used = [], 0
    for ch in flat:
        used += cell_width(ch)
        if used > cells - 1:
            return "".join(out) + "…"
        out.append(ch)
    return flat


def _section(key: str, after: str = "") -> Content:
    return Content.styled(say(key, INTERFACE_ZH) + after, "bold $text-primary")


def _points(points: Iterable[KeyPoint]) -> list[Content]:
    lines = []
    for point in points:
        mark, style = POINT_MARKS[point.status]
        text = " ".join(point.text.split()).lstrip("•·-* ")
        lines.append(Content.assemble("  ", (mark, f"bold {style}"), " ", text))
    return lines


def verdict_content(graded: GradedTurn) -> Content:
    """The whole verdict as one block of styled text (plain-text equal to what a test reads)."""
    verdict = graded.verdict
    zh = INTERFACE_ZH
    lines: list[Content] = [
        Content.assemble(
            (f" {verdict.score:.1f}/10 ", f"reverse {score_style(verdict.score)}"),
            " ",
            (label_text(verdict.label), score_style(verdict.score)),
            (say("card_graded_by", zh, grader=grader_text(verdict.grader)), "$text-muted"),
            (say("card_confidence", zh, confidence=verdict.confidence), "$text-muted"),
        )
    ]
    # the hint's cost is said once, under the score it changed (the note has the figures); a
    # hint before a skip or a 0 cost nothing, so nothing is said
    cost = cost_note(verdict)
    if graded.hint_used and cost:
        lines.append(Content.styled(cost, "$text-warning"))
    feedback: list[Content] = []
    if verdict.feedback.strip():
        feedback = [Content.assemble(_section("card_feedback", " "), verdict.feedback.strip())]
    # nothing answered (a skip, 不会): the feedback says what to study, so it leads the points
    leads = verdict.label is Label.EMPTY
    if leads:
        lines.extend(feedback)
    order = (
        PointStatus.COVERED,
        PointStatus.PARTIAL,
        PointStatus.MISSING,
        PointStatus.CONTRADICTED,
    )
    ranked = sorted(verdict.points, key=lambda p: order.index(p.status))
    if ranked:
        lines.append(_section("card_points"))
        lines.extend(_points(ranked))
    if verdict.misconceptions:
        lines.append(_section("card_wrong"))
        for wrong in verdict.misconceptions:
            said = pieces("card_said_wrong", zh, said=wrong.said, correction=wrong.correction)
            lines.append(
                Content.assemble(
                    "  ",
                    ("≠", "bold $error"),
                    *((text, "bold") if field == "said" else text for text, field in said),
                )
            )
    if not leads:
        lines.extend(feedback)
    if verdict.model_answer.strip():
        lines.append(
            Content.assemble(_section("card_model_answer", " "), verdict.model_answer.strip())
        )
    if verdict.references:
        lines.append(_section("card_sources"))
        for ref in verdict.references[:3]:
            where = _source(ref, zh)
            room = max(10, REFERENCE_CELLS - len(where) - 4)
            lines.append(
                Content.assemble(
                    ("  " + where, "$text-accent"), ("  " + clip_cells(ref.text, room), "dim")
                )
            )
    for note in (note for note in verdict.notes if note != cost):
        lines.append(Content.assemble((say("card_note", zh) + " ", "bold $text-warning"), note))
    delivery = insight_lines(graded.insights)
    if delivery:
        lines.append(_section("card_delivery"))
        lines.extend(Content("  " + line) for line in delivery)
    return Content("\n").join(lines)


def grader_text(name: str) -> str:
    """'similarity' → a name a candidate understands; 'llm:<model>' → the model."""
    return grader_name(name, INTERFACE_ZH)


def insight_lines(insights: Any) -> list[str]:
    """Delivery facts from `progress.insights.DeliveryInsights`: counted, never guessed."""
    if insights is None:
        return []
    zh = INTERFACE_ZH
    pace = [say("delivery_length", zh, length=insights.length)]
    if insights.chars_per_min is not None:  # spoken answers only: a speaking rate
        pace.append(
            say("delivery_spoken", zh, seconds=insights.elapsed_s, rate=insights.chars_per_min)
        )
    elif insights.elapsed_s:  # typed or pasted: how long it took, no "speaking rate"
        pace.append(say("delivery_typed", zh, seconds=insights.elapsed_s))
    if insights.fillers:
        top = sorted(insights.fillers.items(), key=lambda kv: -kv[1])[:4]
        fillers = joined((f"{w}×{n}" for w, n in top), zh)
        pace.append(say("delivery_fillers", zh, fillers=fillers))
    else:
        pace.append(say("delivery_no_fillers", zh))
    if insights.repeated_sentence_ratio > 0 or insights.repeated_ngram_ratio >= 0.1:
        pace.append(say("delivery_repeats", zh, share=insights.repeated_ngram_ratio))
    marks = " ".join(f"{part_name(k, zh)}{'✓' if ok else '✗'}" for k, ok in insights.parts.items())
    return [" · ".join(pace), say("delivery_structure", zh, marks=marks)]


class VerdictCard(Static):
    """One verdict in the conversation log."""

    DEFAULT_CLASSES = "bubble verdict"

    def __init__(self, graded: GradedTurn, *, id: str | None = None) -> None:
        super().__init__(verdict_content(graded), id=id)
        self.graded = graded

    @property
    def verdict(self) -> Verdict:
        return self.graded.verdict


def _source(ref: Any, zh: bool) -> str:
    """Where a reference comes from: a notes file and its lines, or who wrote the answer key whose
    own text it is."""
    if ref.key_origin is not None:
        return say(f"card_key_source_{ref.key_origin.value}", zh)
    return ref.source or say("card_unknown_source", zh)
