"""Delivery insights are counts: each expectation below can be checked by reading the text."""

from __future__ import annotations

import pytest

from interviewer.progress.insights import analyze, summarize, summarize_session
from tests.progress.synthetic import T0, record


def test_chinese_fillers_counted_by_the_documented_rules() -> None:
    text = (
        "嗯，就是，BN就是把每一层的输入归一化，然后那个，然后就是可以加速收敛，对吧。"
        "比如ResNet里面用了BN，但是batch小的时候效果不好。"
    )
    ins = analyze(text)
    # 嗯; 就是 ×2 (opens a clause / after the filler 然后) but not the copula in "BN就是把";
    # 然后 ×2; 那个 after a filler; 对吧.
    assert ins.fillers == {"嗯": 1, "就是": 2, "然后": 2, "那个": 1, "对吧": 1}
    assert ins.filler_count == 7
    assert ins.has_definition  # the copula 就是 that was not a filler
    assert ins.has_example and ins.has_tradeoff
    assert not ins.has_reasoning  # "可以加速收敛" gives no why/how cue
    assert not ins.structured
    assert ins.missing_parts == ["reasoning"]


def test_ran_hou_inside_words_and_first_then_are_not_fillers() -> None:
    ins = analyze("先计算梯度，然后更新参数，然后再算一次。自然后验概率，虽然后者更难，这是相对吧")
    assert ins.fillers == {"然后": 1}  # only the second "then"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("嗯嗯嗯，这个问题", {"嗯": 1}),  # a run is one hesitation
        ("也就是说，梯度会消失", {}),  # 也就是说 is a connective
        ("就是说，梯度会消失", {"就是说": 1}),
        ("那个参数很重要", {"那个": 1}),  # at the very start nothing came before to refer to
        ("我觉得那个参数很重要", {}),  # a demonstrative
        ("学习率很关键。那个参数很重要", {}),  # a demonstrative opening a later sentence
        ("那个那个，学习率", {"那个": 2}),
        ("呃，啊，Adam", {"呃": 1, "啊": 1}),
    ],
)
def test_chinese_filler_edge_cases(text: str, expected: dict[str, int]) -> None:
    assert analyze(text).fillers == expected


def test_english_fillers_like_and_you_know_heuristics() -> None:
    text = (
        "Um, so Adam is, like, a kind of optimizer, you know, it works like momentum. "
        "It looks like SGD with, uh like, adaptive steps. Do you know what it does? "
        "I would like to add that it uses bias correction because early moments are biased."
    )
    ins = analyze(text)
    # like: ", like," and "uh like" count; "works like", "looks like", "would like" do not.
    # you know: ", you know," counts; "Do you know what" does not.
    assert ins.fillers == {"um": 1, "uh": 1, "like": 2, "you know": 1}
    assert ins.has_definition  # "a kind of"
    assert ins.has_reasoning  # "because"
    assert ins.chinese_chars == 0
    assert ins.english_words == 15 + 9 + 6 + 15  # sentence by sentence


def test_length_speed_and_mixed_units() -> None:
    ins = analyze("Adam的β1是0.9，L2 weight decay不同。", elapsed_s=30, spoken=True)
    # Chinese: 的 是 不 同 = 4; English words/numbers: Adam, 1, 0.9, L2, weight, decay = 6
    assert ins.chinese_chars == 4
    assert ins.english_words == 6
    assert ins.length == 10
    assert ins.chars_per_min == pytest.approx(20.0)
    assert analyze("Adam", elapsed_s=None, spoken=True).chars_per_min is None
    assert analyze("Adam", elapsed_s=0, spoken=True).chars_per_min is None


def test_typed_answers_have_no_speaking_rate() -> None:
    """Typed or pasted text timed at 30 s is no "1152 字/分" of speech: the time is typing time."""
    typed = analyze("Adam的β1是0.9，L2 weight decay不同。" * 20, elapsed_s=30)
    assert typed.chars_per_min is None and typed.elapsed_s == 30
    assert "/min" not in typed.describe()


def test_repetition_of_phrases_and_sentences() -> None:
    once = analyze("BN的作用是归一化输入。")
    assert once.repeated_ngram_ratio == 0.0 and once.repeated_sentence_ratio == 0.0
    twice = analyze("BN的作用是归一化。BN的作用是归一化。")
    # units: BN 的 作 用 是 归 一 化, twice = 16 units, 12 five-grams,
    # of which the last 4 repeat earlier ones; 1 of 2 sentences repeats.
    assert twice.repeated_ngram_ratio == pytest.approx(4 / 12)
    assert twice.repeated_sentence_ratio == pytest.approx(0.5)


def test_fillers_do_not_count_as_repetition() -> None:
    ins = analyze("然后梯度下降，然后梯度下降。")
    # 然后 is masked out; "梯度下降" is 4 units, shorter than a 5-gram, so no repeated n-gram
    assert ins.fillers == {"然后": 2}
    assert ins.repeated_ngram_ratio == 0.0


def test_structured_answer_has_all_parts() -> None:
    ins = analyze(
        "BatchNorm是指对每个batch做归一化。因为它减少了内部协变量偏移，所以训练更稳定。"
        "比如ResNet每个卷积后都有BN，缺点是batch小时统计量不准。"
    )
    assert ins.parts == {"definition": True, "reasoning": True, "example": True, "tradeoff": True}
    assert ins.structured
    assert "definition✓" in ins.describe()


def test_empty_answer() -> None:
    ins = analyze("", elapsed_s=3, spoken=True)
    assert ins.length == 0 and ins.filler_count == 0 and ins.fillers_per_100 == 0.0
    assert ins.chars_per_min == 0.0
    assert not ins.structured


def test_summarize_session_totals_and_pace() -> None:
    turns = [
        # 嗯 + BN + 是指归一化 = 7 units, 1 filler
        record(1, "a", 6, T0, answer="嗯，BN是指归一化。", elapsed_s=30),
        # 然后因为梯度所以稳定 = 10 units, 1 filler; not timed
        record(2, "b", 6, T0, answer="然后，因为梯度，所以稳定", elapsed_s=None),
        record(3, "c", 0, T0, answer="", elapsed_s=5),  # a skip: left out
    ]
    summary = summarize_session(turns)
    assert summary.answers == 2
    assert summary.total_length == 7 + 10
    assert summary.total_fillers == 2
    assert summary.fillers == {"嗯": 1, "然后": 1}
    assert summary.fillers_per_100 == pytest.approx(200 / 17)
    assert summary.chars_per_min is None  # stored answers were typed: no speaking rate
    spoken = summarize([analyze(t.answer, t.elapsed_s, spoken=True) for t in turns])
    assert spoken.chars_per_min == pytest.approx(7 * 2)  # only the timed one: 7 units, 0.5 min
    assert summary.parts["definition"] == 1 and summary.parts["reasoning"] == 1
    assert summary.structured == 0
    assert summarize_session([]).answers == 0
    assert summarize_session([]).chars_per_min is None
