"""One factory for the OpenAI-compatible client, plus the chat calls every LLM feature shares:
temperature 0, our own retries, and structured output that degrades gracefully per server
(JSON schema -> JSON mode -> plain text parsed tolerantly)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

from interviewer.errors import ConfigError, LLMError
from interviewer.llm.deadline import UNBOUNDED, Budget, run_within
from interviewer.llm.redact import redact
from interviewer.llm.retry import RetriesExhausted, RetryPolicy, call_with_retries

if TYPE_CHECKING:  # imported where a client is made: offline grading never loads openai/httpx
    import openai

log = logging.getLogger(__name__)

PLACEHOLDER_KEY = "not-needed"
"""Local servers (Ollama, llama.cpp, vLLM) ignore the key but the client insists on one."""
MAX_REPLY_CHARS = 100_000
"""Longer replies are runaway generations, not answers: refuse rather than parse them."""

JsonMode = Literal["json_schema", "json_object", "none"]
_DOWNGRADE: dict[JsonMode, JsonMode] = {"json_schema": "json_object", "json_object": "none"}


class LLMUnavailable(LLMError):
    """The endpoint could not give a reply (timeouts, 429/5xx after retries, refused, 4xx)."""


class LLMBadOutput(LLMError):
    """The endpoint replied, but with nothing usable (truncated, empty, too long, not JSON)."""


class LLMClient:
    """A chat model on an OpenAI-compatible server, called with an explicit retry policy.

    Remembers which structured-output mode the server accepts, so a server that rejects JSON
    schemas is asked only once. Every call ends within `call_timeout` seconds of wall-clock
    time (the HTTP timeout is per read: a dripping server never trips it), and within the
    budget() a caller opened around a larger piece of work."""

    def __init__(
        self,
        client: openai.OpenAI,
        model: str,
        *,
        policy: RetryPolicy | None = None,
        secret: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        call_timeout: float | None = None,
    ) -> None:
        self.client = client
        self.model = model
        self.policy = policy or RetryPolicy()
        self.json_mode: JsonMode = "json_schema"
        self.retries = 0
        """Retries made so far (all calls); tests and diagnostics read it."""
        self._secret = secret
        self._sleep = sleep
        self.call_timeout = call_timeout
        self._budget = UNBOUNDED

    @contextmanager
    def budget(self, seconds: float | None) -> Iterator[None]:
        """Bound every call made inside, retries and their waits included, to `seconds` in
        total (None: no bound beyond each call's own)."""
        previous, self._budget = self._budget, Budget(seconds)
        try:
            yield
        finally:
            self._budget = previous

    def _seconds_for_call(self) -> float | None:
        left = self._budget.remaining()
        limits = [s for s in (self.call_timeout, left) if s is not None]
        return min(limits) if limits else None

    def redact(self, text: str) -> str:
        """`text` with this client's API key masked."""
        return redact(text, self._secret)

    def chat_json(
        self,
        messages: list[dict[str, str]],
        schema_name: str,
        schema: dict[str, Any],
        *,
        max_tokens: int = 2000,
    ) -> str:
        """The raw reply to `messages`, asking for JSON matching `schema` as strictly as the
        server allows. Parsing is the caller's job (see interviewer.llm.jsonparse)."""
        import openai

        while True:
            response_format: dict[str, Any] | None
            if self.json_mode == "json_schema":
                response_format = {
                    "type": "json_schema",
                    "json_schema": {"name": schema_name, "schema": schema, "strict": True},
                }
            elif self.json_mode == "json_object":
                response_format = {"type": "json_object"}
            else:
                response_format = None
            try:
                return self._complete(messages, max_tokens, response_format)
            except openai.BadRequestError as exc:
                if self.json_mode == "none" or not _mentions_response_format(exc):
                    raise self._unavailable(exc) from None
                self.json_mode = _DOWNGRADE[self.json_mode]
                log.info("server rejected response_format; using %s from now on", self.json_mode)

    def chat_text(self, messages: list[dict[str, str]], *, max_tokens: int = 400) -> str:
        """The plain-text reply to `messages`."""
        import openai

        try:
            return self._complete(messages, max_tokens, None)
        except openai.APIStatusError as exc:
            raise self._unavailable(exc) from None

    def _complete(
        self, messages: list[dict[str, str]], max_tokens: int, response_format: dict | None
    ) -> str:
        import openai

        extra: dict[str, Any] = {}
        if response_format is not None:
            extra["response_format"] = response_format

        def create() -> Any:
            return self.client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                temperature=0,
                max_tokens=max_tokens,
                **extra,
            )

        def call() -> Any:
            seconds = self._seconds_for_call()
            return create() if seconds is None else run_within(create, seconds)

        def on_retry(n: int, reason: str, wait: float) -> None:
            self.retries += 1
            log.warning("LLM call %s; retry %d in %.2fs", reason, n, wait)

        try:
            completion = call_with_retries(
                call,
                self.policy,
                sleep=self._sleep,
                on_retry=on_retry,
                remaining=self._budget.remaining,
            )
        except RetriesExhausted as exc:
            retries = exc.attempts - 1
            plural = "retry" if retries == 1 else "retries"
            if exc.out_of_time:
                limit = f"{self._budget.seconds:g} s" if self._budget.seconds is not None else ""
                raise LLMUnavailable(
                    f"{exc.reason} after {retries} {plural}; the {limit} a grade may take ran out"
                ) from None
            raise LLMUnavailable(f"{exc.reason} after {retries} {plural}") from None
        except openai.BadRequestError:
            raise
        except openai.APIStatusError as exc:
            raise self._unavailable(exc) from None
        except openai.OpenAIError as exc:  # e.g. a reply that is not chat-completion JSON
            raise LLMBadOutput(self.redact(f"unreadable reply ({type(exc).__name__})")) from None
        return self._content(completion)

    def _content(self, completion: Any) -> str:
        from openai.types.chat import ChatCompletion

        if not isinstance(completion, ChatCompletion):  # e.g. an HTML error page with 200
            raise LLMBadOutput("unreadable reply (not a chat completion)")
        choices = completion.choices or []
        if not choices:
            raise LLMBadOutput("empty reply (no choices)")
        choice = choices[0]
        content = (choice.message.content or "") if choice.message else ""
        if choice.finish_reason == "length":
            raise LLMBadOutput("reply truncated (hit the token limit)")
        if not content.strip():
            raise LLMBadOutput("empty reply")
        if len(content) > MAX_REPLY_CHARS:
            raise LLMBadOutput(f"reply too long ({len(content)} characters)")
        # A server can echo the Authorization header back in its text; every feature shows or
        # stores model text, so the key is masked here, before anyone parses it.
        return self.redact(content)

    def _unavailable(self, exc: openai.APIStatusError) -> LLMUnavailable:
        detail = _short_message(exc)
        return LLMUnavailable(self.redact(f"HTTP {exc.status_code}: {detail}"))


def _mentions_response_format(exc: openai.BadRequestError) -> bool:
    text = f"{exc.message} {exc.body}".lower()
    return "response_format" in text or "json_schema" in text or "response format" in text


def _short_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    message = ""
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = str(inner.get("message", "")) if isinstance(inner, dict) else str(inner)
    lines = (message or exc.message or "").strip().splitlines()
    return lines[0][:200] if lines else "request rejected"


def make_client(
    settings: Any, *, policy: RetryPolicy | None = None, sleep: Callable[[float], None] = time.sleep
) -> LLMClient:
    """An LLMClient for the configured endpoint and model (Settings.llm_*)."""
    if not settings.llm_model:
        raise ConfigError("no LLM model configured: set INTERVIEWER_LLM_MODEL or llm_model")
    import openai

    secret = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    client = openai.OpenAI(
        base_url=settings.llm_base_url or None,
        api_key=secret or PLACEHOLDER_KEY,
        timeout=settings.llm_timeout,
        max_retries=0,
    )
    if policy is None:
        policy = RetryPolicy(max_retries=max(0, settings.llm_max_retries))
    return LLMClient(
        client,
        settings.llm_model,
        policy=policy,
        secret=secret,
        sleep=sleep,
        call_timeout=settings.llm_timeout,
    )
