"""The team's short-answer sets in bench/: BENCHMARKS reports the similarity grader on them as
rows it was not fitted on, which holds only while no evaluation set shares a question with the
training set the calibration reads (bench/fit_calibration.py) and every row is well formed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.jsonl import read_rows

BENCH = Path(__file__).resolve().parents[2] / "bench"
TRAINING = "shortanswer_team_train.jsonl"
EVALUATION = sorted(
    p.name for p in BENCH.glob("shortanswer_team_*.jsonl") if p.name != TRAINING
)


def _rows(name: str) -> list[dict]:
    return read_rows(BENCH / name)


def test_the_evaluation_sets_are_found() -> None:
    assert "shortanswer_team_fresh.jsonl" in EVALUATION
    assert len(EVALUATION) >= 4


@pytest.mark.parametrize("name", EVALUATION)
def test_no_evaluation_question_is_in_the_training_set(name: str) -> None:
    trained = {r["question"].strip().lower() for r in _rows(TRAINING)}
    shared = {r["question"] for r in _rows(name) if r["question"].strip().lower() in trained}
    assert shared == set()


@pytest.mark.parametrize("name", [*EVALUATION, TRAINING])
def test_rows_are_well_formed(name: str) -> None:
    rows = _rows(name)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert r["question"].strip() and r["reference"].strip(), r["id"]
        assert 0 <= r["human"] <= r["scale"], r["id"]
        assert r["lang"] in {"zh", "en"}, r["id"]
