"""`interviewer history` and `interviewer report`: look back over weeks of practice."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from interviewer.cli.common import settings_from

NO_HISTORY = "no practice history yet ({db}) — run `interviewer` to start an interview"


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per session, per line.")
@click.option(
    "--export",
    "export_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every answered turn (question, answer, verdict, insights) to FILE.jsonl.",
)
@click.pass_context
def history(ctx: click.Context, as_json: bool, export_path: Path | None) -> None:
    """Past sessions: date, main questions answered, mean score and grader.

    With --export, the whole history instead, one answered turn per line (no settings, no keys).
    """
    settings = settings_from(ctx)
    store = _open_store(settings)
    if store is None:
        click.echo(NO_HISTORY.format(db=settings.db_path), err=as_json or export_path is not None)
        return
    with store:
        if export_path is not None:
            from interviewer.progress.export import export_history

            count = export_history(store, export_path)
            click.echo(f"exported {count} answered turns to {export_path}")
            return
        sessions = [s for s in store.sessions() if s.n_answered]
        unfinished = store.unfinished_sessions()
    if not sessions:
        click.echo(NO_HISTORY.format(db=settings.db_path), err=as_json)
        if not as_json:
            _say_unfinished(unfinished)
        return
    if as_json:
        for s in sessions:
            click.echo(json.dumps(session_to_dict(s), ensure_ascii=False))
        return
    click.echo(f"{'#':>4}  {'date':16}  {'answered':>8}  {'mean':>5}  grader")
    for s in sessions:
        mean = f"{s.mean_score:5.1f}" if s.mean_score is not None else "    —"
        state = "" if s.finished_at else "  (unfinished)"
        when = s.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        grader = _shown_grader(s.grader)
        click.echo(f"{s.id:>4}  {when:16}  {s.n_main:>8}  {mean}  {grader}{state}")
    # a count and an average say what they count: the session summary's main questions
    click.echo(
        "answered, mean: main questions (first answers); follow-ups, re-asks and skips"
        " are not counted"
    )
    _say_unfinished(unfinished)


@click.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Markdown file to write (default: interviewer-report-YYYY-MM-DD.md here).",
)
@click.pass_context
def report(ctx: click.Context, out: Path | None) -> None:
    """Write a Markdown progress report to share with a mentor.

    Sessions, the score trend (also as an SVG image beside the report), mastery per topic, the
    weakest questions with your last answer, what you got wrong and missed, the model answer and
    when each is due, and how the answers were delivered.
    """
    settings = settings_from(ctx)
    store = _open_store(settings)
    if store is None:
        click.echo(NO_HISTORY.format(db=settings.db_path))
        return
    from interviewer.progress.export import atomic_write_text
    from interviewer.progress.overview import load_overview
    from interviewer.progress.report import render_report, trend_chart

    with store:
        overview = load_overview(store)
    if overview.empty:
        click.echo(NO_HISTORY.format(db=settings.db_path))
        return
    path = out or Path.cwd() / f"interviewer-report-{date.today():%Y-%m-%d}.md"
    chart = None
    if overview.days:  # the trend as an image beside the report, linked from it
        chart = path.with_name(f"{path.stem}-trend.svg")
        atomic_write_text(chart, trend_chart(overview))
    atomic_write_text(path, render_report(overview, chart=chart.name if chart else None))
    click.echo(
        f"wrote {path}: {overview.answered} questions answered, "
        f"{len(overview.topics)} topics, {overview.due_today} due for review today"
    )


def session_to_dict(s: Any) -> dict[str, Any]:
    """A session line for --json: what was practised and how it went (no settings).
    `answered` counts what the table's column does (main questions, first answers: what
    `mean_score` averages); `answers` every answer, follow-ups and re-asks included."""
    return {
        "id": s.id,
        "started_at": s.started_at.isoformat(),
        "finished_at": s.finished_at.isoformat() if s.finished_at else None,
        "answered": s.n_main,
        "answers": s.n_answered,
        "mean_score": None if s.mean_score is None else round(s.mean_score, 2),
        "grader": s.grader,
        "mode": s.plan.mode,
        "topics": list(s.plan.topics),
    }


def _open_store(settings: Any) -> Any | None:
    """The history store, or None when nothing was ever practised (reading creates no file).

    The question bank is read from the index (no model, no FAISS) so that history of questions
    gone from the corpus is flagged "(removed from corpus)"; without a readable index the flags
    stay as they were.
    """
    if not Path(settings.db_path).is_file():
        return None
    from interviewer.storage.db import HistoryStore

    store = HistoryStore(settings.db_path)
    try:
        from interviewer.errors import InterviewerError
        from interviewer.index.store import read_questions

        _, questions = read_questions(settings.index_dir)
    except (ImportError, InterviewerError, OSError):
        return store
    if questions:
        store.mark_removed_questions(q.id for q in questions)
    return store


def _say_unfinished(unfinished: list[Any]) -> None:
    """One line per unfinished session, newest first, with the command that continues it:
    `practice --resume` alone continues only the newest (one left with nothing answered,
    not in the table, too)."""
    from interviewer.launcher import resume_command

    for s in unfinished:
        click.echo(f"unfinished #{s.id} ({s.n_main} answered): {resume_command(s.id)}")


def _shown_grader(name: str) -> str:
    """The grader as the app names it (offline, LLM <model>); imported here, not at the top,
    so `--help` stays instant."""
    from interviewer.wording import grader_name

    return grader_name(name, zh=False)
