"""Every message the candidate reads exists in both languages and fills in cleanly."""

from interviewer.types.verdict import Label
from interviewer.wording import keys, label_name, opening, pieces, say

VALUES = {
    "length": 5000,
    "limit": 4000,
    "why": "HTTP 500",
    "how": "by similarity",
    "count": 3,
    "other": "What does BN do?",
    "said": "L2 makes weights sparse",
    "correction": "L1 does.",
    "points": "BN subtracts the mean",
    "named": "momentum",
    "first": "momentum",
    "second": "bias correction",
    "terms": "momentum",
    "head": "SGD uses",
    "penalty": 1.5,
    "before": 6.0,
    "after": 4.5,
    "grader": "offline",
    "confidence": 0.62,
    "seconds": 30.0,
    "rate": 200.0,
    "fillers": "um×2",
    "share": 0.25,
    "marks": "definition✓",
}


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_message_has_an_english_and_a_chinese_wording() -> None:
    for key in keys():
        english, chinese = say(key, False, **VALUES), say(key, True, **VALUES)
        assert english and chinese and english != chinese, key
        assert not _cjk(english), key
        assert _cjk(chinese), key


def test_every_label_has_a_name() -> None:
    assert [label_name(label, True) for label in Label] == [
        "答得好",
        "部分正确",
        "不正确",
        "与参考矛盾",
        "未作答",
        "答非所问",
    ]
    assert label_name("from_a_newer_version", True) == "from_a_newer_version"


def test_pieces_keep_the_filled_in_values_apart_for_styling() -> None:
    said = pieces("card_said_wrong", True, said="L2 稀疏", correction="L1 才稀疏。")
    assert said == [(" 你说“", ""), ("L2 稀疏", "said"), ("”：", ""), ("L1 才稀疏。", "correction")]
    assert "".join(t for t, _ in said) == " 你说“L2 稀疏”：L1 才稀疏。"


def test_opening_is_the_fixed_start_of_a_message() -> None:
    assert opening("hint_used", True) == "用了提示，扣 "
    assert say("hint_used", True, penalty=1.5, before=6, after=4.5).startswith("用了提示，扣 ")
