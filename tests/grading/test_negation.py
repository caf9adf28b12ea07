"""Negation cues and the contradiction rule."""

from __future__ import annotations

from interviewer.grading.negation import contradicts, negations


def test_negation_cues_ignore_compounds_that_are_not_negations() -> None:
    assert negations("Adam 不需要偏置修正") == 1
    assert negations("Adam doesn't need it") == 1
    assert negations("不同的参数有不同的学习率") == 0


def test_a_negation_inside_an_if_clause_is_not_a_contradiction() -> None:
    assert not contradicts("如果没有激活函数", "大多数激活函数都是非线性的")
    assert not contradicts("if there is no activation function", "activation functions are used")
    assert contradicts("Adam 不需要偏置修正", "Adam 需要偏置修正")
