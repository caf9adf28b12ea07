"""The interview itself: a conversation log, an answer box, and the verdict after each answer.

States: waiting (next question coming) → answering → grading → verdict → waiting … → summary.
The Interview object's calls block (retrieval, grading, the db, maybe an LLM), so each runs in a
thread worker; the answer box keeps its text until the answer is safely graded and saved (and
the core saves it on submit, so a resumed session grades and shows it, see resume_recap).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, LoadingIndicator, Static, TextArea

from interviewer.launcher import command
from interviewer.tui.messages import (
    Graded,
    HintReady,
    OwnScoreSaved,
    SessionDone,
    TurnReady,
    WorkFailed,
    one_line,
)
from interviewer.tui.screens.own_score import TAKE_BACK, OwnScoreScreen
from interviewer.tui.widgets.chat import ChatLog
from interviewer.tui.widgets.verdict import VerdictCard, grader_text
from interviewer.types.turn import Turn
from interviewer.wording import INTERFACE_ZH, say

log = logging.getLogger(__name__)

State = Literal["waiting", "answering", "grading", "verdict", "done"]

ANSWERING_ACTIONS = {"submit", "hint", "skip", "dont_know"}
DRAFT_SAVE_SECONDS = 1.0
"""An answer being typed is saved this long after the last keystroke (a kill or a closed
terminal lost it; `--resume` puts it back)."""


class InterviewScreen(Screen[None]):
    """One session, from the greeting to the last verdict."""

    BINDINGS = [
        # priority, as quitting is: keys are then handled in the order pressed, so a Ctrl+C
        # right after Ctrl+S finds the answer saved (a plain binding waits in the answer box's
        # queue, and the quit got there first)
        Binding("ctrl+s", "submit", say("interview_key_submit", INTERFACE_ZH), priority=True),
        Binding("ctrl+t", "hint", say("interview_key_hint", INTERFACE_ZH)),
        Binding("ctrl+g", "dont_know", say("interview_key_dont_know", INTERFACE_ZH)),
        Binding("ctrl+n", "skip", say("interview_key_skip", INTERFACE_ZH)),
        Binding("enter", "next", say("interview_key_next", INTERFACE_ZH), priority=False),
        Binding("ctrl+e", "own_score", say("interview_key_own_score", INTERFACE_ZH)),
        Binding("pageup", "scroll_log(-1)", say("interview_key_page_up", INTERFACE_ZH), show=False),
        Binding(
            "pagedown", "scroll_log(1)", say("interview_key_page_down", INTERFACE_ZH), show=False
        ),
    ]

    def __init__(self, interview: Any, grader: str, grading: threading.Event) -> None:
        super().__init__()
        self.interview = interview
        self.grader = grader
        self.grading = grading
        """Set while an answer is being graded, so quitting can wait for it to be saved."""
        self.state: State = "waiting"
        self.turn: Turn | None = None
        self.asked_at = 0.0
        self.hint_used = False
        self.graded: list[Any] = []
        self.own_scores: dict[int, float | None] = {}
        """Scores the candidate gave answers of this session (turn id → score)."""
        self.first = True
        self._draft_timer: Timer | None = None
        self._draft_saved = ""
        """The current turn's text as last saved (nothing to write when it is unchanged)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="status")
        yield ChatLog(id="log")
        with Horizontal(id="working"):
            yield LoadingIndicator()
            yield Static("", id="working-text")
        yield TextArea(
            id="answer",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=say("interview_placeholder", INTERFACE_ZH),
        )
        with Horizontal(id="actions"):
            yield Button(
                f"{say('interview_key_submit', INTERFACE_ZH)} ^S",
                id="submit",
                variant="primary",
                compact=True,
            )
            yield Button(f"{say('interview_hint', INTERFACE_ZH)} ^T", id="hint", compact=True)
            yield Button(
                f"{say('interview_key_dont_know', INTERFACE_ZH)} ^G", id="dont_know", compact=True
            )
            yield Button(f"{say('interview_key_skip', INTERFACE_ZH)} ^N", id="skip", compact=True)
        yield Button(
            f"{say('interview_key_next', INTERFACE_ZH)} ⏎",
            id="next",
            variant="primary",
            compact=True,
        )
        yield Footer()

    def on_mount(self) -> None:
        """Called when the screen opens: greet, then fetch the first question."""
        self.query_one("#next", Button).can_focus = False  # Enter reaches the screen binding
        self.set_interval(1.0, self._tick)
        self._enter("waiting", say("interview_picking", INTERFACE_ZH))
        self.fetch_next(opening=True)

    # -- workers: every call into the interview blocks ----------------------------------
    @work(thread=True, exclusive=True, group="interview")
    def fetch_next(self, *, opening: bool = False) -> None:
        try:
            # an interrupted answer is graded first: a miss comes back, so the greeting counts it
            recap = self.interview.resume_recap() if opening else []
            greeting = self.interview.opening() if opening else None
            turn = self.interview.next_turn()
            if turn is None:
                farewell = self.interview.closing()
                self.post_message(SessionDone(self.interview.summary(), farewell))
            else:
                self.post_message(TurnReady(turn, greeting, recap))
        except Exception as exc:  # noqa: BLE001 — shown as one line; the db has everything
            self.post_message(WorkFailed("next", one_line(exc)))

    @work(thread=True, exclusive=True, group="interview")
    def grade(self, turn: Turn, text: str, elapsed_s: float) -> None:
        self.grading.set()
        try:
            self.post_message(Graded(self.interview.answer(turn, text, elapsed_s)))
        except Exception as exc:  # noqa: BLE001
            self.post_message(WorkFailed("grade", one_line(exc)))
        finally:
            self.grading.clear()

    @work(thread=True, exclusive=True, group="interview")
    def give_up(self, turn: Turn, dont_know: bool) -> None:
        try:
            self.post_message(Graded(self.interview.skip(turn, dont_know=dont_know)))
        except Exception as exc:  # noqa: BLE001
            self.post_message(WorkFailed("grade", one_line(exc)))

    @work(thread=True, exclusive=True, group="own_score")
    def save_own_score(self, graded: Any, own: float | None) -> None:
        try:
            dropped = self.interview.give_own_score(graded.turn, own)
            self.post_message(OwnScoreSaved(graded, own, dropped))
        except Exception as exc:  # noqa: BLE001
            self.post_message(WorkFailed("own_score", one_line(exc)))

    @work(thread=True, exclusive=True, group="prepare")
    def prepare_grading(self, turn: Turn) -> None:
        """Embed the question's references while the candidate types (an optimisation: on any
        failure the grading of the answer simply does the work itself)."""
        try:
            self.interview.prepare(turn)
        except Exception:  # noqa: BLE001
            log.debug("preparing references for %s failed", turn.turn_id, exc_info=True)

    @work(thread=True, exclusive=True, group="draft")
    def save_draft(self, turn: Turn, text: str) -> None:
        """A db write off the UI thread: typing never waits for the disk. Best effort: a failure
        costs the draft, never the interview."""
        try:
            self.interview.save_draft(turn, text)
        except Exception:  # noqa: BLE001
            log.warning("saving the answer being typed failed", exc_info=True)

    @work(thread=True, exclusive=True, group="hint")
    def fetch_hint(self, turn: Turn) -> None:
        try:
            self.post_message(HintReady(turn, self.interview.hint(turn)))
        except Exception as exc:  # noqa: BLE001
            self.post_message(WorkFailed("hint", one_line(exc)))

    # -- what the workers report --------------------------------------------------------
    @on(TurnReady)
    def _turn_ready(self, message: TurnReady) -> None:
        turn = message.turn
        if message.opening:
            self.log_widget.say("interviewer", message.opening)
        for graded in message.recap:  # a resumed session: where it left off, verdict included
            self._show_recap(graded)
        title = turn_title(turn)
        self.log_widget.say("interviewer", turn.spoken, title=f"{title} · {turn.topic}")
        self.turn = turn
        self.hint_used = False
        self.asked_at = time.monotonic()
        answer = self.query_one("#answer", TextArea)
        draft = self.interview.draft(turn)  # typed before a kill: back in the box
        if draft:
            self.log_widget.say("system", say("interview_draft_restored", INTERFACE_ZH))
        self._draft_saved = draft
        answer.text = draft
        self._enter("answering")
        answer.focus()
        if draft:
            answer.move_cursor(answer.document.end)
        self.prepare_grading(turn)

    def _show_recap(self, graded: Any) -> None:
        turn = graded.turn
        kind = turn_title(turn)
        self.log_widget.say(
            "interviewer",
            turn.spoken,
            title=f"{say('interview_last_time', INTERFACE_ZH)} · {kind} · {turn.topic}",
        )
        self.log_widget.say(
            "candidate", graded.answer or say("interview_skipped_answer", INTERFACE_ZH)
        )
        self.log_widget.add(VerdictCard(graded))

    @on(Graded)
    def _graded(self, message: Graded) -> None:
        self.graded.append(message.graded)
        self.query_one("#answer", TextArea).text = ""
        card = VerdictCard(message.graded)
        self.log_widget.add(card, show_top=True)
        self._enter("verdict")
        self.log_widget.focus()  # arrows scroll the verdict; Enter (a screen key) moves on

    @on(OwnScoreSaved)
    def _own_score_saved(self, message: OwnScoreSaved) -> None:
        self.own_scores[message.graded.turn.turn_id] = message.own
        graded = f"{message.graded.verdict.score:.1f}"
        if message.own is None:
            line = say("own_score_taken_back", INTERFACE_ZH, graded=graded)
        else:
            line = say("own_score_saved", INTERFACE_ZH, own=f"{message.own:g}", graded=graded)
            if message.dropped_follow_up:
                line += say("own_score_no_follow_up", INTERFACE_ZH)
            if message.graded.turn.question_id:
                qid = message.graded.turn.question_id
                # the command as it runs from here: after `make run`, not on PATH
                line += say(
                    "own_score_teach_key", INTERFACE_ZH, command=command("keys", "edit", qid)
                )
        self.log_widget.say("system", line)

    @on(HintReady)
    def _hint_ready(self, message: HintReady) -> None:
        if self.turn is None or message.turn.turn_id != self.turn.turn_id:
            return
        self.hint_used = True
        self.log_widget.say(
            "interviewer", message.text, title=say("interview_hint_title", INTERFACE_ZH)
        )
        self.query_one("#answer", TextArea).focus()

    @on(SessionDone)
    def _done(self, message: SessionDone) -> None:
        """Called when the last turn is done; the message bubbles on to the app (the summary)."""
        self._enter("done")

    @on(WorkFailed)
    def _failed(self, message: WorkFailed) -> None:
        message.stop()  # the app's handler is for its own "open" stage
        self.notify(
            message.error,
            title=say("interview_error_title", INTERFACE_ZH),
            severity="error",
            timeout=8,
        )
        if message.stage == "grade":
            self.log_widget.say(
                "system", say("interview_grade_failed", INTERFACE_ZH, error=message.error)
            )
            self._enter("answering")
            self.query_one("#answer", TextArea).focus()
        elif message.stage == "next":
            self.log_widget.say(
                "system", say("interview_next_failed", INTERFACE_ZH, error=message.error)
            )
            self._enter("verdict")
            self.log_widget.focus()

    # -- the candidate's keys -----------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that make sense now are active (and shown in the footer)."""
        if action in ANSWERING_ACTIONS:
            return self.state == "answering"
        if action == "next":
            return self.state == "verdict"
        if action == "own_score":
            return self.state == "verdict" and bool(self.graded)
        return True

    def after_typing(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the answer box has taken every key typed before now. Ctrl+S and
        quitting are priority keys, handled as they arrive, ahead of the keys still queued for
        the answer box: a burst of typing (an IME's phrase, a busy machine) then Ctrl+S sent the
        answer without its last words. Callbacks queued here run in the order pressed."""
        boxes = self.query("#answer").results(TextArea)
        box = next(boxes, None)
        if box is None or not box.call_later(callback):
            self.app.call_later(callback)

    def action_submit(self) -> None:
        self.after_typing(self._submit)

    def _submit(self) -> None:
        if self.state != "answering" or self.turn is None:
            return
        answer = self.query_one("#answer", TextArea)
        text = answer.text.strip()
        if not text:
            self.notify(say("interview_write_first", INTERFACE_ZH), severity="warning")
            return
        elapsed = time.monotonic() - self.asked_at
        try:
            # saved here, not in the worker: a quit right after Ctrl+S cancels a worker that
            # has not started, and the answer must survive it (a resume grades it)
            self.interview.submit(self.turn, text, elapsed)
        except Exception:  # noqa: BLE001 — grading saves it too; the db error shows there
            log.warning("saving the submitted answer failed", exc_info=True)
        self.log_widget.say("candidate", text)
        self._enter("grading", say("interview_grading", INTERFACE_ZH))
        self.grade(self.turn, text, elapsed)

    @on(TextArea.Changed, "#answer")
    def _typed(self) -> None:
        """Save what is typed once the candidate pauses (debounced: one write, not one per
        key)."""
        if self.state != "answering":
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_SAVE_SECONDS, self._save_typed)

    def _save_typed(self) -> None:
        self._draft_timer = None
        text = self._unsaved()  # None once submitted or skipped: that cleared the draft
        if text is not None and self.turn is not None:
            self.save_draft(self.turn, text)

    def save_draft_now(self) -> None:
        """On quit: what was typed in the last second is kept too (one write, as the app goes)."""
        text = self._unsaved()
        if text is None or self.turn is None:
            return
        try:
            self.interview.save_draft(self.turn, text)
        except Exception:  # noqa: BLE001
            log.warning("saving the answer being typed failed", exc_info=True)

    def _unsaved(self) -> str | None:
        """The answer box's text to save ('' for an emptied box), or None: nothing new, or no
        answer being typed."""
        if self.state != "answering" or self.turn is None:
            return None
        text = self.query_one("#answer", TextArea).text
        if text.strip() == self._draft_saved.strip():
            return None
        self._draft_saved = text
        return text if text.strip() else ""

    def has_unsent_answer(self) -> bool:
        """Whether the answer box holds words the candidate has not submitted."""
        if self.state != "answering":
            return False
        return bool(self.query_one("#answer", TextArea).text.strip())

    def action_hint(self) -> None:
        if self.state == "answering" and self.turn is not None:
            self.fetch_hint(self.turn)

    def action_skip(self) -> None:
        self._give_up(dont_know=False)

    def action_dont_know(self) -> None:
        self._give_up(dont_know=True)

    def _give_up(self, *, dont_know: bool) -> None:
        if self.state != "answering" or self.turn is None:
            return
        said = "interview_dont_know_answer" if dont_know else "interview_skipped_answer"
        self.log_widget.say("candidate", say(said, INTERFACE_ZH))
        self._enter("grading", say("interview_recording", INTERFACE_ZH))
        self.give_up(self.turn, dont_know)

    def action_next(self) -> None:
        if self.state != "verdict":
            return
        self._enter("waiting", say("interview_picking", INTERFACE_ZH))
        self.fetch_next()

    def action_own_score(self) -> None:
        """The candidate disagrees with the last grade: ask for their own score."""
        if self.state != "verdict" or not self.graded:
            return
        graded = self.graded[-1]
        if graded.skipped:
            self.notify(say("own_score_not_for_skips", INTERFACE_ZH), severity="warning")
            return
        own = self.own_scores.get(graded.turn.turn_id)

        def save(result: float | str | None) -> None:
            if result is None:  # cancelled
                return
            self.save_own_score(graded, None if result == TAKE_BACK else float(result))

        self.app.push_screen(OwnScoreScreen(graded.verdict.score, own), save)

    def action_scroll_log(self, direction: int) -> None:
        if direction < 0:
            self.log_widget.scroll_page_up()
        else:
            self.log_widget.scroll_page_down()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "submit": self.action_submit,
            "hint": self.action_hint,
            "dont_know": self.action_dont_know,
            "skip": self.action_skip,
            "next": self.action_next,
        }
        if event.button.id in actions:
            actions[event.button.id]()

    # -- presentation -------------------------------------------------------------------
    @property
    def log_widget(self) -> ChatLog:
        return self.query_one("#log", ChatLog)

    def _enter(self, state: State, working: str = "") -> None:
        """Switch state: which widgets show, what's enabled, and what the footer offers."""
        self.state = state
        answering = state == "answering"
        if not answering and self._draft_timer is not None:  # submit and skip clear the draft
            self._draft_timer.stop()
            self._draft_timer = None
        self.query_one("#working").display = state in ("waiting", "grading")
        self.query_one("#working-text", Static).update(working)
        answer = self.query_one("#answer", TextArea)
        answer.display = answering  # while grading, the answer is in the log (and kept here)
        answer.read_only = not answering
        self.query_one("#actions").display = answering
        self.query_one("#next").display = state == "verdict"
        self.refresh_bindings()
        self._tick()

    def _tick(self) -> None:
        """The status line: where we are, the clock on the current answer, who grades."""
        turn = self.turn
        parts: list[tuple[str, str] | str] = []
        if turn is not None:
            parts += [(turn_title(turn), "bold"), f" · {turn.topic}"]
            if self.state == "answering":
                seconds = int(time.monotonic() - self.asked_at)
                clock = say(
                    "interview_clock", INTERFACE_ZH, minutes=seconds // 60, secs=seconds % 60
                )
                parts.append(f" · {clock}")
        graded_by = say("grader_label", INTERFACE_ZH) + grader_text(self.grader)
        parts.append((f" · {graded_by}", "$text-muted"))
        self.query_one("#status", Static).update(Content.assemble(*parts))


def turn_title(turn: Turn) -> str:
    """What the screen calls a turn: a main question's place, a follow-up, or a missed one asked
    again (which keeps its first place: "第 2/5 题" after "第 5/5 题" read as a step back)."""
    if turn.is_follow_up:
        return say("turn_follow_up", INTERFACE_ZH)
    if turn.retry:
        return say("turn_retry", INTERFACE_ZH, index=turn.index)
    return say("turn_main", INTERFACE_ZH, index=turn.index, total=turn.total)
