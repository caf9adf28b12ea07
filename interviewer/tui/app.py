"""The practice-interview app: loads the services in the background and moves between screens.

Everything blocking (model and index load, LLM check, starting or resuming an interview) runs in
thread workers that report back with messages; the screens only ever touch widgets on this thread.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App
from textual.binding import Binding

from interviewer.config import Settings
from interviewer.launcher import command, resume_command
from interviewer.tui.messages import (
    BankInfo,
    InterviewReady,
    LLMChecked,
    NewRoundRequested,
    ResumeRequested,
    ServicesFailed,
    ServicesReady,
    SessionDone,
    StartRequested,
    WorkFailed,
    one_line,
)
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.start import StartScreen
from interviewer.tui.screens.summary import SummaryScreen
from interviewer.types.plan import InterviewPlan
from interviewer.wording import INTERFACE_ZH, joined, say

if TYPE_CHECKING:
    from interviewer.grading.service import LLMStatus

ServicesFactory = Callable[[], Any]
"""Builds the core's `Services` (blocking: model + index + store); called in a worker thread."""


TERMINAL_CHECK_SECONDS = 2.0
"""How often the app checks that its terminal is still there. Under `make run` as a tmux pane's
command, killing the pane sends the app no SIGHUP (make holds the session and waits), and
Textual's input thread then spins on the hung-up terminal: one core busy for ever."""
QUIT_AGAIN_SECONDS = 5.0
"""After a quit that found an unsent answer, how long a second quit confirms it."""
MAX_KEY_NOTICES = 3
"""Broken key files named one by one on screen; more are counted in one line."""
KEY_NOTICE_SECONDS = 20
"""How long a skipped key file stays on screen: long enough to read its path and line."""
UNFINISHED_NOTICE_SECONDS = 15
"""How long the line about an unfinished session left behind stays over the new interview."""


def terminal_fd() -> int | None:
    """The terminal the app reads keys from, or None when stdin is no terminal (tests, pipes)."""
    stdin = sys.__stdin__
    try:
        return stdin.fileno() if stdin is not None and os.isatty(stdin.fileno()) else None
    except (OSError, ValueError):
        return None


class InterviewApp(App[None]):
    """A mock interview over the question bank; a thin layer over `interviewer.interview`."""

    CSS_PATH = "app.tcss"
    TITLE = say("app_title", INTERFACE_ZH)
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", say("key_quit", INTERFACE_ZH), priority=True),
        Binding("ctrl+c", "quit", say("key_quit", INTERFACE_ZH), show=False, priority=True),
        Binding("ctrl+r", "stats", say("app_key_progress", INTERFACE_ZH)),
    ]

    def __init__(
        self,
        settings: Settings,
        services_factory: ServicesFactory,
        *,
        resume_session: int | None = None,
        plan: InterviewPlan | None = None,
        start_now: bool = False,
        notices: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.settings = settings
        self.services_factory = services_factory
        self.resume_session = resume_session
        self.plan = plan or InterviewPlan()
        self.start_now = start_now
        self.notices = tuple(notices)
        self.services: Any | None = None
        self.bank: BankInfo | None = None
        self.load_error: str | None = None
        self.session_id: int | None = None
        """The session on screen (set once an interview starts); None before."""
        self.session_finished = False
        self._grading = threading.Event()
        self._quit_warned = False
        """Set by a quit that found a typed answer not yet submitted: the next quit goes."""
        self._terminal = terminal_fd()

    # -- start-up -------------------------------------------------------------------------
    def on_mount(self) -> None:
        """Called when the app starts: show the start screen and load everything behind it."""
        self.push_screen(
            StartScreen(
                self.settings, self.plan, resuming=self.resume_session, notices=self.notices
            )
        )
        self.load_services()
        if self.settings.llm_enabled:
            self.check_llm()
        if self._terminal is not None:
            self.set_interval(TERMINAL_CHECK_SECONDS, self.check_terminal)

    async def action_quit(self) -> None:
        """Called on Ctrl+Q / Ctrl+C: quit, unless a typed answer was never submitted — then say
        so once, and the next press within QUIT_AGAIN_SECONDS quits (a reflexive Ctrl+Q lost a
        long answer the candidate had forgotten to send). In an interview, once the answer box
        has taken the keys typed before it, as Ctrl+S does (`InterviewScreen.after_typing`)."""
        screen = self.screen
        if isinstance(screen, InterviewScreen):
            screen.after_typing(self._quit)
            return
        await self._quit()

    async def _quit(self) -> None:
        screen = self.screen
        unsent = isinstance(screen, InterviewScreen) and screen.has_unsent_answer()
        if unsent and not self._quit_warned:
            self._quit_warned = True
            self.notify(
                say("app_quit_unsent", INTERFACE_ZH), severity="warning", timeout=QUIT_AGAIN_SECONDS
            )
            self.set_timer(QUIT_AGAIN_SECONDS, self._forget_quit)
            return
        if unsent and isinstance(screen, InterviewScreen):  # kept for --resume, to the last key
            screen.save_draft_now()
        await super().action_quit()

    def _forget_quit(self) -> None:
        self._quit_warned = False

    def check_terminal(self) -> None:
        """Leave when the terminal has hung up (every answer is already saved on submit)."""
        if self._terminal is not None and not os.isatty(self._terminal):
            self._terminal = None
            self.exit()

    @work(thread=True, exclusive=True, group="services")
    def load_services(self) -> None:
        """Model, index, grader and store: seconds of work, done while the candidate chooses."""
        try:
            services = self.services_factory()
            info = bank_info(services)
        except Exception as exc:  # noqa: BLE001 — every failure becomes one line on screen
            self.post_message(ServicesFailed(one_line(exc)))
            return
        self.post_message(ServicesReady(services, info))
        self.wait_for_model(services.wait_ready)  # the model may still be loading

    @work(thread=True, exclusive=True, group="model")
    def wait_for_model(self, wait_ready: Callable[[], None]) -> None:
        """Questions can be asked before the model is loaded; a failure to load it is shown."""
        try:
            wait_ready()
        except Exception as exc:  # noqa: BLE001
            self.post_message(ServicesFailed(one_line(exc)))

    @work(thread=True, exclusive=True, group="llm-check")
    def check_llm(self) -> None:
        try:
            from interviewer.grading.service import check_llm

            status = check_llm(self.settings)
            line, ok = describe_llm_status(status)
        except Exception as exc:  # noqa: BLE001
            line, ok = say("app_llm_check_failed", INTERFACE_ZH, error=one_line(exc)), False
        self.post_message(LLMChecked(line, ok))

    @work(thread=True, exclusive=True, group="services")
    def refresh_bank(self) -> None:
        """Due counts and the unfinished session change after every round."""
        if self.services is None:
            return
        try:
            info = bank_info(self.services)
        except Exception as exc:  # noqa: BLE001
            self.post_message(ServicesFailed(one_line(exc)))
            return
        self.post_message(ServicesReady(self.services, info))

    @on(ServicesReady)
    def _services_ready(self, message: ServicesReady) -> None:
        first = self.services is None
        self.services = message.services
        self.bank = message.info
        keys = getattr(message.services, "keys", None)
        if first and keys is not None and keys.problems:
            self._say_skipped_keys(keys.problems)
        self._start_screen().services_ready(message.info)
        if self.resume_session is not None:
            self.open_interview(resume=self.resume_session)
        elif self.start_now:
            self._say_unfinished_left(message.info.unfinished)
            self.start_interview(self.plan)

    def _say_unfinished_left(self, unfinished: Any | None) -> None:
        """Options on the command line start a new session at once, past the start screen's
        "继续上次" button: an unfinished session was left behind without a word. Said in one
        line, on the start screen and as a note that outlasts it; the new session goes ahead.
        It names `--resume ID`: `--resume` alone would continue the newest, this one."""
        if unfinished is None:
            return
        line = say(
            "app_unfinished_left",
            INTERFACE_ZH,
            session=unfinished.id,
            answered=unfinished.n_main,
            command=resume_command(unfinished.id),
        )
        self._start_screen().add_notice(line)
        self.notify(line, severity="warning", timeout=UNFINISHED_NOTICE_SECONDS)

    def _say_skipped_keys(self, problems: Sequence[str]) -> None:
        """A key file the loader skipped (the user's edit with a typo) is said on screen, where
        the CLI's warning line is hidden: otherwise the question is graded on the shipped key,
        or by similarity, and the user believes the edit took effect."""
        for problem in problems[:MAX_KEY_NOTICES]:
            self.notify(
                problem,
                title=say("app_key_skipped", INTERFACE_ZH),
                severity="warning",
                timeout=KEY_NOTICE_SECONDS,
            )
        if len(problems) > MAX_KEY_NOTICES:
            more = say("app_keys_skipped_more", INTERFACE_ZH, count=len(problems) - MAX_KEY_NOTICES)
            self.notify(more, severity="warning", timeout=KEY_NOTICE_SECONDS)

    @on(ServicesFailed)
    def _services_failed(self, message: ServicesFailed) -> None:
        self.load_error = message.error
        self.resume_session = None
        self._start_screen().services_failed(message.error)
        if not isinstance(self.screen, StartScreen):  # the model failed after a session began
            self.notify(
                message.error,
                title=say("app_cannot_grade", INTERFACE_ZH),
                severity="error",
                timeout=15,
            )

    @on(LLMChecked)
    def _llm_checked(self, message: LLMChecked) -> None:
        self._start_screen().llm_checked(message.line, message.ok)

    def _start_screen(self) -> StartScreen:
        for screen in self.screen_stack:
            if isinstance(screen, StartScreen):
                return screen
        raise LookupError("start screen is gone")  # it is the base of the stack, always there

    # -- interviews -----------------------------------------------------------------------
    @on(StartRequested)
    def _start_requested(self, message: StartRequested) -> None:
        """Called when the start screen asks for a new interview."""
        self.start_interview(message.plan)

    @on(ResumeRequested)
    def _resume_requested(self, message: ResumeRequested) -> None:
        """Called when the start screen asks to continue an unfinished session."""
        self.open_interview(resume=message.session_id)

    def start_interview(self, plan: InterviewPlan) -> None:
        """Validate the plan's topics against the bank, then open a session."""
        unknown = [t for t in plan.topics if self.bank and t not in self.bank.topics]
        if unknown:
            self._start_screen().show_error(
                say(
                    "app_unknown_topics",
                    INTERFACE_ZH,
                    unknown=joined(unknown, INTERFACE_ZH),
                    topics=joined(self.bank.topics, INTERFACE_ZH),
                )
            )
            return
        self.plan = plan
        self.open_interview(plan=plan)

    @work(thread=True, exclusive=True, group="open")
    def open_interview(
        self, *, plan: InterviewPlan | None = None, resume: int | None = None
    ) -> None:
        """Selection and phrasing may touch the db, the scheduler or an LLM: off the UI thread."""
        services = self.services
        try:
            if resume is not None:
                self.post_message(InterviewReady(services.resume_interview(resume)))
            else:
                self.post_message(InterviewReady(services.new_interview(plan)))
        except Exception as exc:  # noqa: BLE001
            self.post_message(WorkFailed("open", one_line(exc)))

    @on(InterviewReady)
    def _interview_ready(self, message: InterviewReady) -> None:
        self.resume_session = None
        self.start_now = False
        self.session_id = message.interview.session_id
        self.session_finished = False
        self._start_screen().interview_opened()
        self.push_screen(InterviewScreen(message.interview, self.grader_name, self._grading))

    @on(WorkFailed)
    def _open_failed(self, message: WorkFailed) -> None:
        if message.stage == "open":
            self.resume_session = None
            self._start_screen().show_error(
                say("app_open_failed", INTERFACE_ZH, error=message.error)
            )

    @on(SessionDone)
    def _session_done(self, message: SessionDone) -> None:
        """Called when the interview screen's last turn is done: show the summary."""
        self.session_id = message.summary.session_id
        self.session_finished = bool(message.summary.finished)
        self.switch_screen(SummaryScreen(message.summary, message.farewell))

    @on(NewRoundRequested)
    def _new_round(self) -> None:
        """Called when the summary asks for another interview: back to the start screen, with
        due counts and the unfinished session read again."""
        while not isinstance(self.screen, StartScreen):
            self.pop_screen()
        self.refresh_bank()

    @property
    def grading_in_flight(self) -> bool:
        """An answer is being graded: the CLI waits for it to be saved before exiting."""
        return self._grading.is_set()

    @property
    def grader_name(self) -> str:
        if self.services is not None:
            return self.services.grader.name
        return f"llm:{self.settings.llm_model}" if self.settings.llm_enabled else "similarity"

    # -- actions --------------------------------------------------------------------------
    def action_stats(self) -> None:
        """Open the progress engineer's stats screen over the history store."""
        if self.services is None:
            self.notify(say("app_still_loading", INTERFACE_ZH), severity="warning")
            return
        from interviewer.tui.screens.stats import StatsScreen

        self.push_screen(StatsScreen(self.services.store))

    def exit_message(self) -> str:
        """What the CLI prints after the terminal is restored: where it went, how to go on."""
        if self.session_id is None:
            return ""
        where = self.settings.db_path
        if self.session_finished:
            return say("app_exit_saved", INTERFACE_ZH, session=self.session_id, where=where)
        saved = say("app_exit_answers_saved", INTERFACE_ZH, session=self.session_id, where=where)
        resume = say("resume_hint", INTERFACE_ZH, command=resume_command(self.session_id))
        return f"{saved}\n{resume}"


def bank_info(services: Any) -> BankInfo:
    """Topics, the unfinished session and due questions — read once, in the loading worker."""
    questions = services.retriever.questions()
    topics = dict(Counter(q.topic for q in questions))
    info = BankInfo(
        grader=services.grader.name,
        topics=topics,
        questions=len(questions),
        unfinished=services.store.unfinished_session(),
    )
    if services.retriever.stale:
        build = command("build")  # `interviewer` is not on PATH after `make run`
        info.notes.append(say("app_index_stale", INTERFACE_ZH, command=build))
    # fsrs: loaded in this worker, not at start
    from interviewer.progress.scheduler import count_due, weak_due

    try:
        bank_ids = {q.id for q in questions}
        info.due = count_due(services.store, bank_ids, datetime.now(timezone.utc))
        weak = weak_due(services.store.answered_turns(), bank_ids)
        info.weak = [(w.question_text, w.due) for w in weak]
    except Exception as exc:  # noqa: BLE001 — a broken scheduler must not block practice
        info.notes.append(say("app_due_failed", INTERFACE_ZH, error=one_line(exc)))
    return info


def describe_llm_status(status: LLMStatus) -> tuple[str, bool]:
    """One line about the LLM endpoint from `check_llm`'s `LLMStatus`."""
    detail = status.message
    if status.reachable:
        if status.model_listed is False:
            return say("app_llm_unlisted", INTERFACE_ZH, detail=detail), False
        return say("app_llm_connected", INTERFACE_ZH, detail=detail), True
    return say("app_llm_unreachable", INTERFACE_ZH, detail=detail), False


def make_app(
    settings: Settings,
    services_factory: ServicesFactory,
    *,
    resume_session: int | None = None,
    plan: InterviewPlan | None = None,
    start_now: bool = False,
    notices: Sequence[str] = (),
) -> InterviewApp:
    """The one way to build the app, shared by the CLI and the tests.

    `plan` pre-fills the start screen; with `start_now` the interview starts as soon as the
    services are loaded (the CLI does this when topics/count/mode were given on the command line).
    `notices`: lines the CLI would have printed before the app started, where the app's screen
    would hide them at once (nothing to resume, an ignored config key); the start screen shows
    them until an interview opens.
    """
    return InterviewApp(
        settings,
        services_factory,
        resume_session=resume_session,
        plan=plan,
        start_now=start_now,
        notices=notices,
    )
