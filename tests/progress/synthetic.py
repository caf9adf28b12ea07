"""Synthetic history for progress, stats and CLI tests: real records, a real store, fixed times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

from interviewer.storage.db import HistoryStore
from interviewer.storage.records import TurnRecord
from interviewer.types.plan import InterviewPlan
from interviewer.types.turn import Turn
from interviewer.types.verdict import KeyPoint, Label, PointStatus, Verdict

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)


def verdict(
    score: float,
    *,
    label: Label | None = None,
    missing: Sequence[str] = (),
    covered: Sequence[str] = (),
    feedback: str = "",
    grader: str = "similarity",
) -> Verdict:
    if label is None:
        label = Label.CORRECT if score >= 8 else Label.PARTIAL if score >= 3 else Label.INCORRECT
    points = [KeyPoint(text=t, status=PointStatus.COVERED, evidence=t) for t in covered]
    points += [KeyPoint(text=t, status=PointStatus.MISSING) for t in missing]
    return Verdict(
        score=score, label=label, points=points, feedback=feedback, grader=grader, confidence=0.8
    )


def record(
    turn_id: int,
    question_id: str,
    score: float,
    at: datetime,
    *,
    topic: str = "优化器",
    question_text: str | None = None,
    answer: str = "Adam结合了动量和自适应学习率。",
    label: str | None = None,
    hint_used: bool = False,
    parent_turn_id: int | None = None,
    removed: bool = False,
    session_id: int = 1,
    elapsed_s: float | None = 30.0,
) -> TurnRecord:
    """An answered turn as the store would hand it back."""
    v = verdict(score)
    return TurnRecord(
        turn_id=turn_id,
        session_id=session_id,
        question_id=question_id,
        question_text=question_text or f"问题 {question_id}",
        topic=topic,
        spoken=question_text or f"问题 {question_id}",
        parent_turn_id=parent_turn_id,
        asked_at=at - timedelta(seconds=elapsed_s or 0),
        answer=answer,
        answered_at=at,
        elapsed_s=elapsed_s,
        hint_used=hint_used,
        verdict=v,
        score=score,
        label=label or v.label.value,
        removed=removed,
    )


class HistoryWriter:
    """Writes sessions the way the interview does (asked, then answered), at chosen times."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store

    def session(self, at: datetime, grader: str = "similarity", count: int = 3) -> int:
        return self.store.start_session(InterviewPlan(count=count), grader, at=at)

    def answer(
        self,
        session_id: int,
        question_id: str,
        question: str,
        topic: str,
        score: float,
        at: datetime,
        *,
        answer: str = "BN就是把每一层的输入归一化，因为这样可以加速收敛，比如ResNet。",
        elapsed_s: float = 40.0,
        hint_used: bool = False,
        parent_turn_id: int | None = None,
        missing: Sequence[str] = (),
        feedback: str = "",
        label: Label | None = None,
        grader: str = "similarity",
    ) -> int:
        turn = Turn(
            turn_id=0,
            index=1,
            total=3,
            question_id=question_id,
            question=question,
            spoken=question,
            topic=topic,
            parent_turn_id=parent_turn_id,
        )
        turn_id = self.store.record_asked(session_id, turn, at=at - timedelta(seconds=elapsed_s))
        v = verdict(score, label=label, missing=missing, feedback=feedback, grader=grader)
        self.store.record_answer(turn_id, answer, elapsed_s, hint_used, v, at=at)
        return turn_id


BANK = {
    "q-adam": ("Adam和SGD的区别", "优化器"),
    "q-bn": ("BN的作用", "归一化"),
    "q-ln": ("LayerNorm和BatchNorm的区别", "归一化"),
    "q-dropout": ("Dropout为什么能防止过拟合", "正则化"),
}


def fill_weeks(path: Path) -> HistoryStore:
    """Three weeks of practice: BN weak, Adam strong, dropout improving, a follow-up, a skip."""
    store = HistoryStore(path)
    w = HistoryWriter(store)
    plan = [
        # (day, question, score)
        (0, "q-adam", 9.0),
        (0, "q-bn", 3.0),
        (0, "q-dropout", 2.0),
        (1, "q-bn", 4.0),
        (1, "q-dropout", 6.0),
        (7, "q-adam", 9.5),
        (7, "q-bn", 2.5),
        (8, "q-ln", 5.0),
        (8, "q-dropout", 8.0),
        (9, "q-dropout", 9.0),
    ]
    sessions: dict[int, int] = {}
    for n, (day, qid, score) in enumerate(plan):
        at = T0 + timedelta(days=day, minutes=5 * n)
        if day not in sessions:
            sessions[day] = w.session(at - timedelta(minutes=1))
        question, topic = BANK[qid]
        missing = ("减少内部协变量偏移",) if qid == "q-bn" else ()
        feedback = "补充BN在训练和推理时的区别。" if qid == "q-bn" else "不错。"
        w.answer(sessions[day], qid, question, topic, score, at, missing=missing, feedback=feedback)
    # a follow-up on the last BN answer, and a skip of Adam
    bn_turn = [t for t in store.answered_turns() if t.question_id == "q-bn"][-1]
    follow_at = bn_turn.answered_at + timedelta(minutes=1)  # type: ignore[operator]
    w.answer(bn_turn.session_id, "q-bn", "推理时BN用什么统计量？", "归一化", 1.0, follow_at,
             parent_turn_id=bn_turn.turn_id)  # fmt: skip
    for sid in sessions.values():
        store.finish_session(sid, at=T0 + timedelta(days=9, hours=1))
    return store
