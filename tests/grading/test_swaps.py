"""A key point said of the other side of one of the key's swap pairs (L1 <-> L2, sigmoid <->
softmax) is a misconception on that point, named with the candidate's words; a correct answer
that names both sides, compares them or denies the swap is not one."""

from __future__ import annotations

import pytest

from interviewer.grading.keyed import grade
from interviewer.grading.keyverdict import key_verdict
from interviewer.keys.load import parse_key

L1_L2 = """
ids = ["l1l2"]
question = "L1 和 L2 正则的区别"
swaps = [[["l1", "lasso"], ["l2", "ridge", "weight decay", "权重衰减"]]]
[[points]]
text = "L1 正则会把很多权重压成 0，得到稀疏解。"
concepts = [["l1", "lasso"], ["稀疏", "sparse", "变成0", "为0"]]
[[points]]
text = "L2 正则让权重整体变小但一般不为 0，也就是 weight decay。"
concepts = [["l2", "ridge", "weight decay", "权重衰减"], ["变小", "smaller", "shrink"]]
"""

SIGMOID_SOFTMAX = """
ids = ["sig"]
question = "sigmoid 和 softmax 的区别"
swaps = [[["sigmoid"], ["softmax"]]]
[[points]]
text = "sigmoid 对每个输出单独映射到 0 到 1，各输出相互独立。"
concepts = [["sigmoid"], ["独立", "单独", "每个", "independent", "each"]]
[[points]]
text = "softmax 的所有输出之和为 1，是一个概率分布。"
concepts = [["softmax"], ["和为1", "加起来等于1", "概率分布", "sum to one"]]
"""

SIGMOID_RELU = """
ids = ["relu"]
question = "sigmoid 和 ReLU 的对比"
swaps = [[["sigmoid"], ["relu"]]]
[[points]]
text = "sigmoid 两端饱和，深层网络容易梯度消失。"
concepts = [["sigmoid"], ["饱和", "梯度消失", "vanishing"]]
[[points]]
text = "ReLU 正半轴导数为 1，缓解了梯度消失。"
concepts = [["relu"], ["导数为1", "梯度消失", "vanishing"]]
"""


def _key(text: str):
    key, problem = parse_key(text, "test.toml")
    assert key is not None, problem
    return key


@pytest.mark.parametrize(
    "answer",
    ["嗯 L2 正则会让权重变得稀疏", "L2 regularization makes the weights sparse"],
)
def test_a_point_said_of_the_other_side_is_a_named_central_misconception(answer: str) -> None:
    key = _key(L1_L2)
    result = grade(answer, key)
    [wrong] = result.misconceptions
    assert wrong.point is key.points[0]
    assert wrong.swap is not None and wrong.swap[1] == "L1"
    assert wrong.swap[0].lower() == "l2"
    assert wrong.misconception is not None and wrong.misconception.central  # a core point
    assert result.score <= 2.5
    verdict = key_verdict(result, references=[], grader="test")
    [stated] = verdict.misconceptions
    assert "L2" in stated.said
    assert stated.correction == key.points[0].text  # "you said X; it is Y"


@pytest.mark.parametrize(
    "answer",
    [
        "L1 稀疏 而 L2 让权重变小",
        "L1 会让权重稀疏，L2 不会",
        "L1 让权重变小，很多直接变成0",
        "L2 的稀疏性比 L1 弱",
        "L1 也会让权重变小 但它主要是稀疏",
        "L2 会稀疏吗？不会的",
        "如果 L2 也能稀疏 那就不需要 L1 了",
        "有人说 L2 会让权重稀疏 其实不是这样的",
        "L1 gives sparse weights while L2 just shrinks them",
        "L2 shrinks the weights, L1 makes them sparse",
        "L2 doesn't give sparse weights",
        "L2 跳过了让权重变成0这一步",
    ],
)
def test_a_correct_answer_naming_both_sides_states_no_swap(answer: str) -> None:
    assert grade(answer, _key(L1_L2)).misconceptions == []


def test_a_subject_carried_into_the_next_clause_says_the_answer_is_right_about_it() -> None:
    key = _key(SIGMOID_SOFTMAX)
    assert grade("softmax 对每个类别输出一个概率，加起来等于1", key).misconceptions == []
    [wrong] = grade("softmax 的每个输出是独立的", key).misconceptions
    assert wrong.swap is not None


def test_words_the_key_also_says_of_the_named_side_are_no_swap() -> None:
    key = _key(SIGMOID_RELU)  # 梯度消失 is in both points: sigmoid causes it, ReLU relieves it
    assert grade("sigmoid 容易梯度消失", key).misconceptions == []
    assert grade("ReLU 缓解了梯度消失", key).misconceptions == []


def test_a_known_misconception_is_not_counted_again_as_a_swap() -> None:
    known = L1_L2.replace(
        'concepts = [["l1", "lasso"], ["稀疏", "sparse", "变成0", "为0"]]',
        'concepts = [["l1", "lasso"], ["稀疏", "sparse", "变成0", "为0"]]\n'
        "[[points.misconceptions]]\n"
        'claim = "L2 正则会产生稀疏解"\n'
        'says = [["l2"], ["稀疏"]]\n'
        'correction = "稀疏是 L1 的特点。"\n'
        "central = true",
    )
    [wrong] = grade("L2 正则会让权重稀疏", _key(known)).misconceptions
    assert wrong.swap is None and wrong.misconception.claim == "L2 正则会产生稀疏解"


BIAS_VARIANCE = """
ids = ["bv"]
question = "偏差和方差"
swaps = [[["偏差", "bias"], ["方差", "variance"]]]
[[points]]
text = "偏差是预测的期望和真实值的差距，偏差大说明欠拟合。"
concepts = [["偏差", "bias"], ["真实值", "true value", "欠拟合", "underfit"]]
[[points]]
text = "方差是不同训练集上预测的波动，方差大说明过拟合。"
concepts = [["方差", "variance"], ["波动", "fluctuat", "过拟合", "overfit"]]
"""


@pytest.mark.parametrize(
    "answer",
    ["过拟合的时候偏差小", "bias is low when you overfit", "偏差很低 的时候就容易过拟合"],
)
def test_a_level_said_of_the_named_side_is_no_swap(answer: str) -> None:
    assert grade(answer, _key(BIAS_VARIANCE)).misconceptions == []


def test_a_quantity_said_elsewhere_in_a_swap_clause_does_not_hide_it() -> None:
    [wrong] = grade("偏差就是模型在很多训练集上预测的波动", _key(BIAS_VARIANCE)).misconceptions
    assert wrong.swap is not None and wrong.point.text.startswith("方差")


def test_what_the_answer_says_rightly_of_a_side_counts_with_its_subject_carried() -> None:
    answer = "L1 让权重变小，很多直接变成0"  # the 很多 is no level of L1: L1 is right here
    assert grade(answer, _key(L1_L2)).misconceptions == []


GD = """
ids = ["gd"]
question = "随机梯度下降和梯度下降"
swaps = [[["sgd", "随机梯度下降"], ["bgd", "批量梯度下降"]]]
[[points]]
text = "随机梯度下降每次只随机取一个样本估计梯度就更新参数。"
concepts = [["一个样本", "一批样本", "一小批"], ["梯度", "更新"]]
[[points]]
text = "mini-batch 是两者的折中。"
concepts = [["mini-batch", "小批量"], ["折中", "并行"]]
"""


def test_a_side_inside_a_longer_term_of_the_key_is_not_that_side() -> None:
    key = _key(GD)
    assert grade("小批量梯度下降每次用一小批样本更新", key).misconceptions == []
    [wrong] = grade("批量梯度下降每次用一小批样本来更新", key).misconceptions
    assert wrong.swap is not None


def test_a_point_that_names_both_sides_still_makes_its_words_ambiguous() -> None:
    both = SIGMOID_RELU.replace(
        "ReLU 正半轴导数为 1，缓解了梯度消失。", "ReLU 比 sigmoid 更少梯度消失。"
    )
    assert grade("ReLU 的负半轴导数为0 也会梯度消失吗", _key(both)).misconceptions == []
    assert grade("relu 这块 梯度消失", _key(both)).misconceptions == []


FITTING = """
ids = ["fitting"]
question = "过拟合和欠拟合怎么解决"
swaps = [[["过拟合"], ["欠拟合"]]]
[[points]]
text = "解决过拟合可以加数据、加正则、用 Dropout，或者降低模型复杂度。"
concepts = [["过拟合"], ["正则", "dropout", "降低模型复杂度"]]
[[points]]
text = "解决欠拟合要增加模型复杂度、训练更久。"
concepts = [["欠拟合"], ["增加模型复杂度", "加深", "训练更久"]]
"""


def test_the_opposite_advice_for_the_other_side_is_no_swap() -> None:
    """ "欠拟合的话要减少正则化" reverses the overfitting point's 加正则: right advice, not the
    point said of 欠拟合. The point's own words said of 欠拟合 still swap it."""
    key = _key(FITTING)
    assert grade("欠拟合的话 要减少正则化", key).misconceptions == []
    assert grade("欠拟合的话 去掉dropout", key).misconceptions == []
    [wrong] = grade("欠拟合就加正则 用dropout", key).misconceptions
    assert wrong.swap is not None
