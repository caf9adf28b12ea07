"""Text plumbing: cleaning hostile input, stripping spoken fillers, the lexical terms."""

from __future__ import annotations

from interviewer.grading.text import (
    SENTENCE_SPLIT_RE,
    SlipTolerantTerms,
    clean_text,
    strip_fillers,
    terms,
)


def test_fillers_are_stripped_but_content_kept() -> None:
    spoken = "嗯那个就是说Adam啊然后它呢有那个偏置修正 um, it uses, uh, momentum"
    clean = strip_fillers(spoken)
    for filler in ("嗯", "那个", "就是说"):
        assert filler not in clean
    assert not {"um", "uh"} & set(clean.replace(",", " ").split())
    assert "Adam" in clean and "偏置修正" in clean and "momentum" in clean


def test_terms_mix_english_words_and_chinese_bigrams() -> None:
    found = terms("Adam 使用 momentum 和偏置修正")
    assert {"adam", "momentum", "偏置", "修正"} <= found
    assert "the" not in terms("the gradient")


def test_control_characters_and_emoji_are_removed() -> None:
    assert clean_text("a\x00b\x07 😀 c\u200b") == "a b c"


def test_a_long_english_term_matches_with_one_typing_slip() -> None:
    used = SlipTolerantTerms(terms("the gradeint vanishes when layers are conncted"))
    assert "gradient" in used  # two letters swapped
    assert "connect" in used  # a letter dropped ("conncted" stems to "connct")
    assert used.share({"gradient", "explode"}) == 0.5


def test_short_words_and_chinese_need_the_exact_term() -> None:
    used = SlipTolerantTerms(terms("the layer uses a sparse 梯度"))
    assert "later" not in used and "spare" not in used  # one letter apart, other words
    assert "梯度" in used and "梯队" not in used
    assert "decrease" not in SlipTolerantTerms(terms("increase it"))


def test_formula_characters_survive_cleaning() -> None:
    """^ is a Unicode modifier symbol like the emoji skin tones, but in "2^(n-1)" it is the answer;
    superscripts become the same notation instead of NFKC's "2n-1"."""
    assert clean_text("2^(n-1) 和 x^2 😀") == "2^(n-1) 和 x^2"
    assert clean_text("2ⁿ⁻¹ 与 n²") == "2^(n-1) 与 n^2"
    assert clean_text("2 ^ (n - 1), O(n * log n)") == "2^(n-1), O(n*log n)"
    assert clean_text("a (small) change, (sigmoid - tanh)") == "a (small) change, (sigmoid - tanh)"
    assert {"o(n)", "2^(n-1)"} <= terms("O(n) 或 2^(n-1)")


def test_not_equal_is_no_sentence_end() -> None:
    assert SENTENCE_SPLIT_RE.split("smallest eps such that 1 + eps != 1") == [
        "smallest eps such that 1 + eps != 1"
    ]
    assert len(SENTENCE_SPLIT_RE.split("it works! then it stops? yes")) == 3


def test_a_phrase_padded_four_times_is_said_once_but_numbers_stay() -> None:
    """Padding earns no length (a weak answer plus 900 "and so on" scored above the weak answer
    once the instruction after it fell outside the text read); numbers are never padding."""
    assert strip_fillers("Adam有动量 and so on and so on and so on and so on") == (
        "Adam有动量 and so on"
    )
    padded = "BN BN层 用 batch 统计量 统计量 统计量 统计量"
    assert strip_fillers(padded) == "BN BN层 用 batch 统计量"
    kept = "batch size 10000 学习率 0.00001 卷积核 1,1,1,1,1"
    assert strip_fillers(kept) == kept
