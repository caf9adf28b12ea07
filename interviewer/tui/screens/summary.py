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
from interviewer.wording import INTERFACE_ZH, say

QUESTION_CELLS = 40
"""Question text is clipped so one score fits one line of an 80-column terminal."""


def headline(summary: SessionSummary) -> Content:
    """The first lines: how it went overall and where it is saved (always visible)."""
    if summary.mean_score is None:
        first = Content.styled("这次没有回答任何问题。", "bold")
    else:
        first = Content.assemble(
            ("面试结束 · 平均 ", "bold"),
            (f"{summary.mean_score:.1f}/10", score_style(summary.mean_score)),
            (f"（{averaged_what(summary)}）", "$text-muted"),
        )
    saved = Content.styled(
        f"已保存到 {summary.db_path}（session {summary.session_id}）", "$text-muted"
    )
    lines = [first, saved]
    if not summary.finished:
        lines.append(Content.styled(f"继续这次面试：{resume_command()}", "$text-muted"))
    return Content("\n").join(lines)


def averaged_what(summary: SessionSummary) -> str:
    """What the average is of, in words: without it two averages of the same session (this one
    and the report's) look like a contradiction."""
    parts = [f"{summary.averaged} 道主问题的平均"]
    follow_ups = sum(1 for s in summary.scores if s.is_follow_up)
    if follow_ups:
        parts.append(f"{follow_ups} 个追问另计")
    if summary.passes:
        parts.append(f"跳过 {summary.passes} 道不算分")
    retries = sum(1 for s in summary.scores if s.retry)
    if retries:
        parts.append(f"再答 {retries} 道不计入")
    return "；".join(parts)


def summary_content(summary: SessionSummary) -> Content:
    """Per-answer scores, weakest topics and what to review, as one block of styled text."""
    lines: list[Content] = []
    if summary.scores:
        lines.append(Content.styled("逐题", "bold $text-primary"))
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
                tags += "·提示"
            if item.retry:
                tags += "·再答（不计入平均）"
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
        lines.append(Content.styled("\n最薄弱的主题（主问题平均分）", "bold $text-primary"))
        for topic in summary.weakest_topics:
            lines.append(
                Content.assemble(
                    f"  {topic.topic} ",
                    (f"{topic.mean_score:.1f}", score_style(topic.mean_score)),
                    (f"（{topic.answered} 个回答）", "$text-muted"),
                )
            )
    if summary.to_review:
        lines.append(Content.styled("\n该复习的", "bold $text-primary"))
        for item in summary.to_review:
            lines.append(Content.assemble("  · ", (item.question, "bold"), f"  [{item.topic}]"))
            for missed in item.missed[:3]:
                lines.append(Content.assemble(("    漏了：", "$text-error"), missed))
    for note in summary.notes:
        lines.append(Content.assemble(("\n注意 ", "bold $text-warning"), note))
    return Content("\n").join(lines)


class SummaryScreen(Screen[None]):
    """Shown once the interview has no more questions."""

    BINDINGS = [
        Binding("n", "again", "再来一轮"),
        Binding("q", "app.quit", "退出", show=False),
    ]

    def __init__(self, summary: SessionSummary, farewell: str | None = None) -> None:
        super().__init__()
        self.summary = summary
        self.farewell = farewell

    def compose(self) -> ComposeResult:
        if self.farewell:
            yield Static(Content.assemble(("面试官：", "bold"), self.farewell), id="farewell")
        yield Static(headline(self.summary), id="summary-head")
        with VerticalScroll(id="summary"):
            yield Static(summary_content(self.summary), id="summary-text")
        yield Footer()

    def on_mount(self) -> None:
        """Called when the summary opens: focus it so arrow keys scroll a long one."""
        self.query_one("#summary").focus()

    def action_again(self) -> None:
        self.post_message(NewRoundRequested())
