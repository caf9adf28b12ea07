try:  # openai 3.x carries its own HTTP library; 1.x/2.x use httpx
    import httpx2 as httpx
except ImportError:  # pragma: no cover - depends on the installed openai
    import httpx
import openai
import pytest

from interviewer.llm.retry import (
    RetriesExhausted,
    RetryPolicy,
    call_with_retries,
    delay_for,
    retry_after_seconds,
)

REQUEST = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")


def status_error(status: int, headers: dict[str, str] | None = None) -> openai.APIStatusError:
    response = httpx.Response(status, headers=headers or {}, request=REQUEST)
    cls = {
        429: openai.RateLimitError,
        500: openai.InternalServerError,
        400: openai.BadRequestError,
    }.get(status, openai.APIStatusError)
    return cls("scripted", response=response, body=None)


def failing(errors: list[Exception], result: str = "ok"):
    calls = {"n": 0}

    def call() -> str:
        calls["n"] += 1
        if errors:
            raise errors.pop(0)
        return result

    return call, calls


def test_transient_errors_are_retried_with_capped_exponential_backoff() -> None:
    policy = RetryPolicy(max_retries=3, base_delay=1.0, max_delay=3.0)
    waits: list[float] = []
    call, calls = failing(
        [
            status_error(500),
            openai.APITimeoutError(REQUEST),
            openai.APIConnectionError(request=REQUEST),
        ]
    )
    assert call_with_retries(call, policy, sleep=waits.append) == "ok"
    assert calls["n"] == 4
    assert waits == [1.0, 2.0, 3.0]


def test_retries_are_bounded_and_the_reason_is_kept() -> None:
    waits: list[float] = []
    call, calls = failing([openai.APITimeoutError(REQUEST) for _ in range(5)])
    with pytest.raises(RetriesExhausted) as info:
        call_with_retries(call, RetryPolicy(max_retries=2, base_delay=0.01), sleep=waits.append)
    assert calls["n"] == 3
    assert info.value.reason == "timed out"
    assert info.value.attempts == 3
    assert len(waits) == 2


def test_client_errors_are_not_retried() -> None:
    call, calls = failing([status_error(400)])
    with pytest.raises(openai.BadRequestError):
        call_with_retries(call, RetryPolicy(max_retries=5), sleep=lambda s: None)
    assert calls["n"] == 1


def test_retry_after_is_honoured_but_capped() -> None:
    policy = RetryPolicy(base_delay=0.01, max_delay=0.05, retry_after_cap=10.0)
    assert delay_for(policy, 0, status_error(429, {"Retry-After": "2"})) == 2.0
    assert delay_for(policy, 0, status_error(429, {"Retry-After": "3600"})) == 10.0
    assert delay_for(policy, 0, status_error(429, {"retry-after-ms": "1500"})) == 1.5
    assert delay_for(policy, 1, status_error(429)) == 0.02


def test_retry_after_http_date_and_garbage() -> None:
    assert (
        retry_after_seconds(status_error(429, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}))
        == 0
    )
    assert retry_after_seconds(status_error(429, {"Retry-After": "soon"})) is None
    assert retry_after_seconds(ValueError("no response")) is None
