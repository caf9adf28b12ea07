"""The start screen reads without colour: at 80x24 in monochrome, a picked topic and the chosen
mode carry a mark that the others do not (Textual alone tells them apart only by colour)."""

from __future__ import annotations

from interviewer.interview.plan import InterviewPlan
from interviewer.tui.app import make_app
from interviewer.tui.screens.start import StartScreen
from tests.tui.conftest import SIZE
from tests.tui.drive import until
from tests.tui.screen_text import screen_text


def _line(text: str, word: str) -> str:
    return next(line for line in text.splitlines() if word in line)


async def test_selection_state_is_readable_without_colour(settings, fake_services) -> None:
    plan = InterviewPlan(topics=("归一化",), count=3, mode="weak")
    app = make_app(settings, lambda: fake_services, plan=plan)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.ready)
        await pilot.pause()
        text = screen_text(app)
        assert "▐X▌ 归一化" in _line(text, "归一化")  # picked
        assert "▐ ▌ 优化器" in _line(text, "优化器")  # not picked: an empty box, not a grey X
        assert "▐●▌ " + "薄弱" in _line(text, "薄弱")  # the chosen mode
        assert "▐ ▌ 复习" in _line(text, "复习：")
        assert "▐ ▌ 新题" in _line(text, "新题：")
