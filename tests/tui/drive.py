"""Driving the app like a candidate: wait for states, paste answers, press the keys."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual.pilot import Pilot
from textual.widgets import TextArea

from interviewer.tui.app import InterviewApp
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.start import StartScreen
from tests.tui.screen_text import screen_text


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Let the app run until `condition` holds (workers report through the message queue)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition.__doc__ or condition}")
        await pilot.pause(0.02)


async def start_interview(pilot: Pilot, app: InterviewApp) -> InterviewScreen:
    await until(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.ready)
    await pilot.press("ctrl+s")
    return await wait_answering(pilot, app)


async def wait_answering(pilot: Pilot, app: InterviewApp) -> InterviewScreen:
    await until(
        pilot, lambda: isinstance(app.screen, InterviewScreen) and app.screen.state == "answering"
    )
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    box = screen.query_one("#answer", TextArea)
    await until(pilot, lambda: box.has_focus)  # the candidate can type straight away
    return screen


async def answer(pilot: Pilot, screen: InterviewScreen, text: str):
    """Paste the answer (how a terminal delivers IME-committed or pasted text) and submit."""
    box = screen.query_one("#answer", TextArea)
    await until(pilot, lambda: box.has_focus)
    screen.app.post_message(events.Paste(text))  # as the terminal driver does
    await until(pilot, lambda: box.text == text)
    await pilot.press("ctrl+s")
    await until(pilot, lambda: screen.state == "verdict")
    graded = screen.graded[-1]
    score = f"{graded.verdict.score:.1f}/10"
    await until(pilot, lambda: score in screen_text(screen.app))  # scrolled into view
    return graded


async def next_question(pilot: Pilot, app: InterviewApp) -> None:
    await pilot.press("enter")
    await until(pilot, lambda: app.screen.state in ("answering", "done"))  # type: ignore[attr-defined]
