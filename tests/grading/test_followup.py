"""Follow-up questions name the missing concept without stating the missing point."""

import pytest

from interviewer.grading.followup import ask, hints

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
    if zh:
        assert _longest_common_run(point, text) <= max(len(h) for h in found)
    else:
        assert _longest_common_run(point.split(), text.split()) <= 1


def test_terms_already_in_the_question_or_answer_are_not_the_hint() -> None:
    found = hints("SGD只使用当前梯度，所有参数共用一个学习率", "Adam和SGD的区别", "学习率")
    assert "SGD" not in found and "学习率" not in found


def test_no_usable_term_still_asks_an_open_question() -> None:
    assert ask("。。", "BN的作用", "", contradicted=False, partial=False, zh=True)
    assert "?" in ask("...", "What is BN?", "", contradicted=True, partial=False, zh=False)


def test_hints_are_whole_terms() -> None:
    # 过 starts 过拟合 here, it is not the verb that breaks a run
    assert hints("过拟合的风险会随模型复杂度上升", "什么是正则化", "加正则项")[0] == "过拟合"
    # a capitalised name is one term, without the sentence's "The"
    assert hints("The Batch Normalization layer", "what", "x")[0] == "Batch Normalization"
    assert "Early Stopping" in hints("Early Stopping：提前停止训练", "如何防止过拟合", "dropout")


def test_an_english_gloss_of_a_term_already_said_is_not_a_hint() -> None:
    found = hints("复杂假设称为过拟合(overfitting)", "什么是过拟合", "就是过拟合")
    assert "overfitting" not in found and found
