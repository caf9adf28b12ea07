"""Unicode bar charts that line up in any monospaced font, Chinese labels included."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

_EIGHTHS = " ▏▎▍▌▋▊▉"


def cell_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """Left-align to `width` columns, cutting with '…' when too long."""
    if cell_width(text) > width:
        out = ""
        for ch in text:
            if cell_width(out + ch) > width - 1:
                break
            out += ch
        text = out + "…"
    return text + " " * (width - cell_width(text))


def bar(fraction: float, width: int) -> str:
    """A bar `fraction` (0..1) of `width` columns long, in eighth-block steps."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[rest] if rest else "")
    return text + " " * (width - len(text))


def bar_chart(
    rows: Sequence[tuple[str, float, str]], *, width: int = 24, label_width: int = 16
) -> list[str]:
    """One line per (label, fraction 0..1, value text): `label  ████▌     value`."""
    return [f"{pad(label, label_width)} {bar(frac, width)} {value}" for label, frac, value in rows]
