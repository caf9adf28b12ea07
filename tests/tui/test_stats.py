"""The stats screen, driven headless at 80x24 over a store filled with synthetic weeks."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable
from textual_plotext import PlotextPlot

from interviewer.storage.db import HistoryStore
from interviewer.tui.app import make_app
from interviewer.tui.screens.start import StartScreen
from interviewer.tui.screens.stats import StatsScreen
from tests.progress.synthetic import T0, HistoryWriter, fill_weeks
from tests.tui.conftest import SIZE, until
from tests.tui.screen_text import screen_text

NOW = T0 + timedelta(days=10)


class Host(App[None]):
    """A bare app that opens the stats screen, as the interview app does with its key."""

    def __init__(self, store: HistoryStore) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.push_screen(StatsScreen(self.store, now=NOW))


async def loaded(pilot: Pilot, app: App) -> StatsScreen:
    await until(pilot, lambda: isinstance(app.screen, StatsScreen) and app.screen.loaded)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, StatsScreen)
    return screen


async def test_stats_screen_shows_trend_mastery_weakest_and_streak(tmp_path: Path) -> None:
    store = fill_weeks(tmp_path / "h.sqlite3")
    store.mark_removed_questions({"q-adam", "q-bn", "q-dropout"})  # LayerNorm notes deleted
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        ov = screen.overview
        assert ov is not None and not ov.empty
        text = screen_text(app)
        assert f"连续练习 {ov.streak} 天" in text and ov.streak == 3  # 05-08, 05-09, 05-10
        assert f"{ov.answered} 道主问题 · 主问题平均" in text and ov.answered == 10
        assert f"今天到期 {ov.due_today} 题" in text
        # mastery bars: every practised topic with its percentage, weakest first
        for topic in ov.topics:
            assert f"{topic.mastery:4.0%}".strip() in text and topic.topic in text
        assert text.index("归一化") < text.index("优化器")
        # the score trend is plotted over the practice days
        plot = screen.query_one("#trend", PlotextPlot)
        assert plot.display and "05-01" in text and "05-10" in text
        # weakest questions, the removed one marked
        table = screen.query_one("#weakest", DataTable)
        assert table.row_count == len(ov.weakest) >= 2
        assert "LayerNorm和BatchNorm的区别 (removed from corpus)" in text
        assert "Adam和SGD的区别" not in text  # known well: not among the weakest
        # delivery over all 11 answers: the synthetic answer is 26 units in 40 s, no fillers
        # typed answers: no speaking rate
        assert "表达 · 口头禅 0.0/百字（无） · 结构完整 11/11" in text and "语速" not in text
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, StatsScreen))
    store.close()


async def test_many_topics_are_summarised_not_cut(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "many.sqlite3")
    writer = HistoryWriter(store)
    sid = writer.session(T0)
    for n in range(12):
        writer.answer(sid, f"q{n}", f"问题{n}", f"主题{n:02d}", n * 0.8, T0 + timedelta(minutes=n))
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        text = screen_text(app)
        assert "主题00" in text and "…另有 4 个主题" in text and "主题11" not in text
    store.close()


async def test_stats_screen_on_empty_history(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "empty.sqlite3")
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        assert screen.overview is not None and screen.overview.empty
        assert "还没有答题记录" in screen_text(app)
        assert not screen.query_one("#stats-charts").display
        assert not screen.query_one("#weakest").display
    store.close()


async def test_stats_screen_reports_a_broken_store_in_one_line(tmp_path: Path) -> None:
    class Broken:
        def answered_turns(self):
            raise OSError("disk went away")

        def sessions(self):
            return []

    app = Host(Broken())  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        assert screen.overview is None
        assert "读不了历史记录：disk went away" in screen_text(app)


async def test_interview_app_opens_stats_with_its_key(settings, fake_services) -> None:
    fill_weeks(Path(settings.db_path)).close()
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.ready)
        await pilot.press("ctrl+r")
        screen = await loaded(pilot, app)
        assert screen.overview is not None and screen.overview.answered == 10
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
