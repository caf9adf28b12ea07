"""The interviewer remembers the last earlier answer to a question it asks again: a miss or a
half answer is mentioned (one missed point named in a term, never stated), a good one now and
then, with when on the candidate's days; a retry in the same session keeps its own words."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from random import Random

import pytest

from interviewer.errors import LLMError
from interviewer.interview.llm_phrasing import LLMPhraser
from interviewer.interview.past import EarlierAnswer
from interviewer.interview.phrasing import AskContext, TemplatePhraser, recalled, said_when
from interviewer.services.root import Services
from interviewer.storage.db import HistoryStore
from interviewer.types.plan import InterviewPlan
from interviewer.wording import INTERFACE_ZH, say, variants
from tests.interview.fakes import make_services

DAY0 = datetime(2024, 5, 7, 12, 0, tzinfo=timezone.utc)  # a Tuesday
MISSED_WORDS = ("没答上来", "没答出来", "卡住了")
PARTIAL_WORDS = ("没答完整", "只答了一部分", "答得不太完整", "漏了")
SGD_POINT = "Adam考虑历史梯度，用一阶矩和二阶矩自适应调整学习率"


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        self.at += timedelta(seconds=30)
        return self.at


def _services(db: Path, clock: Clock, **kwargs) -> Services:
    services = make_services(db, **kwargs)
    services.store.close()
    return dataclasses.replace(services, store=HistoryStore(db, clock=clock))


def _first_session(db: Path) -> None:
    """Day 0: Adam和SGD half answered (one point of three), Adam: 不会."""
    services = _services(db, Clock(DAY0))
    interview = services.new_interview(InterviewPlan(topics=("优化器",), count=2, seed=5))
    while (turn := interview.next_turn()) is not None:
        if turn.parent_turn_id is not None:
            interview.skip(turn)
        elif turn.question_id == "adam-sgd":
            graded = interview.answer(turn, "SGD的更新方向依赖当前batch的梯度，所以不稳定", 20.0)
            assert 3 <= graded.verdict.score < 6
        else:
            interview.skip(turn, dont_know=True)
    services.store.close()


def _second_session(db: Path, days: int, **plan) -> tuple[Services, dict[str, str]]:
    services = _services(db, Clock(DAY0 + timedelta(days=days)))
    interview = services.new_interview(InterviewPlan(topics=("优化器",), count=2, **plan))
    spoken = {}
    while (turn := interview.next_turn()) is not None and turn.question_id not in spoken:
        spoken[turn.question_id] = turn.spoken
        interview.skip(turn, dont_know=True)
    return services, spoken


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_question_missed_or_half_answered_before_is_asked_as_such(
    tmp_path: Path, seed: int
) -> None:
    db = tmp_path / "history.sqlite3"
    _first_session(db)
    _, spoken = _second_session(db, 3, seed=seed)
    half, missed = spoken["adam-sgd"], spoken["adam"]
    assert "三天前" in half and sum(w in half for w in PARTIAL_WORDS) == 1
    assert "三天前" in missed and sum(w in missed for w in MISSED_WORDS) == 1
    assert not any(w in missed for w in PARTIAL_WORDS)
    # the point missed is named in a term at most, never said: that would be the answer
    assert SGD_POINT not in half and "自适应调整学习率" not in half
    assert half.count("三天前") == 1 and missed.count("三天前") == 1  # one remark per question
    assert half.count("：") == 1  # 最后一题：这道题…： reads 最后一题，这道题…：


def test_the_point_missed_is_named_by_a_short_term(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    _first_session(db)
    named = []
    for seed in range(6):  # each on a copy: a session today is history to the next
        copy = tmp_path / f"copy{seed}.sqlite3"
        shutil.copy(db, copy)
        named.append(_second_session(copy, 1, seed=seed)[1]["adam-sgd"])
    assert all("昨天" in s for s in named)
    with_term = [s for s in named if "漏了" in s or "没讲到" in s or "那块没提" in s]
    assert with_term, named  # the fake's reference names its point (一阶矩 / 历史梯度 …)
    assert all(SGD_POINT[:8] not in s for s in with_term)


def test_how_long_ago_is_said_on_the_candidates_days() -> None:
    friday = date(2024, 5, 10)
    assert said_when(friday, friday) == "上次"
    assert said_when(date(2024, 5, 9), friday) == "昨天"
    assert said_when(date(2024, 5, 8), friday) == "前天"
    assert said_when(date(2024, 5, 6), friday) == "四天前"
    assert said_when(date(2024, 5, 3), friday) == "上周"
    assert said_when(date(2024, 4, 29), friday) == "上周"  # Monday of the week before
    assert said_when(date(2024, 4, 26), friday) == "两周前"
    assert said_when(date(2024, 3, 1), friday) == "两个多月前"


def test_a_good_answer_is_mentioned_only_now_and_then() -> None:
    ctx = AskContext("Adam和SGD的区别?", "优化器", 2, 5, past=_earlier(9.0))
    said = [recalled(ctx, "", Random(seed)) for seed in range(40)]
    assert "" in said and any(said)
    assert all(s == "" or "上周" in s for s in said)
    assert not any(w in s for s in said for w in MISSED_WORDS + PARTIAL_WORDS)
    good = {say(k, INTERFACE_ZH, when="上周") for k in variants("recall_good")}
    assert {s for s in said if s} <= good


def test_no_history_no_remark_and_the_same_words_as_before() -> None:
    """A question never answered before is put exactly as it was: no draw of the rng either."""
    plain = AskContext("Adam和SGD的区别?", "优化器", 2, 5)
    for seed in range(10):
        assert recalled(plain, "", Random(seed)) == ""
    missed = dataclasses.replace(plain, past=_earlier(0.0))
    assert any(w in TemplatePhraser().ask(missed, Random(1)) for w in MISSED_WORDS)
    for ctx in (
        dataclasses.replace(missed, retry=True),
        dataclasses.replace(missed, follow_up=True),
    ):
        assert not any(w in TemplatePhraser().ask(ctx, Random(1)) for w in MISSED_WORDS[1:])
        assert "上周" not in TemplatePhraser().ask(ctx, Random(1))


def test_a_miss_retried_in_the_same_session_keeps_its_own_words(tmp_path: Path) -> None:
    """Adam was 不会 on day 0, and again today: asked once more (relearn), it is the retry's
    "前面这道没答好", not the earlier session's remark as well."""
    db = tmp_path / "history.sqlite3"
    _first_session(db)
    services = _services(db, Clock(DAY0 + timedelta(days=2)))
    interview = services.new_interview(
        InterviewPlan(topics=("优化器",), count=2, seed=3, relearn=True)
    )
    asked = []
    while (turn := interview.next_turn()) is not None:
        asked.append(turn)
        interview.skip(turn, dont_know=True)
    retries = [t for t in asked if t.retry]
    assert retries and all(t.spoken.startswith("前面这道没答好") for t in retries)
    assert all("前天" not in t.spoken for t in retries)
    firsts = [t for t in asked if not t.retry and t.parent_turn_id is None]
    assert all(t.spoken.count("前天") == 1 for t in firsts)


def test_the_llm_phraser_says_the_same_remark_and_is_told_nothing_of_it() -> None:
    ctx = AskContext("Adam和SGD的区别?", "优化器", 2, 5, past=_earlier(4.0, missed="偏差修正"))
    template = TemplatePhraser().ask(ctx, Random(7))
    assert "偏差修正" in template and "上周" in template

    class Client:
        model = "fake-llm"
        messages: list = []

        def chat_text(self, messages, *, max_tokens: int = 400) -> str:
            self.messages.append(messages)
            return self.reply

    client = Client()
    client.reply = "你能讲讲 Adam 和 SGD 有什么不同吗？"
    spoken = LLMPhraser(client).ask(ctx, Random(7))
    remark = template[: template.index("：") + 1]
    assert spoken == remark + "你能讲讲 Adam 和 SGD 有什么不同吗？"
    assert "偏差修正" not in str(client.messages) and "上周" not in str(client.messages)

    def fail(messages, *, max_tokens: int = 400) -> str:
        raise LLMError("down")

    client.chat_text = fail
    assert LLMPhraser(client).ask(ctx, Random(7)) == template  # the templates' own words


def _earlier(score: float, missed: str = "") -> EarlierAnswer:
    return EarlierAnswer(score, date(2024, 5, 3), date(2024, 5, 10), missed)


def _record(turn_id: int, session_id: int, score: float, verdict, answer: str, parent=None):
    from interviewer.storage.records import TurnRecord

    return TurnRecord(
        turn_id, session_id, "roi", "解释 ROI Pooling 和 ROI Align", "检测", "", parent,
        DAY0, answer, DAY0, 20.0, False, verdict, score, "partial", False,
    )  # fmt: skip


def _roi_key():
    from interviewer.types.answer_key import AnswerKey, AnswerPoint

    return AnswerKey(
        ids=["roi"],
        question="解释 ROI Pooling 和 ROI Align",
        reference="ROI Pooling 有两次量化取整。ROI Align 由 Mask R-CNN 提出，用双线性插值。",
        points=[
            AnswerPoint(text="ROI Pooling 有两次量化取整。", concepts=[["量化", "取整"]]),
            AnswerPoint(
                text="ROI Align 由 Mask R-CNN 提出，用双线性插值。",
                concepts=[["mask r-cnn"], ["双线性插值", "bilinear"]],
            ),
        ],
    )


def test_a_keyed_point_is_named_by_its_first_concept_as_the_point_spells_it() -> None:
    """The first concept names what a point is about (the later ones what it says of it:
    接近, 更快); a concept the answer said, or one the question says, is not named."""
    from interviewer.interview.past import earlier_answers
    from interviewer.types.verdict import KeyPoint, Label, PointStatus, Verdict

    def verdict(follow_up_point: str) -> Verdict:
        points = [
            KeyPoint(text=p.text, status=PointStatus.MISSING) for p in _roi_key().points
        ]
        return Verdict(
            score=4, label=Label.PARTIAL, points=points, follow_up_point=follow_up_point,
            grader="fake", confidence=0.9,
        )  # fmt: skip

    align = _roi_key().points[1].text
    keys = {"roi": _roi_key()}
    now = DAY0 + timedelta(days=8)
    said = earlier_answers([_record(1, 1, 4.0, verdict(align), "嗯")], 2, keys, now=now)
    assert said["roi"].missed == "Mask R-CNN" and said["roi"].band == "partial"
    # the follow-up's point was said by the answer (mask r-cnn): the next core point missed
    answered = [_record(1, 1, 4.0, verdict(align), "mask r-cnn 里提出的")]
    assert earlier_answers(answered, 2, keys, now=now)["roi"].missed == "量化"
    # a follow-up whose answer made its point: the point is not named as missed
    follow = verdict(align).model_copy(
        update={"points": [KeyPoint(text=align, status=PointStatus.COVERED)]}
    )
    made = [_record(1, 1, 4.0, verdict(align), "嗯"), _record(2, 1, 9.0, follow, "x", parent=1)]
    assert earlier_answers(made, 2, keys, now=now)["roi"].missed == "量化"
    # this session's own answers are not the past
    assert earlier_answers([_record(1, 2, 4.0, verdict(align), "嗯")], 2, keys, now=now) == {}
