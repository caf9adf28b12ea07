"""Every message the offline grader shows exists in both languages and fills in cleanly."""

from interviewer.grading.wording import keys, say

VALUES = {
    "length": 5000,
    "limit": 4000,
    "why": "HTTP 500",
    "grader": "similarity",
    "count": 3,
    "other": "What does BN do?",
    "said": "L2 makes weights sparse",
    "correction": "L1 does.",
    "points": "BN subtracts the mean",
}


def test_every_message_has_an_english_and_a_chinese_wording() -> None:
    for key in keys():
        english, chinese = say(key, False, **VALUES), say(key, True, **VALUES)
        assert english and chinese and english != chinese, key
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in english), key
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), key
