"""One 0–10 score scale: where "correct", "worth a follow-up", "to review" and the colours begin.

The grader labels, the interview decides follow-ups and the review list, the TUI colours and the
interviewer's acknowledgements all read these bands, so a score means the same thing on every
screen and in every decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Tone = Literal["good", "fair", "poor"]
"""How a score reads to the candidate: the colour it is shown in and how it is acknowledged."""


@dataclass(frozen=True)
class ScoreBands:
    """Thresholds on the 0–10 scale; every one is "at or above" except the `_below` ones."""

    correct_at: float = 7.0
    """Labelled correct (the LLM scoring rule; the offline calibration's default, which a fitted
    calibration.json may move)."""
    partial_at: float = 3.0
    """Labelled partial by the LLM scoring rule (below `correct_at`)."""
    follow_up_below: float = 7.0
    """An answer under this missed something worth one follow-up question."""
    review_below: float = 7.0
    """An answer under this goes on the session summary's review list."""
    good_at: float = 8.0
    """Reads as good: green, and acknowledged as a good answer."""
    fair_at: float = 5.0
    """Reads as fair (amber); under it, poor (red)."""
    again_below: float = 3.0
    """Spaced review: a miss, due again the same day (FSRS "Again") and asked once more in the
    session."""
    hard_below: float = 6.0
    """Spaced review: shaky (FSRS "Hard"); the start screen lists it as answered badly."""
    easy_at: float = 8.5
    """Spaced review: aced (FSRS "Easy"), and a question whose recent score reaches it is known,
    not weak."""

    def label(self, score: float) -> str:
        """The label a score earns by its band alone (correct, partial or incorrect): the graders'
        rule once no finding (contradiction, off-topic) decides it, and what a score the
        candidate gives an answer themselves reads as."""
        if score >= self.correct_at:
            return "correct"
        if score >= self.partial_at:
            return "partial"
        return "incorrect"

    def tone(self, score: float) -> Tone:
        """How `score` reads: good, fair or poor."""
        if score >= self.good_at:
            return "good"
        if score >= self.fair_at:
            return "fair"
        return "poor"


SCORE_BANDS = ScoreBands()
"""The bands the product uses."""
