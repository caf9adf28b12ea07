"""The history store: what is written reads back whole, and the queries progress relies on."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from interviewer.errors import StorageError
from interviewer.storage.db import HistoryStore
from interviewer.types.plan import InterviewPlan
from interviewer.types.turn import Turn
from interviewer.types.verdict import KeyPoint, Label, PointStatus, Reference, Verdict

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


def verdict(score: float, label: Label = Label.PARTIAL) -> Verdict:
    return Verdict(
        score=score,
        label=label,
        points=[KeyPoint(text="自适应学习率", status=PointStatus.MISSING)],
        feedback="补充一下 Adam 的二阶矩估计。",
        follow_up="那 Adam 的偏差修正是做什么的？",
        references=[Reference(text="Adam 结合了动量和 RMSProp", source="corpus/a.txt:3-5")],
        grader="similarity",
        confidence=0.6,
    )


def turn(index: int, qid: str | None = "q1", parent: int | None = None) -> Turn:
    return Turn(0, index, 3, qid, "Adam和SGD的区别?", "我们聊聊优化器吧。", "优化器", parent)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "db" / "history.sqlite3")


def test_round_trip_of_session_turn_and_verdict(store: HistoryStore) -> None:
    plan = InterviewPlan(topics=("优化器", "正则化"), count=3, mode="weak", seed=7)
    sid = store.start_session(plan, "similarity", question_ids=["q1", "q2", "q3"], at=T0)
    tid = store.record_asked(sid, turn(1), at=T0)
    v = verdict(5.5)
    store.record_answer(tid, "Adam 用了动量", 42.0, True, v, at=T0 + timedelta(seconds=42))

    (record,) = store.session_turns(sid)
    assert record.turn_id == tid and record.session_id == sid
    assert record.question_text == "Adam和SGD的区别?" and record.spoken == "我们聊聊优化器吧。"
    assert record.answer == "Adam 用了动量" and record.elapsed_s == 42.0 and record.hint_used
    assert record.verdict == v and record.score == 5.5 and record.label == "partial"
    assert record.asked_at == T0 and record.answered_at == T0 + timedelta(seconds=42)
    session = store.session(sid)
    assert session is not None
    assert session.plan == plan and session.question_ids == ("q1", "q2", "q3")
    assert session.n_answered == 1 and session.mean_score == 5.5 and not session.finished


def test_unanswered_turn_reads_back_as_unanswered(store: HistoryStore) -> None:
    sid = store.start_session(InterviewPlan(), "similarity")
    store.record_asked(sid, turn(1))
    (record,) = store.session_turns(sid)
    assert not record.answered and record.answer is None and record.verdict is None
    assert store.session(sid).n_answered == 0 and store.session(sid).mean_score is None


def test_follow_up_links_to_parent(store: HistoryStore) -> None:
    sid = store.start_session(InterviewPlan(), "similarity")
    parent = store.record_asked(sid, turn(1))
    child = store.record_asked(sid, turn(1, parent=parent))
    assert store.turn(child).parent_turn_id == parent and store.turn(child).is_follow_up


def test_a_pass_is_no_answer_in_the_sessions_count(store: HistoryStore) -> None:
    """Answer Q1, skip its follow-up (Ctrl+N): history said 2 answered. A pass, main or
    follow-up, is no answer; 不会 (stored 不知道) is one, worth 0."""
    sid = store.start_session(InterviewPlan(), "similarity")
    main = store.record_asked(sid, turn(1))
    store.record_answer(main, "Adam 用了动量", 9.0, False, verdict(3.0))
    follow = store.record_asked(sid, turn(1, parent=main))
    store.record_answer(follow, "", 0.0, False, verdict(0.0, Label.EMPTY), skipped=True)
    assert store.session(sid).n_answered == 1
    passed = store.record_asked(sid, turn(2, "q2"))
    store.record_answer(passed, "", 0.0, False, verdict(0.0, Label.EMPTY), skipped=True)
    dont_know = store.record_asked(sid, turn(3, "q3"))
    store.record_answer(dont_know, "不知道", 0.0, False, verdict(0.0, Label.EMPTY), skipped=True)
    assert store.session(sid).n_answered == 2 and store.sessions()[0].n_answered == 2
    assert store.unfinished_session().n_answered == 2


def test_main_questions_answered_are_the_ones_the_mean_averages(store: HistoryStore) -> None:
    """`history` said 9 answered for a five-question session: its count took in follow-ups
    and re-asks, its mean did not. n_main counts what the mean averages."""
    sid = store.start_session(InterviewPlan(), "similarity")
    first = store.record_asked(sid, turn(1))
    store.record_answer(first, "Adam 用了动量", 9.0, False, verdict(6.0))
    follow = store.record_asked(sid, turn(1, parent=first))
    store.record_answer(follow, "偏差修正", 5.0, False, verdict(8.0))
    miss = store.record_asked(sid, turn(2, "q2"))
    store.record_answer(miss, "不知道", 0.0, False, verdict(0.0, Label.EMPTY), skipped=True)
    passed = store.record_asked(sid, turn(3, "q3"))
    store.record_answer(passed, "", 0.0, False, verdict(0.0, Label.EMPTY), skipped=True)
    again = store.record_asked(sid, turn(2, "q2"))  # the miss asked once more (relearn)
    store.record_answer(again, "BN 减均值除方差", 9.0, False, verdict(7.0))
    session = store.session(sid)
    assert session.n_answered == 4 and session.n_main == 2 and session.mean_score == 3.0


def test_a_draft_is_kept_until_the_answer_is_submitted_or_skipped(
    store: HistoryStore,
) -> None:
    """What is typed is saved before it is sent (a kill lost it); submitting or skipping
    forgets it, and a save that arrives after the submit does not bring it back."""
    sid = store.start_session(InterviewPlan(), "similarity")
    tid = store.record_asked(sid, turn(1))
    store.record_draft(tid, "Adam 用了")
    assert store.turn(tid).draft == "Adam 用了" and not store.turn(tid).answered
    store.record_draft(tid, "")
    assert store.turn(tid).draft is None
    store.record_draft(tid, "Adam 用了动量")
    store.record_submitted(tid, "Adam 用了动量和二阶矩", 5.0)
    assert store.turn(tid).draft is None
    store.record_draft(tid, "Adam 用了动量")  # late, from the typing worker
    assert store.turn(tid).draft is None
    skipped = store.record_asked(sid, turn(2, "q2"))
    store.record_draft(skipped, "不太记得")
    store.record_answer(skipped, "", 0.0, False, verdict(0.0, Label.EMPTY), skipped=True)
    assert store.turn(skipped).draft is None


def test_hint_is_recorded_before_the_answer(store: HistoryStore) -> None:
    sid = store.start_session(InterviewPlan(), "similarity")
    tid = store.record_asked(sid, turn(1))
    store.record_hint(tid)
    assert store.turn(tid).hint_used
    store.record_answer(tid, "x", 1.0, False, verdict(3))  # a later False does not erase it
    assert store.turn(tid).hint_used


def test_unknown_turn_is_an_error_not_a_silent_loss(store: HistoryStore) -> None:
    with pytest.raises(StorageError):
        store.record_answer(999, "x", 1.0, False, verdict(3))


def test_unfinished_session_is_the_latest_open_one(store: HistoryStore) -> None:
    first = store.start_session(InterviewPlan(), "similarity")
    second = store.start_session(InterviewPlan(), "similarity")
    assert store.unfinished_session().id == second
    store.finish_session(second)
    assert store.unfinished_session().id == first
    store.finish_session(first)
    assert store.unfinished_session() is None
    assert [s.id for s in store.sessions()] == [first, second]
    assert all(s.finished for s in store.sessions())


def test_unfinished_sessions_are_every_open_one_newest_first(store: HistoryStore) -> None:
    first = store.start_session(InterviewPlan(), "similarity")
    done = store.start_session(InterviewPlan(), "similarity")
    third = store.start_session(InterviewPlan(), "similarity")
    store.finish_session(done)
    assert [s.id for s in store.unfinished_sessions()] == [third, first]
    store.finish_session(third)
    store.finish_session(first)
    assert store.unfinished_sessions() == []


def test_answered_turns_since(store: HistoryStore) -> None:
    sid = store.start_session(InterviewPlan(), "similarity", at=T0)
    old = store.record_asked(sid, turn(1), at=T0)
    store.record_answer(old, "a", 1.0, False, verdict(8, Label.CORRECT), at=T0)
    new = store.record_asked(sid, turn(2, "q2"), at=T0 + timedelta(days=3))
    store.record_answer(
        new, "b", 1.0, False, verdict(2, Label.INCORRECT), at=T0 + timedelta(days=3)
    )
    store.record_asked(sid, turn(3, "q3"))  # asked, never answered: not in the list
    assert [t.turn_id for t in store.answered_turns()] == [old, new]
    assert [t.turn_id for t in store.answered_turns(since=T0 + timedelta(days=1))] == [new]


def test_removed_questions_are_flagged_not_deleted(store: HistoryStore) -> None:
    sid = store.start_session(InterviewPlan(), "similarity")
    gone = store.record_asked(sid, turn(1, "gone"))
    kept = store.record_asked(sid, turn(2, "kept"))
    free = store.record_asked(sid, turn(3, None))
    store.mark_removed_questions({"kept"})
    assert (
        store.turn(gone).removed and not store.turn(kept).removed and not store.turn(free).removed
    )
    store.mark_removed_questions({"kept", "gone"})  # the question came back
    assert not store.turn(gone).removed


def test_every_write_is_visible_to_another_connection_at_once(store: HistoryStore) -> None:
    sid = store.start_session(InterviewPlan(), "similarity")
    tid = store.record_asked(sid, turn(1))
    store.record_answer(tid, "answer", 3.0, False, verdict(6))
    other = sqlite3.connect(store.path)
    assert other.execute("SELECT answer, score FROM turns").fetchall() == [("answer", 6.0)]
    assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_no_secret_or_settings_is_stored(store: HistoryStore) -> None:
    sid = store.start_session(InterviewPlan(), "llm:qwen")
    tid = store.record_asked(sid, turn(1))
    store.record_answer(tid, "a", 1.0, False, verdict(6))
    store.close()
    conn = sqlite3.connect(store.path)
    dump = "\n".join(conn.iterdump())
    assert "api_key" not in dump and "sk-" not in dump and "llm_base_url" not in dump


def test_writes_from_worker_threads(store: HistoryStore) -> None:
    sid = store.start_session(InterviewPlan(), "similarity")
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            tid = store.record_asked(sid, turn(1, f"q{i}"))
            store.record_answer(tid, f"a{i}", 1.0, False, verdict(i % 10))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.session(sid).n_answered == 20


def test_own_score_counts_and_the_graded_verdict_is_kept(store: HistoryStore) -> None:
    sid = store.start_session(InterviewPlan(), "similarity")
    tid = store.record_asked(sid, turn(1))
    graded = verdict(4.0)
    store.record_answer(tid, "Adam 用了动量和二阶矩", 30.0, False, graded)

    store.record_own_score(tid, 8.5)
    record = store.turn(tid)
    assert record.score == 8.5 and record.label == "correct"  # what averages and reviews read
    assert record.graded_score == 4.0 and record.own_score == 8.5
    assert record.verdict == graded  # the grader's facts stay as they were
    assert store.session(sid).mean_score == 8.5
    assert [t.score for t in store.answered_turns()] == [8.5]

    store.record_own_score(tid, 2.0)
    assert store.turn(tid).label == "incorrect" and store.session(sid).mean_score == 2.0
    store.record_own_score(tid, None)  # taken back: the grade counts again
    record = store.turn(tid)
    assert record.score == 4.0 and record.label == "partial" and record.own_score is None


def test_own_score_needs_a_graded_answer_and_a_score_on_the_scale(store: HistoryStore) -> None:
    sid = store.start_session(InterviewPlan(), "similarity")
    unanswered = store.record_asked(sid, turn(1))
    skipped = store.record_asked(sid, turn(2))
    store.record_answer(skipped, "", 0.0, False, verdict(0, Label.EMPTY), skipped=True)
    answered = store.record_asked(sid, turn(3))
    store.record_answer(answered, "x", 1.0, False, verdict(3))
    for turn_id in (unanswered, skipped, 999):
        with pytest.raises(StorageError, match="no graded answer"):
            store.record_own_score(turn_id, 7.0)
    for wrong in (-1.0, 10.5):
        with pytest.raises(StorageError, match="0 to 10"):
            store.record_own_score(answered, wrong)
    assert store.turn(answered).own_score is None and store.turn(skipped).score == 0
