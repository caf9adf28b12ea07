"""LLM phrasing: the LLM's words when it answers sensibly, the templates when it fails (logged)."""

from __future__ import annotations

import logging
from pathlib import Path
from random import Random

import pytest

from interviewer.errors import LLMError
from interviewer.interview.llm_phrasing import LLMPhraser
from interviewer.interview.phrasing import AskContext
from interviewer.services.root import make_phraser
from interviewer.types.plan import InterviewPlan
from interviewer.types.verdict import KeyPoint, Label, PointStatus, Verdict
from tests.interview.fakes import BANK, make_services
from tests.support.llm_server import completion, server_error


class ScriptedClient:
    """Returns the queued replies in order; an exception in the queue is raised instead."""

    model = "fake-llm"

    def __init__(self, *replies: str | Exception) -> None:
        self.replies = list(replies)
        self.messages: list[list[dict[str, str]]] = []

    def chat_text(self, messages, *, max_tokens: int = 400) -> str:
        self.messages.append(messages)
        reply = self.replies.pop(0) if self.replies else "你能讲讲这个吗？"
        if isinstance(reply, Exception):
            raise reply
        return reply


CTX = AskContext("Adam和SGD的区别?", "优化器", 1, 3)


def weak_verdict() -> Verdict:
    return Verdict(
        score=4,
        label=Label.PARTIAL,
        points=[KeyPoint(text="Adam 有偏差修正", status=PointStatus.MISSING)],
        follow_up="偏差修正是做什么的？",
        grader="fake",
        confidence=0.8,
    )


def test_llm_rephrases_the_question_after_a_template_transition() -> None:
    client = ScriptedClient("“你能讲讲 Adam 和 SGD 在更新方式上有什么不同吗？”")
    line = LLMPhraser(client).ask(CTX, Random(0))
    assert line.endswith("你能讲讲 Adam 和 SGD 在更新方式上有什么不同吗？")
    assert "“" not in line
    sent = client.messages[0][1]["content"]
    assert "Adam和SGD的区别" in sent
    reference = next(a for qid, *_, a in BANK if qid == "adam-sgd")
    assert reference[:10] not in str(client.messages)  # the LLM never sees the answer


@pytest.mark.parametrize("reply", [LLMError("HTTP 500: boom"), RuntimeError("bug"), "", "好" * 400])
def test_any_llm_failure_falls_back_to_templates_and_is_logged(reply, caplog) -> None:
    phraser = LLMPhraser(ScriptedClient(reply))
    with caplog.at_level(logging.WARNING, logger="interviewer.interview.llm_phrasing"):
        line = phraser.ask(CTX, Random(0))
    assert line == phraser.fallback.ask(CTX, Random(0))
    assert phraser.failures == 1 and "using the templates" in caplog.text


def test_llm_writes_the_follow_up_from_the_missed_points() -> None:
    client = ScriptedClient("追问：那 Adam 的偏差修正解决了什么问题呢？")
    text = LLMPhraser(client).follow_up("Adam和SGD的区别?", "Adam 有动量", weak_verdict())
    assert text == "那 Adam 的偏差修正解决了什么问题呢？"
    assert "Adam 有偏差修正" in client.messages[0][1]["content"]


def test_follow_up_falls_back_to_none_so_the_graders_question_is_used() -> None:
    phraser = LLMPhraser(ScriptedClient(LLMError("timed out after 2 retries")))
    assert phraser.follow_up("q", "a", weak_verdict()) is None


def test_an_interview_goes_on_when_the_llm_is_down(tmp_path: Path) -> None:
    client = ScriptedClient(*(LLMError("connection failed") for _ in range(20)))
    services = make_services(tmp_path / "h.db", phraser=LLMPhraser(client))
    interview = services.new_interview(InterviewPlan(count=2, seed=1))
    turn = interview.next_turn()
    assert turn is not None and turn.spoken
    interview.answer(turn, "不太清楚", 1.0)
    assert interview.next_turn() is not None


def test_phraser_through_the_real_client_and_a_local_server(llm_server) -> None:
    llm_server.script(
        completion("我们来聊聊优化器：你能说说 Adam 和 SGD 的区别吗？"), server_error()
    )
    settings = llm_server.settings(llm_max_retries=0)
    phraser = make_phraser(settings)
    assert isinstance(phraser, LLMPhraser)
    first = phraser.ask(CTX, Random(0))
    assert first.endswith("你能说说 Adam 和 SGD 的区别吗？")
    second = phraser.ask(CTX, Random(0))  # the server fails: templates, no exception
    assert second == phraser.fallback.ask(CTX, Random(0)) and phraser.failures == 1
    assert "127.0.0.1" in llm_server.base_url and len(llm_server.chat_requests) == 2


def test_offline_settings_use_templates(tmp_path: Path) -> None:
    from interviewer.config import Settings

    assert make_phraser(Settings(llm_model="qwen", offline=True)).name == "templates"
    assert make_phraser(Settings()).name == "templates"
