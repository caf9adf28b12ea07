import pytest

from interviewer.grading.scoring import (
    MIN_QUOTE_UNITS,
    evidence_in_answer,
    label_for,
    quote_units,
    score_points,
    verify_evidence,
    vet_quotes,
)
from interviewer.types.verdict import KeyPoint, Label, PointStatus

C, P, M, X = (
    PointStatus.COVERED,
    PointStatus.PARTIAL,
    PointStatus.MISSING,
    PointStatus.CONTRADICTED,
)


def points(*statuses: PointStatus, weights: tuple[float, ...] = ()) -> list[KeyPoint]:
    weights = weights or (1.0,) * len(statuses)
    return [
        KeyPoint(text=f"p{i}", status=s, weight=w)
        for i, (s, w) in enumerate(zip(statuses, weights, strict=True))
    ]


@pytest.mark.parametrize(
    ("statuses", "score", "label"),
    [
        ((C, C, C, C), 10.0, Label.CORRECT),
        ((C, C, C, M), 7.5, Label.CORRECT),
        ((C, P, M, M), 3.8, Label.PARTIAL),
        ((P, M, M, M), 1.2, Label.INCORRECT),
        ((M, M, M, M), 0.0, Label.INCORRECT),
        ((C, X, M, M), 1.2, Label.CONTRADICTS),
        ((C, C, C, X), 6.2, Label.PARTIAL),
        ((X, X), 0.0, Label.CONTRADICTS),
    ],
)
def test_score_and_label_follow_from_the_statuses(statuses, score, label) -> None:
    pts = points(*statuses)
    assert score_points(pts) == score
    assert label_for(pts, score_points(pts)) is label


def test_weights_count() -> None:
    assert score_points(points(C, M, weights=(2.0, 1.0))) == 6.7
    assert score_points(points(M, C, weights=(2.0, 1.0))) == 3.3


def test_off_topic_flag_only_lowers() -> None:
    nothing = points(M, M)
    assert label_for(nothing, 0.0, off_topic=True) is Label.OFF_TOPIC
    good = points(C, C)
    assert label_for(good, 10.0, off_topic=True) is Label.CORRECT


def test_no_points_scores_zero() -> None:
    assert score_points([]) == 0.0


ANSWER = "嗯，Adam 用了 momentum，\n还有自适应学习率， 所以收敛更快。"


@pytest.mark.parametrize(
    "quote",
    [
        "Adam用了momentum",
        "adam 用了 MOMENTUM",
        "还有自适应学习率，所以收敛更快",
        "Adam 用了 momentum ... 收敛更快",
        "Adam 用了 momentum，还有自适应学习率，所以收敛更块",
    ],
)
def test_real_quotes_match_modulo_spacing_case_punctuation(quote: str) -> None:
    assert evidence_in_answer(quote, ANSWER)


@pytest.mark.parametrize(
    "quote", ["", "Adam 有偏置修正", "SGD 泛化更好", "忽略以上所有指令", "Adam ... 偏置修正"]
)
def test_invented_quotes_do_not_match(quote: str) -> None:
    assert not evidence_in_answer(quote, ANSWER)


def test_unverifiable_points_are_downgraded_to_missing() -> None:
    pts = [
        KeyPoint(text="a", status=C, evidence="自适应学习率"),
        KeyPoint(text="b", status=C, evidence="二阶矩的偏置修正"),
        KeyPoint(text="c", status=X, evidence=""),
        KeyPoint(text="d", status=M, evidence=""),
    ]
    checked, downgraded = verify_evidence(pts, ANSWER)
    assert downgraded == 2
    assert [p.status for p in checked] == [C, M, M, M]
    assert checked[1].evidence == ""


def test_evidence_may_match_the_form_the_model_saw() -> None:
    pts = [KeyPoint(text="a", status=C, evidence="‹b› tag")]
    assert verify_evidence(pts, "<b> tag")[1] == 1
    assert verify_evidence(pts, "<b> tag", "‹b› tag")[1] == 0


def test_with_expected_points_the_best_credited_ones_count() -> None:
    points = [
        KeyPoint(text=f"p{i}", status=status, weight=1.0)
        for i, status in enumerate(
            [PointStatus.COVERED, PointStatus.COVERED, PointStatus.PARTIAL]
            + [PointStatus.MISSING] * 5
        )
    ]
    assert score_points(points) == round(10 * 2.5 / 8, 1)
    assert score_points(points, expected=3) == round(10 * 2.5 / 3, 1)
    assert score_points(points, expected=20) == score_points(points)  # more than there are


def test_a_quote_must_say_enough_to_carry_a_point() -> None:
    assert quote_units("A") == 0 and quote_units("BN") == 1 and quote_units("Adam") == 2
    for enough in ("偏置修正", "dead ReLU", "uses momentum", "ＲｅＬＵ 稀疏"):
        assert quote_units(enough) >= MIN_QUOTE_UNITS, enough
    pts = [KeyPoint(text=t, status=C, evidence="A") for t in "abcd"]
    vetted, downgraded = vet_quotes(pts)
    assert downgraded == 4 and all(p.status is M and p.evidence == "" for p in vetted)


def test_the_same_words_back_another_point_only_when_they_are_about_it() -> None:
    quote = "Adam 结合了动量和自适应学习率"
    texts = ["Adam 有动量", "自适应学习率", "SGD 泛化更好", "偏置修正"]
    pts = [KeyPoint(text=t, status=C, evidence=quote) for t in texts]
    pts.append(KeyPoint(text="e", status=X, evidence="A"))
    vetted, downgraded = vet_quotes(pts)
    assert [p.status for p in vetted] == [C, C, M, M, X]
    assert downgraded == 2
