"""A key derived from a user's own page: statements, not fragments, and concepts that grade a
right answer once the user saves it."""

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
