"""Progress at a glance: score trend, mastery by topic, weakest questions and the streak.

The history is read and crunched in a thread worker (FSRS replay and mastery over months of
answers); the screen only draws the finished `Overview`. Topic bars are drawn as text rather than
with plotext, whose axis labels count characters, not terminal cells, and so misalign Chinese.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual_plotext import PlotextPlot

from interviewer.progress.charts import bar, pad
from interviewer.progress.overview import Overview, load_overview
from interviewer.progress.report import REMOVED
from interviewer.types.bands import SCORE_BANDS, Tone
from interviewer.wording import INTERFACE_ZH, joined, pieces, say

TREND_DAYS = 30
QUESTION_CELLS = 34
TOPIC_LABEL_CELLS = 12
TOPIC_BAR_CELLS = 14
TOPIC_ROWS = 9
"""Topic bars that fit beside the trend chart; the rest are summarised in one line."""


TONE_STYLE: dict[Tone, str] = {
    "good": "$text-success",
    "fair": "$text-warning",
    "poor": "$text-error",
}


def score_style(score: float) -> str:
    return TONE_STYLE[SCORE_BANDS.tone(score)]


RICH_SCORE = {"$text-success": "green", "$text-warning": "yellow", "$text-error": "red"}
"""DataTable cells are Rich renderables, which know colour names, not theme variables."""


class StatsLoaded(Message):
    """The worker finished reading the history."""

    def __init__(self, overview: Overview | None, error: str | None = None) -> None:
        super().__init__()
        self.overview = overview
        self.error = error


def headline(ov: Overview) -> Content:
    mean = f"{ov.mean_score:.1f}" if ov.mean_score is not None else "—"
    practised = sum(1 for s in ov.sessions if s.n_answered)
    styles = {
        "mean": score_style(ov.mean_score) if ov.mean_score is not None else "",
        "due": "bold" if ov.due_today else "",
    }
    words = pieces(
        "stats_headline",
        INTERFACE_ZH,
        streak=ov.streak,
        sessions=practised,
        answered=ov.answered,
        mean=mean,
        due=ov.due_today,
    )
    return Content.assemble(
        (say("stats_title", INTERFACE_ZH), "bold $text-primary"),
        " · ",
        *((text, styles.get(field, "")) for text, field in words),
    )


def topic_bars(ov: Overview) -> Content:
    """Mastery per topic, weakest first, as aligned text bars."""
    lines = [Content.styled(say("stats_topics", INTERFACE_ZH), "bold $text-primary")]
    shown = ov.topics if len(ov.topics) <= TOPIC_ROWS else ov.topics[: TOPIC_ROWS - 1]
    for t in shown:
        style = score_style(t.mastery * 10)
        lines.append(
            Content.assemble(
                pad(t.topic, TOPIC_LABEL_CELLS),
                " ",
                (bar(t.mastery, TOPIC_BAR_CELLS), style),
                f" {t.mastery:4.0%}",
            )
        )
    if len(shown) < len(ov.topics):
        more = say("stats_topics_more", INTERFACE_ZH, count=len(ov.topics) - len(shown))
        lines.append(Content.styled(more, "$text-muted"))
    return Content("\n").join(lines)


def delivery_line(ov: Overview) -> Content:
    """How the answers were delivered, over the whole history (counted, see progress.insights)."""
    d = ov.delivery
    if not d.answers:
        return Content("")
    # a speaking rate only from spoken answers; typed ones have none to show
    pace = (
        f" · {say('stats_pace', INTERFACE_ZH, rate=d.chars_per_min)}"
        if d.chars_per_min is not None
        else ""
    )
    top = joined((f"{w}×{n}" for w, n in d.top_fillers[:3]), INTERFACE_ZH) or say(
        "stats_no_fillers", INTERFACE_ZH
    )
    fillers = say("stats_fillers", INTERFACE_ZH, per_100=d.fillers_per_100, top=top)
    structured = say("stats_structured", INTERFACE_ZH, structured=d.structured, answers=d.answers)
    return Content.assemble(
        (say("card_delivery", INTERFACE_ZH), "bold $text-primary"),
        f"{pace} · {fillers}",
        f" · {structured}",
    )


def clip(text: str, cells: int) -> str:
    return pad(" ".join(text.split()), cells).rstrip()


class StatsScreen(Screen[None]):
    """Opened over the interview app with a key; Escape goes back."""

    DEFAULT_CSS = """
    StatsScreen #stats-head { height: 1; padding: 0 1; background: $boost; }
    StatsScreen #stats-message { padding: 1 2; height: auto; }
    StatsScreen #stats-charts { height: 11; }
    StatsScreen #trend-box { width: 1fr; }
    StatsScreen #trend-title { height: 1; padding: 0 1; text-style: bold; color: $text-primary; }
    StatsScreen #trend { height: 1fr; }
    StatsScreen #topics { width: 36; padding: 0 1; }
    StatsScreen #weakest-title { height: 1; padding: 0 1; text-style: bold; color: $text-primary; }
    StatsScreen #weakest { height: 1fr; }
    StatsScreen #delivery { height: 1; padding: 0 1; }
    """

    BINDINGS = [
        Binding("escape", "close", say("key_back", INTERFACE_ZH)),
        Binding("q", "close", say("key_back", INTERFACE_ZH), show=False),
        Binding("r", "reload", say("stats_key_refresh", INTERFACE_ZH)),
    ]

    def __init__(self, store: Any, *, now: datetime | None = None) -> None:
        super().__init__()
        self.store = store
        self.now = now
        """Fixed clock for tests; None = the real time at each load."""
        self.overview: Overview | None = None
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Static(
            f"{say('stats_title', INTERFACE_ZH)} · {say('stats_reading', INTERFACE_ZH)}",
            id="stats-head",
        )
        yield Static("", id="stats-message")
        with Horizontal(id="stats-charts"):
            with Vertical(id="trend-box"):
                yield Static(say("stats_trend", INTERFACE_ZH), id="trend-title")
                yield PlotextPlot(id="trend")
            yield Static("", id="topics")
        yield Static(say("stats_weakest", INTERFACE_ZH), id="weakest-title")
        yield DataTable(id="weakest", cursor_type="row", zebra_stripes=True)
        yield Static("", id="delivery")
        yield Footer()

    def on_mount(self) -> None:
        """Called when the screen opens: hide the charts until the history is read."""
        self._show_charts(False)
        table = self.query_one("#weakest", DataTable)
        table.add_columns(
            *(
                say(f"stats_column_{column}", INTERFACE_ZH)
                for column in ("question", "topic", "mastery", "attempts", "last")
            )
        )
        self.load()

    @work(thread=True, exclusive=True, group="stats")
    def load(self) -> None:
        """Read and crunch the history off the UI thread."""
        try:
            overview = load_overview(self.store, self.now or datetime.now(timezone.utc))
        except Exception as exc:  # noqa: BLE001 — shown as one line; the interview goes on
            self.post_message(StatsLoaded(None, " ".join(str(exc).split()) or type(exc).__name__))
            return
        self.post_message(StatsLoaded(overview))

    @on(StatsLoaded)
    def _loaded(self, message: StatsLoaded) -> None:
        self.loaded = True
        self.overview = message.overview
        head = self.query_one("#stats-head", Static)
        note = self.query_one("#stats-message", Static)
        if message.overview is None:
            head.update(say("stats_title", INTERFACE_ZH))
            failed = say("stats_read_failed", INTERFACE_ZH, error=message.error)
            note.update(Content.styled(failed, "$text-error"))
            note.display = True
            return
        ov = message.overview
        if ov.empty:
            head.update(say("stats_title", INTERFACE_ZH))
            note.update(say("stats_empty", INTERFACE_ZH))
            note.display = True
            self._show_charts(False)
            return
        note.display = False
        head.update(headline(ov))
        self._draw_trend(ov)
        self.query_one("#topics", Static).update(topic_bars(ov))
        self._fill_weakest(ov)
        self.query_one("#delivery", Static).update(delivery_line(ov))
        self._show_charts(True)

    def _show_charts(self, visible: bool) -> None:
        for selector in ("#stats-charts", "#weakest-title", "#weakest", "#delivery"):
            self.query_one(selector).display = visible

    def _draw_trend(self, ov: Overview) -> None:
        days = ov.days[-TREND_DAYS:]
        plot = self.query_one("#trend", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        xs = list(range(1, len(days) + 1))
        ys = [round(d.mean_score, 2) for d in days]
        if len(xs) == 1:
            plt.scatter(xs, ys, marker="●")
        else:
            plt.plot(xs, ys, marker="braille")
        step = max(1, len(xs) // 4)
        ticks = xs[::step]
        plt.xticks(ticks, [days[x - 1].day.strftime("%m-%d") for x in ticks])
        plt.ylim(0, 10)
        plt.yticks([0, 5, 10])
        plot.refresh()

    def _fill_weakest(self, ov: Overview) -> None:
        table = self.query_one("#weakest", DataTable)
        table.clear()
        for q in ov.weakest:
            text = clip(q.question_text, QUESTION_CELLS)
            if q.removed:
                text = f"{text} {REMOVED}"
            table.add_row(
                Text(text),  # Text, not str: question text is never parsed as markup
                Text(clip(q.topic, 10)),
                Text(f"{q.mastery:.0%}", justify="right"),
                Text(str(q.attempts), justify="right"),
                Text(f"{q.last_score:.1f}", style=RICH_SCORE[score_style(q.last_score)]),
                key=q.question_id,
            )
        if not ov.weakest:
            table.add_row(Text(say("stats_none_weak", INTERFACE_ZH)), "", "", "", "")

    def action_close(self) -> None:
        self.dismiss()

    def action_reload(self) -> None:
        self.load()
