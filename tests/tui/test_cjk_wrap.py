"""Chinese text wraps between characters, not only at spaces (seen in every verdict at 80x24 on
a fresh clone: "✓ BN" alone on a line, the clause below it, "。" starting a line)."""

from __future__ import annotations

import re

from rich._wrap import divide_line
from rich.cells import cell_len
from textual.content import Content

import interviewer.tui  # noqa: F401  (installs the CJK-aware word pattern)
from interviewer.tui.cjkwrap import CLOSE, OPEN

WIDTH = 74
POINT = (
    "  ✓ BN 最初的解释是减少内部协变量偏移（ICS），让每层输入的分布保持稳定，"
    "后面的层不用一直去适应前面层分布的变化。"
)


def lines(text: str, width: int = WIDTH) -> list[str]:
    return [line.plain for line in Content(text).wrap(width)]


def test_a_point_fills_its_lines_instead_of_leaving_the_mark_alone() -> None:
    wrapped = lines(POINT)
    assert len(wrapped) == 2
    assert wrapped[0].startswith("  ✓ BN 最初的解释") and "".join(wrapped) == POINT
    assert cell_len(wrapped[0].rstrip()) >= WIDTH - 2  # full, not "  ✓ BN"


def test_punctuation_stays_with_its_characters() -> None:
    text = "缓解梯度消失、加快收敛。" * 12 + "（见原论文）" * 6
    for width in range(20, 60):
        wrapped = lines(text, width)
        assert "".join(wrapped) == text
        for line in wrapped:
            assert cell_len(line) <= width
            assert line[0] not in CLOSE, (width, line)
            assert line.rstrip()[-1] not in OPEN, (width, line)


def test_latin_text_wraps_as_before() -> None:
    rich_default = re.compile(r"\s*\S+\s*")
    text = (
        "Batch normalization normalizes each mini-batch, then scales and shifts it with "
        "learnable gamma and beta (don’t forget the running mean and var at inference)."
    )
    import rich._wrap as wrap

    ours = wrap.re_word
    for width in (20, 33, 50, 79):
        new = divide_line(text, width)
        wrap.re_word = rich_default
        try:
            assert divide_line(text, width) == new
        finally:
            wrap.re_word = ours
