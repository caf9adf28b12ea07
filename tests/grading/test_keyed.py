"""Grading against an answer key, end to end through the offline grader (and the interview's
wording of its verdict): full answers in the candidate's own words pass, thin ones are partial, a
stated misconception is named and fails, and don't-know, another question's answer and a list of
terms score near zero and say why."""

from __future__ import annotations

import numpy as np
import pytest

from interviewer.grading.similarity import SimilarityGrader
from interviewer.interview.explain import explain
from interviewer.keys.load import KeyBook, parse_key
from interviewer.types.verdict import Label, PointStatus, Reference

BN = """
ids = ["bn"]
question = "BN 的作用是什么？"
[[points]]
text = "BN 对每个 mini-batch 的激活做标准化：减去均值、除以标准差。"
concepts = [["减均值", "减去均值", "均值", "mean"], ["方差", "标准差", "variance", "std"]]
ask = "BN 具体是怎么做标准化的？"
[[points]]
text = "BN 再用可学习的缩放和平移参数 gamma、beta 恢复表达能力。"
concepts = [["gamma", "γ", "缩放", "scale"], ["beta", "β", "平移", "shift"]]
ask = "标准化之后为什么还要 gamma 和 beta？"
[[points]]
text = "BN 让训练更稳定、收敛更快，可以用更大的学习率。"
concepts = [["收敛", "converge", "训练更稳定", "训练更快", "stable"]]
ask = "BN 对训练过程有什么好处？"
[[points.misconceptions]]
claim = "测试时 BN 用当前 batch 的均值和方差"
says = [["测试", "推理", "inference", "test"], ["当前", "这个", "current"], ["batch"]]
correction = "测试时用训练中滑动平均得到的全局均值和方差。"
central = true
examples = ["测试的时候用当前 batch 的均值和方差"]
"""

DROPOUT = """
ids = ["dropout"]
question = "dropout 的作用"
[[points]]
text = "Dropout 训练时随机把一部分神经元的输出置零。"
concepts = [["随机", "random"], ["置零", "丢弃", "drop", "关掉"]]
[[points]]
text = "Dropout 能减少神经元的共适应，从而防止过拟合。"
concepts = [["过拟合", "overfit"]]
"""


class _NoEmbedder:
    """Every text the same vector. Grading against a key reads no meaning but to tell whether an
    answer that says a little of its own key leans toward another question: here none does."""

    model_id = "none"

    def embed_symmetric(self, texts: list[str]) -> np.ndarray:
        return np.full((len(texts), 4), 0.5, np.float32)


def _key(text: str):
    key, problem = parse_key(text, "test.toml")
    assert key is not None, problem
    return key


@pytest.fixture
def grade():
    bn, dropout = _key(BN), _key(DROPOUT)
    book = KeyBook({"bn": bn, "dropout": dropout})
    grader = SimilarityGrader(_NoEmbedder(), keys=book)

    def run(answer: str, key=bn):
        ref = Reference(text="notes", source="x", question_id=key.ids[0], key=key)
        return explain(grader.grade(key.question, answer, [ref]), key.question)

    return run


def test_a_full_answer_in_own_words_is_correct(grade) -> None:
    verdict = grade(
        "嗯 BN 就是把每一层的输入按 batch 减均值再除以标准差 然后再乘一个 gamma 加一个 beta "
        "这样网络还能学回原来的分布 好处是训练更稳定 收敛快很多"
    )
    assert verdict.label is Label.CORRECT and verdict.score >= 9
    assert all(p.status is PointStatus.COVERED for p in verdict.points)
    assert verdict.follow_up is None
    assert "补充" not in verdict.feedback


def test_a_thin_answer_is_partial_and_the_follow_up_asks_a_missed_point(grade) -> None:
    verdict = grade("BN 主要是做归一化 减去均值 除以方差 让分布稳定一点")
    assert verdict.label is Label.PARTIAL
    assert 3 <= verdict.score < 7
    assert verdict.follow_up == "标准化之后为什么还要 gamma 和 beta？"
    assert verdict.follow_up_point == "BN 再用可学习的缩放和平移参数 gamma、beta 恢复表达能力。"


def test_a_missing_point_quotes_nothing_of_the_answer(grade) -> None:
    """One of a point's two concept groups said ("均值" alone) is not the point: the verdict
    shows no quote beside it, as if that word had earned it."""
    verdict = grade("BN 让训练更稳定 收敛快 就是算一下均值")
    first = verdict.points[0]
    assert first.status is not PointStatus.COVERED
    assert (first.status is PointStatus.MISSING) == (first.evidence == "")
    assert verdict.points[2].status is PointStatus.COVERED and verdict.points[2].evidence


def test_a_central_misconception_is_named_with_its_correction_and_fails(grade) -> None:
    verdict = grade(
        "BN 就是减均值除以标准差 再用 gamma beta 缩放平移 测试的时候也是用当前这个 batch 的均值方差"
    )
    assert verdict.label is Label.CONTRADICTS and verdict.score <= 3
    [wrong] = verdict.misconceptions
    assert "当前这个 batch" in wrong.said
    assert "滑动平均" in wrong.correction


@pytest.mark.parametrize(
    "answer",
    [
        "呃……这个我真不会，没研究过",
        "这个我印象不深了 好像是 算了不太记得",
        "sorry I haven't looked into that",
        "这题我不太会 跳过吧",
        "BN 我不太记得了 I'll pass on this one",
    ],
)
def test_a_hedged_dont_know_is_empty_with_no_follow_up(grade, answer: str) -> None:
    verdict = grade(answer)
    assert verdict.label is Label.EMPTY and verdict.score == 0
    assert verdict.follow_up is None
    assert verdict.model_answer


@pytest.mark.parametrize(
    "answer",
    [
        "BN 之后训练不会那么依赖初始化",  # 不会 + a verb: a claim, not "I can't"
        "BN 会让模型没学到的分布也能稳定训练",  # 没学到 is said of the model
        "in the backward pass BN keeps the gradients stable",  # a forward / backward pass
        "BN 用在 skip connection 之后也可以",
        "BN 跳过了对单个样本的依赖",  # 跳过 as a verb of the claim, not "skip this one"
        "in training BN layers pass the batch mean to a running average",  # pass as a verb
        "BN layers pass the normalised values to a learned scale and shift",
        "那 BN 会不会依赖 batch 呢？会，batch 小了统计量就不准",
        "BN 测试时会不会用当前 batch 的统计量？不会，用训练时的滑动平均",
    ],
)
def test_a_short_claim_with_a_dont_know_word_inside_is_not_a_dont_know(grade, answer: str) -> None:
    assert grade(answer).label is not Label.EMPTY


def test_an_answer_to_another_bank_question_is_off_topic_and_names_it(grade) -> None:
    verdict = grade("dropout 就是训练的时候随机丢弃一些神经元 这样可以防止过拟合")
    assert verdict.label is Label.OFF_TOPIC and verdict.score == 0
    assert any("dropout 的作用" in note for note in verdict.notes)
    assert verdict.follow_up is None


def test_a_follow_up_reply_is_never_off_topic() -> None:
    """A reply to a narrow follow-up can say the gist of another bank question; it answers the
    question it was asked (here wrongly), and is graded on that point."""
    from interviewer.grading.keyed import grade

    bn, dropout = _key(BN), _key(DROPOUT)
    book = KeyBook({"bn": bn, "dropout": dropout})
    reply = "dropout 就是训练的时候随机丢弃一些神经元 这样可以防止过拟合"
    assert grade(reply, bn, book).verdict == "off_topic"
    focused = bn.model_copy(update={"points": bn.points[2:], "focused": True})
    assert grade(reply, focused, book).verdict == "graded"


def test_an_answer_touching_every_point_of_its_own_key_is_not_off_topic(grade) -> None:
    """It may cover a neighbouring question's key better (in words its own key lacks), but one
    that speaks to each of its own points answers its own question, however weakly."""
    verdict = grade(
        "BN 我理解跟 dropout 一个思路 训练时随机丢弃一些神经元 用它的 mean 来算 再乘个 gamma "
        "这样训练更稳定 防止过拟合"
    )
    assert verdict.label is not Label.OFF_TOPIC
    aside = grade("dropout 就是训练的时候随机丢弃一些神经元 这样可以防止过拟合 也会看一下 mean")
    assert aside.label is Label.OFF_TOPIC  # one of its own points touched: still off-topic


@pytest.mark.parametrize(
    "answer",
    [
        "mean variance gamma beta scale shift 就这些",  # a closing word is no relation
        "mean variance gamma beta scale shift 对",
        "mean, variance, gamma, beta, that's it",
        "mean variance 然后 gamma beta 也算 scale shift",  # "… counts too" adds an item
    ],
)
def test_a_bare_list_ending_on_a_closing_word_is_still_a_list(grade, answer: str) -> None:
    verdict = grade(answer)
    assert verdict.score <= 2, answer


def test_a_bare_list_of_terms_scores_at_most_two(grade) -> None:
    verdict = grade("均值 方差 gamma beta 收敛")
    assert verdict.score <= 2
    assert verdict.label is Label.INCORRECT


def test_the_follow_up_reply_is_graded_on_the_asked_point_only(grade) -> None:
    from interviewer.interview.grounding import focused_references

    key = _key(BN)
    ref = Reference(text="notes", source="x", question_id="bn", key=key)
    [focused] = focused_references(
        [ref], [key.points[1].text], "标准化之后为什么还要 gamma 和 beta？"
    )
    assert focused.key is not None and [p.text for p in focused.key.points] == [key.points[1].text]
    grader = SimilarityGrader(_NoEmbedder())
    verdict = grader.grade(
        key.question, "因为有 gamma 缩放和 beta 平移 网络能学回原来的表达", [focused]
    )
    assert verdict.label is Label.CORRECT


def test_hints_from_a_key_name_the_next_core_points_concepts() -> None:
    from interviewer.interview.hints import key_hint

    key = _key(BN)
    assert key_hint(key, key.question, 0) == "提示：可以从 减均值、方差 这个角度想一想。"
    assert "gamma" in key_hint(key, key.question, 1)
    assert key_hint(key, key.question, 9) == key_hint(key, key.question, 2)


@pytest.mark.parametrize(
    "answer",
    ["emmm 不太会", "这题有点超纲了", "没印象了 不好意思", "I'm not really familiar with this one"],
)
def test_more_ways_of_not_knowing_are_empty(grade, answer: str) -> None:
    assert grade(answer).label is Label.EMPTY


def test_an_answer_making_no_point_says_so(grade) -> None:
    verdict = grade("这个问题主要看数据集的大小 和机器的配置 还有框架的版本")
    assert verdict.score == 0 and verdict.label is Label.INCORRECT
    assert any("任何一个要点" in n for n in verdict.notes)


def test_an_unseparated_english_term_list_is_a_list_too(grade) -> None:
    assert grade("mean variance gamma beta converge faster").score <= 2


def test_a_number_word_inside_a_hyphenated_term_is_no_function_word() -> None:
    """ "two-stage one-stage RCNN Faster RCNN RPN YOLO SSD …" is a bare list (its interviewer
    1.5): two and one are parts of terms, not the function words of a sentence."""
    from interviewer.grading.keyed import is_keyword_list

    assert is_keyword_list("two-stage one-stage mean variance gamma beta running-mean", _key(BN))
    assert not is_keyword_list("one stage and two stage detectors share the backbone", _key(BN))


@pytest.mark.parametrize(
    "answer",
    [
        "BN 就是 batch normalization 用 batch mean 和 batch variance 做 normalization "
        "然后 learnable gamma beta 做 rescale shift",
        # punctuated clauses that relate things, however the English terms are spaced
        "BN 是 across the batch，每个 channel 用 batch 里的 mean 和 var 做 normalize。"
        "然后 gamma 和 beta 再做 rescale 和 shift，所以 training 会更稳定 converge 更快。",
        # one unpunctuated run whose spaced English terms cut it into tiny items
        "BN 就是用 batch mean 和 variance 做 normalize 因为 internal covariate shift 的时候 "
        "training 很不稳定 gamma beta 就是 rescale 和 shift 也能学",
        # formulas said aloud: 等于 relates the symbols around it
        "前向 mu 等于 x 求和 除以 m sigma 方 等于 x 减 mu 的平方 求均值 x hat 等于 x 减 mu "
        "除以 sigma y 等于 gamma 乘 x hat 加 beta 反向 d beta 等于 dy 求和 "
        "d gamma 等于 dy 乘 x hat",
    ],
)
def test_a_chinese_answer_full_of_english_terms_is_not_a_list(grade, answer: str) -> None:
    verdict = grade(answer)
    assert not any("术语" in note for note in verdict.notes)
    assert verdict.score > 2


def test_english_terms_with_a_chinese_term_are_a_list_too(grade) -> None:
    assert grade("mean variance gamma beta running mean 收敛").score <= 2
    assert grade("mean、variance、gamma、beta、收敛").score <= 2
    # words that only line the terms up (然后, 还有, a lone 对) join nothing into a sentence
    assert grade("mean variance 然后 gamma beta 对 running mean 还有收敛").score <= 2
    assert grade("mean variance gamma beta 用 running mean 做 inference").score > 2


def test_terms_with_a_relation_character_inside_are_still_terms(grade) -> None:
    assert grade("均值 方差 比例 gamma beta 参数更新 收敛").score <= 2


@pytest.mark.parametrize(
    "answer", ["减均值 标准差也除掉 gamma beta 都要学 收敛很快", "减均值 除以标准差 它能加速收敛"]
)
def test_a_thin_answer_of_short_spoken_clauses_is_not_a_list(grade, answer: str) -> None:
    verdict = grade(answer)
    assert verdict.score > 2 and not any("术语" in note for note in verdict.notes)


def test_a_terse_english_sentence_is_not_a_list(grade) -> None:
    verdict = grade(
        "BN subtracts the batch mean and divides by the std, then scales with gamma and shifts "
        "with beta, so training is more stable."
    )
    assert verdict.label is Label.CORRECT


def test_a_term_with_neng_inside_is_no_statement() -> None:
    """能 of 万能逼近定理 is part of a term, not a modal: the list stays a list."""
    from interviewer.grading.keyed import is_keyword_list

    assert is_keyword_list("非线性 线性组合 万能逼近定理 XOR 决策边界", _key(BN))
    assert not is_keyword_list("非线性 它能逼近任意函数 XOR 决策边界", _key(BN))


def test_key_words_run_together_are_one_more_term_of_a_list() -> None:
    """An item made of the key's own wordings glued together ("局部极小接近全局最优" in a list of
    terms) is no statement of the candidate's; one with words of their own is."""
    from interviewer.grading.keyed import is_keyword_list

    assert is_keyword_list("均值 方差 gamma beta 均值方差缩放平移训练更稳定 收敛", _key(BN))
    assert not is_keyword_list("均值 方差 gamma beta 它能让训练稳定得多收敛也快很多", _key(BN))


ACTIVATION = """
ids = ["act"]
question = "为什么需要激活函数？"
[[points]]
text = "激活函数给网络引入非线性，增强表达能力。"
concepts = [["非线性", "nonlinear"]]
[[points]]
text = "没有激活函数，多层线性层叠起来还是一个线性变换。"
concepts = [["线性变换", "线性的", "linear"], ["叠", "多层", "stack"]]
[[points]]
text = "激活函数要几乎处处可导，才能反向传播。"
core = false
concepts = [["可导", "可微", "differentiable"]]
ask = "那选激活函数的时候，对它的导数有什么要求？"
"""


def _act(answer: str, focus: list[int] | None = None):
    from interviewer.interview.grounding import focused_references

    key = _key(ACTIVATION)
    refs = [Reference(text="notes", source="x", question_id="act", key=key)]
    if focus is not None:
        refs = focused_references(refs, [key.points[i].text for i in focus], "")
    grader = SimilarityGrader(_NoEmbedder(), keys=KeyBook({"act": key}))
    return explain(grader.grade(key.question, answer, refs), key.question)


def test_a_brief_answer_making_the_core_in_a_sentence_is_partial_and_says_why() -> None:
    """Interviewers gave answers like this 5–6.5: right, but nothing behind the two claims."""
    verdict = _act("就是引入非线性 没有激活函数的话 多层网络叠起来还是线性的")
    assert all(p.status is PointStatus.COVERED for p in verdict.points if p.weight == 1.0)
    assert verdict.label is Label.PARTIAL and 5 <= verdict.score < 7
    assert any("展开" in note for note in verdict.notes)
    english = _act("It adds nonlinearity; stacked layers without it are just one linear map.")
    assert english.label is Label.PARTIAL


def test_a_brief_answer_is_asked_to_go_deeper_on_a_bonus_point() -> None:
    """An interviewer digs into a right but thin answer; the key's bonus point says where, and
    the reply is graded on that point alone."""
    verdict = _act("就是引入非线性 没有激活函数的话 多层网络叠起来还是线性的")
    bonus = "激活函数要几乎处处可导，才能反向传播。"
    assert verdict.follow_up == "那选激活函数的时候，对它的导数有什么要求？"
    assert verdict.follow_up_point == bonus
    reply = _act("得可导 至少几乎处处可导 不然梯度没法反向传播", focus=[2])
    assert reply.label is Label.CORRECT and [p.text for p in reply.points] == [bonus]
    assert _act("嗯 它得是非线性的", focus=[2]).label is not Label.CORRECT


def test_a_brief_answer_is_asked_about_the_bonus_point_it_came_nearest() -> None:
    """With two bonus points, the follow-up digs where the candidate was heading (收敛), not into
    the key's first one; with nothing to go on, the first."""
    from interviewer.grading.keyed import grade
    from interviewer.grading.keyverdict import key_verdict

    key = _key(
        ACTIVATION
        + """[[points]]
text = "零中心、不易饱和的激活函数让梯度更稳定，网络收敛更快。"
core = false
concepts = [["零中心", "zero-centered"], ["收敛", "converge"]]
ask = "激活函数的输出分布对训练速度有什么影响？"
"""
    )
    book = KeyBook({"act": key})
    heading = grade("就是引入非线性 没有激活函数的话 多层网络叠起来还是线性的 收敛也快", key, book)
    assert "brief" in heading.caps
    gap = key_verdict(heading, references=[], grader="offline").gap
    assert gap is not None and gap.point == key.points[3].text
    plain = grade("就是引入非线性 没有激活函数的话 多层网络叠起来还是线性的", key, book)
    assert key_verdict(plain, references=[], grader="offline").gap.point == key.points[2].text


OPTIMISER = """
ids = ["opt"]
question = "常见的优化器有哪些？"
[[points]]
text = "AdaGrad 累加历史梯度的平方来缩放学习率，学习率会一直变小。"
concepts = [["adagrad"], ["累加", "accumulat"]]
ask = "AdaGrad 是怎么调学习率的？"
[[points]]
text = "RMSprop 把梯度平方的累加换成指数滑动平均，学习率不会一直衰减。"
core = false
concepts = [["rmsprop"], ["滑动平均", "moving average", "指数加权"]]
ask = "那 RMSprop 是怎么改进 AdaGrad 的？"
"""


def test_a_follow_up_reply_need_not_repeat_what_the_question_names() -> None:
    """"那 RMSprop 是怎么改进 AdaGrad 的？" is answered without saying RMSprop again; the reply
    still has to make the claim (the moving average)."""
    from interviewer.interview.grounding import focused_references

    key = _key(OPTIMISER)
    refs = [Reference(text="notes", source="x", question_id="opt", key=key)]
    grader = SimilarityGrader(_NoEmbedder(), keys=KeyBook({"opt": key}))
    focused = focused_references(refs, [key.points[1].text], key.points[1].ask)

    def reply(text: str):
        return explain(grader.grade(key.points[1].ask, text, focused), key.points[1].ask)

    assert reply("把累加换成了指数滑动平均 学习率就不会一直变小").label is Label.CORRECT
    assert reply("就是在 AdaGrad 上加了一个动量").label is not Label.CORRECT
    whole = explain(grader.grade(key.question, "把累加换成了滑动平均", refs), key.question)
    assert whole.points[1].status is not PointStatus.COVERED  # a whole answer must name it


def test_an_answer_that_is_not_brief_is_not_asked_for_more() -> None:
    full = _act(
        "激活函数最重要的作用就是引入非线性 因为没有激活函数的话 多层网络叠起来 每一层都是矩阵乘法"
        " 乘在一起还是一个线性变换 网络再深也只相当于一层 学不了复杂的函数 分类边界只能是超平面"
    )
    assert full.follow_up is None and full.follow_up_point is None


@pytest.mark.parametrize(
    "answer",
    [
        "激活函数最重要的作用就是引入非线性 因为没有激活函数的话 多层网络叠起来 每一层都是矩阵乘法"
        " 乘在一起还是一个线性变换 网络再深也只相当于一层 学不了复杂的函数 分类边界只能是超平面",
        "就是引入非线性 没有激活函数的话 多层网络叠起来还是线性的 另外它得可导 不然没法反向传播",
    ],
)
def test_the_core_explained_or_with_a_bonus_point_is_a_full_answer(answer: str) -> None:
    verdict = _act(answer)
    assert verdict.label is Label.CORRECT and verdict.score >= 9
    assert not any("展开" in note for note in verdict.notes)


def test_part_of_the_core_in_a_sentence_is_thin_and_says_why() -> None:
    """Interviewers gave such answers about 5 where the share of the key alone gave 7.5."""
    from interviewer.grading.keyed import THIN_CAP

    verdict = _act("就是引入非线性 让网络表达能力更强")
    assert verdict.label is Label.PARTIAL and verdict.score == THIN_CAP
    assert any("简略" in note for note in verdict.notes)
    # said at length, the same half of the core is graded by its share, not capped
    longer = _act(
        "激活函数最核心的作用就是引入非线性 现实里要拟合的函数基本都是非线性的"
        " 比如图像分类的决策边界 有了非线性激活 网络才能逼近这些复杂的函数"
        " 表达能力才会随着层数变强 这也是为什么要在每层后面加它"
    )
    assert longer.score > THIN_CAP and not any("简略" in note for note in longer.notes)
    # a follow-up's reply answers the points it was asked, in a sentence if need be
    assert _act("就是引入非线性 让网络表达能力更强", focus=[0, 1]).score > THIN_CAP


def test_a_short_reply_to_a_follow_up_is_not_brief() -> None:
    """A follow-up's reply is graded on the point it asked (all core, no bonus): one sentence
    answers it in full."""
    verdict = _act("没有激活函数 多层叠起来还是线性变换", focus=[1])
    assert verdict.label is Label.CORRECT and verdict.score >= 9


def test_a_procedure_said_step_by_step_is_no_keyword_list() -> None:
    """"先高斯滤波去噪 然后算梯度 然后用双阈值筛边缘" (a thin answer, its interviewer 5) was read as
    a bare list of terms: its items are short, but each step does something."""
    from interviewer.grading.keyed import is_keyword_list

    key = _key(CANNY)
    assert not is_keyword_list("先高斯滤波去噪 然后算梯度 然后用双阈值筛边缘", key)
    assert is_keyword_list("高斯滤波 梯度 非极大值抑制 双阈值", key)
    assert is_keyword_list("高斯滤波 然后 梯度 然后 双阈值 计算量", key)


CANNY = """
ids = ["canny"]
question = "Canny 算子是怎么做的？"
[[points]]
text = "先用高斯滤波平滑图像，去除噪声。"
concepts = [["高斯滤波", "高斯模糊"], ["去噪", "平滑"]]
[[points]]
text = "用 Sobel 算子计算梯度幅值和方向。"
concepts = [["梯度"], ["sobel", "幅值", "方向"]]
[[points]]
text = "沿梯度方向做非极大值抑制，细化边缘。"
concepts = [["非极大值抑制", "nms"]]
[[points]]
text = "用双阈值检测和连接边缘。"
concepts = [["双阈值", "高低阈值"]]
"""


def test_a_missed_point_quotes_back_only_words_worth_quoting() -> None:
    """The feedback quotes what an answer named of a point it missed ("你提到了“相加”…"): not a
    lone character matched (拼 of 拼接), nor the run-on of a quote cut mid-phrase."""
    from interviewer.grading.keyed import grade as grade_key
    from interviewer.grading.keyverdict import key_verdict

    key = _key(
        """
ids = ["unet"]
question = "FCN 和 U-Net 有什么区别？"
[[points]]
text = "U-Net 是对称的编码器-解码器结构。"
concepts = [["对称"], ["编码器"]]
[[points]]
text = "FCN 的跳跃连接把特征逐元素相加，U-Net 按通道拼接。"
concepts = [["逐元素相加", "相加"], ["拼接", "concat"]]
[[points]]
text = "原始 U-Net 用 valid 卷积配合 overlap-tile 策略，输出比输入小。"
core = false
concepts = [["valid", "tile"], ["变小", "拼"]]
"""
    )
    said = "FCN的跳跃连接是把浅层特征和上采样结果逐元素相加 U-Net是对称的编码器解码器结构 像个U字"
    verdict = key_verdict(grade_key(said, key), references=[], grader="offline")
    assert [p.named for p in verdict.points] == ["", "逐元素相加", ""]
    spliced = grade_key("U-Net是对称的编码器解码器 特征拼在一起", key)
    assert key_verdict(spliced, references=[], grader="x").points[2].named == ""  # a lone 拼


def test_a_missed_point_is_named_only_by_a_term() -> None:
    """ "最直接就是gradient clipping" matched 直接 of a point on attention: no "你提到了“直接…”"
    for it, while a term said in passing (遗忘门, relu inside Chinese, ReLU) is quoted back; a
    lower-case word of an English sentence ("between") is plain English, not a term."""
    from interviewer.grading.keyed import grade as grade_key
    from interviewer.grading.keyverdict import key_verdict

    key = _key(
        """
ids = ["rnn"]
question = "如何解决 RNN 梯度爆炸和弥散的问题？"
[[points]]
text = "梯度爆炸用梯度裁剪：梯度范数超过阈值时按比例缩小。"
concepts = [["梯度裁剪", "gradient clipping"], ["阈值", "threshold"]]
[[points]]
text = "用 attention 直接连接任意两个位置，避免沿时间的连乘。"
core = false
concepts = [["attention", "注意力"], ["直接", "任意两个", "between any two"]]
[[points]]
text = "LSTM 的遗忘门和加法更新的 cell 让梯度能长距离传递。"
concepts = [["遗忘门", "relu", "forget gate"], ["加法", "additive"]]
"""
    )

    def named(said: str) -> list[str]:
        verdict = key_verdict(grade_key(said, key), references=[], grader="x")
        return [p.named for p in verdict.points]

    assert named("嗯 最直接就是gradient clipping 超过阈值就缩放") == ["", "", ""]
    assert named("梯度裁剪 超过阈值就缩放 LSTM里有遗忘门")[2] == "遗忘门"
    assert named("梯度裁剪 超过阈值就缩放 换成relu也行")[2] == "relu也行"
    assert named("clip the gradient above a threshold; attention links between any two")[1] == ""


def test_the_question_s_own_subject_said_once_carries_through_the_answer() -> None:
    """ "IOU就是交集除以并集 … 常用来做NMS" says IoU is used in NMS, the subject said once at the
    start (the question names it); a subject the question does not name must be said with the
    rest of the point."""
    from interviewer.grading.keyed import grade as grade_key

    text = """
ids = ["{qid}"]
question = "{question}"
[[points]]
text = "IoU 是交集面积除以并集面积。"
concepts = [["交集"], ["并集"]]
[[points]]
text = "IoU 常用于 NMS 和正负样本分配。"
core = false
concepts = [["iou"], ["nms", "正负样本"]]
"""
    said = (
        "IOU就是两个框的交集面积除以并集面积 交集取左上角坐标的最大值和右下角坐标的最小值 宽高"
        "是负的就截成0 并集就是两个框面积加起来再减去交集 值在0到1之间 越大说明重合越多 常用来做NMS"
    )
    asked = _key(text.format(qid="iou", question="IoU 是如何计算的？"))
    assert grade_key(said, asked).results[1].covered
    other = _key(text.format(qid="boxes", question="两个框的重合程度怎么算？"))
    assert not grade_key(said, other).results[1].covered


def test_preparing_a_keyed_question_compiles_its_wordings_before_the_answer() -> None:
    """A key's first answer paid for compiling its patterns: the slowest answers graded against
    a key were the first on theirs. Preparing the question (while it is read) does it instead."""
    from interviewer.grading import keymatch

    key = _key(BN)
    ref = Reference(text="notes", source="x", question_id="bn", key=key)
    grader = SimilarityGrader(_NoEmbedder(), keys=KeyBook({"bn": key}))
    keymatch.wording_pattern.cache_clear()
    grader.prepare(key.question, [ref])
    compiled = keymatch.wording_pattern.cache_info()
    assert compiled.currsize > 0
    grader.grade(key.question, "BN 测试时用当前 batch 的均值和方差，训练更稳定", [ref])
    assert keymatch.wording_pattern.cache_info().misses == compiled.misses
