"""Answer-key files: good ones load, a bad one is one line naming the file, line and problem."""

from __future__ import annotations

from pathlib import Path

from interviewer.keys.load import load_keys, parse_key
from interviewer.types.answer_key import statement_problem

GOOD = """
ids = ["q1", "q2"]
question = "L1 和 L2 正则的区别"
[[points]]
text = "L1 正则会让权重稀疏，很多权重变成 0。"
concepts = [["l1"], ["稀疏", "sparse"]]
ask = "哪个会让权重稀疏？"
"""


def test_a_good_key_loads_for_every_id_it_lists(tmp_path: Path) -> None:
    (tmp_path / "k.toml").write_text(GOOD, encoding="utf-8")
    book = load_keys([tmp_path])
    assert set(book) == {"q1", "q2"}
    assert book["q1"] is book["q2"]
    assert book.problems == []
    assert len(book.distinct()) == 1


def test_a_broken_file_is_one_line_and_the_rest_still_load(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.toml").write_text('ids = ["x"]\n[[points]\ntext = "oops"\n', encoding="utf-8")
    book = load_keys([tmp_path])
    assert "q1" in book
    assert len(book.problems) == 1
    assert book.problems[0].startswith(str(tmp_path / "bad.toml") + ":2:")


def test_a_fragment_point_is_rejected_with_its_line() -> None:
    text = GOOD.replace("L1 正则会让权重稀疏，很多权重变成 0。", "一方面，")
    key, problem = parse_key(text, "k.toml")
    assert key is None
    assert problem is not None and problem.startswith("k.toml:5: points.0.text")


def test_a_key_without_a_core_point_is_rejected() -> None:
    key, problem = parse_key(GOOD.replace("[[points]]", "[[points]]\ncore = false"), "k.toml")
    assert key is None and problem is not None and "core" in problem


def test_the_users_key_wins_over_the_shipped_one(tmp_path: Path) -> None:
    shipped, mine = tmp_path / "shipped", tmp_path / "mine"
    shipped.mkdir()
    mine.mkdir()
    (shipped / "k.toml").write_text(GOOD, encoding="utf-8")
    edited = GOOD.replace('question = "L1', 'origin = "user"\nquestion = "L1')
    (mine / "k.toml").write_text(edited, encoding="utf-8")
    book = load_keys([shipped, mine])
    assert book["q1"].origin.value == "user"


def test_statements_versus_fragments() -> None:
    for fragment in ["一方面", "因此不适合", "(ii)LSTM", "1. 梯度消失的原因是", "它会让模型，"]:
        assert statement_problem(fragment) is not None, fragment
    for statement in [
        "L1 正则会让权重稀疏。",
        "Dropout randomly zeroes activations during training.",
    ]:
        assert statement_problem(statement) is None, statement


WITH_PATTERNS = (
    GOOD
    + """
[[points.misconceptions]]
claim = "L2 正则让权重稀疏"
says = [["l2"], ["稀疏", "sparse"]]
also_says = [[["稀疏", "sparse"], ["是", "靠"], ["l2"]], [["makes"], ["sparse"]]]
correction = "让权重稀疏的是 L1；L2 让权重整体变小但很少正好为 0。"
examples = ["L2 会让权重稀疏", "稀疏主要是靠 L2", "it makes the weights sparse"]
"""
)


def test_a_claim_said_by_any_of_its_patterns_is_flagged_and_survives_a_round_trip() -> None:
    from interviewer.grading.keymatch import normalise, states
    from interviewer.keys.write import dump_key

    key, problem = parse_key(WITH_PATTERNS, "k.toml")
    assert problem is None
    wrong = key.points[0].misconceptions[0]
    for said in wrong.examples:
        assert states(normalise(said), wrong) is not None, said
    assert states(normalise("L1 会让权重稀疏"), wrong) is None
    again, problem = parse_key(dump_key(key), "k.toml")
    assert problem is None and again.points[0].misconceptions[0].also_says == wrong.also_says


ZERO_INIT = """
ids = ["q1"]
question = "权重能全设为 0 吗"
[[points]]
text = "权重不能全设为 0，同层神经元会对称，学到一样的东西。"
concepts = [["对称", "symmetr"]]
[[points.misconceptions]]
claim = "权重可以全设为 0"
says = [["全0", "全设为0"], ["没问题", "is fine"]]
unless_before = ["逻辑回归", "没有隐藏层"]
unless_after = ["偏置"]
correction = "权重全 0 会让同层神经元对称；只有没有隐藏层的模型（如逻辑回归）无所谓。"
examples = ["权重全设为0没问题"]
"""


def test_a_claim_scoped_by_words_around_it_is_not_flagged_and_survives_a_round_trip() -> None:
    from interviewer.grading.keymatch import normalise, states
    from interviewer.keys.write import dump_key

    key, problem = parse_key(ZERO_INIT, "k.toml")
    assert problem is None
    wrong = key.points[0].misconceptions[0]
    assert states(normalise("权重全0没问题 反正会更新"), wrong) is not None
    scoped = "神经网络不行，但逻辑回归这种没有隐藏层的模型，全0初始化是没问题的"
    assert states(normalise(scoped), wrong) is None
    far = "逻辑回归我不太熟。神经网络的话权重全0没问题"  # another sentence: not its scope
    assert states(normalise(far), wrong) is not None
    assert states(normalise("全0初始化没问题 不过只对偏置"), wrong) is None  # unless_after
    again, problem = parse_key(dump_key(key), "k.toml")
    assert problem is None
    assert again.points[0].misconceptions[0].unless_before == ["逻辑回归", "没有隐藏层"]
    assert again.points[0].misconceptions[0].unless_after == ["偏置"]


def test_an_empty_extra_pattern_is_rejected() -> None:
    broken = WITH_PATTERNS.replace('also_says = [[["稀疏"', 'also_says = [[], [["稀疏"')
    key, problem = parse_key(broken, "k.toml")
    assert key is None and "also_says" in problem
