"""Matcher problems found by the key reviews (each with the sentence that showed it)."""

from __future__ import annotations

from pathlib import Path

from interviewer.grading.keycheck import key_problems
from interviewer.grading.keyed import grade, spoken_core
from interviewer.grading.text import strip_fillers
from interviewer.keys.load import load_keys, parse_key

BOOK = load_keys([Path(__file__).resolve().parents[2] / "corpus" / "keys"])


def _named(answer: str, qid: str) -> list[str]:
    result = grade(answer, BOOK[qid], BOOK)
    return [r.misconception.claim for r in result.results if r.misconception]


def test_jiushi_between_two_content_words_is_the_verb_and_stays() -> None:
    assert strip_fillers("反向传播其实就是梯度下降") == "反向传播就是梯度下降"
    assert strip_fillers("多标签其实就是多分类") == "多标签就是多分类"
    assert strip_fillers("precision 就是所有样本中预测对的比例").startswith("precision 就是")
    assert strip_fillers("对 就是先前向再反向") == "对 先前向再反向"  # opening a clause: filler
    assert strip_fillers("取概率最大的那个类") == "取概率最大的那个类"
    assert strip_fillers("用额外的数据") == "用额外的数据"
    assert strip_fillers("回归的话用交叉熵") == "回归的话用交叉熵"
    assert strip_fillers("输出在-1 1之间") == "输出在-1 1之间"


def test_a_jiushi_claim_is_flagged_in_a_real_grade() -> None:
    assert "无监督学习就是聚类" in "; ".join(_named("无监督学习就是聚类 比如kmeans", "42abbc8016"))
    assert _named("过拟合就是偏差很大", "26e0939fc8")
    assert _named("偏差大的话就是过拟合了", "26e0939fc8")


def test_the_key_check_grades_examples_as_the_grader_does() -> None:
    key, problem = parse_key(
        """
ids = ["x"]
question = "q"
origin = "user"
[[points]]
text = "反向传播用链式法则求梯度。"
core = true
concepts = [["链式法则"], ["梯度"]]
[[points.misconceptions]]
claim = "反向传播就是梯度下降"
says = [["反向传播"], ["然后"], ["梯度下降"]]
correction = "反向传播只求梯度，更新参数的是梯度下降。"
examples = ["反向传播然后梯度下降"]
""",
        "x.toml",
    )
    assert problem is None and key is not None
    problems = key_problems(key)
    assert any("'然后' is cut by filler stripping" in p for p in problems)
    assert any("is not flagged" in p for p in problems)  # graded without its 然后, as grade() does
    assert spoken_core("反向传播然后梯度下降") == "反向传播梯度下降"


def test_a_central_misconception_is_named_over_a_side_one_listed_first() -> None:
    answer = "sigmoid的导数最大是1 所以它其实不会梯度消失"
    result = grade(answer, BOOK["ba79cea205"], BOOK)
    [wrong] = [r.misconception for r in result.results if r.misconception]
    assert wrong.central and result.score <= 2.5


def test_a_negation_right_before_a_claims_first_part_vetoes_it() -> None:
    from interviewer.grading.keymatch import match_claim, normalise

    assert not _named("没有bn的时候学习率要设小一点 有了bn就可以用大的学习率", "aaaf911793")
    assert match_claim(normalise("1x1卷积不会增大感受野"), [["增大"], ["感受野"]]) is None
    assert match_claim(normalise("without bn the lr must be small"), [["bn"], ["small"]]) is None
    assert match_claim(normalise("1x1卷积会增大感受野"), [["增大"], ["感受野"]]) is not None
    # a negation inside a wording of the claim is the claim
    assert match_claim(normalise("adam 不用调学习率"), [["不用调"], ["学习率"]]) is not None


def test_a_one_character_unless_word_does_not_veto_inside_a_set_phrase() -> None:
    answer = "roi align跟roi pooling区别不大 它也是先把坐标四舍五入成整数"
    assert _named(answer, "60f3eb7d78")
    from interviewer.grading.keymatch import match_claim, normalise

    assert match_claim(normalise("l1 不会让权重稀疏"), [["l1"], ["稀疏"]], ["不"]) is None
