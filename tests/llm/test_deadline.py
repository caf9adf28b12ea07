"""run_within and Budget: a call is bounded in wall-clock time however the server behaves, and
a retry starts only when the work's budget leaves time for it."""

from __future__ import annotations

import threading

import pytest

from interviewer.llm.deadline import Budget, DeadlineExceeded, run_within
from interviewer.llm.retry import RetriesExhausted, RetryPolicy, call_with_retries


def test_a_call_that_never_returns_is_abandoned_at_its_deadline() -> None:
    never = threading.Event()
    with pytest.raises(DeadlineExceeded):
        run_within(never.wait, 0.05)
    never.set()


def test_results_and_errors_pass_through() -> None:
    assert run_within(lambda: 42, 5.0) == 42
    with pytest.raises(KeyError):
        run_within(lambda: {}["missing"], 5.0)
    with pytest.raises(DeadlineExceeded):
        run_within(lambda: 1, 0.0)


def test_budget_counts_down_on_its_clock() -> None:
    now = [100.0]
    budget = Budget(10.0, clock=lambda: now[0])
    assert budget.remaining() == 10.0
    now[0] = 107.5
    assert budget.remaining() == 2.5
    now[0] = 200.0
    assert budget.remaining() == 0.0
    assert Budget(None).remaining() is None


def test_no_retry_starts_once_the_budget_is_spent() -> None:
    calls = []

    def call() -> str:
        calls.append(1)
        raise DeadlineExceeded(1.0)

    left = iter([5.0, 0.0])
    with pytest.raises(RetriesExhausted) as info:
        call_with_retries(
            call,
            RetryPolicy(max_retries=10, base_delay=0.01),
            sleep=lambda s: None,
            remaining=lambda: next(left),
        )
    assert info.value.out_of_time and info.value.reason == "timed out"
    assert len(calls) == 2
