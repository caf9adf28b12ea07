"""Wall-clock bounds for LLM calls.

The HTTP client's timeout is per read: a server that sends its headers and then one byte every
few seconds never trips it, and kept a grade busy for minutes. So each call runs in a worker
thread that the caller stops waiting for at its deadline, and a `Budget` bounds a whole grade
(every call and retry in it) so the similarity fallback comes in time.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class DeadlineExceeded(Exception):
    """A call that had not finished when its wall-clock time ran out."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no reply within {seconds:g} s")
        self.seconds = seconds


def run_within(call: Callable[[], T], seconds: float) -> T:
    """`call()`'s result, or DeadlineExceeded after `seconds`. Exceptions pass through.

    A call that overruns is abandoned, not killed (a blocking socket read can't be interrupted
    from outside): its daemon thread ends when the server finishes or hangs up, and its result
    is dropped."""
    if seconds <= 0:
        raise DeadlineExceeded(0.0)
    outcome: queue.Queue[tuple[bool, object]] = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            outcome.put((True, call()))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting caller
            outcome.put((False, exc))

    threading.Thread(target=work, name="llm-call", daemon=True).start()
    try:
        ok, value = outcome.get(timeout=seconds)
    except queue.Empty:
        raise DeadlineExceeded(seconds) from None
    if ok:
        return value  # type: ignore[return-value]
    raise value  # type: ignore[misc]


class Budget:
    """Seconds left for a piece of work (a grade), on a monotonic clock; unbounded when None."""

    def __init__(
        self, seconds: float | None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self._clock = clock
        self._ends = None if seconds is None else clock() + seconds

    def remaining(self) -> float | None:
        """Seconds left (never negative), or None when unbounded."""
        if self._ends is None:
            return None
        return max(0.0, self._ends - self._clock())


UNBOUNDED = Budget(None)
