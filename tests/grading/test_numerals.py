"""Spoken Chinese numbers are heard as the digits a key writes, and only where they are numbers."""

from __future__ import annotations

import pytest

from interviewer.grading.keymatch import find, match_claim, normalise
from interviewer.grading.numerals import spoken_digits


@pytest.mark.parametrize(
    ("said", "digits"),
    [
        ("导数最大是零点二五", "导数最大是0.25"),
        ("学习率零点零一 momentum 零点九", "学习率0.01 momentum 0.9"),
        ("tanh 的导数最大是一点零", "tanh 的导数最大是1.0"),
        ("三乘三的卷积 一乘一卷积", "3乘3的卷积 1乘1卷积"),
        ("两点五倍", "2.5倍"),
    ],
)
def test_a_spoken_number_is_written_in_digits_length_for_length(said: str, digits: str) -> None:
    assert spoken_digits(said) == digits


@pytest.mark.parametrize(
    "words",
    [
        "在零点取到最大值",
        "一点一点往下走",
        "一到测试的时候",
        "乘以二",
        "统一到一个尺度",
        "三乘三十",
    ],
)
def test_words_that_only_look_like_numbers_stay_words(words: str) -> None:
    assert spoken_digits(words) == words


def test_a_key_hears_a_spoken_number_and_quotes_the_words_said() -> None:
    answer = normalise("sigmoid 它的导数最大值是零点五 在零点取到")
    where = match_claim(answer, [["sigmoid"], ["导数"], ["0.5"]])
    assert where is not None and answer.quote(*where) == "sigmoid 它的导数最大值是零点五"
    assert find(normalise("学习率设成零点零一"), ["0.01"])
    assert find(normalise("学习率设成0.01"), ["零点零一"])  # a wording in words matches digits
    assert find(normalise("从零点一到一均匀取点"), ["到一"])  # a range's end stays a word
