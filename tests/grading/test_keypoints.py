"""Key points: how a scraped reference is cut into statements, without the model."""

from __future__ import annotations

import json
import re
from pathlib import Path

from interviewer.grading.keypoints import MAX_POINT_CHARS, MAX_POINTS, key_points, reference_points


def test_enumeration_items_are_points_and_the_header_restating_the_question_is_dropped() -> None:
    points = key_points("5S：是指整理、整顿、清扫、清洁、素养。", "5S是指什么内容？")
    assert points == ["整理", "整顿", "清扫", "清洁", "素养"]


def test_numbered_list_and_boilerplate() -> None:
    ref = "BN的作用：1. 加速网络收敛；2. 允许使用更大的学习率（如下图所示）；3. 缓解梯度消失"
    points = key_points(ref, "BN的作用是什么")
    assert points == ["加速网络收敛", "允许使用更大的学习率", "缓解梯度消失"]


def test_prose_is_cut_into_clauses_and_tiny_fragments_merge() -> None:
    points = key_points("Adam自适应调整学习率，并且，有偏置修正。", "Adam是什么")
    assert all(len(p) >= 3 for p in points)
    assert any("偏置修正" in p for p in points)


def test_point_count_is_bounded() -> None:
    ref = "；".join(f"第{i}个要点说明了一件不同的事情" for i in range(40))
    assert len(key_points(ref, "")) <= MAX_POINTS


def test_numbering_bullets_and_sub_headings_are_not_points() -> None:
    ref = (
        "二、梯度爆炸 1.1 什么是梯度爆炸? 连乘中出现很大的值，梯度就会很大。 "
        "1.3 梯度爆炸造成的原因 神经网络初始化的权值过大，每层网络反向求导的结果都大于1。 "
        "学习率非常大而导致梯度爆炸 1.4 梯度爆炸的解决方式 梯度裁剪；权重正则化。"
        "优点: ① 简单 • 有效 a. 便宜 (1) 快"
    )
    points = key_points(ref, "梯度爆炸是什么，为什么会出现")
    assert any(p.startswith("神经网络初始化的权值过大") for p in points)
    assert any(p.endswith("学习率非常大而导致梯度爆炸") for p in points)
    assert not any("解决方式" in p or "原因" in p or "什么是" in p for p in points), points
    assert not any(p.startswith(("1.", "①", "•", "a.", "(1)", "优点")) for p in points), points


def test_merging_never_crosses_a_heading_or_builds_a_wall_of_text() -> None:
    ref = " ".join(
        f"{i}.1 第{i}部分的原因 " + "；".join(f"第{i}部分的第{j}个短要点" for j in range(8))
        for i in range(1, 5)
    )
    points = key_points(ref, "")
    assert len(points) <= MAX_POINTS
    assert all(len(p) <= MAX_POINT_CHARS for p in points)
    for p in points:
        assert len({c for c in "1234" if f"第{c}部分" in p}) == 1, p


def _bank() -> list[tuple[str, str]]:
    path = Path(__file__).resolve().parents[2] / "index" / "questions.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [(row["text"], item["answer"]) for row in rows for item in row["items"]]


_NUMBERED = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\s*[.、)）](?!\d)|\d{1,2}\.\d{1,2}|[（(]\s*\d{1,2}\s*[)）]"
    r"|[a-zA-Z][.)）]\s|[①-⑳]|[一二三四五六七八九十]、|[-*•·●■])"
)
_BARE = re.compile(r"^.{0,14}(?:优缺点|优点|缺点|原因|解决办法|解决方法|解决方式|区别|作用|定义)$")


def test_every_bank_answer_gives_clean_key_points() -> None:
    bank = _bank()
    assert len(bank) > 100
    for question, answer in bank:
        for point in key_points(answer, question):
            assert not _NUMBERED.match(point), (question, point)
            assert not _BARE.match(point), (question, point)
            unsplittable = not re.search(r"[。；;，,：:！？!?]", point)
            assert len(point) <= MAX_POINT_CHARS or unsplittable, (question, point)


def test_a_run_on_answer_key_is_marked_as_alternatives_and_keeps_its_objects() -> None:
    ref = (
        "Terminal 6 and the positive terminal are connected There is no gap between terminal 6 "
        "and the positive terminal terminal 6 is separated by a gap from the negative battery "
        "terminal"
    )
    cut = reference_points(ref, "Explain why you got a voltage reading of 0 for terminal 6")
    assert cut.alternatives
    assert cut.points == [
        "Terminal 6 and the positive terminal are connected",
        "There is no gap between terminal 6 and the positive terminal",
        "terminal 6 is separated by a gap from the negative battery terminal",
    ]
    # statements that a full answer makes together are not alternatives
    assert not reference_points("BN加速收敛。BN缓解梯度消失。", "BN的作用").alternatives
    assert not reference_points(
        "Adam adapts the learning rate. It also corrects the bias of its moments.", "Adam"
    ).alternatives


def test_run_on_alternative_answer_keys_are_one_point_each() -> None:
    ref = (
        "Terminal 1 and the positive terminal are separated by the gap Terminal 1 and the "
        "positive terminal are not connected terminal 1 is connected to the negative battery "
        "terminal Terminal 1 and the positive battery terminal are in different electrical states"
    )
    points = key_points(ref, "Explain why you got a voltage reading of 1.5")
    assert len(points) == 4
    assert points[0] == "Terminal 1 and the positive terminal are separated by the gap"
    prose = "Gradients shrink as they pass back through many layers with sigmoid, so Adam is used."
    assert not any(p.startswith("Adam") for p in key_points(prose, "")), "punctuated: left alone"


def test_a_sentence_that_only_announces_a_list_is_not_a_point() -> None:
    ref = "过拟合主要由两个原因造成，数据集太小或模型太复杂。解决方法有以下几种：数据增强；正则化。"
    points = key_points(ref, "过拟合的原因和解决方法")
    assert not any("两个原因" in p or "以下几种" in p for p in points), points
    assert "数据增强" in points and "正则化" in points
    english = key_points(
        "There are two main reasons. The gradient vanishes. Weights explode.", "Why?"
    )
    assert english == ["The gradient vanishes", "Weights explode"]
    # a count with knowledge of its own stays
    assert any("三个gate" in p for p in key_points("LSTM引入了三个gate来控制信息流。", "LSTM"))


def test_a_short_term_keeps_its_explanation() -> None:
    ref = "L1:稀疏参数\nL2:更小参数\nEarly Stopping。在模型效果最好时提前停止训练"
    assert key_points(ref, "正则化") == [
        "L1：稀疏参数",
        "L2：更小参数",
        "Early Stopping：在模型效果最好时提前停止训练",
    ]
    # a header that only repeats the question, or a generic one, is still dropped
    points = key_points("答：梯度消失是指梯度越来越小", "什么是梯度消失")
    assert points == ["梯度消失是指梯度越来越小"]


def test_prose_clauses_are_joined_into_statements() -> None:
    ref = (
        "我们知道一般的神经网络,比如简单的ANN,都只涉及线性操作,但是对于大多数应用场景,"
        "数据的分布大多是非线形的,因此引入激活函数的作用就是引入非线形,来增强网络的拟合能力。"
    )
    points = key_points(ref, "为什么需要激活函数")
    assert points == [
        "一般的神经网络，比如简单的ANN，都只涉及线性操作",  # opener gone, example kept with it
        "对于大多数应用场景，数据的分布大多是非线形的",  # the condition with its clause
        "引入激活函数的作用就是引入非线形，来增强网络的拟合能力",  # no connector left in front
    ]


def test_no_point_opens_with_a_connector_or_lacks_its_subject() -> None:
    """A user's page cut into points a candidate is asked about: "但是最终效果有时略差" is shown
    without its connector, a clause with no subject of its own ("需要 warmup") stays with the
    clause it continues, and a list inside one statement ("把 Q、K、V 投影到…") is no list of
    points. A list of things is still one point per item."""
    ln = (
        "Post-LN 是原论文的做法，深层时梯度不稳定，需要 warmup；"
        "Pre-LN 训练更稳定，可以不用 warmup，但是最终效果有时略差。"
    )
    assert key_points(ln, "LayerNorm 放在残差前面(Pre-LN)和后面(Post-LN)有什么区别？") == [
        "Post-LN 是原论文的做法",
        "深层时梯度不稳定，需要 warmup",
        "Pre-LN 训练更稳定，可以不用 warmup",
        "最终效果有时略差",
    ]
    heads = (
        "- 把 Q、K、V 投影到多个子空间，每个头学习不同的注意力模式；\n"
        "- 类似 CNN 里多个卷积核，能捕捉不同位置、不同类型的依赖关系；\n"
        "- 总计算量和单头差不多，因为每个头的维度是 d_model / h。"
    )
    points = key_points(heads, "多头注意力（Multi-Head Attention）的作用是什么？")
    assert "把 Q、K、V 投影到多个子空间" in points
    assert "能捕捉不同位置、不同类型的依赖关系" in points
    assert any(p.endswith("每个头的维度是 d_model / h") for p in points)
    assert key_points("防止过拟合的方法：数据增强、早停、权重衰减", "如何防止过拟合") == [
        "数据增强",
        "早停",
        "权重衰减",
    ]
    # 而后 is a word, not the connector 而
    assert key_points("而后随维度增加，效果会变差。", "维度")[0] == "而后随维度增加"
    # roman numbering is a list marker, and an opener cut off from its statement is no point
    fixes = "(i)预训练加微调。\n(ii)LSTM。\n不同的是，BN在batch维度归一化。"
    assert key_points(fixes, "梯度消失怎么解决") == ["预训练加微调", "LSTM", "BN在batch维度归一化"]


def test_comma_lists_under_labels_on_one_line_are_one_point_per_item() -> None:
    ref = "几何变换:翻转,旋转,裁剪 颜色变换:噪声、模糊 其他:SMOTE,mixup,mixup,上下采样"
    assert key_points(ref, "数据增强有哪些方法？") == [
        "翻转",
        "旋转",
        "裁剪",
        "噪声",
        "模糊",
        "SMOTE",
        "mixup",
        "上下采样",
    ]  # labels are headings, the repeated item counts once


def test_in_a_comparison_the_side_a_sentence_is_about_stays_with_it() -> None:
    ref = (
        "• 偏差:度量了期望预测和真实结果的偏离程度，刻画了模型本身的拟合能力 "
        "• 方差:度量了数据扰动的影响"
    )
    assert key_points(ref, "偏差和方差的区别") == [
        "偏差：度量了期望预测和真实结果的偏离程度",
        "刻画了模型本身的拟合能力",
        "方差：度量了数据扰动的影响",
    ]
    # outside a comparison, a header that repeats the question is still dropped
    assert key_points("BN的作用：加速收敛", "BN的作用是什么？") == ["加速收敛"]


def test_a_bracketed_aside_is_not_cut_at_its_commas() -> None:
    ref = (
        "恢复被删掉的神经元（此时被删除的神经元保持原样，而没有被删除的已经更新）；不断重复这一过程"
    )
    assert key_points(ref, "dropout") == [
        "恢复被删掉的神经元(此时被删除的神经元保持原样,而没有被删除的已经更新)",
        "不断重复这一过程",
    ]


def test_numbers_keep_their_commas_and_slashes_and_an_opener_alone_is_no_point() -> None:
    points = key_points("经过sigmoid函数,得到0,1的向量。参数量可减少为原来的1/G", "LSTM")
    assert "经过sigmoid函数，得到0,1的向量" in points and "参数量可减少为原来的1/G" in points
    points = key_points("设为0是不对的。一般而言,我们会选择随机初始化", "初始值能否设为0")
    assert points == ["设为0是不对的", "我们会选择随机初始化"]


def test_decimals_and_glued_numbering() -> None:
    # a decimal in English prose is not a "1.1" section number, and prose is not a term header
    assert key_points("The threshold is 0.5 for positives. Also 0.5 is a threshold.", "x") == [
        "The threshold is 0.5 for positives",
        "Also 0.5 is a threshold",
    ]
    # Chinese numbering glued after a period; a consequence clause stays with its cause
    points = key_points("SGD依赖当前batch的梯度，因此十分不稳定.2.Adam能降低梯度噪声", "Adam和SGD")
    assert points == ["SGD依赖当前batch的梯度，因此十分不稳定", "Adam能降低梯度噪声"]


def test_an_english_which_clause_stays_with_its_statement() -> None:
    ref = "Dropout acts like training an ensemble of sub-networks, which reduces overfitting."
    assert key_points(ref, "What is dropout?") == [
        "Dropout acts like training an ensemble of sub-networks, which reduces overfitting"
    ]


def test_formula_characters_stay_in_the_points() -> None:
    """ "2^(n-1)" stored as "2 (n-1)" scored a right formula answer 1.3 (issue 13): ^ was dropped as
    a modifier symbol, "1)" read as list numbering and "- " / "* " as bullets."""
    assert key_points("子集的个数为2^(n-1)") == ["子集的个数为2^(n-1)"]
    # spacing inside a formula is style: "2 ^ (n - 1)" is kept as "2^(n-1)"
    assert key_points("第n层最多有 2 ^ (n - 1) 个结点") == ["第n层最多有 2^(n-1) 个结点"]
    assert key_points("The cost is O(n * log n), and a+b = c/d * e") == [
        "The cost is O(n*log n)",
        "and a+b = c/d * e",
    ]
    assert key_points("共有2/(n-1)种") == ["共有2/(n-1)种"]
    # bullets and numbering are still cut where they are bullets and numbering
    assert key_points("优点：\n- 快速\n- 简单\n* 稳定") == ["快速", "简单", "稳定"]
    assert key_points("use regularisation - weight decay - dropout") == [
        "use regularisation",
        "weight decay",
        "dropout",
    ]
    assert key_points("1) fast 2) simple") == ["fast", "simple"]


def test_a_worded_division_and_a_governed_pair_stay_whole():
    """A user's note "乘以 阈值/总范数" divides (no point "总范数"), and "在反向传播之后、参数更新
    之前进行" says when in one statement: cut at the slash or the 、, both gave fragments, and the
    cut also kept the 当…时 lead-in from joining the clause it opens."""
    points = key_points(
        "梯度裁剪：当梯度的总范数超过阈值时，就把所有梯度乘以 阈值/总范数，使总范数等于阈值。"
        "它在反向传播之后、参数更新之前进行，用来防止梯度爆炸。",
        "什么是梯度裁剪？",
    )
    assert "当梯度的总范数超过阈值时，就把所有梯度乘以 阈值/总范数，使总范数等于阈值" in points
    assert "它在反向传播之后、参数更新之前进行" in points
    assert "总范数" not in points
    assert key_points("训练/测试时的行为不同，训练用 batch 统计量") != [
        "训练/测试时的行为不同，训练用 batch 统计量"
    ]  # a slash between two words, with no 乘以/除以 before it, still lists them


def test_a_clause_without_its_own_subject_stays_with_the_one_before() -> None:
    """"追求速度和覆盖率" and "常用 DeepFM" alone were points that said nothing of what they were
    about (new-user audit, own 推荐系统 notes); a list of examples is one point."""
    points = key_points(
        "召回阶段从海量物品中快速筛选出几千个候选，追求速度和覆盖率，常用双塔模型、协同过滤。"
        "排序阶段对少量候选精细打分，追求准确率，常用 DeepFM、DIN 等模型。",
        "召回和排序的区别",
    )
    assert points == [
        "召回阶段从海量物品中快速筛选出几千个候选，追求速度和覆盖率，常用双塔模型、协同过滤",
        "排序阶段对少量候选精细打分，追求准确率，常用 DeepFM、DIN 等模型",
    ]
    # an enumeration of what something includes is still one point per item
    assert key_points("翻转、旋转、裁剪", "数据增强有哪些方法") == ["翻转", "旋转", "裁剪"]


def test_a_list_fronted_by_ba_is_one_statement() -> None:
    """"KV cache 就是把历史 token 的 K、V 缓存下来" was cut into "…的 K" and "V 缓存下来"
    (new-user audit, LLM notes)."""
    ref = "KV cache 就是把历史 token 的 K、V 缓存下来，下一步只算新 token。"
    points = key_points(ref, "KV cache")
    assert points[0] == "KV cache 就是把历史 token 的 K、V 缓存下来"


def test_a_clause_that_only_says_when_leads_into_the_next() -> None:
    """"自回归生成时" alone was a key point of own KV-cache notes (tmux, practice)."""
    ref = "自回归生成时，每一步只新增一个 token，之前 token 的 Key 和 Value 不会变。"
    assert key_points(ref, "什么是 KV cache？")[0] == "自回归生成时，每一步只新增一个 token"
