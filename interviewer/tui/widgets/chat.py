"""The interview as a conversation: interviewer lines and the candidate's answers, like a chat."""

from __future__ import annotations

from typing import Literal

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from interviewer.wording import INTERFACE_ZH, say

Speaker = Literal["interviewer", "candidate", "system"]

NAMES: dict[Speaker, str] = {
    "interviewer": say("chat_interviewer", INTERFACE_ZH),
    "candidate": say("chat_candidate", INTERFACE_ZH),
    "system": "",
}


class ChatLine(Static):
    """One utterance; the speaker decides the colour of its name and border (see app.tcss)."""

    def __init__(self, speaker: Speaker, text: str, *, title: str = "") -> None:
        name = NAMES[speaker]
        head = Content.styled(name, "bold") if name else Content("")
        if title:
            head = Content.assemble(head, (f" · {title}" if name else title, "$text-muted"))
        body = Content(text)
        content = Content.assemble(head, "\n", body) if head.plain else body
        super().__init__(content, classes=f"bubble {speaker}")
        self.speaker: Speaker = speaker
        self.text = text


class ChatLog(VerticalScroll):
    """A scrolling log; new lines stick to the bottom unless the candidate is reading back."""

    can_focus = True

    def say(self, speaker: Speaker, text: str, *, title: str = "") -> ChatLine:
        line = ChatLine(speaker, text, title=title)
        self.add(line)
        return line

    def add(self, widget: Widget, *, show_top: bool = False) -> None:
        """Append; `show_top` scrolls so the widget's first line is visible (long verdicts)."""
        self.mount(widget)
        if show_top:
            self.call_after_refresh(self.scroll_to_widget, widget, top=True, animate=False)
        else:
            self.call_after_refresh(self.scroll_end, animate=False)

    def transcript(self) -> str:
        """All text in the log, in order (what a test or a screen reader would read)."""
        return "\n".join(str(child.visual) for child in self.children if isinstance(child, Static))
