"""Fixtures for driving the app headless at the size the UI promises to fit: 80x24."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from interviewer.config import Settings, load_settings
from tests.tui.fakes import FakeServices

SIZE = (80, 24)


@pytest.fixture
def settings(isolated_home) -> Settings:
    return load_settings()


@pytest.fixture
def fake_services(settings: Settings) -> FakeServices:
    return FakeServices(settings)


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Let the app run until `condition` holds (workers report through the message queue)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition.__doc__ or condition}")
        await pilot.pause(0.02)
