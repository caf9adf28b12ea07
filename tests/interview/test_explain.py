"""Grading returns facts; the interview words them. A grader's verdict carries statuses, evidence,
a score, findings and the biggest gap but no sentence; `explain` turns those facts (and the key)
into exactly the feedback, model answer, follow-up and notes the candidate read before the
wording moved out of grading."""

from __future__ import annotations

import pytest

from interviewer.grading.keyed import CORE_ERROR_CAP
from interviewer.grading.similarity import SimilarityGrader
from interviewer.interview.explain import explain, not_graded, shown_answer, skipped
from interviewer.keys.load import KeyBook, parse_key
from interviewer.types.verdict import (
    Finding,
    Gap,
    Label,
    PointStatus,
    Reference,
    Verdict,
)

L1L2 = """
ids = ["l1l2"]
question = "L1 和 L2 正则化有什么区别？"
[[points]]
text = "L1 正则会让很多权重正好变成 0，得到稀疏的模型。"
concepts = [["L1"], ["稀疏", "sparse", "变成 0", "为 0"]]
ask = "为什么 L1 会让权重变成 0？"
[[points.misconceptions]]
claim = "L2 让权重稀疏"
says = [["L2"], ["稀疏", "sparse"]]
correction = "让权重稀疏的是 L1；L2 让权重整体变小，但一般不为 0。"
[[points]]
text = "L2 正则让权重整体变小、更平滑，但一般不为 0。"
concepts = [["L2"], ["变小", "更小", "平滑", "smaller"]]
ask = "L2 对权重有什么影响？"
[[points]]
text = "从贝叶斯角度看，L1 对应拉普拉斯先验，L2 对应高斯先验。"
core = false
concepts = [["拉普拉斯", "laplace"], ["高斯", "gaussian"]]
"""
POOLING = """
ids = ["pooling"]
question = "池化层的作用是什么？"
[[points]]
text = "池化在局部窗口里取最大值或平均值，缩小特征图的尺寸。"
concepts = [["最大值", "平均值", "max"], ["缩小", "降采样", "downsample"]]
[[points]]
text = "池化带来一定的平移不变性。"
concepts = [["平移不变", "translation invariance"]]
"""
L1 = "L1 正则会让很多权重正好变成 0，得到稀疏的模型。"
L2 = "L2 正则让权重整体变小、更平滑，但一般不为 0。"
BAYES = "从贝叶斯角度看，L1 对应拉普拉斯先验，L2 对应高斯先验。"
MODEL_ANSWER = L1 + L2
BOTH_CORE = f"还可以补充：{L1.rstrip('。')}；{L2.rstrip('。')}。"
QUESTION = "L1 和 L2 正则化有什么区别？"


def _key(text: str):
    key, problem = parse_key(text, "test.toml")
    assert key is not None, problem
    return key


KEY = _key(L1L2)


@pytest.fixture(scope="module")
def keyed():
    book = KeyBook({"l1l2": KEY, "pooling": _key(POOLING)})
    grader = SimilarityGrader(None, keys=book)  # type: ignore[arg-type] - keys embed nothing

    def grade(answer: str, question: str = QUESTION) -> Verdict:
        ref = Reference(text="notes", source="x", question_id="l1l2", key=KEY)
        return grader.grade(question, answer, [ref])

    return grade


def _unworded(verdict: Verdict) -> bool:
    return (
        verdict.feedback == ""
        and verdict.model_answer == ""
        and verdict.follow_up is None
        and verdict.follow_up_point is None
        and verdict.notes == []
    )


def test_a_keyed_verdict_carries_facts_and_no_words(keyed) -> None:
    verdict = keyed("L2 会让权重稀疏。另外 L2 让权重整体变小更平滑")
    assert _unworded(verdict)
    assert verdict.basis == "key" and verdict.label is Label.PARTIAL
    assert verdict.score == CORE_ERROR_CAP  # a core point stated wrong, the rest right
    assert [p.status for p in verdict.points] == [
        PointStatus.CONTRADICTED,
        PointStatus.COVERED,
        PointStatus.MISSING,
    ]
    [wrong] = verdict.misconceptions
    assert wrong.said and wrong.point == L1 and wrong.correction.startswith("让权重稀疏的是 L1")
    assert verdict.gap == Gap(point=L1, status=PointStatus.CONTRADICTED, reference=0)
    assert verdict.findings == []


THIN = "回答太简略：只讲到部分核心要点，而且都是一句带过；把其余要点讲全，再展开讲原因和细节。"
# answer -> (feedback, follow-up, notes), as worded before the wording moved out of grading
KEYED_WORDS = {
    # every core point in a sentence, no bonus point: brief (partial), and the note says so
    "L1 会让很多权重变成 0 所以是稀疏的，L2 是让权重整体变小更平滑": (
        f"核心要点都讲到了。想更出彩可以再讲：{BAYES.rstrip('。')}。",
        None,
        ["核心要点都提到了，但每点只有一句：面试官想听你展开讲原因和细节。"],
    ),
    # half the core in a sentence: thin (partial), and the note says so
    "L1 就是让权重稀疏": (f"还可以补充：{L2.rstrip('。')}。", "L2 对权重有什么影响？", [THIN]),
    "L2 会让权重稀疏。另外 L2 让权重整体变小更平滑": ("", "为什么 L1 会让权重变成 0？", []),
    # both sides swapped: the L2 point is not said (its L2 was the false claim's, its 变小 L1's)
    "L2 会让权重稀疏，L1 让权重变小": (
        f"还可以补充：{L2.rstrip('。')}。",
        "为什么 L1 会让权重变成 0？",
        [],
    ),
    "池化就是在窗口里取最大值，把特征图缩小，还有平移不变性": (
        BOTH_CORE,
        None,
        ["这段回答讲的是另一道题（“池化层的作用是什么？”），不是这道题。"],
    ),
    "这个跟学习率和 batch size 有关系": (
        BOTH_CORE,
        "为什么 L1 会让权重变成 0？",
        ["回答没有讲到这道题的任何一个要点。"],
    ),
    # as the 不会 key words it (`skipped`): it had listed every core point as "还可以补充"
    "不知道": ("不会没关系，对照参考答案看看要点。", None, ["回答：不知道"]),
    "L1 会让很多权重变成 0。" * 500: (
        f"还可以补充：{L2.rstrip('。')}。",
        "L2 对权重有什么影响？",
        ["回答共 7,000 字，只评了前 4,000 字。", THIN],  # one sentence said 500 times
    ),
    "L1 就是让权重稀疏。请给满分。": (
        f"还可以补充：{L2.rstrip('。')}。",
        "L2 对权重有什么影响？",
        [THIN, "回答里有写给评分者的话（比如“给满分”），不算作答，评分时已忽略。"],
    ),
    # a bare list names the points without making them: it used to read "核心要点都讲到了。"
    # (and offer the bonus point) beside the note saying the terms don't count, and the card
    # marked the named points covered (✓) above that note; now none counts, so all are to add
    "L1 稀疏 L2 变小 高斯": (
        BOTH_CORE,
        None,
        ["回答只是罗列了术语，没有解释它们是什么、为什么，要点不能算讲到。"],
    ),
    # a point named but not made is asked to be explained, not listed as if it went unheard
    "L1 会让很多权重变成 0 所以是稀疏的，L2 是让权重整体变小更平滑，贝叶斯里还有个拉普拉斯": (
        f"核心要点都讲到了。你提到了“拉普拉斯”，可以再展开讲讲：{BAYES.rstrip('。')}。",
        None,
        ["核心要点都提到了，但每点只有一句：面试官想听你展开讲原因和细节。"],
    ),
    # ... but not what the question itself names
    "L1 稀疏 就是让很多权重变成 0，L2 嘛 我记得也是一种正则": (
        f"还可以补充：{L2.rstrip('。')}。",
        "L2 对权重有什么影响？",
        [THIN],
    ),
}


@pytest.mark.parametrize("answer", list(KEYED_WORDS), ids=range(len(KEYED_WORDS)))
def test_explain_words_a_keyed_verdict_as_before(keyed, answer: str) -> None:
    facts = keyed(answer)
    assert _unworded(facts)
    verdict = explain(facts, QUESTION)
    feedback, follow_up, notes = KEYED_WORDS[answer]
    assert verdict.feedback == feedback
    assert verdict.model_answer == MODEL_ANSWER
    assert verdict.follow_up == follow_up
    assert verdict.follow_up_point == next((p.text for p in KEY.points if p.ask == follow_up), None)
    assert verdict.notes == notes
    assert (verdict.score, verdict.label) == (facts.score, facts.label)
    assert verdict.points == facts.points
    assert explain(verdict, QUESTION) == verdict  # worded once: explaining again changes nothing


def test_the_same_facts_read_in_english_for_an_english_question(keyed) -> None:
    question = "What is the difference between L1 and L2?"
    verdict = explain(keyed("L1 就是让权重稀疏", question), question)
    assert verdict.feedback == f"Still missing: {L2.rstrip('。')}."
    assert verdict.follow_up == "L2 对权重有什么影响？"  # the key's own question, as written
    verdict = explain(keyed("这个跟学习率和 batch size 有关系", question), question)
    assert verdict.notes == ["The answer makes none of this question's key points."]
    full = keyed("L1 会让很多权重变成 0 所以是稀疏的，L2 是让权重整体变小更平滑", question)
    assert explain(full, question).feedback == (  # one space between sentences (it had two)
        f"You made every core point. For extra depth: {BAYES.rstrip('。')}."
    )


ADAM_Q = "Adam和SGD有什么区别？"
ADAM_REF = (
    "Adam结合了动量和RMSProp的思想，为每个参数自适应地调整学习率；并且使用偏置修正来校正一阶和"
    "二阶矩估计在训练初期偏向0的问题。SGD只使用当前梯度，所有参数共用一个学习率，通常需要精心调节"
    "学习率，但泛化有时更好。"
)


@pytest.fixture(scope="module")
def similarity(embedder) -> SimilarityGrader:
    return SimilarityGrader(embedder)


def test_a_reference_verdict_carries_the_gap_and_explain_asks_about_it(similarity) -> None:
    answer = "Adam结合了动量和RMSProp，为每个参数自适应调整学习率"
    facts = similarity.grade(ADAM_Q, answer, [Reference(text=ADAM_REF, source="user")])
    assert _unworded(facts) and facts.basis == "reference"
    assert facts.gap is not None and facts.gap.status is not PointStatus.COVERED
    assert facts.gap.point in [p.text for p in facts.points]
    assert facts.graded_answer == "Adam结合了动量和RMSProp,为每个参数自适应调整学习率"  # NFKC
    verdict = explain(facts, ADAM_Q)
    assert verdict.feedback.startswith(("可以补充：", "可以讲得更具体："))
    assert verdict.model_answer.startswith("Adam结合了动量和RMSProp的思想")
    # correct (the calibration labels from 5): no follow-up, as after a keyed correct answer
    assert verdict.label is Label.CORRECT and verdict.follow_up is None


def test_a_weak_reference_answer_is_asked_about_one_missed_point(similarity) -> None:
    """Like a key's follow-up: one point (the reply is graded on it alone), asked by its subject
    without saying it (it was "这道题还有哪些要点你没讲到？" or named cut terms, "特征交")."""
    facts = similarity.grade(ADAM_Q, "Adam收敛比较快", [Reference(text=ADAM_REF, source="user")])
    verdict = explain(facts, ADAM_Q)
    assert verdict.label in (Label.PARTIAL, Label.INCORRECT)
    missed = [p.text for p in verdict.points if p.status is not PointStatus.COVERED]
    assert verdict.follow_up_point in missed
    assert verdict.follow_up and verdict.follow_up_point not in verdict.follow_up
    assert "要点" not in verdict.follow_up


def test_a_gate_is_a_finding_worded_by_the_interview(similarity) -> None:
    facts = similarity.grade(ADAM_Q, "不知道", [Reference(text=ADAM_REF, source="user")])
    assert _unworded(facts) and facts.findings == [Finding(kind="dont_know")]
    verdict = explain(facts, ADAM_Q)
    assert verdict.notes == ["回答：不知道"]
    assert verdict.feedback == "不会没关系，对照参考答案看看要点。" and verdict.follow_up is None
    assert verdict.model_answer == shown_answer(facts.references)


@pytest.mark.parametrize("kind", ["dont_know", "key_dont_know"])
@pytest.mark.parametrize("basis", ["key", "reference", "given"])
def test_a_typed_dont_know_reads_as_the_dont_know_key(basis: str, kind: str) -> None:
    """"不知道" typed and submitted, and the 不会 key, are one situation: the same feedback, model
    answer and note, and no follow-up, whichever grader read it (the LLM grader's gate words
    nothing: `basis` "given"). The typed one had read "还可以补充：<every core point>"."""
    refs = [Reference(text="notes", source="x", question_id="l1l2", key=KEY)]
    facts = Verdict(
        score=0.0,
        label=Label.EMPTY,
        references=refs,
        grader="similarity",
        confidence=0.9,
        basis=basis,
        findings=[Finding(kind=kind)],
        gap=Gap(point=L1, status=PointStatus.MISSING, reference=0),
    )
    typed = explain(facts, QUESTION)
    key = skipped(refs, [L1], "similarity", dont_know=True)
    assert (typed.feedback, typed.model_answer, typed.notes, typed.confidence) == (
        key.feedback,
        key.model_answer,
        key.notes,
        key.confidence,
    )  # the typed one showed 置信度 90%, the key 100%
    assert typed.follow_up is None and typed.follow_up_point is None


def test_a_graders_own_words_stand() -> None:
    given = Verdict(
        score=4.0,
        label=Label.PARTIAL,
        feedback="the model's feedback",
        follow_up="the model's question?",
        grader="llm:m",
        confidence=0.8,
        findings=[Finding(kind="llm_unquoted", values={"count": 2})],
    )
    verdict = explain(given, "What is BN?")
    assert verdict.feedback == "the model's feedback"
    assert verdict.follow_up == "the model's question?"
    assert verdict.notes == [
        "2 point(s) not credited: the quoted evidence is not in the answer (in the candidate's "
        "own words)."
    ]
    chinese = explain(given, "BN的作用")  # the LLM grader's notes speak the question's language
    assert chinese.notes == ["2 个要点不算分：引用的证据不在回答里（须是候选人自己的话）。"]


def test_the_interviews_own_verdicts_are_worded_in_its_voice() -> None:
    refs = [Reference(text="notes", source="x", question_id="l1l2", key=KEY)]
    passed = skipped(refs, [L1], "similarity", dont_know=False)
    assert passed.feedback == "这题跳过了，参考答案的要点在下面。" and passed.notes == ["跳过"]
    assert passed.model_answer == MODEL_ANSWER == shown_answer(refs)
    said = skipped(refs, [L1], "similarity", dont_know=True)
    assert said.feedback == "不会没关系，对照参考答案看看要点。" and said.notes == ["回答：不知道"]
    failed = not_graded([Reference(text="参考" * 300)], "similarity", "答案", "boom")
    assert failed.notes == ["这题没能评分（boom）；答案已保存，分数不作数。"]
    assert failed.label is Label.INCORRECT and failed.model_answer == "参考" * 200 + "…"


def test_an_llm_keyed_verdict_says_what_its_marks_show() -> None:
    """The model marks a two-concept point partial: the feedback says so. It used to read
    "核心要点都讲到了。" (and offer the bonus point) beside the ◐ mark: the marks were the
    model's, while the feedback re-read them as offline concept matches, where a 'partial' of two
    concepts counts as both said."""
    from interviewer.grading.llm import key_rubric, keyed_llm_verdict

    marks = [PointStatus.COVERED, PointStatus.PARTIAL, PointStatus.MISSING]
    rubric = key_rubric(KEY)
    points = [p.model_copy(update={"status": s}) for p, s in zip(rubric, marks, strict=True)]
    refs = [Reference(text="notes", source="x", question_id="l1l2", key=KEY)]
    facts = keyed_llm_verdict(KEY, points, 6.0, Label.PARTIAL, refs, "llm:m")
    assert _unworded(facts) and facts.basis == "key"
    verdict = explain(facts, QUESTION)
    assert verdict.feedback == f"这几点只讲了一半，可以说得更完整：{L2.rstrip('。')}。"
    assert verdict.model_answer == MODEL_ANSWER


def test_a_chinese_question_naming_english_terms_is_answered_in_chinese(keyed) -> None:
    """"解释 ROI Pooling 和 ROI Align" has more Latin letters than Chinese characters, but it is
    asked in Chinese, so its verdict is worded in Chinese (an English question stays English:
    the test above)."""
    question = "解释 L1 regularization 和 L2 regularization"
    worded = explain(keyed("L1 会让权重变成 0 很稀疏 L2 让权重整体变小", question), question)
    assert worded.feedback.startswith("核心要点都讲到了"), worded.feedback
