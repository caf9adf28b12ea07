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
