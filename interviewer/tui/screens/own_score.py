"""The score the candidate gives an answer when they disagree with the grade (^E after a verdict).

Why: a grade the candidate knows is wrong would otherwise steer weeks of spaced review (a right
answer graded 4 comes back tomorrow; a wrong one graded 9 not for a month). Their own score counts
from then on; the grader's verdict is kept beside it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from interviewer.wording import INTERFACE_ZH, say

TAKE_BACK = "graded"
"""What the screen returns when the candidate clears the box: go back to the grader's score."""


class OwnScoreScreen(ModalScreen["float | str | None"]):
    """Asks for a score 0–10; returns it, TAKE_BACK for an empty box, None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", say("own_score_cancel", INTERFACE_ZH))]

    def __init__(self, graded: float, own: float | None) -> None:
        super().__init__()
        self.graded = graded
        self.own = own

    def compose(self) -> ComposeResult:
        with Vertical(id="own-score"):
            yield Label(say("own_score_prompt", INTERFACE_ZH, graded=f"{self.graded:.1f}"))
            yield Input(
                "" if self.own is None else f"{self.own:g}",
                type="number",
                id="own-score-value",
                max_length=4,
            )
            yield Static(say("own_score_help", INTERFACE_ZH), id="own-score-help")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.dismiss(TAKE_BACK)
            return
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if not 0.0 <= value <= 10.0:
            self.notify(say("own_score_range", INTERFACE_ZH), severity="warning")
            return
        self.dismiss(round(value, 1))

    def action_cancel(self) -> None:
        self.dismiss(None)
