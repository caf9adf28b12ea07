"""Text plumbing: cleaning hostile input, stripping spoken fillers, the lexical terms."""

from __future__ import annotations

from interviewer.grading.text import clean_text, strip_fillers, terms


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
