"""Agreement statistics on tiny arrays whose answers are known by hand."""

from __future__ import annotations

import math

import pytest

from interviewer.grading.metrics import (
    accuracy,
    agreement,
    macro_f1,
    mae,
    ordering,
    pearson,
    spearman,
    three_way,
)
from interviewer.types.verdict import Label


def test_pearson_and_spearman() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 3, 4], [1, 4, 9, 16]) == pytest.approx(1.0)  # monotone, not linear
    assert pearson([1, 2, 3, 4], [1, 4, 9, 16]) < 1.0
    assert math.isnan(pearson([1, 1, 1], [1, 2, 3]))


def test_mae_accuracy_macro_f1() -> None:
    assert mae([0.0, 0.5, 1.0], [0.0, 1.0, 1.0]) == pytest.approx(1 / 6)
    assert accuracy(["a", "b", "b"], ["a", "b", "a"]) == pytest.approx(2 / 3)
    # correct: tp1 fp0 fn1 -> 2/3; incorrect: tp1 fp1 fn0 -> 2/3
    gold = ["correct", "correct", "incorrect"]
    pred = ["correct", "incorrect", "incorrect"]
    assert macro_f1(pred, gold) == pytest.approx(2 / 3)


def test_three_way_mapping() -> None:
    assert three_way(Label.CORRECT) == "correct"
    assert three_way(Label.CONTRADICTS) == "contradictory"
    for label in (Label.PARTIAL, Label.INCORRECT, Label.EMPTY, Label.OFF_TOPIC):
        assert three_way(label) == "incorrect"


def test_ordering_counts_only_same_group_pairs_with_different_humans() -> None:
    groups = ["q1", "q1", "q1", "q2", "q2"]
    predicted = [0.9, 0.1, 0.5, 0.2, 0.2]
    human = [1.0, 0.0, 1.0, 1.0, 0.0]
    share, pairs = ordering(groups, predicted, human)
    # q1: (0.9 vs 0.1) right, (0.1 vs 0.5) right, q2: tie counts as a miss
    assert pairs == 3 and share == pytest.approx(2 / 3)


def test_agreement_bundles_three_way_only_with_gold_labels() -> None:
    a = agreement([0.1, 0.9], [0.0, 1.0], ["q", "q"])
    assert a.accuracy is None and a.pearson == pytest.approx(1.0)
    b = agreement(
        [0.1, 0.9], [0.0, 1.0], ["q", "q"], ["incorrect", "correct"], ["incorrect", "correct"]
    )
    assert b.accuracy == 1.0 and b.macro_f1 == 1.0
