"""Where a session is set up: topics, how many questions, which mode; and what will grade it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    RadioSet,
    SelectionList,
    Static,
)

from interviewer.config import Settings
from interviewer.tui.messages import BankInfo, ResumeRequested, StartRequested
from interviewer.tui.widgets.marked import MarkedRadioButton, MarkedSelectionList
from interviewer.tui.widgets.verdict import clip_cells, grader_text
from interviewer.types.plan import MODES, InterviewPlan
from interviewer.wording import INTERFACE_ZH, say

MODE_LABELS = {mode: say(f"start_mode_{mode}", INTERFACE_ZH) for mode in MODES}
MAX_COUNT = 50


WEAK_SHOWN = 3
"""Weak questions named on the start screen's one line (the rest are counted)."""
WEAK_CELLS = 16
"""Each named question is clipped so the line fits 80 columns."""


def due_phrase(due: datetime, now: datetime) -> str:
    """When a question comes back, as a person says it: 现在, 8 分钟后, 今天 15:20, 明天, 3 天后."""
    due_local, now_local = due.astimezone(), now.astimezone()
    if due <= now:
        return say("start_due_now", INTERFACE_ZH)
    minutes = (due - now).total_seconds() / 60
    if minutes < 60:
        return say("start_due_minutes", INTERFACE_ZH, minutes=max(1, round(minutes)))
    days = (due_local.date() - now_local.date()).days
    if days == 0:
        return say("start_due_today", INTERFACE_ZH, clock=f"{due_local:%H:%M}")
    if days == 1:
        return say("start_due_tomorrow", INTERFACE_ZH)
    return say("start_due_days", INTERFACE_ZH, days=days)


def weak_line(weak: list[tuple[str, datetime]], now: datetime) -> Content:
    """One line naming the weak questions and when each comes back (spaced review's relearning
    step brings a miss back the same day: this says so, instead of a bare "due: 0")."""
    if not weak:
        return Content("")
    shown = [
        f"{clip_cells(text, WEAK_CELLS)} {due_phrase(due, now)}" for text, due in weak[:WEAK_SHOWN]
    ]
    if len(weak) > WEAK_SHOWN:
        shown.append(say("start_weak_more", INTERFACE_ZH, count=len(weak) - WEAK_SHOWN))
    return Content.assemble((say("start_weak", INTERFACE_ZH), "bold"), " · ".join(shown))


class StartScreen(Screen[None]):
    """The first screen; the services load behind it so the first question comes fast."""

    BINDINGS = [Binding("ctrl+s", "start", say("start_key_start", INTERFACE_ZH))]

    def __init__(
        self,
        settings: Settings,
        plan: InterviewPlan,
        *,
        resuming: int | None,
        notices: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.settings = settings
        self.plan = plan
        self.resuming = resuming
        self.notices = tuple(notices)
        self.info: BankInfo | None = None
        self.ready = False
        self.starting = False
        self.start_when_ready = False
        """The candidate pressed start while the model was still loading."""

    def compose(self) -> ComposeResult:
        yield Static(say("start_title", INTERFACE_ZH), id="title")
        yield Static(self._grader_line(), id="grader")
        yield Static(Content.styled("\n".join(self.notices), "$text-warning"), id="notices")
        loading = (
            say("start_resuming", INTERFACE_ZH, session=self.resuming)
            if self.resuming
            else say("start_loading", INTERFACE_ZH)
        )
        yield Static(loading, id="bank")
        yield Static("", id="weak")
        yield Static("", id="error")
        with Horizontal(id="setup"):
            with Vertical(id="topics-box"):
                yield Label(say("start_topics", INTERFACE_ZH))
                yield MarkedSelectionList(id="topics")
            with Vertical(id="options"):
                yield Label(say("start_count", INTERFACE_ZH))
                yield Input(str(self.plan.count), type="integer", id="count", max_length=2)
                yield Label(say("start_mode", INTERFACE_ZH))
                with RadioSet(id="mode"):
                    for mode in MODES:
                        yield MarkedRadioButton(
                            MODE_LABELS[mode], value=mode == self.plan.mode, name=mode
                        )
                yield Button(
                    f"{say('start_button', INTERFACE_ZH)} ^S",
                    id="start",
                    variant="primary",
                    compact=True,
                )
                yield Button(say("start_resume", INTERFACE_ZH), id="resume", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        """Called when the screen is shown: nothing to pick until the bank is loaded."""
        self.query_one("#weak").display = False
        self.query_one("#notices").display = bool(self.notices)
        self.query_one("#resume").display = False
        self.query_one("#error").display = False
        self.query_one("#topics", SelectionList).border_title = say(
            "start_topics_loading", INTERFACE_ZH
        )

    def _grader_line(self, status: str | None = None) -> Content:
        if self.settings.llm_enabled:
            name = grader_text(f"llm:{self.settings.llm_model}")
            tail = status or say("start_checking_llm", INTERFACE_ZH)
        else:
            name = grader_text("similarity")
            tail = status or (
                "--offline" if self.settings.offline else say("start_no_llm", INTERFACE_ZH)
            )
        return Content.assemble(
            (say("grader_label", INTERFACE_ZH), "bold"), name, ("  " + tail, "$text-muted")
        )

    # -- called by the app when background work reports ---------------------------------
    def services_ready(self, info: BankInfo) -> None:
        self.info = info
        self.ready = True
        parts = [
            say("start_bank_questions", INTERFACE_ZH, questions=info.questions),
            say("start_bank_topics", INTERFACE_ZH, topics=len(info.topics)),
        ]
        if info.due is not None:
            parts.append(say("start_bank_due", INTERFACE_ZH, due=info.due))
        parts.extend(info.notes)
        self.query_one("#bank", Static).update(" · ".join(parts))
        weak = self.query_one("#weak", Static)
        weak.update(weak_line(info.weak, datetime.now(timezone.utc)))
        weak.display = bool(info.weak)
        topics = self.query_one("#topics", SelectionList)
        chosen = set(self.plan.topics)
        topics.clear_options()
        topics.add_options([(f"{t} ({n})", t, t in chosen) for t, n in info.topics.items()])
        topics.border_title = None
        resume = self.query_one("#resume", Button)
        if info.unfinished is not None:
            record = info.unfinished
            resume.label = say(
                "start_resume_which",
                INTERFACE_ZH,
                session=record.id,
                answered=record.n_main,
            )
            resume.display = True
        else:
            resume.display = False
        if self.start_when_ready:
            self.start_when_ready = False
            self.action_start()
        elif not self.starting and self.resuming is None:
            self.query_one("#start", Button).focus()

    def add_notice(self, line: str) -> None:
        """One more line under the grader (shown until an interview opens)."""
        self.notices = (*self.notices, line)
        notices = self.query_one("#notices", Static)
        notices.update(Content.styled("\n".join(self.notices), "$text-warning"))
        notices.display = True

    def services_failed(self, error: str) -> None:
        self.start_when_ready = False
        self.query_one("#start", Button).disabled = True
        self.query_one("#bank", Static).update(
            Content.styled(say("start_cannot_start", INTERFACE_ZH), "bold $error")
        )
        self.show_error(error)
        self.query_one("#topics", SelectionList).border_title = None

    def llm_checked(self, line: str, ok: bool) -> None:
        self.query_one("#grader", Static).update(self._grader_line(line))

    def show_error(self, message: str) -> None:
        self.starting = False
        self.resuming = None
        error = self.query_one("#error", Static)
        error.update(Content.styled(message, "$text-error"))
        error.display = True

    def interview_opened(self) -> None:
        self.starting = False
        self.resuming = None
        self.query_one("#error").display = False
        self.query_one("#notices").display = False  # said at start-up; stale after a round

    # -- the candidate's choices ---------------------------------------------------------
    def current_plan(self) -> InterviewPlan | None:
        """The plan the form describes, or None after showing what is wrong with it."""
        raw = self.query_one("#count", Input).value.strip()
        try:
            count = int(raw)
        except ValueError:
            count = 0
        if not 1 <= count <= MAX_COUNT:
            self.show_error(say("start_count_range", INTERFACE_ZH, max_count=MAX_COUNT))
            return None
        pressed = self.query_one("#mode", RadioSet).pressed_button
        mode = pressed.name if pressed is not None and pressed.name else self.plan.mode
        topics = tuple(self.query_one("#topics", SelectionList).selected)
        return InterviewPlan(
            topics=topics, count=count, mode=mode, seed=self.plan.seed, relearn=self.plan.relearn
        )

    def action_start(self) -> None:
        if self.starting:
            return
        if not self.ready:
            if self.resuming is None and self.query_one("#error").display is False:
                self.start_when_ready = True
                self.query_one("#bank", Static).update(
                    say("start_loading_then_start", INTERFACE_ZH)
                )
            return
        plan = self.current_plan()
        if plan is None:
            return
        self.starting = True
        self.query_one("#error").display = False
        self.query_one("#bank", Static).update(say("start_picking", INTERFACE_ZH))
        self.post_message(StartRequested(plan))

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#resume")
    def _resume_pressed(self) -> None:
        if self.info is None or self.info.unfinished is None or self.starting:
            return
        self.starting = True
        self.post_message(ResumeRequested(self.info.unfinished.id))

    @on(Input.Submitted, "#count")
    def _count_submitted(self) -> None:
        self.action_start()
