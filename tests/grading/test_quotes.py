"""A quote of the candidate's words ends where their phrase does, never mid-phrase, and stays
short; and it is what the verdict shows for a stated misconception."""

from __future__ import annotations

import pytest

from interviewer.grading.keyed import assess
from interviewer.grading.keymatch import normalise
from interviewer.grading.quotes import quote
from interviewer.keys.load import parse_key


def _quoted(answer: str, matched: str) -> str:
    """The quote of `answer` when the key's wordings matched `matched` (its first occurrence)."""
    text = normalise(answer)
    start = text.text.index(normalise(matched).text)
    return quote(text, start, start + len(normalise(matched).text))


@pytest.mark.parametrize(
    ("answer", "matched", "quoted"),
    [
        # the reported one: the match stops at the verb, before what it is said of
        ("BN 不依赖 batch size，小 batch 也没影响", "BN 不依赖", "BN 不依赖 batch size"),
        ("用当前 batch 的均值和方差，所以", "用当前 batch", "用当前 batch 的均值和方差"),
        ("MSE是凸的。所以", "MSE是凸", "MSE是凸的"),
        # unpunctuated speech: a space between Chinese words, or before an English term not
        # spaced on its far side, is a pause
        ("L1 会让权重变得稀疏 所以能做特征选择", "L1 会让权重变得", "L1 会让权重变得稀疏"),
        ("bn不依赖batch size小batch也行 ln", "bn不依赖batch", "bn不依赖batch size小batch也行"),
        ("it does not depend on the batch size. LN", "not depend", "not depend on the batch size"),
        ("已经是一句话了", "已经是一句话了", "已经是一句话了"),
    ],
)
def test_a_quote_ends_where_the_phrase_ends(answer: str, matched: str, quoted: str) -> None:
    assert _quoted(answer, matched) == quoted


def test_a_phrase_that_runs_on_is_cut_short_and_says_so() -> None:
    answer = "BN 不依赖 batch size 小 batch 也完全没有任何影响的因为它在训练时会把样本都统计进去"
    said = _quoted(answer, "BN 不依赖")
    assert said == "BN 不依赖 batch size 小 batch…"


KEY = """
ids = ["bn-ln"]
question = "BN 和 LN 的区别"
[[points]]
text = "BN 受 batch size 影响，batch 小时统计量不准。"
concepts = [["BN"], ["batch size", "batch"]]
[[points.misconceptions]]
claim = "BN 不依赖 batch size"
says = [["BN"], ["不依赖", "不受"]]
correction = "BN 用 batch 内的统计量，batch 小时估计不准。"
"""


def test_the_misconception_quotes_the_whole_phrase() -> None:
    key, problem = parse_key(KEY, "test.toml")
    assert key is not None, problem
    [result] = assess("BN 不依赖 batch size，小 batch 也没影响", key)
    assert result.misconception is not None and result.claim_words == "BN 不依赖 batch size"
