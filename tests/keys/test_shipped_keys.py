"""The shipped bank's answer keys: every question has one, every file loads, no point is a
fragment, and every key's examples are graded as its author meant (each spoken example of a point
covers it, each typical phrasing of a misconception is flagged, a point's own correct wording
never sets one off)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from interviewer.grading.keycheck import key_problems
from interviewer.keys.load import load_keys
from interviewer.types.answer_key import Origin
from tests.support.jsonl import read_rows

ROOT = Path(__file__).resolve().parents[2]
KEYS = ROOT / "corpus" / "keys"
BOOK = load_keys([KEYS])


def _bank() -> list[dict]:
    return read_rows(ROOT / "index" / "questions.jsonl")


def _team_rows(name: str) -> list[dict]:
    """The rows of one of the team's answer sets in bench/."""
    return read_rows(ROOT / "bench" / name)


def test_every_key_file_loads() -> None:
    assert BOOK.problems == []


def test_every_shipped_question_has_a_key() -> None:
    missing = [f"{q['id']} {q['text']}" for q in _bank() if q["id"] not in BOOK]
    assert missing == []


def test_no_key_answers_a_question_the_bank_does_not_have() -> None:
    ids = {q["id"] for q in _bank()}
    assert sorted(set(BOOK) - ids) == []


def test_every_shipped_key_says_it_was_written_for_the_bank() -> None:
    for path in sorted(KEYS.glob("*.toml")):
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        assert any("written for the interviewer bank" in line for line in head), path.name
    assert {key.origin for key in BOOK.distinct()} == {Origin.BANK}


@pytest.mark.parametrize("key", BOOK.distinct(), ids=lambda k: k.ids[0])
def test_the_keys_examples_are_graded_as_meant(key) -> None:  # noqa: ANN001
    assert key_problems(key) == []


def test_every_point_has_a_follow_up_question() -> None:
    """A missed core point is asked about; a bonus point after a right but brief answer."""
    lacking = [
        f"{key.ids[0]}: {p.text[:30]}"
        for key in BOOK.distinct()
        for p in key.points
        if not p.ask.strip()
    ]
    assert lacking == []


@pytest.mark.parametrize("key", BOOK.distinct(), ids=lambda k: k.ids[0])
def test_the_keys_own_model_answer_is_correct_and_states_no_misconception(key) -> None:  # noqa: ANN001
    from interviewer.grading.keyed import grade
    from interviewer.interview.explain import key_model_answer as model_answer

    spoken = "".join(p.text for p in key.core_points)
    for answer in (spoken, model_answer(key)):
        result = grade(answer, key, BOOK)
        assert result.misconceptions == [], [r.claim_words for r in result.misconceptions]
        assert result.verdict == "graded"
    assert grade(spoken, key, BOOK).score >= 9


KNOWN_FALSE_ALARMS = {
    "xf-58": "a thin answer made mostly of operator names (一阶的有Roberts Sobel Prewitt 二阶的有"
    "Laplacian …) is read as a bare keyword list",
    "xi-67": "a thin answer on locality and weight sharing reads as one to the parameter-sharing "
    "question (off_topic): the question's own single concept, CNN, cannot tell them apart",
}


RIGHT_SAMPLE_EVERY = 4
"""The suite grades every 4th right answer (~660); `make bench` (bench/run.py, section 'bank')
sets INTERVIEWER_FULL_BANK=1 and grades all of them: the whole set is a slow check."""


def test_no_misconception_is_named_in_the_teams_right_answers() -> None:
    """2,648 right spoken answers (excellent and thin) written to catch rules that flag right
    answers (comparisons both ways, rejected wrong ideas, counterfactuals, numbers, lists in one
    breath): each false alarm found was a loose key pattern, now tightened; a key edit must not
    bring one back."""
    from interviewer.grading.keyed import grade

    rows = _team_rows("interview_team_right.jsonl")
    assert len(rows) >= 2648
    if os.environ.get("INTERVIEWER_FULL_BANK") != "1":
        rows = rows[::RIGHT_SAMPLE_EVERY]
    flagged = []
    for row in rows:
        if row["id"] in KNOWN_FALSE_ALARMS:
            continue
        result = grade(row["answer"], BOOK[row["question_id"]], BOOK)
        if result.verdict != "graded" or result.misconceptions:
            named = [r.claim_words for r in result.misconceptions]
            flagged.append((row["id"], result.verdict, named))
    assert flagged == []


KNOWN_MISSES: dict[str, str] = {}
"""Rows of the sets below a key may leave unnamed or grade above 3, each with why."""


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("interview_team_misconceptions.jsonl", 393),
        ("interview_team_misconceptions2.jsonl", 393),
        ("interview_team_misconceptions3.jsonl", 393),
        ("interview_team_claims_check7.jsonl", 72),
        ("interview_team_claims_check8.jsonl", 72),
        ("interview_team_claims_check11.jsonl", 75),
    ],
)
def test_the_common_misconceptions_in_the_teams_answers_are_named(name: str, size: int) -> None:
    """Spoken answers, three per keyed question, each resting on a false claim interviewers hear
    (two as the answer's substance, one as a slip in a good answer): the claims heard most, and
    then twice the next ones, each time written to differ from every claim the keys listed; and
    three claims checks (a false central claim and a slip per question), keyed after they were
    scored unread. The key names every one; an answer whose substance is false gets at most 3."""
    from interviewer.grading.keyed import grade

    rows = _team_rows(name)
    assert len(rows) >= size
    missed = []
    for row in rows:
        if row["id"] in KNOWN_MISSES:
            continue
        result = grade(row["answer"], BOOK[row["question_id"]], BOOK)
        if row["kind"] == "excellent":  # the claims checks' right answers: nothing to name
            if result.misconceptions:
                missed.append((row["id"], result.score, "a right answer flagged"))
            continue
        high = row["kind"] == "false_central" and result.score > 3
        if not result.misconceptions or high:
            missed.append((row["id"], result.score, row["claim"]))
    assert missed == []


FRESH_MISFIRES_LEFT = {
    "f18c-23": "English: 'Tanh is basically a rescaled sigmoid into minus one to one' reads as a "
    "claim about sigmoid; an English object after 'a rescaled' is not told from a subject",
}


def test_full_marks_answers_of_the_read_fresh_sets_name_no_claim() -> None:
    """The fresh spoken answers (bench/interview_team_fresh.jsonl, interview_team_fresh2.jsonl,
    interview_team_fresh4.jsonl, interview_team_fresh14.jsonl and its check half, and
    interview_team_fresh15.jsonl, each read after it was scored):
    no answer a fair interviewer gave 9 or 10 has a claim named or is sent off as another
    question's answer. The other `_check` files are the parts nothing was changed for."""
    from interviewer.grading.keyed import grade

    rows = [
        r
        for name in (
            "interview_team_fresh.jsonl",
            "interview_team_fresh2.jsonl",
            "interview_team_fresh4.jsonl",
            "interview_team_fresh14.jsonl",
            "interview_team_fresh14_check.jsonl",
            "interview_team_fresh15.jsonl",
        )
        for r in _team_rows(name)
        if float(r["human"]) >= 9
    ]
    assert len(rows) >= 80
    misfires = []
    for row in rows:
        if row["id"] in FRESH_MISFIRES_LEFT:
            continue
        result = grade(row["answer"], BOOK[row["question_id"]], BOOK)
        named = [r.misconception.claim for r in result.results if r.misconception]
        if named or result.verdict != "graded":
            misfires.append((row["id"], result.verdict, named))
    assert misfires == []


def test_an_answer_fitting_a_broader_bank_question_answers_the_narrower_one_asked() -> None:
    """An answer of effects ("加快训练收敛…") answers "BN的作用" without naming BN and fits
    "为什么要进行归一化" too (a new-user audit: 0/10, "this answers another question"). It makes
    the asked question's core point in full, so it is graded; an answer to the broader question
    that makes none of the asked question's points is still another question's answer."""
    from interviewer.grading.keyed import grade

    bn = BOOK[_bank_id("简单介绍一下Batch Normalization以及它的作用")]  # "BN的作用" folds to it
    thin = grade("加快训练收敛，可以用更大的学习率，对初始化没那么敏感，还能缓解梯度消失", bn, BOOK)
    assert thin.verdict == "graded" and thin.score > 0
    assert any("作用" in r.point.text and r.match.complete for r in thin.results)

    elsewhere = grade(
        "嗯归一化主要是因为不同特征量纲不一样，比如一个是0到1一个是0到10000，不归一化的话loss"
        "等高线是很扁的椭圆，梯度下降会来回震荡收敛慢，归一化以后更接近圆，收敛快很多",
        BOOK[_bank_id("LN和BN的区别")],
        BOOK,
    )
    assert elsewhere.verdict == "off_topic" and "归一化" in elsewhere.other.question


def _bank_id(question: str) -> str:
    return next(q["id"] for q in _bank() if q["text"] == question)


def test_a_reply_making_the_asked_point_answers_its_follow_up_in_full() -> None:
    """A follow-up is graded on the point it asked (core, or a bonus point after a brief answer):
    the point's own spoken example, said as the reply, is a full answer to it."""
    from interviewer.grading.keyed import grade
    from interviewer.interview.grounding import focused_references
    from interviewer.types.verdict import Reference

    short = []
    for key in BOOK.distinct():
        ref = Reference(text="", source="bank", question_id=key.ids[0], key=key)
        for point in key.points:
            if not (point.ask and point.examples):
                continue
            [focused] = focused_references([ref], [point.text], point.ask)
            assert focused.key is not None and [p.text for p in focused.key.points] == [point.text]
            result = grade(point.examples[0], focused.key, BOOK)
            if result.verdict != "graded" or result.score < 9:
                short.append(f"{key.ids[0]}: {point.examples[0][:40]} -> {result.score}")
    assert short == []


def test_a_short_reply_is_a_list_to_the_question_but_answers_its_follow_up() -> None:
    """As the whole answer to "GRU和LSTM的区别?" a few short items are a bare list; as the reply
    to the follow-up asking one of its points they answer it in full."""
    from interviewer.grading.keyed import KEYWORD_LIST_CAP, grade
    from interviewer.interview.grounding import focused_references
    from interviewer.types.verdict import Reference

    key = BOOK["3178b01934"]
    reply = "gru参数更少 训练更快 效果其实差不多"
    assert grade(reply, key, BOOK).verdict == "keyword_list"
    point = next(p for p in key.points if reply in p.examples)
    ref = Reference(text="", source="bank", question_id=key.ids[0], key=key)
    [focused] = focused_references([ref], [point.text], point.ask)
    assert focused.key is not None and focused.key.focused and not key.focused
    assert grade(reply, focused.key, BOOK).score > KEYWORD_LIST_CAP + 5
