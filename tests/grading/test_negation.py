"""Negation cues and the contradiction rule."""

from __future__ import annotations

from interviewer.grading.negation import contradicts, negations, states_converse


def test_negation_cues_ignore_compounds_that_are_not_negations() -> None:
    assert negations("Adam 不需要偏置修正") == 1
    assert negations("Adam doesn't need it") == 1
    assert negations("不同的参数有不同的学习率") == 0


def test_a_negation_inside_an_if_clause_is_not_a_contradiction() -> None:
    assert not contradicts("如果没有激活函数", "大多数激活函数都是非线性的")
    assert not contradicts("if there is no activation function", "activation functions are used")
    assert contradicts("Adam 不需要偏置修正", "Adam 需要偏置修正")


def test_a_word_swapped_for_its_opposite_contradicts_the_point() -> None:
    assert contradicts("Adam收敛更慢", "Adam收敛更快")
    assert contradicts("dropout在测试时随机丢弃神经元", "训练时随机丢弃神经元，防止共适应")
    assert contradicts("the voltage increases", "the voltage decreases when resistance rises")
    assert contradicts("the bulbs are in series", "bulbs A and B are in parallel")


def test_opposites_need_the_same_subject_and_no_negation_about() -> None:
    assert not contradicts("Adam收敛快", "SGD收敛较慢")  # a comparison, each side right
    assert not contradicts("降低方差", "提高泛化能力")  # opposite verbs, different things
    assert not contradicts("the switch is not closed", "the switch is open")  # says the same
    assert not contradicts("BN可以用更大的学习率", "BN允许使用更大的学习率")
    assert not contradicts("more data and less noise", "more data helps, less noise helps")


def test_two_swapped_opposites_state_the_converse_not_the_opposite() -> None:
    point = "If the effort is applied farther from the fulcrum, less effort will lift the load"
    assert not contradicts(
        "The closer the effort is to the fulcrum, the more effort it takes", point
    )
    assert contradicts(
        "If the effort is applied farther from the fulcrum, more effort is needed", point
    )


def test_any_degree_word_marks_a_chinese_pole() -> None:
    assert contradicts("Adam收敛很快", "Adam收敛更慢")
    assert not contradicts("Adam收敛很快", "Adam收敛更快")


def test_a_multi_clause_point_holds_its_negation_for_its_own_clause() -> None:
    point = "它不会压缩数据值，所以数据值随着网络层数的增加会不断变大"
    assert not contradicts("所以数据值随着网络层数的增加会不断变大", point)
    assert contradicts("它会压缩数据值", point)


def test_a_clause_of_a_converse_sentence_is_not_a_contradiction() -> None:
    point = "If the effort is applied farther from the fulcrum, less effort will lift the load"
    sentence = "The closer the effort is to the fulcrum, the more effort it takes"
    assert contradicts("The closer the effort is to the fulcrum", point)  # alone, it would be
    assert states_converse(sentence, point)
    assert not states_converse("If the effort is applied closer to the fulcrum", point)
