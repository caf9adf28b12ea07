"""The retry policy for LLM calls, explicit so it is configurable and testable (the openai
client's own retries are turned off)."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from interviewer.llm.deadline import DeadlineExceeded

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential backoff; a server's Retry-After is honoured but capped."""

    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    retry_after_cap: float = 30.0


class RetriesExhausted(Exception):
    """The last transient failure after every allowed retry; `reason` is a short phrase.
    `out_of_time`: retries were left, but not the time to wait for another one."""

    def __init__(
        self, reason: str, attempts: int, last: BaseException, *, out_of_time: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts
        self.last = last
        self.out_of_time = out_of_time


def transient_reason(exc: BaseException) -> str | None:
    """A short reason when `exc` is worth retrying (timeout, 429, 5xx, connection), else None."""
    import openai  # here, not at the top: offline grading imports this module but never openai

    if isinstance(exc, (openai.APITimeoutError, DeadlineExceeded)):
        return "timed out"
    if isinstance(exc, openai.APIConnectionError):
        return "connection failed"
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        if status == 429:
            return "rate limited (HTTP 429)"
        if status in (408, 409) or status >= 500:
            return f"server error (HTTP {status})"
    return None


def retry_after_seconds(exc: BaseException) -> float | None:
    """The server's Retry-After (seconds or HTTP date) of a status error, if it sent one."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    value = response.headers.get("retry-after-ms")
    if value:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, parsed.timestamp() - time.time())


def delay_for(policy: RetryPolicy, retry: int, exc: BaseException) -> float:
    """Seconds to wait before retry number `retry` (0-based)."""
    backoff = min(policy.max_delay, policy.base_delay * (2**retry))
    hinted = retry_after_seconds(exc)
    if hinted is not None:
        return min(policy.retry_after_cap, max(backoff, hinted))
    return backoff


def call_with_retries(
    call: Callable[[], T],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Callable[[int, str, float], None] | None = None,
    remaining: Callable[[], float | None] | None = None,
) -> T:
    """Run `call`, retrying transient failures per `policy`; raises RetriesExhausted after that.
    Non-transient errors (400, 401, ...) propagate at once. `remaining` gives the seconds left
    for the whole piece of work (None: unbounded): no retry starts that could not finish."""
    retry = 0
    while True:
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - classified just below
            reason = transient_reason(exc)
            if reason is None:
                raise
            if retry >= policy.max_retries:
                raise RetriesExhausted(reason, retry + 1, exc) from exc
            wait = delay_for(policy, retry, exc)
            left = remaining() if remaining is not None else None
            if left is not None and wait >= left:
                raise RetriesExhausted(reason, retry + 1, exc, out_of_time=True) from exc
            if on_retry is not None:
                on_retry(retry + 1, reason, wait)
            sleep(wait)
            retry += 1
