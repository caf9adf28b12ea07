"""A key derived from a user's own page: statements, not fragments, and concepts that grade a
right answer once the user saves it."""

import pytest

from interviewer.grading.keyderive import derive_key
from interviewer.grading.keyed import grade
from interviewer.types.answer_key import statement_problem

POSITION = (
    "self-attention 本身是置换不变的，不包含顺序信息，所以必须加入位置编码。原始 Transformer "
    "用正余弦位置编码，它可以外推到更长的序列，并且相对位置可以用线性变换表示；BERT 用的是可学习的"
    "位置编码。"
)
LAYER_NORM = (
    "Post-LN 是原论文的做法，深层时梯度不稳定，需要 warmup；Pre-LN 训练更稳定，可以不用 warmup，"
    "但是最终效果有时略差。"
)


def test_derived_points_are_statements_without_connectors() -> None:
    key = derive_key("ln", "LayerNorm 放在残差前面(Pre-LN)和后面(Post-LN)有什么区别？", LAYER_NORM)
    assert key is not None
    texts = [p.text for p in key.points]
    assert "深层时梯度不稳定，需要 warmup" in texts and "需要 warmup" not in texts
    assert all(statement_problem(t) is None for t in texts)
    assert not any(t.startswith(("但是", "需要", "可以")) for t in texts)


def test_a_negated_statement_keeps_its_negation_in_the_concept() -> None:
    key = derive_key("pos", "位置编码为什么是必须的？", POSITION)
    assert key is not None
    point = next(p for p in key.points if "顺序信息" in p.text)
    assert ["不包含顺序信息"] in point.concepts
    right = "因为 self-attention 对顺序是置换不变的 它本身不包含顺序信息 所以要加位置编码"
    result = next(r for r in grade(right, key).results if r.point.text == point.text)
    assert result.match.said


RECALL = (
    "召回阶段的目标是从海量物品中快速筛选出几百到几千个候选，追求速度和覆盖率，常用双塔模型、"
    "协同过滤、向量检索（如 Faiss）。\n排序阶段对召回的少量候选进行精细打分，追求准确率，常用 "
    "DeepFM、DIN 等模型。"
)
TWO_TOWER = (
    "双塔模型把用户特征和物品特征分别输入两个独立的神经网络，得到用户向量和物品向量。"
    "物品向量可以离线计算并建索引。线上只需计算用户向量。用户和物品特征交叉太晚，表达能力有限。"
)


def test_a_list_of_examples_is_one_concept_any_item_of_which_counts() -> None:
    """The audit's draft for 召回/排序 required ["追求"] and ["常用"], and cut "常用 DeepFM" and
    "DIN 等模型" into points of their own."""
    key = derive_key("rank", "推荐系统的召回和排序有什么区别？", RECALL)
    assert key is not None
    recall, ranking = key.points
    assert recall.text.startswith("召回阶段") and "追求速度和覆盖率" in recall.text
    assert ["双塔", "协同过滤", "向量检索", "Faiss"] in recall.concepts
    assert ["DeepFM", "DIN"] in ranking.concepts
    words = {w for p in key.points for group in p.concepts for w in group}
    assert not words & {"追求", "常用", "阶段", "候选"}
    said = "召回就是从海量物品里快速捞出几千个候选 要快 覆盖率要高 一般用双塔"
    result = next(r for r in grade(said, key).results if r.point.text == recall.text)
    assert result.match.said


def test_a_word_most_points_say_is_no_concept() -> None:
    key = derive_key("tower", "什么是双塔模型？", TWO_TOWER)
    assert key is not None
    assert all(["用户"] not in p.concepts and ["物品"] not in p.concepts for p in key.points)


# Own notes as an LLM writes them (new-user audit): each point's draft concepts are what a
# reviewer would accept — the point's own content words, alternatives and glosses in one group —
# and they grade a right spoken answer covered and a wrong or unrelated one not.
LORA = (
    "LoRA 冻结预训练权重 W，在旁边加两个低秩矩阵 A 和 B，ΔW = BA。训练时只更新 A 和 B，参数量"
    "大大减少。推理时可以把 BA 合并回 W，不增加推理延迟。"
)
KV_CACHE = (
    "KV cache 就是把历史 token 的 K、V 缓存下来，自回归生成时每一步只需计算新 token 的 Q、K、V。"
    "这样避免了重复计算，把每步的计算量从 O(n^2) 降到 O(n)。代价是显存占用随序列长度线性增长。"
)
ATTENTION_HEADS = (
    "三者的 K/V 头共享方式不同。MHA：KV 头数 与 Q 头数相同，显存占用 最大，效果 最好。"
    "MQA：KV 头数 1，显存占用 最小，效果 略差。"
    "GQA：KV 头数 分组共享，显存占用 居中，效果 接近 MHA。"
    "GQA 是 MHA 和 MQA 的折中。"
)
DIN = (
    "DIN(Deep Interest Network)引入注意力机制，根据候选广告对用户历史行为加权。用户兴趣是多样的，"
    "不同的候选广告激活不同的历史兴趣。相比把历史行为做 sum pooling，DIN 能更好地刻画用户兴趣。"
)
MATCHING = (
    "用户塔和物品塔分别输出用户向量和物品向量。用内积或余弦相似度衡量匹配程度。物品向量可以离线"
    "计算并存入 Faiss 做近邻检索。"
)
RLHF = (
    "RLHF 分三步：先做监督微调（SFT），再用人类偏好数据训练奖励模型（Reward Model），最后用 PPO "
    "优化策略模型。PPO 阶段加入 KL 散度惩罚，防止策略偏离参考模型太远。"
)
DPO = (
    "DPO 不需要训练单独的奖励模型，直接用偏好数据优化策略。DPO 把 RLHF 的目标转化为一个分类损失，"
    "训练更稳定、实现更简单。PPO 需要采样和在线交互，显存开销大。"
)
Q_LEARNING = (
    "Q-learning 是 off-policy 算法，更新时用下一状态的最大 Q 值。SARSA 是 on-policy 算法，用实际"
    "执行的下一个动作的 Q 值更新。"
)
POLICY_GRADIENT = (
    "策略梯度直接对策略参数化，通过梯度上升最大化期望回报。REINFORCE 用蒙特卡洛采样估计回报，"
    "方差很大。引入基线（baseline）可以降低方差而不改变梯度的期望。"
)
COLD_START = (
    "新用户可以利用注册信息或人口统计特征做推荐。新物品可以利用内容特征或者标签做推荐。也可以用"
    "探索与利用（Exploration and Exploitation）策略，比如 Bandit 算法。"
)
NEGATIVES = (
    "随机负采样从全部物品中均匀采样作为负样本。热门物品容易被当成负样本，需要对热门物品降采样。"
    "困难负样本（hard negative）能提升模型区分能力。"
)

DRAFTS = [
    # (question, notes, the point (a part of its text), its concepts, right answer, wrong answer)
    (
        "LoRA 的原理是什么？",
        LORA,
        "训练时只更新",
        [["只更新"]],
        "训练的时候只更新 A 和 B 这两个小矩阵",
        "训练时把整个模型的参数全都更新一遍",
    ),
    (
        "什么是 KV cache？",
        KV_CACHE,
        "代价是显存",
        [["线性增长"]],
        "缺点是显存会随着序列长度线性增长",
        "显存占用是固定的 跟序列长度没关系",
    ),
    (
        "什么是 KV cache？",
        KV_CACHE,
        "避免了重复计算",
        [["重复计算"]],
        "这样就避免了大量的重复计算",
        "每生成一个词都把整个序列重新算一遍",
    ),
    (
        "MHA、MQA 和 GQA 有什么区别？",
        ATTENTION_HEADS,
        "MQA：",
        [["MQA"], ["最小", "略差"]],
        "MQA 所有头共用一组 KV 显存最小 但是效果会略差一点",
        "MQA 的显存占用是最大的",
    ),
    (
        "MHA、MQA 和 GQA 有什么区别？",
        ATTENTION_HEADS,
        "GQA：",
        [["GQA"], ["分组共享", "居中", "接近 MHA"]],
        "GQA 是把 query 头分组共享 KV 效果接近 MHA",
        "GQA 就是每个头都有自己独立的 KV",
    ),
    (
        "MHA、MQA 和 GQA 有什么区别？",
        ATTENTION_HEADS,
        "的折中",
        [["折中"]],
        "GQA 可以看成 MHA 和 MQA 之间的一个折中",
        "GQA 比 MHA 效果更好",
    ),
    (
        "DIN 模型的核心思想是什么？",
        DIN,
        "引入注意力",
        [["注意力"]],
        "DIN 的核心就是引入 attention",
        "DIN 就是把用户的历史行为直接做平均池化",
    ),
    (
        "DIN 模型的核心思想是什么？",
        DIN,
        "根据候选广告",
        [["候选广告"], ["历史行为"]],
        "它会根据候选广告给用户的历史行为算不同的权重",
        "把用户所有的历史行为平均一下就行",
    ),
    (
        "双塔模型怎么计算用户和物品的匹配？",
        MATCHING,
        "用内积",
        [["内积", "余弦相似度"]],
        "两个向量算一下余弦相似度就是打分",
        "把两个塔的输出拼起来再过一个 MLP",
    ),
    (
        "双塔模型怎么计算用户和物品的匹配？",
        MATCHING,
        "Faiss",
        [["Faiss"]],
        "物品向量提前离线算好 存到 faiss 里做近邻检索",
        "线上每次请求都实时算所有物品的向量",
    ),
    (
        "RLHF 的流程是什么？",
        RLHF,
        "监督微调",
        [["监督微调", "SFT"]],
        "第一步先做 SFT",
        "第一步直接用 PPO 训练模型",
    ),
    (
        "RLHF 的流程是什么？",
        RLHF,
        "奖励模型",
        [["奖励模型", "Reward Model"]],
        "然后用人类标注的偏好数据训一个 reward model",
        "然后用人类标注的数据继续做预训练",
    ),
    (
        "RLHF 的流程是什么？",
        RLHF,
        "KL 散度",
        [["KL"]],
        "PPO 的时候还要加一个 KL 惩罚",
        "PPO 阶段只要把奖励最大化就行",
    ),
    (
        "DPO 和 PPO 有什么区别？",
        DPO,
        "不需要训练单独",
        [["不需要…奖励模型"]],
        "DPO 不需要奖励模型",
        "DPO 也得先训练一个奖励模型",
    ),
    (
        "Q-learning 和 SARSA 有什么区别？",
        Q_LEARNING,
        "Q-learning 是",
        [["off-policy"]],
        "Q-learning 是 off policy 的",
        "Q-learning 是 on-policy 的",
    ),
    (
        "策略梯度方法的基本思想？",
        POLICY_GRADIENT,
        "引入基线",
        [["方差"], ["基线", "baseline"]],
        "减去一个 baseline 可以把方差降下来",
        "加 baseline 是为了让回报变大",
    ),
    (
        "推荐系统的冷启动怎么解决？",
        COLD_START,
        "新用户",
        [["新用户"], ["注册信息", "人口统计特征"]],
        "新用户的话可以用他的注册信息来推荐",
        "新用户就直接给他推热门",
    ),
    (
        "推荐系统的冷启动怎么解决？",
        COLD_START,
        "探索与利用",
        [["探索与利用", "Exploration and Exploitation"], ["Bandit"]],
        "还可以用探索与利用的思路 比如 bandit",
        "还可以用协同过滤",
    ),
    (
        "召回中的负采样怎么做？",
        NEGATIVES,
        "困难负样本",
        [["困难负样本", "hard negative"]],
        "加一些 hard negative 能让模型区分能力更强",
        "负样本全都随机采就行",
    ),
]


@pytest.mark.parametrize(("question", "notes", "part", "concepts", "right", "wrong"), DRAFTS)
def test_draft_concepts_are_what_a_reviewer_keeps(
    question: str, notes: str, part: str, concepts: list[list[str]], right: str, wrong: str
) -> None:
    key = derive_key("own", question, notes)
    assert key is not None
    point = next(p for p in key.points if part in p.text)
    assert point.concepts == concepts, point.text
    said = {r.point.text: r.covered for r in grade(right, key).results}
    assert said[point.text], right
    said = {r.point.text: r.covered for r in grade(wrong, key).results}
    assert not said[point.text], wrong


def test_no_draft_concept_is_a_frame_a_fragment_or_a_glued_verb() -> None:
    """The audit's drafts: [["训练时"]], [["自回归生成时"]], [["略差"]] alone, [["历史行"]],
    [["用内积"]], and the question's DIN spelled out as [["Deep Interest Network"]]."""
    words = set()
    for question, notes in [
        ("LoRA 的原理是什么？", LORA),
        ("什么是 KV cache？", KV_CACHE),
        ("DIN 的核心思想？", DIN),
        ("双塔怎么匹配？", MATCHING),
        ("MHA、MQA 和 GQA 有什么区别？", ATTENTION_HEADS),
    ]:
        key = derive_key("own", question, notes)
        assert key is not None
        words |= {w for p in key.points for g in p.concepts for w in g}
    assert not words & {
        "训练时",
        "推理时",
        "自回归生成时",
        "历史行",
        "用内积",
        "Deep Interest Network",
    }
