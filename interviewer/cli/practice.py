"""`interviewer practice` (also the bare `interviewer`): a mock interview in the terminal UI."""

from __future__ import annotations

import contextlib

import click

from interviewer.cli.common import adopt_checkout_notes, settings_from

MODES = ("review", "new", "weak")
LAST = "last"
"""`--resume` with no id: the last unfinished interview."""


class SessionId(click.ParamType):
    """`--resume`'s optional value: a session number (`interviewer history` lists them)."""

    name = "id"

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201 - click's signature
        if value == LAST or isinstance(value, int):
            return value
        text = str(value).strip()
        if text.isascii() and text.isdigit() and int(text) > 0:
            return int(text)
        self.fail(f"{value!r} is not a session number", param, ctx)


class PracticeCommand(click.Command):
    """Reads `--resume -1` as a bad session number. Click gives an option whose value is
    optional the value only when it does not start with '-', so `-1` was left over and
    reported as "No such option '-1'"."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        for i, arg in enumerate(args):
            value = arg.partition("=")[2] if arg.startswith("--resume=") else None
            if arg == "--resume" and i + 1 < len(args):
                value = args[i + 1]
            if value and value[:1] == "-" and value[1:].strip().isdigit():
                raise click.BadParameter(
                    f"{value!r} is not a session number", ctx, _resume_param(self)
                )
        return super().parse_args(ctx, args)


def _resume_param(command: click.Command) -> click.Parameter | None:
    return next((p for p in command.params if p.name == "resume"), None)


@click.command(cls=PracticeCommand)
@click.option(
    "--resume",
    type=SessionId(),
    is_flag=False,
    flag_value=LAST,  # `--resume` alone; `--resume ID` names the session
    default=None,
    metavar="[ID]",
    help="Continue an unfinished interview: session ID, or the last one.",
)
@click.option("--topic", "topics", multiple=True, metavar="T", help="Only this topic (repeatable).")
@click.option("--count", type=click.IntRange(1, 50), help="Number of main questions (default 5).")
@click.option(
    "--mode",
    type=click.Choice(MODES),
    help="review: due questions first, then new; new: never asked; weak: weakest topics first.",
)
@click.option("--offline", is_flag=True, help="Grade by similarity even if an LLM is configured.")
@click.pass_context
def practice(
    ctx: click.Context,
    resume: int | str | None,
    topics: tuple[str, ...],
    count: int | None,
    mode: str | None,
    offline: bool,
) -> None:
    """Start a mock interview. Choosing topics, count or mode on the command line starts at once."""
    from interviewer.config import config_warnings
    from interviewer.tui.app import make_app
    from interviewer.types.plan import InterviewPlan
    from interviewer.wording import INTERFACE_ZH, say

    moved = adopt_checkout_notes()  # before the settings: they pick the user's corpus then
    settings = settings_from(ctx, offline=True if offline else None)
    # what was printed before the app starts is hidden by its screen: the start screen says it too
    notices = [say("app_config_ignored", INTERFACE_ZH, detail=w) for w in config_warnings()]
    if moved:  # the moved notes join the user's index before the interview asks from it
        from interviewer.cli.build import run_build

        run_build(settings)
    if topics:  # a typo is one error line now, not a start screen that can never start
        topics = _resolved_topics(settings, topics)
    resume_id = _resumable(settings, resume) if resume is not None else None
    if resume is not None and resume_id is None:
        notices.append(say("app_nothing_to_resume", INTERFACE_ZH))
    plan = InterviewPlan(  # a missed question comes back once before the end (relearn)
        topics=topics,
        count=count or 5,
        mode=mode or "review",  # type: ignore[arg-type]
        relearn=True,
    )

    def services_factory():
        """Runs in the app's loading worker: bank and store now, model and index behind them."""
        from interviewer.services.root import Services

        return Services.open(settings)

    app = make_app(
        settings,
        services_factory,
        resume_session=resume_id,
        plan=plan,
        start_now=bool(topics or count or mode) and resume_id is None,
        notices=notices,
    )
    app.run()
    with contextlib.suppress(OSError):  # the terminal may have hung up: nobody to tell
        if app.grading_in_flight:
            click.echo("正在等最后一个回答评完并保存…", err=True)
        message = app.exit_message()
        if message:
            click.echo(message)


def _resumable(settings, wanted: int | str) -> int | None:  # noqa: ANN001 - Settings
    """The unfinished session to continue: `wanted`, or the last one for LAST (None, said in
    one line, when there is none). A finished or unknown id is a SessionError naming the ones
    that can be continued."""
    from interviewer.errors import SessionError
    from interviewer.storage.db import HistoryStore

    store = HistoryStore(settings.db_path)
    try:
        if wanted == LAST:
            record = store.unfinished_session()
        else:
            record = store.session(int(wanted))
            if record is None or record.finished:
                raise SessionError(_not_resumable(int(wanted), record, store.unfinished_sessions()))
        if record is not None:
            store.claim_session(record.id)  # SessionBusy (one line, exit 2) when it is running
    finally:
        store.close()  # the app claims it again for good; a race loses on its start screen
    if record is None:
        click.echo("nothing to resume: starting a new interview", err=True)
        return None
    return record.id


def _not_resumable(wanted: int, record, unfinished: list) -> str:  # noqa: ANN001 - records
    """Why session `wanted` cannot be continued, and what can be."""
    from interviewer.launcher import practice_command, resume_command

    why = f"interview #{wanted} is " + ("already finished" if record else "not in the history")
    if not unfinished:
        return f"{why}, and none is unfinished: {practice_command()} starts a new one"
    ids = ", ".join(f"#{s.id}" for s in unfinished)
    last = unfinished[0].id
    return f"{why}; unfinished: {ids} (to continue #{last}: {resume_command(last)})"


def _resolved_topics(settings, topics: tuple[str, ...]) -> tuple[str, ...]:  # noqa: ANN001
    """The bank's names for the topics asked for (`归一` -> 归一化, `大模型` -> 注意力/Transformer),
    or the selection's own one-line error for a topic the bank does not have (a cheap read of
    the index's question list; a missing index is the app's to explain)."""
    from interviewer.errors import IndexStateError
    from interviewer.index.store import read_questions
    from interviewer.interview.selection import resolve_topics

    try:
        _, bank = read_questions(settings.index_dir)
    except (IndexStateError, OSError, ValueError):
        return topics
    return resolve_topics(bank, topics)
