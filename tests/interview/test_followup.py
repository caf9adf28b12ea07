"""Follow-up questions name the missing concept without stating the missing point."""

import re

import pytest

from interviewer.grading.naming import naming_terms as hints
from interviewer.interview.followup import ask

CASES = [
    ("神经网络初始化的权值过大，每层网络反向求导的结果都大于1", "梯度爆炸的原因是什么", "梯度很大"),
    ("SGD只使用当前梯度，所有参数共用一个学习率", "Adam和SGD有什么区别？", "Adam有动量"),
    ("防止神经元之间的共适应，减少过拟合", "为什么需要Dropout？", "随机丢弃神经元"),
    (
        "with saturating activations like sigmoid they shrink exponentially",
        "What is the vanishing gradient problem?",
        "it is about gradients",
    ),
]


def _longest_common_run(a, b) -> int:
    """Longest run of `a` (characters or words) that also occurs in `b`."""
    best = 0
    joined = b if isinstance(b, str) else " " + " ".join(b) + " "
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            run = a[i:j] if isinstance(a, str) else " " + " ".join(a[i:j]) + " "
            if run in joined:
                best = j - i
            else:
                break
    return best


@pytest.mark.parametrize(("point", "question", "answer"), CASES)
@pytest.mark.parametrize("partial", [False, True])
def test_the_follow_up_names_terms_but_does_not_quote_the_point(
    point, question, answer, partial
) -> None:
    zh = any("\u4e00" <= ch <= "\u9fff" for ch in question)
    text = ask(point, question, answer, contradicted=False, partial=partial, zh=zh)
    found = hints(point, question, answer)
    assert found and all(h in text for h in found)
    assert point not in text and "「" not in text
    # at most one short term of the point appears word for word
    if zh:  # punctuation is not quoting: compare the words only
        words = re.compile(r"[，。,.？?！!：:；;\s]")
        assert _longest_common_run(words.sub("", point), words.sub("", text)) <= max(
            len(h) for h in found
        )
    else:
        assert _longest_common_run(point.split(), text.split()) <= 1


def test_no_usable_term_still_asks_an_open_question() -> None:
    assert ask("。。", "BN的作用", "", contradicted=False, partial=False, zh=True)
    assert "?" in ask("...", "What is BN?", "", contradicted=True, partial=False, zh=False)


CNN_REF = (
    "在输入数据的不同部位，我们使用完全相同的卷积核进行卷积运算。卷积核的参数共享可以有效减少"
    "模型的参数量。除了参数共享之外，卷积操作的本质还包含了另一种特性，被称为稀疏交互。卷积核"
    "尺寸一般远小于输入数据的尺寸，即每个输出神经元仅与输入数据的局部区域关联。"
)


def test_a_point_whose_every_term_was_said_gets_the_plain_question() -> None:
    question = "如何理解CNN中的参数共享以及稀疏交互？"
    point = "除了参数共享之外，卷积操作的本质还包含了另一种特性，被称为稀疏交互"
    said = "参数共享就是同一个卷积核扫过整张图，稀疏交互就是只看局部"
    text = ask(point, question, said, contradicted=False, partial=False, zh=True, reference=CNN_REF)
    assert text == "这道题还有哪些要点你没讲到？能再补充一下吗？"


def test_a_follow_up_on_a_partly_made_point_never_says_the_candidate_named_its_term() -> None:
    """The named terms are ones the answer did not say: "你提到了一点one-hot" to an answer that
    never said one-hot (a new-user audit) told the candidate they had said it."""
    answer = "label smoothing 会让模型对预测更加自信，是一种数据增强"
    point = "把 one-hot 标签的 1 换成 1-ε，其余类分到 ε，防止模型对预测过度自信"
    text = ask(point, "label smoothing 的作用", answer, contradicted=False, partial=True, zh=True)
    named = hints(point, "label smoothing 的作用", answer)
    assert named and all(term not in answer for term in named)
    assert all(term in text for term in named) and "提到" not in text
