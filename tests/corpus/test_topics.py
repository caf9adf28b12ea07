"""Topic assignment from headings, keywords and (for the rest) embeddings."""

from __future__ import annotations

import numpy as np
import pytest

from interviewer.corpus.topics import FALLBACK, TOPIC_NAMES, assign_topics, pick_topic


def test_taxonomy_is_a_fixed_small_list() -> None:
    assert 12 <= len(TOPIC_NAMES) <= 14
    assert len(set(TOPIC_NAMES)) == len(TOPIC_NAMES)
    assert FALLBACK in TOPIC_NAMES


@pytest.mark.parametrize(
    ("question", "headings", "topic"),
    [
        ("SGD是什么?", ("优化器",), "优化器"),
        ("偏差和方差的区别", ("过拟合",), "正则化/过拟合"),  # the chapter decides
        ("训练与推理时BN中的均值、方差计算差异是什么?", ("归一化",), "归一化"),
        ("梯度消失和梯度爆炸的主要原因", ("归一化",), "训练技巧"),  # own words beat the chapter
        ("transformer中为什么不适用BN归一化?", ("归一化",), "归一化"),
        ("LSTM为什么比RNN好", ("神经网络",), "RNN/LSTM"),
        ("Sigmoid、relu、tanh优缺点?", ("神经网络",), "激活函数"),
        ("目标检测中IOU是如何计算的?", (), "目标检测"),
        ("Precision 和 Recall 的定义", (), "评价指标"),
        ("讲一下决策树和随机森林", (), "传统机器学习"),
        ("什么是Attention机制", (), "注意力/Transformer"),
        ("KL散度", (), "数学/概率"),
        ("当训练神经网络来解决分类问题时,应该选用MSE还是CE作为损失函数?", (), "损失函数"),
        ("n层空洞卷积,rate为m,卷积核大小为3,步长是1,感受野多大", (), "CNN"),
    ],
)
def test_known_questions(question: str, headings: tuple[str, ...], topic: str) -> None:
    assert pick_topic([question], headings) == topic


def test_unmatched_questions_fall_back_without_an_embedder() -> None:
    assert pick_topic(["你的职业规划"], ()) is None
    assert assign_topics([(["你的职业规划"], [])]) == [FALLBACK]


class _OneHot:
    """A fake embedder: topic texts are unit axes, every question points at topic `index`."""

    def __init__(self, index: int) -> None:
        self.index = index

    def embed_symmetric(self, texts):
        if len(texts) == len(TOPIC_NAMES) and texts[0].startswith(TOPIC_NAMES[0]):
            return np.eye(len(texts), dtype=np.float32)
        out = np.zeros((len(texts), len(TOPIC_NAMES)), dtype=np.float32)
        out[:, self.index] = 1.0
        return out


def test_the_embedder_places_only_what_keywords_cannot() -> None:
    fake = _OneHot(TOPIC_NAMES.index("数学/概率"))
    topics = assign_topics([(["SGD是什么?"], []), (["100个选手两两pk"], [])], fake)
    assert topics == ["优化器", "数学/概率"]


def test_real_embedder_places_an_unkeyworded_question(embedder) -> None:
    # no keyword of any topic in it: only the embedding can tell this is about metrics
    assert pick_topic(["怎么衡量一个分类器的好坏"], ()) is None
    assert assign_topics([(["怎么衡量一个分类器的好坏"], [])], embedder) == ["评价指标"]


def test_answers_place_a_question_whose_own_words_name_no_topic() -> None:
    """A user's "什么是 Softplus？" names no topic; its answer does. The question's own words
    still win over its answer's."""
    softplus = "Softplus 是一种激活函数，log(1+e^x)，可以看作 ReLU 的平滑版本。"
    assert pick_topic(["什么是 Softplus？"], ()) is None
    assert assign_topics([(["什么是 Softplus？"], [], [softplus])]) == ["激活函数"]
    assert assign_topics([(["SGD是什么?"], [], [softplus])]) == ["优化器"]


def test_the_embedder_reads_the_question_with_the_start_of_its_answer() -> None:
    class Recording(_OneHot):
        seen: list[str] = []

        def embed_symmetric(self, texts):
            self.seen.extend(texts)
            return super().embed_symmetric(texts)

    fake = Recording(TOPIC_NAMES.index("训练技巧"))
    answer = "冻结原来的权重，旁边加一个可学的低秩分解。" + "很长的解释" * 100
    assert assign_topics([(["这个方法的原理"], [], [answer])], fake) == ["训练技巧"]
    asked = [t for t in fake.seen if t.startswith("这个方法的原理")]
    assert asked and "低秩分解" in asked[0] and len(asked[0]) < len(answer)


@pytest.mark.parametrize(
    ("headings", "path", "topic"),
    [
        (["推荐系统八股"], "user/推荐系统.md", "推荐系统"),  # the chapter names it
        ([], "user/rl_notes.txt", "RL"),  # else the user's file
        ([], "user/GNN 笔记 🧠.md", "GNN"),
        ([], "user/nlp_gbk 笔记.txt", "注意力/Transformer"),  # a name with a topic's words
        (["我的补充笔记"], "user/my-notes.md", "激活函数"),  # names nothing: the answer decides
        ([], "dl-interview-question-list.txt", "激活函数"),  # a shipped page's name never
    ],
)
def test_your_own_notes_on_a_subject_the_bank_lacks_are_its_topic(headings, path, topic) -> None:
    """Notes on 推荐系统, RL or GNN were spread over 正则化/过拟合, CNN, 数学/概率 … by a stray
    word of their answers, and `--topic 推荐系统` found nothing (new-user audit)."""
    answer = "GELU 是一种平滑的激活函数，和 ReLU 相比负半轴有小的输出。"
    assert assign_topics([(["它的原理是什么？"], headings, [answer], [path])]) == [topic]


def test_one_stray_topic_word_in_an_answer_places_nothing() -> None:
    """A GCN answer that says 归一化 once is no question about normalisation."""
    gcn = "GCN 用归一化的邻接矩阵聚合邻居特征，再做线性变换。"
    assert assign_topics([(["GCN 的核心思想是什么？"], [], [gcn])]) == [FALLBACK]
