"""Small, honest fakes of the interview core for UI tests: same contract, trivially predictable.

The history goes into the real HistoryStore, so resume and "everything answered is saved" are
checked against the real database; only question picking, phrasing and grading are scripted.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from interviewer.config import Settings
from interviewer.interview.hints import apply_penalty
from interviewer.interview.turns import (
    GradedTurn,
    QuestionScore,
    ReviewItem,
    SessionSummary,
    TopicScore,
)
from interviewer.storage.db import HistoryStore
from interviewer.types.bank import Question
from interviewer.types.plan import InterviewPlan
from interviewer.types.turn import Turn
from interviewer.types.verdict import KeyPoint, Label, PointStatus, Reference, Verdict


@dataclass(frozen=True)
class ScriptedQuestion:
    question: Question
    points: tuple[str, ...]
    """Key terms: a point counts as covered when the answer contains it."""
    follow_up: str


BANK: tuple[ScriptedQuestion, ...] = (
    ScriptedQuestion(
        Question(id="q-adam", text="Adam和SGD的区别", topic="优化器"),
        ("动量", "自适应学习率", "偏差修正"),
        "Adam 里的偏差修正是为了解决什么问题？",
    ),
    ScriptedQuestion(
        Question(id="q-bn", text="BN的作用", topic="归一化"),
        ("均值", "方差", "训练更稳定"),
        "BN 在训练和推理时有什么不同？",
    ),
    ScriptedQuestion(
        Question(id="q-dropout", text="dropout的作用", topic="正则化"),
        ("过拟合", "随机", "集成"),
        "dropout 在测试时怎么处理？",
    ),
)


class FakeRetriever:
    stale = None

    def __init__(self, bank: Sequence[ScriptedQuestion] = BANK) -> None:
        self.bank = list(bank)

    def questions(self) -> list[Question]:
        return [item.question for item in self.bank]


class KeywordGrader:
    """Covered = the answer contains the key term; the score is the covered share of 10."""

    name = "fake-keyword"

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate
        """When set, grading waits for it (to test that the UI stays responsive meanwhile)."""
        self.calls = 0

    def grade(self, item: ScriptedQuestion, question: str, answer: str) -> Verdict:
        self.calls += 1
        if self.gate is not None:
            self.gate.wait(timeout=30)
        points = [
            KeyPoint(
                text=term,
                status=PointStatus.COVERED if term in answer else PointStatus.MISSING,
                evidence=term if term in answer else "",
            )
            for term in item.points
        ]
        covered = sum(p.status is PointStatus.COVERED for p in points)
        score = round(10 * covered / len(points), 1)
        label = Label.CORRECT if score >= 8 else Label.PARTIAL if covered else Label.INCORRECT
        missing = [p.text for p in points if p.status is PointStatus.MISSING]
        return Verdict(
            score=score,
            label=label,
            points=points,
            feedback=f"还可以讲讲：{'、'.join(missing)}" if missing else "很完整。",
            model_answer=f"{item.question.text}：" + "、".join(item.points) + "。",
            follow_up=item.follow_up if missing else None,
            references=[Reference(text="、".join(item.points), source="corpus/fake.txt:1-3")],
            grader=self.name,
            confidence=0.9,
            notes=["fake grader: keyword match"],
        )


@dataclass
class ScriptedInterview:
    """Asks the bank in order; one follow-up after a weak main answer; saves to a real store."""

    services: FakeServices
    plan: InterviewPlan
    session_id: int
    asked: list[Turn] = field(default_factory=list)
    pending_follow_up: Turn | None = None
    hinted: set[int] = field(default_factory=set)
    prepared: list[int] = field(default_factory=list)
    drafted: set[int] = field(default_factory=set)

    def prepare(self, turn: Turn) -> None:
        self.prepared.append(turn.turn_id)

    def resume_recap(self) -> list[GradedTurn]:
        """Like the core: an answer saved on submit but never graded is graded now."""
        interrupted = [
            t
            for t in self.services.store.session_turns(self.session_id)
            if t.answer and not t.answered
        ]
        return [
            self.answer(
                Turn(
                    t.turn_id, t.index, t.total, t.question_id, t.question_text, t.spoken, t.topic
                ),
                t.answer or "",
                t.elapsed_s or 0.0,
            )
            for t in interrupted
        ]

    def closing(self) -> str | None:
        return None

    def _items(self) -> list[ScriptedQuestion]:
        bank = [
            i
            for i in self.services.retriever.bank
            if not self.plan.topics or i.question.topic in self.plan.topics
        ]
        return bank[: self.plan.count]

    def _item(self, turn: Turn) -> ScriptedQuestion:
        return next(i for i in self.services.retriever.bank if i.question.id == turn.question_id)

    def opening(self) -> str:
        answered = [t for t in self.services.store.session_turns(self.session_id) if t.answered]
        if answered:
            return f"欢迎回来，上次答了 {len(answered)} 题，我们接着聊。"
        return f"你好，我们开始吧。今天聊 {len(self._items())} 个问题。"

    def next_turn(self) -> Turn | None:
        store = self.services.store
        if self.pending_follow_up is not None:
            turn, self.pending_follow_up = self.pending_follow_up, None
        else:
            done = {
                t.question_id
                for t in store.session_turns(self.session_id)
                if t.answered and not t.is_follow_up
            }
            items = self._items()
            remaining = [(n, i) for n, i in enumerate(items, 1) if i.question.id not in done]
            if not remaining:
                store.finish_session(self.session_id)
                return None
            index, item = remaining[0]
            turn = Turn(
                0,
                index,
                len(items),
                item.question.id,
                item.question.text,
                f"我们聊聊{item.question.topic}。说说{item.question.text}？",
                item.question.topic,
            )
        turn = replace(turn, turn_id=store.record_asked(self.session_id, turn))
        self.asked.append(turn)
        return turn

    def submit(self, turn: Turn, text: str, elapsed_s: float) -> None:
        self.services.store.record_submitted(turn.turn_id, text, elapsed_s)

    def save_draft(self, turn: Turn, text: str) -> None:
        self.services.store.record_draft(turn.turn_id, text)

    def draft(self, turn: Turn) -> str:
        """Like the core: what was typed for this question before an interruption, once (the
        fake asks it again as a new turn, so the draft is found by question)."""
        for t in self.services.store.session_turns(self.session_id):
            if t.draft and t.question_id == turn.question_id and t.turn_id not in self.drafted:
                self.drafted.add(t.turn_id)
                return t.draft
        return ""

    def answer(self, turn: Turn, text: str, elapsed_s: float) -> GradedTurn:
        item = self._item(turn)
        verdict = self.services.grader.grade(item, turn.question, text)
        hint = turn.turn_id in self.hinted
        if hint:
            verdict = apply_penalty(verdict)  # the interview's own rule: its note and all
        self.services.store.record_answer(turn.turn_id, text, elapsed_s, hint, verdict)
        if verdict.follow_up and verdict.score < 7 and turn.parent_turn_id is None:
            self.pending_follow_up = Turn(
                0,
                turn.index,
                turn.total,
                turn.question_id,
                verdict.follow_up,
                f"追问一下：{verdict.follow_up}",
                turn.topic,
                turn.turn_id,
            )
        return GradedTurn(
            turn, text, verdict, insights=self.services.insights(text, elapsed_s), hint_used=hint
        )

    def skip(self, turn: Turn, *, dont_know: bool = False) -> GradedTurn:
        item = self._item(turn)
        verdict = Verdict(
            score=0,
            label=Label.EMPTY,
            grader=self.services.grader.name,
            confidence=1,
            model_answer="、".join(item.points),
            feedback="下次试着说说思路。",
        )
        self.services.store.record_answer(turn.turn_id, "", 0.0, False, verdict, skipped=True)
        return GradedTurn(turn, "", verdict, skipped=True)

    def give_own_score(self, turn: Turn, score: float | None) -> bool:
        self.services.store.record_own_score(turn.turn_id, score)
        pending = self.pending_follow_up
        if pending is not None and pending.parent_turn_id == turn.turn_id and (score or 0) >= 7:
            self.pending_follow_up = None
            return True
        return False

    def hint(self, turn: Turn) -> str:
        self.hinted.add(turn.turn_id)
        self.services.store.record_hint(turn.turn_id)
        return f"提示：想想「{self._item(turn).points[0]}」。"

    def summary(self) -> SessionSummary:
        turns = [t for t in self.services.store.session_turns(self.session_id) if t.answered]
        scores = tuple(
            QuestionScore(
                t.turn_id,
                t.index,
                t.question_text,
                t.topic,
                t.score or 0.0,
                t.label or "",
                t.is_follow_up,
                t.hint_used,
                t.skipped,
            )
            for t in turns
        )
        mean = sum(s.score for s in scores) / len(scores) if scores else None
        by_topic: dict[str, list[float]] = {}
        for s in scores:
            by_topic.setdefault(s.topic, []).append(s.score)
        weakest = sorted(
            (TopicScore(k, sum(v) / len(v), len(v)) for k, v in by_topic.items()),
            key=lambda t: t.mean_score,
        )[:3]
        review = tuple(
            ReviewItem(
                t.question_text,
                t.topic,
                t.score or 0.0,
                tuple(p.text for p in t.verdict.missing) if t.verdict else (),
            )
            for t in turns
            if (t.score or 0) < 6
        )
        record = self.services.store.session(self.session_id)
        return SessionSummary(
            self.session_id,
            scores,
            mean,
            tuple(weakest),
            review,
            self.services.store.path,
            bool(record and record.finished),
            averaged=len(scores),
        )


class FakeServices:
    """Stands in for `interviewer.services.root.Services` (same attribute names)."""

    def __init__(self, settings: Settings, *, grader: KeywordGrader | None = None) -> None:
        self.settings = settings
        self.retriever = FakeRetriever()
        self.grader = grader or KeywordGrader()
        self.store = HistoryStore(Path(settings.db_path))
        self.interviews: list[ScriptedInterview] = []

    def wait_ready(self) -> None:
        """Everything is loaded at once here."""

    def insights(self, text: str, elapsed_s: float):
        try:
            from interviewer.progress.insights import analyze
        except ImportError:
            return None
        return analyze(text, elapsed_s)

    def new_interview(self, plan: InterviewPlan) -> ScriptedInterview:
        session = self.store.start_session(plan, self.grader.name)
        interview = ScriptedInterview(self, plan, session)
        self.interviews.append(interview)
        return interview

    def resume_interview(self, session_id: int) -> ScriptedInterview:
        record = self.store.session(session_id)
        assert record is not None
        interview = ScriptedInterview(self, record.plan, session_id)
        self.interviews.append(interview)
        return interview
