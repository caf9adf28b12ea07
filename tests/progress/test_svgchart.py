"""The report's trend image is well-formed SVG with one point per day and the pass line."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from interviewer.progress.svgchart import trend_svg

NS = "{http://www.w3.org/2000/svg}"


def test_one_point_per_day_with_its_score_and_a_dashed_pass_line() -> None:
    root = ET.fromstring(trend_svg(["12-01", "12-02", "12-03"], [3.2, 4.5, 10.0], "分数 <走势>"))
    assert len(root.findall(f"{NS}circle")) == 3
    texts = [t.text for t in root.findall(f"{NS}text")]
    assert "分数 <走势>" in texts and "4.5" in texts and "12-03" in texts
    assert any(line.get("stroke-dasharray") for line in root.findall(f"{NS}line"))


def test_a_single_day_and_no_days_still_draw() -> None:
    assert len(ET.fromstring(trend_svg(["12-01"], [5.0], "t")).findall(f"{NS}circle")) == 1
    assert ET.fromstring(trend_svg([], [], "t")).findall(f"{NS}circle") == []
