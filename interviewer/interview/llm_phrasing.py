"""The interviewer's voice through an LLM: it rephrases bank questions and writes follow-ups.

Every LLM failure falls back to the templates silently for the candidate (the interview goes on)
but is logged. The prompt never includes reference answers, so the LLM cannot leak one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from random import Random
from typing import Protocol

from interviewer.errors import LLMError
from interviewer.interview.followup import gaps
from interviewer.interview.phrasing import (
    AskContext,
    TemplatePhraser,
    follow_up_question,
    join,
    lead_in,
    space_terms,
    spoken_question,
)
from interviewer.types.verdict import Verdict

log = logging.getLogger(__name__)

MAX_SPOKEN_CHARS = 160
"""A spoken question longer than this is the LLM rambling (or answering): use the template."""

_ASK_SYSTEM = (
    "你是一位深度学习岗位的技术面试官，正在面对面面试候选人。把给你的题目改写成你会当面说出口的一句自然、"
    "口语化的中文提问（可以用“你能讲讲……吗”“说说……”这类说法）。保留所有技术术语和英文缩写的原样；"
    "不要给出任何答案、提示或解释；不要加编号、引号或前缀；只输出这一句提问。"
)
_FOLLOW_SYSTEM = (
    "你是一位深度学习岗位的技术面试官。候选人刚回答了一个问题，但漏掉了一些要点。请针对最重要的一个遗漏，"
    "用一句口语化的中文追问（比如“那你觉得……呢？”），引导候选人补充。不要说出答案本身，不要评价，"
    "只输出这一句追问。"
)


class ChatClient(Protocol):
    """The part of interviewer.llm.client.LLMClient used here."""

    model: str

    def chat_text(self, messages: list[dict[str, str]], *, max_tokens: int = 400) -> str: ...


class LLMPhraser:
    """Rephrases questions and writes follow-ups with an LLM; templates for everything else."""

    def __init__(self, client: ChatClient, fallback: TemplatePhraser | None = None) -> None:
        self.client = client
        self.fallback = fallback or TemplatePhraser()
        self.name = f"llm:{client.model}"
        self.failures = 0
        """LLM calls that fell back to templates (diagnostics and tests read it)."""

    def opening(self, topics: Sequence[str], total: int, rng: Random) -> str:
        return self.fallback.opening(topics, total, rng)

    def resumed(self, questions: int, retries: int, rng: Random) -> str:
        return self.fallback.resumed(questions, retries, rng)

    def closing(self, rng: Random) -> str:
        return self.fallback.closing(rng)

    def ask(self, ctx: AskContext, rng: Random) -> str:
        if ctx.follow_up:  # already written (by us or the grader) as a spoken question
            return self.fallback.ask(ctx, rng)
        words, plain = lead_in(ctx, rng)  # what it recalls of an earlier answer is ours, not its
        messages = [
            {"role": "system", "content": _ASK_SYSTEM},
            {"role": "user", "content": f"话题：{ctx.topic}\n题目：{ctx.question}"},
        ]
        spoken = self._call(messages, "rephrase")
        if spoken is None:  # same words the template phraser would have said
            spoken = spoken_question(ctx.question, rng, lead=words, plain=plain)
        return join(words, spoken)

    def follow_up(self, question: str, answer: str, verdict: Verdict) -> str | None:
        missed = gaps(verdict)[:3]
        if not missed and not verdict.follow_up:
            return None
        listing = "\n".join(f"- {p}" for p in missed) or f"- {verdict.follow_up}"
        messages = [
            {"role": "system", "content": _FOLLOW_SYSTEM},
            {
                "role": "user",
                "content": (
                    f"问题：{question}\n候选人的回答：{answer[:1500]}\n遗漏的要点：\n{listing}"
                ),
            },
        ]
        text = self._call(messages, "follow-up")
        return follow_up_question(text) if text else None

    def _call(self, messages: list[dict[str, str]], what: str) -> str | None:
        try:
            reply = self.client.chat_text(messages, max_tokens=200)
        except LLMError as exc:
            self.failures += 1
            log.warning("LLM %s failed (%s); using the templates", what, exc)
            return None
        except Exception as exc:  # a client bug must not stop the interview either
            self.failures += 1
            log.warning("LLM %s failed (%s); using the templates", what, type(exc).__name__)
            return None
        text = _tidy(reply)
        if not text:
            self.failures += 1
            log.warning("LLM %s gave an unusable reply; using the templates", what)
            return None
        return text


def _tidy(reply: str) -> str:
    """One clean line: the first non-empty line, without quotes, labels or numbering."""
    lines = [ln.strip() for ln in reply.strip().splitlines() if ln.strip()]
    if not lines:
        return ""
    text = re.sub(r"^(?:面试官|提问|追问|问题)\s*[:：]\s*", "", lines[0])
    text = text.strip("\"'“”「」 ")
    if len(text) > MAX_SPOKEN_CHARS or len(text) < 4:
        return ""
    return space_terms(text)
