"""A whole interview with the real similarity grader and the real embedding model (no fakes
except the in-memory bank): good answers outscore bad ones, follow-ups, skips, finish, resume."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.interview.engine import Interview
from interviewer.types.bank import QAItem, Question, SourceSpan
from interviewer.types.plan import InterviewPlan
from interviewer.types.verdict import Label
from tests.interview.fakes import FakeRetriever, make_services

pytestmark = pytest.mark.slow

GOOD = {
    "adam-sgd": "SGD 每次只用当前 batch 的梯度更新，方向不稳定；"
    "Adam 会考虑历史梯度，用一阶矩和二阶矩估计自适应地调整每个参数的学习率，"
    "还有偏差修正，所以每次迭代的学习率有一个确定的范围，训练更平稳。",
    "adam": "Adam 可以看成带动量的 RMSprop，"
    "它用梯度的一阶矩估计和二阶矩估计，动态调整每个参数的学习率。",
}
BAD = "嗯，这个我不太确定，应该就是两种不同的方法吧，效果差不多。"


@pytest.fixture
def similarity(embedder):
    grading = pytest.importorskip("interviewer.grading.similarity")
    return grading.SimilarityGrader(embedder)


def test_interview_with_real_grader(tmp_path: Path, similarity) -> None:
    db = tmp_path / "history.sqlite3"
    services = make_services(db, grader=similarity)
    interview = services.new_interview(InterviewPlan(topics=("优化器",), count=2, seed=3))
    assert interview.opening()

    first = interview.next_turn()
    good = interview.answer(first, GOOD[first.question_id], 40.0)
    second = interview.next_turn()
    assert second.parent_turn_id is None or second.parent_turn_id == first.turn_id
    if second.parent_turn_id is not None:  # even a good answer may miss a point: answer it
        interview.skip(second)
        second = interview.next_turn()
    bad = interview.answer(second, BAD, 8.0)
    assert good.verdict.grader == bad.verdict.grader == "similarity"
    assert good.verdict.score > bad.verdict.score + 2
    assert good.verdict.label in (Label.CORRECT, Label.PARTIAL)
    assert bad.verdict.label is not Label.CORRECT

    follow = interview.next_turn()
    if follow is not None:  # a weak answer with a missed point gets exactly one follow-up
        assert follow.parent_turn_id == second.turn_id
        interview.skip(follow, dont_know=True)
        assert interview.next_turn() is None
    summary = interview.summary()
    assert summary.finished and summary.db_path == db
    assert {s.turn_id for s in summary.scores} >= {first.turn_id, second.turn_id}
    assert summary.to_review and summary.to_review[0].missed


def test_resume_with_real_grader(tmp_path: Path, similarity) -> None:
    db = tmp_path / "history.sqlite3"
    services = make_services(db, grader=similarity)
    interview = services.new_interview(
        InterviewPlan(topics=("优化器",), count=2, follow_ups=False, seed=5)
    )
    first = interview.next_turn()
    kept = interview.answer(first, GOOD[first.question_id], 30.0)
    pending = interview.next_turn()
    services.store.close()

    services = make_services(db, grader=similarity)
    resumed = Interview.resume(services, interview.session_id)
    again = resumed.next_turn()
    assert again.turn_id == pending.turn_id
    resumed.answer(again, GOOD[again.question_id], 30.0)
    assert resumed.next_turn() is None
    scores = {s.turn_id: s.score for s in resumed.summary().scores}
    assert scores[first.turn_id] == kept.verdict.score and len(scores) == 2


RECSYS_QUESTION = "什么是双塔模型？"
RECSYS_NOTES = (
    "双塔模型（Two-Tower Model）把用户特征和物品特征分别输入两个独立的 DNN 塔，得到 user "
    "embedding 和 item embedding。两个 embedding 的内积或余弦相似度作为匹配分数。由于物品塔可以"
    "离线计算，线上只需要计算用户向量，再用 ANN 检索，所以双塔模型适合召回阶段。双塔模型的缺点"
    "是用户和物品特征交互太晚，无法做细粒度的特征交叉。"
)


class _Recording:
    """The real grader, remembering what each answer was graded against."""

    def __init__(self, grader) -> None:  # noqa: ANN001
        self.grader, self.name, self.calls = grader, grader.name, []

    def prepare(self, question, references) -> None:  # noqa: ANN001
        self.grader.prepare(question, references)

    def grade(self, question, answer, references):  # noqa: ANN001, ANN201
        self.calls.append(list(references))
        return self.grader.grade(question, answer, references)


def test_own_notes_follow_up_asks_one_point_and_grades_the_reply_on_it(
    tmp_path: Path, similarity
) -> None:
    """A question of the user's notes (no answer key) is followed up like a keyed one: about one
    missed point, asked concretely (it was "这道题还有哪些要点你没讲到？"), and the reply is
    graded on that point, not on every point the first answer missed."""
    item = QAItem(RECSYS_QUESTION, RECSYS_NOTES, SourceSpan("user/rec.md", 1, 5), ("推荐系统",))
    bank = [Question("two-tower", RECSYS_QUESTION, "推荐系统", [item])]
    grader = _Recording(similarity)
    services = make_services(
        tmp_path / "history.sqlite3", grader=grader, retriever=FakeRetriever(bank)
    )
    interview = services.new_interview(InterviewPlan(count=1, seed=1))
    turn = interview.next_turn()
    weak = interview.answer(turn, "双塔模型就是用户一个塔、物品一个塔，最后算一个内积。", 20.0)
    assert weak.verdict.label in (Label.PARTIAL, Label.INCORRECT)
    point = weak.verdict.follow_up_point
    assert point and point in [p.text for p in weak.verdict.points]
    follow = interview.next_turn()
    assert follow.parent_turn_id == turn.turn_id and follow.question == weak.verdict.follow_up
    assert "要点" not in follow.spoken and point not in follow.spoken
    reply = interview.answer(follow, "嗯，" + point, 15.0)
    assert [r.text for r in grader.calls[-1]] == [point]
    assert reply.verdict.score >= 7 and [p.text for p in reply.verdict.points] == [point]
