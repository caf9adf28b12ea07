"""A follow-up on a point of the notes (no answer key) asks about that one point, the way a key's
follow-up does: it names the point's subject and turns the predicate into the question, never
says what the point says, and is not built from a fragment."""

import pytest

from interviewer.interview.followup import FOLLOW_UP_LABELS, point_question, wants_follow_up
from interviewer.types.verdict import Label, Verdict

RECSYS = "推荐系统的整体流程是怎样的？"
TWO_TOWER = "什么是双塔模型？"
RL = "on-policy 和 off-policy 的区别是什么？"


@pytest.mark.parametrize(
    ("point", "question", "expected"),
    [
        ("双塔模型的缺点是用户和物品特征交互太晚，无法做细粒度的特征交叉", TWO_TOWER,
         "双塔模型的缺点是什么？"),
        ("推荐系统一般分为召回、粗排、精排和重排四个阶段", "召回和排序有什么区别？",
         "推荐系统一般分为哪几部分？"),
        ("召回阶段从百万级的物品库中快速筛选出几千个候选物品，常用双塔模型", RECSYS,
         "那召回阶段呢？能具体讲讲吗？"),
        ("粗排阶段用轻量模型对几千个候选打分", RECSYS, "那粗排阶段用什么？"),
        ("两个 embedding 的内积或余弦相似度作为匹配分数", TWO_TOWER,
         "两个 embedding 的内积或余弦相似度是用来做什么的？"),
        # the question's own subject, asked something narrower
        ("DeepFM 由 FM 部分和 Deep 部分组成，两部分共享同一个 embedding 层",
         "DeepFM 的结构是什么？", "DeepFM由哪几部分组成？"),  # the phraser spaces it
        ("Deep 部分是一个多层感知机", "DeepFM 的结构是什么？", "Deep 部分是什么？"),
        ("on-policy 方法的行为策略和目标策略是同一个策略，例如 SARSA 和 PPO", RL,
         "on-policy 方法的行为策略和目标策略是什么关系？"),
        ("用户的兴趣是多样的", "DIN 模型的核心思想是什么？", "用户的兴趣有什么特点？"),
        ("目标网络(target network)是 Q 网络的一个延迟副本", "DQN 为什么需要目标网络？", None),
    ],
)
def test_a_missed_point_is_asked_about_by_its_subject(point, question, expected) -> None:
    """The last case: the point's subject is the question's own (目标网络), so there is nothing
    new to ask — not "目标网络是什么？" back at the candidate."""
    assert point_question(point, question, zh=True) == expected


def test_the_question_never_says_what_the_point_says() -> None:
    point = "双塔模型的缺点是用户和物品特征交互太晚，无法做细粒度的特征交叉"
    text = point_question(point, TWO_TOWER, zh=True)
    assert text is not None and "交互太晚" not in text and "特征交叉" not in text


@pytest.mark.parametrize(
    "point",
    [
        "粗排",  # too short: one item of a list the cutter split
        "1. 召回阶段从百万级的物品库中筛选候选",  # a list marker
        "因此双塔模型适合召回阶段",  # a connector: half of a sentence
        "常用双塔模型",  # no subject of its own
        "样本效率更高",  # a comparison whose subject is in another point
        "它的注意力权重不做 softmax 归一化",  # 它 points back to another sentence
    ],
)
def test_no_follow_up_is_built_from_a_fragment(point) -> None:
    assert point_question(point, RECSYS, zh=True) is None


def test_a_claim_got_wrong_is_quoted_from_the_answer() -> None:
    point = "off-policy 方法可以使用经验回放(experience replay)重复利用历史数据"
    text = point_question(point, RL, zh=True, contradicted=True, said="off-policy 不能用经验回放，")
    assert text == "你说“off-policy 不能用经验回放”，这个再想想：对吗？为什么？"
    # the word joining it to what came before is not part of the claim
    said, cost = "但是显存会随序列长度变小", "代价：显存占用随序列长度线性增长"
    text = point_question(cost, RL, zh=True, contradicted=True, said=said)
    assert text == "你说“显存会随序列长度变小”，这个再想想：对吗？为什么？"
    # without the answer's words (or too long to quote) it is asked about by its subject
    assert point_question(point, RL, zh=True, contradicted=True) == (
        "那off-policy 方法呢？能具体讲讲吗？"
    )


def test_english_points_are_asked_in_english() -> None:
    question = "What is the two-tower model?"
    assert point_question("Dropout is a regularizer", question, zh=False) == "What is Dropout?"
    text = point_question(
        "The item tower can be computed offline and indexed with ANN", question, zh=False
    )
    assert text == "And the item tower — can you say more about it?"


def _verdict(score: float, label: Label) -> Verdict:
    return Verdict(score=score, label=label, grader="t", confidence=1.0, follow_up="那召回呢？")


@pytest.mark.parametrize(
    ("score", "label", "asked"),
    [
        (6.9, Label.CORRECT, False),  # the similarity grader labels correct from 5: passed
        (6.9, Label.PARTIAL, True),
        (7.0, Label.PARTIAL, False),
        (2.0, Label.INCORRECT, True),
        (2.5, Label.CONTRADICTS, True),
        (0.0, Label.EMPTY, False),
        (3.0, Label.OFF_TOPIC, False),
    ],
)
def test_one_rule_decides_a_follow_up_keyed_or_not(score, label, asked) -> None:
    assert wants_follow_up(_verdict(score, label), is_follow_up=False) is asked
    assert (label in FOLLOW_UP_LABELS) or not asked
    assert not wants_follow_up(_verdict(score, label), is_follow_up=True)
