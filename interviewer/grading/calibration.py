"""The fitted mapping from coverage features to a 0..10 score, loaded from `calibration.json`.

Why data, not hand-set constants: cosine similarities of e5 sit in a narrow band (0.7..1.0) whose
meaning depends on the model, so the mapping is fitted on human-graded answers by
`bench/fit_calibration.py` and shipped as a handful of numbers. It is a logistic curve over a
few standardised features with non-negative weights, so the score can only rise when coverage
rises (monotone by construction) and it has too few parameters to memorise its training rows.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from interviewer.errors import GradingError
from interviewer.types.bands import SCORE_BANDS

CALIBRATION_FILE = "calibration.json"


@dataclass(frozen=True)
class Calibration:
    """score = 10 * sigmoid(bias + sum(weight * (x - center) / scale))."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    centers: tuple[float, ...]
    scales: tuple[float, ...]
    bias: float
    point_lo: float
    """Point similarity mapped to coverage 0 (below: the point is not there at all)."""
    point_hi: float
    """Point similarity mapped to coverage 1."""
    correct_at: float = SCORE_BANDS.correct_at
    """Scores at or above this are labelled correct."""
    partial_at: float = 4.0
    """Scores at or above this (and below correct_at) are labelled partial."""
    embed_model: str = ""
    """The embedding model the features were measured with."""
    meta: dict = field(default_factory=dict)
    """How it was fitted (data, folds, figures) — documentation only."""
    fallback: Calibration | None = None
    """The same fit without the answer judge's features: what grading uses when the judge is off
    (the default) or can't be used (another embedding model)."""

    @property
    def uses_judge(self) -> bool:
        return any(f.startswith("judge") for f in self.features)

    def score(self, values: dict[str, float]) -> float:
        """0..10 for a feature dict; missing features count as their center (neutral)."""
        z = self.bias
        params = zip(self.features, self.weights, self.centers, self.scales, strict=True)
        for name, w, c, s in params:
            z += w * (values.get(name, c) - c) / s
        return 10.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def point_coverage(self, similarity: float, question_similarity: float = 0.0) -> float:
        """0..1 coverage of one key point from its best similarity to the answer, counted above
        what the question alone already scores against the point: a point that shares the
        question's topic words ("Adam ...") is close to ANY answer that names the topic."""
        span = max(1e-6, self.point_hi - self.point_lo)
        floor = max(self.point_lo, question_similarity)
        return min(1.0, max(0.0, (similarity - floor) / span))

    def to_json(self) -> dict:
        return {
            "version": 1,
            "model": "logistic",
            "features": list(self.features),
            "weights": list(self.weights),
            "centers": list(self.centers),
            "scales": list(self.scales),
            "bias": self.bias,
            "point_lo": self.point_lo,
            "point_hi": self.point_hi,
            "correct_at": self.correct_at,
            "partial_at": self.partial_at,
            "embed_model": self.embed_model,
            "meta": self.meta,
            **({"fallback": self.fallback.to_json()} if self.fallback else {}),
        }

    @classmethod
    def from_json(cls, data: dict) -> Calibration:
        n = len(data["features"])
        if not (len(data["weights"]) == len(data["centers"]) == len(data["scales"]) == n):
            raise ValueError("features, weights, centers and scales differ in length")
        if any(w < 0 for w in data["weights"]) or any(s <= 0 for s in data["scales"]):
            raise ValueError("weights must be >= 0 and scales > 0 (monotone mapping)")
        return cls(
            features=tuple(data["features"]),
            weights=tuple(float(w) for w in data["weights"]),
            centers=tuple(float(c) for c in data["centers"]),
            scales=tuple(float(s) for s in data["scales"]),
            bias=float(data["bias"]),
            point_lo=float(data["point_lo"]),
            point_hi=float(data["point_hi"]),
            correct_at=float(data.get("correct_at", SCORE_BANDS.correct_at)),
            partial_at=float(data.get("partial_at", 4.0)),
            embed_model=str(data.get("embed_model", "")),
            meta=dict(data.get("meta", {})),
            fallback=cls.from_json(data["fallback"]) if data.get("fallback") else None,
        )


def load_calibration(path: Path | None = None, *, judge: bool = False) -> Calibration:
    """The shipped calibration, or one from `path` (e.g. freshly fitted by the bench script);
    without `judge`, its judge-free fallback when it has one."""
    try:
        if path is None:
            text = (
                resources.files("interviewer.grading").joinpath(CALIBRATION_FILE).read_text("utf-8")
            )
        else:
            text = Path(path).read_text("utf-8")
        cal = Calibration.from_json(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        where = path or f"interviewer/grading/{CALIBRATION_FILE}"
        raise GradingError(f"cannot load grading calibration {where}: {exc}") from None
    if not judge and cal.uses_judge and cal.fallback is not None:
        return cal.fallback
    return cal
