"""The report's score trend as a small SVG image: a mentor opening the Markdown in a browser, an
editor or a Git host sees a chart, not a block of bar characters. Plain SVG text, no library."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from interviewer.types.bands import SCORE_BANDS

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 36, 44
PAD = 28
"""Room between the axis and the first / last point, for their labels."""


def trend_svg(labels: Sequence[str], scores: Sequence[float], title: str) -> str:
    """A line of 0..10 scores over `labels` (oldest first), with the pass line dashed."""
    n = len(scores)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    inner = plot_w - 2 * PAD

    def x(i: int) -> float:
        return LEFT + PAD + (inner / 2 if n == 1 else inner * i / (n - 1))

    def y(score: float) -> float:
        return TOP + plot_h * (1 - min(max(score, 0.0), 10.0) / 10)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="22" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for tick in (0, 2, 4, 6, 8, 10):
        ty = y(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" stroke="#e5e5e5"/>'
        )
        parts.append(f'<text x="{LEFT - 8}" y="{ty + 4:.1f}" text-anchor="end">{tick}</text>')
    py = y(SCORE_BANDS.correct_at)  # the dashed line: where an answer counts as correct
    parts.append(
        f'<line x1="{LEFT}" y1="{py:.1f}" x2="{WIDTH - RIGHT}" y2="{py:.1f}" '
        'stroke="#2e7d32" stroke-dasharray="6 4"/>'
    )
    if n:
        path = " ".join(f"{x(i):.1f},{y(s):.1f}" for i, s in enumerate(scores))
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1565c0" stroke-width="2"/>')
        step = max(1, n // 8)
        for i, (label, score) in enumerate(zip(labels, scores, strict=True)):
            cx, cy = x(i), y(score)
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="#1565c0"/>')
            parts.append(
                f'<text x="{cx:.1f}" y="{cy - 8:.1f}" text-anchor="middle">{score:.1f}</text>'
            )
            if i % step == 0 or i == n - 1:
                parts.append(
                    f'<text x="{cx:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
                    f"{escape(label)}</text>"
                )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
