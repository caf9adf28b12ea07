"""How a graded answer reads on screen: score first, then what was covered and missed, then why."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from textual.content import Content
from textual.widgets import Static

from interviewer.interview.turns import GradedTurn
from interviewer.types.bands import SCORE_BANDS, Tone
from interviewer.types.verdict import KeyPoint, Label, PointStatus, Verdict

LABELS: dict[Label, str] = {
    Label.CORRECT: "答得好",
    Label.PARTIAL: "部分正确",
    Label.INCORRECT: "不正确",
    Label.CONTRADICTS: "与参考矛盾",
    Label.EMPTY: "未作答",
    Label.OFF_TOPIC: "答非所问",
}

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
    try:
        return LABELS[Label(label)]
    except ValueError:
        return str(label)


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


def _section(title: str) -> Content:
    return Content.styled(title, "bold $text-primary")


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
    lines: list[Content] = [
        Content.assemble(
            (f" {verdict.score:.1f}/10 ", f"reverse {score_style(verdict.score)}"),
            " ",
            (label_text(verdict.label), score_style(verdict.score)),
            ("  · 评分：", "$text-muted"),
            (grader_text(verdict.grader), "$text-muted"),
            (f" · 置信度 {verdict.confidence:.0%}", "$text-muted"),
        )
    ]
    if graded.hint_used:
        lines.append(Content.styled("（用了提示，已扣分）", "$text-warning"))
    order = (
        PointStatus.COVERED,
        PointStatus.PARTIAL,
        PointStatus.MISSING,
        PointStatus.CONTRADICTED,
    )
    ranked = sorted(verdict.points, key=lambda p: order.index(p.status))
    if ranked:
        lines.append(_section("要点"))
        lines.extend(_points(ranked))
    if verdict.misconceptions:
        lines.append(_section("说错的地方"))
        for wrong in verdict.misconceptions:
            lines.append(
                Content.assemble(
                    "  ",
                    ("≠", "bold $error"),
                    " 你说“",
                    (wrong.said, "bold"),
                    "”：",
                    wrong.correction,
                )
            )
    if verdict.feedback.strip():
        lines.append(Content.assemble(_section("点评 "), verdict.feedback.strip()))
    if verdict.model_answer.strip():
        lines.append(Content.assemble(_section("参考答案 "), verdict.model_answer.strip()))
    if verdict.references:
        lines.append(_section("出处"))
        for ref in verdict.references[:3]:
            where = ref.source or "（未知来源）"
            room = max(10, REFERENCE_CELLS - len(where) - 4)
            lines.append(
                Content.assemble(
                    ("  " + where, "$text-accent"), ("  " + clip_cells(ref.text, room), "dim")
                )
            )
    for note in verdict.notes:
        lines.append(Content.assemble(("注意 ", "bold $text-warning"), note))
    delivery = insight_lines(graded.insights)
    if delivery:
        lines.append(_section("表达"))
        lines.extend(Content("  " + line) for line in delivery)
    return Content("\n").join(lines)


def grader_text(name: str) -> str:
    """'similarity' → a name a candidate understands; 'llm:<model>' → the model."""
    if name == "similarity":
        return "离线"
    if name.startswith("llm:"):
        return f"LLM {name[4:]}"
    return name


PART_NAMES = {"definition": "定义", "reasoning": "原理", "example": "举例", "tradeoff": "权衡"}


def insight_lines(insights: Any) -> list[str]:
    """Delivery facts from `progress.insights.DeliveryInsights`: counted, never guessed."""
    if insights is None:
        return []
    pace = [f"{insights.length} 字/词"]
    if insights.chars_per_min is not None:  # spoken answers only: a speaking rate
        pace.append(f"说了 {insights.elapsed_s:.0f} 秒 · 语速 {insights.chars_per_min:.0f} 字/分")
    elif insights.elapsed_s:  # typed or pasted: how long it took, no "speaking rate"
        pace.append(f"作答用时 {insights.elapsed_s:.0f} 秒")
    if insights.fillers:
        top = sorted(insights.fillers.items(), key=lambda kv: -kv[1])[:4]
        pace.append("口头禅 " + "、".join(f"{w}×{n}" for w, n in top))
    else:
        pace.append("没有口头禅")
    if insights.repeated_sentence_ratio > 0 or insights.repeated_ngram_ratio >= 0.1:
        pace.append(f"重复 {insights.repeated_ngram_ratio:.0%}")
    marks = " ".join(
        f"{PART_NAMES.get(k, k)}{'✓' if ok else '✗'}" for k, ok in insights.parts.items()
    )
    return [" · ".join(pace), f"结构：{marks}"]


class VerdictCard(Static):
    """One verdict in the conversation log."""

    DEFAULT_CLASSES = "bubble verdict"

    def __init__(self, graded: GradedTurn, *, id: str | None = None) -> None:
        super().__init__(verdict_content(graded), id=id)
        self.graded = graded

    @property
    def verdict(self) -> Verdict:
        return self.graded.verdict
