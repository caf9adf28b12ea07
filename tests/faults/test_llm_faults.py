"""The LLM grader failing in every way a server can fail, end to end through Services, the
interview core and the history store: each answer still gets a verdict, named as a fallback, and
is saved. tests/grading/test_llm.py covers the client's retry and parsing rules one by one; this
checks that none of those failures costs the candidate an answer, in the core and in the UI.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

import pytest

from interviewer.config import load_settings
from interviewer.grading.service import build_grader
from interviewer.index.search import open_retriever
from interviewer.interview.phrasing import TemplatePhraser
from interviewer.llm.retry import RetryPolicy
from interviewer.services.root import Services
from interviewer.storage.db import HistoryStore
from interviewer.types.plan import InterviewPlan
from interviewer.types.verdict import Label
from tests.support.llm_server import (
    Reply,
    closed_port_url,
    dripping,
    enormous,
    json_reply,
    malformed,
    rate_limited,
    server_error,
    slow,
    truncated,
)

FAST = RetryPolicy(max_retries=1, base_delay=0.001, max_delay=0.01, retry_after_cap=0.05)
TIMEOUT_S = 0.5
FALLBACK_NAMES = ("similarity", "相似度", "answer key", "答案要点")
"""How the fallback note names what graded instead (similarity or the answer key; English or
Chinese, by the question)."""

DRIPPED_VERDICT = json_reply(
    {
        "points": [{"id": 1, "status": "covered", "evidence": "Adam 用了动量和自适应学习率"}],
        "feedback": "很好。" * 40,
    }
)
"""A valid verdict of ~300 bytes: one byte every 0.1 s would take half a minute to arrive."""

FAULTS: dict[str, Callable[[], Reply]] = {
    "timeout": lambda: slow(3 * TIMEOUT_S),
    "headers, then a byte every 0.1 s": lambda: dripping(0.1, DRIPPED_VERDICT),
    "429 with Retry-After": lambda: rate_limited(0.01),
    "500": server_error,
    "malformed JSON": malformed,
    "verdict missing fields": lambda: json_reply({"feedback": "looks fine"}),
    "points of the wrong type": lambda: json_reply({"points": "all covered", "off_topic": "no"}),
    "truncated reply": truncated,
    "enormous reply": lambda: enormous(2_000_000),
    "empty body": lambda: Reply(status=200, body=b""),
    "HTML error page": lambda: Reply(status=502, body="<html><body>Bad gateway</body></html>"),
}


def make_services(settings, embedder, index, db) -> Services:  # noqa: ANN001
    retriever = open_retriever(index, embedder)
    grader = build_grader(settings, embedder, retriever=retriever, policy=FAST)
    return Services(settings, embedder, retriever, grader, HistoryStore(db), TemplatePhraser())


def fell_back(verdict) -> bool:  # noqa: ANN001
    """Graded by the offline grader, and the first note says so (and why)."""
    return (
        verdict.grader == "similarity"
        and bool(verdict.notes)
        and any(name in verdict.notes[0] for name in FALLBACK_NAMES)
    )


def fail_grading(server, reply: Callable[[], Reply]) -> None:  # noqa: ANN001
    """Key points come from the judge; every grading request gets the fault."""
    server.on_chat = lambda request: reply() if request.task == "grade-answer" else None


def saved_answers(db) -> list[tuple]:  # noqa: ANN001
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute(
            "SELECT id, answer, score FROM turns WHERE answered_at IS NOT NULL ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("fault", list(FAULTS))
def test_every_server_fault_still_grades_and_saves(
    fault, llm_server, built_index, embedder, tmp_path, tally
) -> None:
    _, index = built_index
    settings = llm_server.settings(llm_timeout=TIMEOUT_S, cache_dir=tmp_path / "cache")
    services = make_services(settings, embedder, index, tmp_path / "h.db")
    fail_grading(llm_server, FAULTS[fault])
    interview = services.new_interview(InterviewPlan(count=1, follow_ups=False, seed=4))
    turn = interview.next_turn()
    graded = interview.answer(turn, "Adam 用了动量和自适应学习率，SGD 只用当前梯度。", 20.0)
    services.close()

    verdict = graded.verdict
    assert 0.0 <= verdict.score <= 10.0 and verdict.label in set(Label)
    assert fell_back(verdict), (fault, verdict.grader, verdict.notes)
    rows = saved_answers(tmp_path / "h.db")
    assert [(r[0], r[2]) for r in rows] == [(turn.turn_id, verdict.score)]
    tally.add("llm: server faults", 1, 1)


def test_a_grade_has_one_deadline_for_all_its_retries(
    llm_server, built_index, embedder, tmp_path, tally
) -> None:
    """Twenty retries allowed, each request dripping until its own deadline: the grade's
    deadline stops the retrying after a few, and the fallback note says why."""
    _, index = built_index
    settings = llm_server.settings(
        llm_timeout=TIMEOUT_S, llm_grade_timeout=3 * TIMEOUT_S, cache_dir=tmp_path / "cache"
    )
    retriever = open_retriever(index, embedder)
    many = RetryPolicy(max_retries=20, base_delay=0.001, max_delay=0.01)
    grader = build_grader(settings, embedder, retriever=retriever, policy=many)
    services = Services(
        settings, embedder, retriever, grader, HistoryStore(tmp_path / "h.db"), TemplatePhraser()
    )
    fail_grading(llm_server, lambda: dripping(0.1, DRIPPED_VERDICT))
    interview = services.new_interview(InterviewPlan(count=1, follow_ups=False, seed=4))
    turn = interview.next_turn()
    graded = interview.answer(turn, "Adam 用了动量和自适应学习率。", 20.0)
    services.close()

    asked = [r for r in llm_server.chat_requests if r.task == "grade-answer"]
    assert fell_back(graded.verdict), graded.verdict.notes
    assert "ran out" in graded.verdict.notes[0]
    assert 1 <= len(asked) <= 4, len(asked)
    assert [r[0] for r in saved_answers(tmp_path / "h.db")] == [turn.turn_id]
    tally.add("llm: grade deadline over retries", 1, 1)


def test_connection_refused_grades_and_saves(built_index, embedder, tmp_path, tally) -> None:
    _, index = built_index
    settings = load_settings(
        llm_base_url=closed_port_url(),
        llm_model="nobody-home",
        llm_timeout=TIMEOUT_S,
        cache_dir=tmp_path / "cache",
    )
    services = make_services(settings, embedder, index, tmp_path / "h.db")
    interview = services.new_interview(InterviewPlan(count=2, follow_ups=False, seed=4))
    graded = []
    turn = interview.next_turn()
    while turn is not None:
        graded.append(interview.answer(turn, "BN 做标准化，训练更稳定。", 10.0))
        turn = interview.next_turn()
    services.close()
    assert len(graded) == 2
    for item in graded:
        assert fell_back(item.verdict), item.verdict.notes
    assert len(saved_answers(tmp_path / "h.db")) == 2
    tally.add("llm: connection refused", 2, 2)


def test_one_429_then_success_is_the_llm_verdict(
    llm_server, built_index, embedder, tmp_path, tally
) -> None:
    """Retry-After honoured once, then the model's own verdict (no fallback note)."""
    _, index = built_index
    settings = llm_server.settings(llm_timeout=5.0, cache_dir=tmp_path / "cache")
    services = make_services(settings, embedder, index, tmp_path / "h.db")
    sent: list[str] = []

    def once(request):  # noqa: ANN001, ANN202
        if request.task == "grade-answer" and not sent:
            sent.append("429")
            return rate_limited(0.01)
        return None

    llm_server.on_chat = once
    interview = services.new_interview(InterviewPlan(count=1, follow_ups=False, seed=4))
    turn = interview.next_turn()
    graded = interview.answer(turn, "dropout 随机置零神经元输出，防止共适应，减轻过拟合。", 10.0)
    services.close()
    assert sent == ["429"] and graded.verdict.grader.startswith("llm:")
    assert not fell_back(graded.verdict)
    tally.add("llm: 429 then success", 1, 1)


async def test_the_ui_survives_an_interview_where_every_grade_fails_differently(
    llm_server, built_index, embedder, tmp_path, tally
) -> None:
    from interviewer.tui.app import make_app
    from interviewer.tui.screens.summary import SummaryScreen
    from tests.tui.conftest import SIZE
    from tests.tui.drive import answer, next_question, until, wait_answering
    from tests.tui.screen_text import screen_text

    _, index = built_index
    kinds = ["500", "malformed JSON", "truncated reply", "verdict missing fields", "timeout"]
    script = iter(kinds)
    current: list[str] = []

    def next_fault(request):  # noqa: ANN001, ANN202
        if request.task != "grade-answer":
            return None
        if not current or current[-1] == "used":
            current.append(next(script))
        return FAULTS[current[-1]]()

    llm_server.on_chat = next_fault
    settings = llm_server.settings(llm_timeout=TIMEOUT_S, cache_dir=tmp_path / "cache")
    settings = settings.model_copy(update={"db_path": tmp_path / "h.db"})
    built: list[Services] = []

    def factory() -> Services:
        built.append(make_services(settings, embedder, index, settings.db_path))
        return built[-1]

    plan = InterviewPlan(count=len(kinds), follow_ups=False, seed=9)
    app = make_app(settings, factory, plan=plan, start_now=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_answering(pilot, app)
        for number in range(len(kinds)):
            graded = await answer(pilot, screen, f"第{number + 1}题：我觉得和梯度、学习率有关。")
            current.append("used")
            assert fell_back(graded.verdict), graded.verdict.notes
            assert f"{graded.verdict.score:.1f}/10" in screen_text(app)
            if number < len(kinds) - 1:
                await next_question(pilot, app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert screen.graded and len(screen.graded) == len(kinds)
    for services in built:
        services.close()
    assert [k for k in current if k != "used"] == kinds  # each grade met a different fault
    assert len(saved_answers(tmp_path / "h.db")) == len(kinds)
    tally.add("llm: UI interview, all failing", len(kinds), len(kinds))


@pytest.mark.parametrize("quote", ["A", "same words"], ids=["one letter", "one quote for all"])
def test_a_verdict_crediting_every_point_with_a_token_quote_earns_no_full_marks(
    quote, llm_server, built_index, embedder, tmp_path, tally
) -> None:
    """A server marking every key point covered, quoting 'A' (a letter the answer has) or the
    same phrase for every point: the LLM verdict stands, but not as full marks."""
    _, index = built_index
    answer = "A: Adam 用了动量，我记得是这样。"
    evidence = "A" if quote == "A" else "Adam 用了动量，我记得是这样"

    def every_point(request):  # noqa: ANN001, ANN202
        if request.task != "grade-answer":
            return None
        ids = re.findall(r"^\[(\d+)\] ", request.content("user"), re.MULTILINE)
        points = [{"id": int(i), "status": "covered", "evidence": evidence} for i in ids]
        return json_reply({"points": points, "feedback": "完美"})

    llm_server.on_chat = every_point
    settings = llm_server.settings(cache_dir=tmp_path / "cache")
    services = make_services(settings, embedder, index, tmp_path / "h.db")
    interview = services.new_interview(InterviewPlan(count=1, follow_ups=False, seed=4))
    graded = interview.answer(interview.next_turn(), answer, 10.0)
    services.close()
    verdict = graded.verdict
    assert verdict.grader.startswith("llm:") and verdict.label is not Label.CORRECT
    assert verdict.score < 7 and any("引用太短" in n for n in verdict.notes), verdict
    tally.add("llm: token evidence for every point", 1, 1)
