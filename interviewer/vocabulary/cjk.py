"""What counts as a Chinese character: the one place every package takes it from.

`CJK`: CJK Unified Ideographs with Extension A and the compatibility ideographs, what grading,
retrieval, the interview and delivery insights read as Chinese. `CJK_UNIFIED`: the unified block
alone, what the corpus parser and key-point cutting have always read as Chinese; they keep it, so
the bank, its ids and every cut stay as they were (widening it is a behaviour change of its own).
Both are regex character-class bodies, for use inside brackets: `re.compile(f"[{CJK}]+")`.
"""

from __future__ import annotations

import re

RANGES: tuple[tuple[int, int], ...] = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
"""Extension A, the unified block, compatibility ideographs (first, last code point)."""

CJK = "".join(f"{chr(first)}-{chr(last)}" for first, last in RANGES)
"""The ranges as a regex character-class body (no brackets)."""

UNIFIED: tuple[int, int] = RANGES[1]
CJK_UNIFIED = f"{chr(UNIFIED[0])}-{chr(UNIFIED[1])}"
"""The unified block alone (U+4E00-9FFF) as a character-class body: the corpus parser's and the
key-point cutter's Chinese."""

CJK_CHAR = re.compile(f"[{CJK}]")
"""One Chinese character."""

WIDE_SCRIPT = (
    "\u2e80-\u2fff"  # radicals
    "\u3000-\u303f"  # CJK symbols and punctuation
    "\u3040-\u30ff"  # kana
    "\u3100-\u31ff"  # bopomofo, CJK strokes
    "\u3200-\u9fff"  # enclosed, compatibility, extension A, unified ideographs
    "\uac00-\ud7af"  # hangul
    "\uf900-\ufaff"  # compatibility ideographs
    "\ufe30-\ufe4f"  # vertical forms
    "\uff00-\uffef"  # full-width forms: ，（）：？！
)
"""East Asian scripts set without spaces, punctuation included: where a line may break between
any two characters (the TUI's wrapping), wider than what reads as Chinese (`CJK`)."""
