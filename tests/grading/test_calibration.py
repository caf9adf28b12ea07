"""The shipped calibration loads, is monotone in every feature, and bad files fail in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewer.errors import GradingError
from interviewer.grading.calibration import load_calibration


def test_shipped_calibration_loads_and_is_monotone() -> None:
    cal = load_calibration()
    assert 3 <= len(cal.features) <= 6
    base = dict(zip(cal.features, cal.centers, strict=True))
    for name in cal.features:
        low = cal.score({**base, name: base[name] - 0.2})
        high = cal.score({**base, name: base[name] + 0.2})
        assert high >= low
    weakest = {n: 0.0 for n in cal.features}
    strongest = {n: 1.0 for n in cal.features}
    assert 0 <= cal.score(weakest) < cal.partial_at <= cal.correct_at < cal.score(strongest) <= 10


def test_point_coverage_is_clipped_and_monotone() -> None:
    cal = load_calibration()
    assert cal.point_coverage(0.0) == 0.0 and cal.point_coverage(1.0) == 1.0
    assert cal.point_coverage(cal.point_lo) <= cal.point_coverage(cal.point_hi)


def test_negative_weights_are_refused(tmp_path: Path) -> None:
    data = load_calibration().to_json()
    data["weights"][0] = -1.0
    path = tmp_path / "cal.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(GradingError, match="monotone"):
        load_calibration(path)


def test_unreadable_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "cal.json"
    path.write_text("{not json", "utf-8")
    with pytest.raises(GradingError) as info:
        load_calibration(path)
    assert "\n" not in str(info.value)
