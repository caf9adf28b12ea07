"""The start screen reads without colour: at 80x24 in monochrome, a picked topic and the chosen
mode carry a mark that the others do not (Textual alone tells them apart only by colour)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from interviewer.tui.app import make_app
from interviewer.tui.screens.start import StartScreen, due_phrase
from interviewer.tui.screens.summary import SummaryScreen
from interviewer.types.plan import InterviewPlan
from tests.tui.conftest import SIZE
from tests.tui.drive import answer, next_question, start_interview, until
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


async def test_missed_questions_are_listed_with_when_they_come_back(
    settings, fake_services
) -> None:
    """After a miss and a skip the start screen names them and says when each is due (a
    relearning step: later the same day), instead of a bare "到期复习 0 题"."""
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        await answer(
            pilot, screen, "Adam 结合了动量和自适应学习率，还有偏差修正，所以前期步长不会太小。"
        )
        await next_question(pilot, app)
        await answer(pilot, screen, "BN 就是把每层的输入减去均值，嗯，然后就差不多了。")
        await next_question(pilot, app)  # its follow-up
        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen.state == "verdict")
        await next_question(pilot, app)
        await pilot.press("ctrl+n")  # skip dropout
        await until(pilot, lambda: screen.state == "verdict")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.ready)
        await pilot.pause()
        line = _line(screen_text(app), "没答好的")
        # soonest first: a skip is Again (10 min), a partial answer Hard (15 min)
        assert "dropout的作用 10 分钟后 · BN的作用 15 分钟后" in line
        assert "Adam" not in line


async def test_notices_from_the_command_line_show_until_an_interview_opens(
    settings, fake_services
) -> None:
    """`practice --resume` with nothing to resume printed its line just before the app's screen
    covered the terminal: the start screen says it, from the first frame."""
    notice = "没有未完成的面试可以继续：请开始新的面试"
    app = make_app(settings, lambda: fake_services, notices=[notice])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert notice in screen_text(app)  # before the services are loaded
        await start_interview(pilot, app)
        assert not app._start_screen().query_one("#notices").display  # said; stale after this

    plain = make_app(settings, lambda: fake_services)
    async with plain.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(plain.screen, StartScreen) and plain.screen.ready)
        assert not plain.screen.query_one("#notices").display


def test_due_phrase_reads_like_speech() -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc).astimezone()
    assert due_phrase(now - timedelta(minutes=1), now) == "现在"
    assert due_phrase(now + timedelta(minutes=10), now) == "10 分钟后"
    assert due_phrase(now + timedelta(days=1), now) == "明天"
    assert due_phrase(now + timedelta(days=3), now) == "3 天后"


async def test_a_stale_index_note_names_a_command_that_runs_after_make_run(
    settings, fake_services, monkeypatch, tmp_path
) -> None:
    """Seen on a clone after a parser change: "索引已过期…；运行 interviewer build 更新", but
    `make run` leaves `interviewer` off PATH (make has no build target): name the venv's script."""
    import stat
    import sys

    script = tmp_path / ".venv" / "bin" / "interviewer"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    script.chmod(stat.S_IRWXU)
    monkeypatch.setenv("INTERVIEWER_LAUNCHER", "make")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(sys, "argv", [str(script), "practice"])
    monkeypatch.chdir(tmp_path)
    fake_services.retriever.stale = "the corpus parser changed since the index was built"
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.ready)
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "运行 .venv/bin/interviewer build 更新" in text
        assert "parser" not in text  # the index's English reason stays out of the Chinese screen
