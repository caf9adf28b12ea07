from pathlib import Path

from interviewer.grading.keypoint_cache import KeypointCache, cache_key
from interviewer.types.verdict import KeyPoint, PointStatus


def test_key_depends_on_question_references_and_model() -> None:
    base = cache_key("q", ["r1", "r2"], "m")
    assert base == cache_key(" q ", ["r1", "r2 "], "m")
    assert (
        len(
            {
                base,
                cache_key("q2", ["r1", "r2"], "m"),
                cache_key("q", ["r2", "r1"], "m"),
                cache_key("q", ["r1", "r2"], "m2"),
            }
        )
        == 4
    )


def test_round_trip_returns_fresh_missing_points(tmp_path: Path) -> None:
    cache = KeypointCache(tmp_path / "kp")
    key = cache_key("q", ["r"], "m")
    assert cache.get(key) is None
    cache.put(key, [KeyPoint(text="动量", status=PointStatus.COVERED, evidence="x", weight=2.0)])
    (point,) = cache.get(key) or []
    assert (point.text, point.weight, point.status, point.evidence) == (
        "动量",
        2.0,
        PointStatus.MISSING,
        "",
    )


def test_corrupt_entries_are_misses_and_unwritable_cache_is_harmless(tmp_path: Path) -> None:
    cache = KeypointCache(tmp_path / "kp")
    key = cache_key("q", ["r"], "m")
    cache.put(key, [KeyPoint(text="a", status=PointStatus.MISSING)])
    next((tmp_path / "kp").rglob("*.json")).write_text("{not json", encoding="utf-8")
    assert cache.get(key) is None
    blocker = tmp_path / "file"
    blocker.write_text("x")
    KeypointCache(blocker / "kp").put(key, [KeyPoint(text="a", status=PointStatus.MISSING)])
