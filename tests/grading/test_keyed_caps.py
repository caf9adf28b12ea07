"""The caps of a grade against a key: an answer that makes most of the core and one false side
claim is capped near a pass; one whose false claim is most of what it says fails."""

from __future__ import annotations

from interviewer.grading.keyed import grade
from interviewer.keys.load import parse_key

ONE_ERROR = """
ids = ["bn2"]
question = "BN 的作用"
[[points]]
text = "BN 对每个 mini-batch 的激活减均值、除以标准差。"
concepts = [["均值", "mean"], ["标准差", "方差", "std"]]
[[points]]
text = "BN 再用可学习的 gamma、beta 缩放和平移。"
concepts = [["gamma"], ["beta"]]
[[points]]
text = "BN 让训练更稳定、收敛更快。"
concepts = [["收敛", "converge"]]
[[points]]
text = "BN 有一点正则化效果。"
core = false
concepts = [["正则"]]
[[points.misconceptions]]
claim = "BN 可以完全替代 dropout"
says = [["完全替代", "完全取代"], ["dropout"]]
correction = "BN 只有轻微的正则化效果，不能完全替代 dropout。"
"""


def _key(text: str):
    key, problem = parse_key(text, "test.toml")
    assert key is not None, problem
    return key


def test_a_side_error_in_a_mostly_good_answer_is_capped_not_failed() -> None:
    result = grade(
        "BN 就是减均值除以标准差 再乘 gamma 加 beta 收敛更快 而且能完全替代 dropout",
        _key(ONE_ERROR),
    )
    assert result.misconceptions and 4 <= result.score <= 5.5


def test_a_false_claim_with_little_else_right_fails() -> None:
    result = grade("BN 就是减均值除以标准差 它能完全替代 dropout", _key(ONE_ERROR))
    assert result.verdict == "graded" and result.misconceptions  # a third of the core: 4.6
    assert result.score <= 2.5
