"""Every message the candidate reads exists in both languages and fills in cleanly, and the TUI
takes its words from the catalogue instead of spelling them out."""

import ast
import string
from pathlib import Path

import interviewer.tui
from interviewer.types.verdict import Label
from interviewer.wording import _MESSAGES, joined, keys, label_name, opening, pieces, say

VALUES = {
    "length": 5000,
    "limit": 4000,
    "why": "HTTP 500",
    "how": "by similarity",
    "count": 3,
    "other": "What does BN do?",
    "said": "L2 makes weights sparse",
    "asked": "the two-tower model's drawback",
    "correction": "L1 does.",
    "points": "BN subtracts the mean",
    "named": "momentum",
    "first": "momentum",
    "second": "bias correction",
    "terms": "momentum",
    "head": "SGD uses",
    "penalty": 1.5,
    "graded": "5.5",
    "own": "8",
    "question_id": "7b9805b2c6",
    "before": 6.0,
    "after": 4.5,
    "grader": "offline",
    "confidence": 0.62,
    "seconds": 30.0,
    "rate": 200.0,
    "fillers": "um×2",
    "share": 0.25,
    "marks": "definition✓",
    "index": 2,
    "total": 5,
    "error": "disk full",
    "unknown": "quantum",
    "topics": 12,
    "session": 7,
    "where": "~/.local/share/interviewer/history.db",
    "stale": "notes changed",
    "command": "interviewer build",
    "detail": "qwen2.5 at localhost:11434",
    "minutes": 3,
    "secs": 7,
    "clock": "15:20",
    "days": 3,
    "questions": 120,
    "due": 4,
    "answered": 3,
    "max_count": 50,
    "streak": 5,
    "sessions": 9,
    "mean": "6.4",
    "per_100": 1.2,
    "top": "um×2",
    "structured": 4,
    "answers": 6,
    "score": "6.4/10",
    "what": "the average of 5 main questions",
    "note": "graded offline by similarity",
    "when": "three days ago",
    "weeks": 2,
    "months": 1,
}


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_message_has_an_english_and_a_chinese_wording() -> None:
    for key in keys():
        english, chinese = say(key, False, **VALUES), say(key, True, **VALUES)
        assert english and chinese and english != chinese, key
        assert not _cjk(english), key
        assert _cjk(chinese), key


def _fields(text: str) -> set[tuple[str, str]]:
    return {(f, spec or "") for _, f, spec, _ in string.Formatter().parse(text) if f is not None}


def test_both_wordings_take_the_same_values() -> None:
    """A value named in one language and not the other would be lost (or raise) in translation."""
    for key, (english, chinese) in _MESSAGES.items():
        assert _fields(english) == _fields(chinese), key


def test_lists_are_run_together_the_way_each_language_does() -> None:
    assert joined(["a", "b"], True) == "a、b"
    assert joined(["a", "b"], False) == "a, b"
    assert joined(["a", "b"], True, kind="clause") == "a；b"


def _chinese_literals(path: Path) -> list[str]:
    """String constants with Chinese characters, outside docstrings (a bare string statement:
    a module, class or function docstring, or the one under an attribute)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documentation = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in documentation
        and _cjk(node.value)
    ]


def test_the_tui_takes_its_words_from_the_catalogue() -> None:
    """A widget only lays things out: every word the candidate reads comes from wording.py,
    where it has an English twin."""
    root = Path(interviewer.tui.__file__).parent
    found = [hit for path in sorted(root.rglob("*.py")) for hit in _chinese_literals(path)]
    assert found == []


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
