"""The terms that name a point: known concepts first, whole terms, never what the question or
the answer already said (what follow-ups, hints and derived keys name)."""

from interviewer.grading.naming import naming_terms as hints


def test_terms_already_in_the_question_or_answer_are_not_the_hint() -> None:
    found = hints("SGD只使用当前梯度，所有参数共用一个学习率", "Adam和SGD的区别", "学习率")
    assert "SGD" not in found and "学习率" not in found


def test_hints_are_whole_terms() -> None:
    # 过 starts 过拟合 here, it is not the verb that breaks a run
    assert hints("过拟合的风险会随模型复杂度上升", "什么是正则化", "加正则项")[0] == "过拟合"
    # a capitalised name is one term, without the sentence's "The"
    assert hints("The Batch Normalization layer", "what", "x")[0] == "Batch Normalization"
    assert "Early Stopping" in hints("Early Stopping：提前停止训练", "如何防止过拟合", "dropout")


def test_an_english_gloss_of_a_term_already_said_is_not_a_hint() -> None:
    found = hints("复杂假设称为过拟合(overfitting)", "什么是过拟合", "就是过拟合")
    assert "overfitting" not in found and found


CNN_REF = (
    "在输入数据的不同部位，我们使用完全相同的卷积核进行卷积运算。卷积核的参数共享可以有效减少"
    "模型的参数量。除了参数共享之外，卷积操作的本质还包含了另一种特性，被称为稀疏交互。卷积核"
    "尺寸一般远小于输入数据的尺寸，即每个输出神经元仅与输入数据的局部区域关联。"
)


def test_with_the_reference_a_chinese_hint_is_a_term_the_reference_repeats() -> None:
    question = "如何理解CNN中的参数共享以及稀疏交互？"
    point = "卷积核尺寸一般远小于输入数据的尺寸"
    found = hints(point, question, "参数共享就是权重一样", reference=CNN_REF)
    assert found and all(CNN_REF.count(h) >= 2 for h in found), found
    assert "卷积核" in found or "输入数据" in found
    # a point whose every repeated term was already said: the plain question, not a fragment
    point = "除了参数共享之外，卷积操作的本质还包含了另一种特性，被称为稀疏交互"
    said = "参数共享就是同一个卷积核扫过整张图，稀疏交互就是只看局部"
    assert hints(point, question, said, reference=CNN_REF) == []


def test_a_known_concept_is_named_first() -> None:
    point = "模型太复杂时容易过拟合，需要正则化"
    found = hints(point, "模型复杂度怎么选", "看验证集", reference="")
    assert found[:2] == ["过拟合", "正则化"]


def test_english_inside_chinese_is_one_term() -> None:
    point = "我们会用IOU阈值来判定预测的bounding box是否有效"
    found = hints(point, "IOU是如何计算的?", "交集除以并集")
    assert found[0] == "bounding box"


def test_with_the_reference_a_lone_english_word_is_named_only_if_the_reference_repeats_it() -> None:
    """ "You didn't say much about occurs and different" was asked about a user's English note:
    in English prose a lone lower-case word may be any verb or adjective."""
    question = "What is a collision in a hash table?"
    point = (
        "A collision occurs when two different keys hash to the same index (bucket) in the table."
    )
    assert hints(point, question, "", reference=point) == []
    reference = (
        "Dropout randomly zeroes each activation with probability p during training. At test "
        "time all units are kept and activations are scaled."
    )
    named = hints(reference.split(". ")[0], "What does dropout do?", "", reference=reference)
    assert named == ["activation"]


def test_a_repeated_term_is_not_cut_at_a_character_that_ends_its_word() -> None:
    """为 ends 历史行为 and 在 starts 在线: the hint was "历史行" (new-user audit, LLM notes)."""
    reference = "DIN 根据候选广告对用户历史行为加权。相比把历史行为做 sum pooling，DIN 更好。"
    found = hints("根据候选广告对用户历史行为加权", "DIN 的核心思想？", "", reference=reference)
    assert "历史行为" in found and "历史行" not in found
