"""The shipped calibration loads, is monotone in every feature, and bad files fail in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewer.errors import GradingError
from interviewer.grading.calibration import load_calibration


@pytest.mark.parametrize("judge", [True, False], ids=["with-judge", "judge-free"])
def test_shipped_calibration_loads_and_is_monotone(judge: bool) -> None:
    cal = load_calibration(judge=judge)
    assert 3 <= len(cal.features) <= 7
    assert cal.uses_judge is judge
    base = dict(zip(cal.features, cal.centers, strict=True))
    for name, scale in zip(cal.features, cal.scales, strict=True):
        low = cal.score({**base, name: base[name] - 0.5 * scale})
        high = cal.score({**base, name: base[name] + 0.5 * scale})
        assert high >= low
    params = list(zip(cal.features, cal.centers, cal.scales, strict=True))
    weakest = {n: c - 3 * s for n, c, s in params}
    strongest = {n: c + 3 * s for n, c, s in params}
    assert 0 <= cal.score(weakest) < cal.partial_at <= cal.correct_at < cal.score(strongest) <= 10


def test_judge_free_fallback_round_trips(tmp_path: Path) -> None:
    data = load_calibration(judge=True).to_json()
    assert "judge" in data["features"] and "judge" not in data["fallback"]["features"]
    path = tmp_path / "cal.json"
    path.write_text(json.dumps(data), "utf-8")
    assert load_calibration(path, judge=True).to_json() == data
    assert load_calibration(path).to_json() == data["fallback"]


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
