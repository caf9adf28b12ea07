"""The end of an interview: per-answer scores, weakest topics, what to review, where it went."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from interviewer.interview.turns import SessionSummary
from interviewer.launcher import resume_command
from interviewer.tui.messages import NewRoundRequested
from interviewer.tui.widgets.verdict import clip_cells, label_text, score_style
from interviewer.wording import INTERFACE_ZH, joined, pieces, say

QUESTION_CELLS = 40
"""Question text is clipped so one score fits one line of an 80-column terminal."""


NOTE_QUESTION_CELLS = 24
"""A note names its question short: enough to tell which of the list above it is."""


def short_question(question: str) -> str:
    """A question as a note names it: clipped, without its question mark (a colon follows)."""
    return clip_cells(question, NOTE_QUESTION_CELLS).rstrip("？?")


def headline(summary: SessionSummary) -> Content:
    """The first lines: how it went overall and where it is saved (always visible)."""
    if summary.mean_score is None:
        first = Content.styled(say("summary_nothing", INTERFACE_ZH), "bold")
    else:
        words = pieces(
            "summary_average",
            INTERFACE_ZH,
            score=f"{summary.mean_score:.1f}/10",
            what=averaged_what(summary),
        )
        scored = next(i for i, (_, field) in enumerate(words) if field == "score")
        first = Content.assemble(
            *((text, "bold") for text, _ in words[:scored]),
            (words[scored][0], score_style(summary.mean_score)),
            ("".join(text for text, _ in words[scored + 1 :]), "$text-muted"),
        )
    saved = Content.styled(
        say("summary_saved", INTERFACE_ZH, where=summary.db_path, session=summary.session_id),
        "$text-muted",
    )
    lines = [first, saved]
    if not summary.finished:
        resume = say("resume_hint", INTERFACE_ZH, command=resume_command(summary.session_id))
        lines.append(Content.styled(resume, "$text-muted"))
    return Content("\n").join(lines)


def averaged_what(summary: SessionSummary) -> str:
    """What the average is of, in words: without it two averages of the same session (this one
    and the report's) look like a contradiction."""
    parts = [say("summary_averaged", INTERFACE_ZH, count=summary.averaged)]
    follow_ups = sum(1 for s in summary.scores if s.is_follow_up and not s.passed)
    if follow_ups:
        parts.append(say("summary_follow_ups", INTERFACE_ZH, count=follow_ups))
    if summary.passes:
        parts.append(say("summary_passes", INTERFACE_ZH, count=summary.passes))
    retries = sum(1 for s in summary.scores if s.retry)
    if retries:
        parts.append(say("summary_retries", INTERFACE_ZH, count=retries))
    return joined(parts, INTERFACE_ZH, kind="clause")


def summary_content(summary: SessionSummary) -> Content:
    """Per-answer scores, weakest topics and what to review, as one block of styled text."""
    lines: list[Content] = []
    if summary.scores:
        lines.append(
            Content.styled(say("summary_per_question", INTERFACE_ZH), "bold $text-primary")
        )
        for item in summary.scores:
            number = "  ↳" if item.is_follow_up else f"{item.index:>3}"
            tags = (
                say("tag_skipped", INTERFACE_ZH)
                if item.passed
                else say("tag_dont_know", INTERFACE_ZH)
                if item.skipped
                else label_text(item.label)
            )
            if item.hint_used:
                tags += "·" + say("summary_tag_hint", INTERFACE_ZH)
            if item.retry:
                tags += "·" + say("summary_tag_retry", INTERFACE_ZH)
            if item.own_score:
                tags += "·" + say("summary_tag_own_score", INTERFACE_ZH)
            shown = ("   —", "$text-muted") if item.passed else None
            lines.append(
                Content.assemble(
                    f"{number} ",
                    shown or (f"{item.score:4.1f}", score_style(item.score)),
                    f"  {clip_cells(item.question, QUESTION_CELLS)}",
                    (f"  {tags}", "$text-muted"),
                )
            )
    if summary.weakest_topics:
        lines.append(
            Content.styled("\n" + say("summary_weakest", INTERFACE_ZH), "bold $text-primary")
        )
        for topic in summary.weakest_topics:
            lines.append(
                Content.assemble(
                    f"  {topic.topic} ",
                    (f"{topic.mean_score:.1f}", score_style(topic.mean_score)),
                    (say("summary_answers", INTERFACE_ZH, count=topic.answered), "$text-muted"),
                )
            )
    if summary.to_review:
        lines.append(
            Content.styled("\n" + say("summary_to_review", INTERFACE_ZH), "bold $text-primary")
        )
        for item in summary.to_review:
            lines.append(Content.assemble("  · ", (item.question, "bold"), f"  [{item.topic}]"))
            shown = [("summary_wrong", w) for w in item.wrong]
            shown += [("summary_missed", m) for m in item.missed]
            for label, point in shown[:3]:
                lines.append(
                    Content.assemble(("    " + say(label, INTERFACE_ZH), "$text-error"), point)
                )
    for note in summary.notes:
        questions = joined((short_question(q) for q in note.questions), INTERFACE_ZH)
        lines.append(
            Content.assemble(
                (f"\n{say('card_note', INTERFACE_ZH)} ", "bold $text-warning"),
                say("summary_note", INTERFACE_ZH, questions=questions, note=note.text),
            )
        )
    return Content("\n").join(lines)


class SummaryScreen(Screen[None]):
    """Shown once the interview has no more questions."""

    BINDINGS = [
        Binding("n", "again", say("summary_key_again", INTERFACE_ZH)),
        Binding("q", "app.quit", say("key_quit", INTERFACE_ZH), show=False),
    ]

    def __init__(self, summary: SessionSummary, farewell: str | None = None) -> None:
        super().__init__()
        self.summary = summary
        self.farewell = farewell

    def compose(self) -> ComposeResult:
        if self.farewell:
            yield Static(
                Content.assemble((say("summary_farewell_by", INTERFACE_ZH), "bold"), self.farewell),
                id="farewell",
            )
        yield Static(headline(self.summary), id="summary-head")
        with VerticalScroll(id="summary"):
            yield Static(summary_content(self.summary), id="summary-text")
        yield Footer()

    def on_mount(self) -> None:
        """Called when the summary opens: focus it so arrow keys scroll a long one."""
        self.query_one("#summary").focus()

    def action_again(self) -> None:
        self.post_message(NewRoundRequested())
