"""Each word list is defined once, in interviewer/vocabulary: no other module writes the CJK
ranges."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from interviewer.vocabulary.cjk import CJK

PACKAGE = Path(__file__).resolve().parents[2] / "interviewer"
VOCABULARY = PACKAGE / "vocabulary"


def _modules() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if VOCABULARY not in path.parents:
            yield path


def test_no_module_outside_the_vocabulary_writes_a_cjk_range():
    range_ends = re.compile(r"\\u(?:3400|4dbf|4e00|9fff|f900|faff)|[\u4dbf\u9fff\ufaff]", re.I)
    found = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in _modules()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if range_ends.search(line)
    ]
    assert not found, f"use interviewer.vocabulary.cjk.CJK instead: {found}"
    assert re.fullmatch(f"[{CJK}]+", "㐀中豈") and not re.search(f"[{CJK}]", "ABC，。")
