"""Fixtures for driving the app headless at the size the UI promises to fit: 80x24."""

from __future__ import annotations

import pytest

from interviewer.config import Settings, load_settings
from tests.tui.drive import until  # noqa: F401  (re-exported: other TUI tests wait with it)
from tests.tui.fakes import FakeServices

SIZE = (80, 24)


@pytest.fixture
def settings(isolated_home) -> Settings:
    return load_settings()


@pytest.fixture
def fake_services(settings: Settings) -> FakeServices:
    return FakeServices(settings)
