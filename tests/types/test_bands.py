"""Score bands: every threshold is "at or above", so a boundary score reads as the band it opens."""

from __future__ import annotations

from interviewer.types.bands import SCORE_BANDS, ScoreBands


def test_tone_boundaries() -> None:
    bands = ScoreBands(good_at=8.0, fair_at=5.0)
    assert [bands.tone(s) for s in (10.0, 8.0, 7.9, 5.0, 4.9, 0.0)] == [
        "good",
        "good",
        "fair",
        "fair",
        "poor",
        "poor",
    ]


def test_a_correct_answer_never_reads_as_poor_and_a_follow_up_is_asked_below_correct() -> None:
    assert SCORE_BANDS.tone(SCORE_BANDS.correct_at) != "poor"
    assert SCORE_BANDS.follow_up_below <= SCORE_BANDS.correct_at
    assert SCORE_BANDS.partial_at < SCORE_BANDS.correct_at
