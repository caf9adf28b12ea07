"""Agreement between a grader and human graders: the figures `interviewer eval` and the bench
scripts report (Pearson, Spearman, MAE, 3-way accuracy / macro-F1, same-question ordering)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy import stats

from interviewer.types.verdict import Label

THREE_WAY = ("correct", "incorrect", "contradictory")


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson r; nan when either side is constant or shorter than 2."""
    a, b = np.asarray(x, float), np.asarray(y, float)
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(stats.pearsonr(a, b)[0])


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman rank r (ties get average ranks); nan when either side is constant."""
    a, b = np.asarray(x, float), np.asarray(y, float)
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(stats.spearmanr(a, b)[0])


def mae(x: Sequence[float], y: Sequence[float]) -> float:
    """Mean absolute error (both sides already on the same 0..1 scale)."""
    a, b = np.asarray(x, float), np.asarray(y, float)
    return float(np.abs(a - b).mean()) if len(a) else float("nan")


def accuracy(predicted: Sequence[str], gold: Sequence[str]) -> float:
    if not gold:
        return float("nan")
    return sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold)


def macro_f1(
    predicted: Sequence[str], gold: Sequence[str], classes: Sequence[str] = THREE_WAY
) -> float:
    """Unweighted mean of per-class F1 over the classes present in gold or predictions."""
    present = [c for c in classes if c in set(gold) | set(predicted)]
    if not present:
        return float("nan")
    f1s = []
    for c in present:
        tp = sum(p == c and g == c for p, g in zip(predicted, gold, strict=True))
        fp = sum(p == c and g != c for p, g in zip(predicted, gold, strict=True))
        fn = sum(p != c and g == c for p, g in zip(predicted, gold, strict=True))
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s))


def three_way(label: Label | str) -> str:
    """Map a verdict label onto SemEval's 3 ways: only 'correct' is correct (a partial answer is
    what SemEval calls partially_correct_incomplete, which its 3-way scheme counts as incorrect)."""
    value = label.value if isinstance(label, Label) else str(label)
    if value == Label.CORRECT.value:
        return "correct"
    if value == Label.CONTRADICTS.value:
        return "contradictory"
    return "incorrect"


def ordering(
    groups: Sequence[str], predicted: Sequence[float], human: Sequence[float]
) -> tuple[float, int]:
    """Share of same-question pairs with different human scores that the grader orders the same
    way (a tie in the grader counts as a miss), and how many pairs there were."""
    by_group: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for g, p, h in zip(groups, predicted, human, strict=True):
        by_group[g].append((p, h))
    good = total = 0
    for rows in by_group.values():
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                (pi, hi), (pj, hj) = rows[i], rows[j]
                if hi == hj:
                    continue
                total += 1
                good += (pi - pj) * (hi - hj) > 0
    return (good / total if total else float("nan")), total


@dataclass(frozen=True)
class Agreement:
    """What `interviewer eval` prints."""

    n: int
    pearson: float
    spearman: float
    mae: float
    """On the 0..1 scale (grader score / 10 vs human / scale)."""
    pair_order: float
    pairs: int
    accuracy: float | None = None
    macro_f1: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def agreement(
    scores: Sequence[float],
    human: Sequence[float],
    groups: Sequence[str],
    labels: Sequence[str] | None = None,
    gold_labels: Sequence[str | None] | None = None,
) -> Agreement:
    """All figures at once; `scores` and `human` both on 0..1. 3-way figures only when every row
    has a gold label."""
    acc = f1 = None
    if labels is not None and gold_labels is not None and gold_labels and all(gold_labels):
        gold = [str(g) for g in gold_labels]
        acc, f1 = accuracy(labels, gold), macro_f1(labels, gold)
    order, pairs = ordering(groups, scores, human)
    return Agreement(
        n=len(scores),
        pearson=pearson(scores, human),
        spearman=spearman(scores, human),
        mae=mae(scores, human),
        pair_order=order,
        pairs=pairs,
        accuracy=acc,
        macro_f1=f1,
    )
