"""The hard gates fire on their cases and never on real answers."""

from __future__ import annotations

import pytest

from interviewer.grading.gates import hedged_dont_know, is_stuffing, repeats_question, text_gate
from interviewer.grading.keypoints import key_points
from interviewer.grading.text import terms
from interviewer.types.verdict import Label

Q = "BN的作用是什么？"
GOOD = [
    "BN把每层输入归一化，可以加速收敛，允许更大的学习率",
    "嗯 就是 BN 它会把激活值标准化 然后训练更稳定 收敛更快",
    "Batch normalization normalizes activations so training converges faster",
    "加速收敛",
]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("。。。？", "empty"),
        ("不知道", "dont_know"),
        ("嗯……我不太清楚", "dont_know"),
        ("呃 这题跳过吧", "dont_know"),
        ("没学过", "dont_know"),
        ("忘了", "dont_know"),
        ("I don't know", "dont_know"),
        ("um, pass", "dont_know"),
        ("skip", "dont_know"),
        ("好", "too_short"),
        ("ok", "too_short"),
        ("BN的作用是什么", "repeats_question"),
        ("嗯 BN的作用是什么呢", "repeats_question"),
    ],
)
def test_gate_fires(answer: str, reason: str) -> None:
    result = text_gate(Q, answer)
    assert result is not None and result.reason == reason
    assert result.score == 0
    assert result.label in (Label.EMPTY, Label.INCORRECT)


@pytest.mark.parametrize("answer", GOOD)
def test_no_gate_on_real_answers(answer: str) -> None:
    assert text_gate(Q, answer) is None


def test_reusing_question_words_is_not_repeating_the_question() -> None:
    q = "What does a voltage reading of 1.5 tell you about the connection?"
    assert not repeats_question(q, "the terminals are not connected, there is a gap")


def test_an_answer_that_adds_anything_is_not_the_question_read_back() -> None:
    """Zeroed full-marks answers (issue 13): the question's words plus the answer."""
    q = "What are the access-specifiers that can be used in a C++ class definition?"
    answer = (
        "The access-specifiers that can be used in a C++ class definition are private and public"
    )
    assert not repeats_question(q, answer)
    assert text_gate(q, answer) is None
    q = "What is the time complexity of the function on a sorted list?"
    assert not repeats_question(q, "O(n)")  # "on" is inside the question; "O(n)" adds n
    assert text_gate(q, "O(n)") is None
    # picking one of the question's options answers it
    assert not repeats_question("Are the bulbs in series or in parallel?", "parallel")
    # ... while the question read back, or with a filler, still is one
    assert repeats_question(q, "What is the time complexity of the function on a sorted list")
    assert repeats_question(q, "well, the time complexity of the function on a sorted list")


def test_keyword_list_against_an_explaining_reference_is_stuffing() -> None:
    ref = (
        "Adam结合了动量和RMSProp的思想，对每个参数自适应地调整学习率，"
        "并且使用偏置修正来校正初期的矩估计。"
    )
    points = key_points(ref, "Adam是什么")
    ref_terms = set().union(*(terms(p) for p in points))
    assert is_stuffing("动量、RMSProp、自适应学习率、偏置修正", points, ref_terms)
    assert not is_stuffing(
        "Adam用动量平滑梯度，用二阶矩自适应调整学习率，还有偏置修正", points, ref_terms
    )


def test_an_english_phrase_without_a_verb_of_the_list_is_not_stuffing() -> None:
    """Words tied by "of", "a", "upon" are one statement: a full-marks short answer was capped as
    a keyword list."""
    ref = (
        "A constructor is a special member function with the same name as the class and no "
        "return type that is called automatically when an object is created, to initialize its "
        "data members."
    )
    points = key_points(ref, "What is a constructor?")
    ref_terms = set().union(*(terms(p) for p in points))
    answer = "initializes data members of a class object automatically upon creation"
    assert not is_stuffing(answer, points, ref_terms)
    assert is_stuffing("constructor, data members, class, object, automatically", points, ref_terms)


def test_listing_an_enumeration_reference_is_not_stuffing() -> None:
    points = key_points("5S：是指整理、整顿、清扫、清洁、素养。", "5S是指什么内容？")
    ref_terms = set().union(*(terms(p) for p in points))
    assert not is_stuffing("整理、整顿、清扫、清洁、素养", points, ref_terms)


def test_one_english_word_the_reference_uses_is_an_answer_not_too_short() -> None:
    q = "What temperature scale was Bill using if it was 28 degrees?"
    ref = ["Bill must have been using degrees Celsius if 28 is a warm day"]
    assert text_gate(q, "Celsius.", ref) is None
    assert text_gate(q, "degrees", ref).reason == "too_short"  # the question's own word
    assert text_gate(q, "ok", ref).reason == "too_short"
    assert text_gate(q, "Fahrenheit", ref).reason == "too_short"
    assert text_gate("BN的作用", "快", ["BN能让训练更快"]).reason == "too_short"


def test_wont_answering_a_will_question_is_no_dont_know() -> None:
    """"是否也会变快？" answered "不会，退化成O(n^2)" (full marks from its grader) was graded
    *empty*: 不会 before a comma read as "I can't"."""
    asked = "以第一个元素为枢轴的快速排序在有序输入上是否也会变快？为什么？"
    assert not hedged_dont_know("不会，退化成O(n^2)", asked)
    assert not hedged_dont_know("嗯 不会，每次划分一边是空的", "会不会梯度消失？")
    # elsewhere it still says "I can't", and a real hedge still counts after a will-question
    assert hedged_dont_know("不会，退化成O(n^2)")
    assert hedged_dont_know("不会，这个我没研究过", asked)


@pytest.mark.parametrize(
    "said",
    [
        "这两个概念具体是什么意思 我不太能讲清楚",
        "原理我讲不太清",
        "具体怎么算的我说不明白",
        "具体用了什么结构我没细看过论文",
        "是轻量化的网络 这个我答不好",
    ],
)
def test_cannot_explain_it_is_a_hedge(said: str) -> None:
    assert hedged_dont_know(said)


@pytest.mark.parametrize(
    "said",
    ["这样就能讲清楚为什么要缩放", "说明它不能讲的太细", "讲清楚了", "说不好听就是在死记硬背"],
)
def test_explaining_it_is_no_hedge(said: str) -> None:
    assert not hedged_dont_know(said)
