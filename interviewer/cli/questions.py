"""`interviewer questions`: list the question bank, straight from the index (no model needed)."""

from __future__ import annotations

import json

import click

from interviewer.cli.build import _location_options, _settings


@click.command()
@click.option("--topic", help="Only this topic's questions: its name, part of it, or a topic word.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@_location_options
@click.pass_context
def questions(
    ctx: click.Context,
    topic: str | None,
    as_json: bool,
    corpus_dir: str | None,
    index_dir: str | None,
) -> None:
    """List bank questions: id, question, topic, whether it has a reference answer, sources."""
    from interviewer.errors import CorpusError
    from interviewer.index.fingerprint import corpus_hashes, parser_fingerprint
    from interviewer.index.store import read_questions, stale_reason
    from interviewer.interview.selection import filter_topics

    settings = _settings(ctx, corpus_dir, index_dir)
    manifest, bank = read_questions(settings.index_dir)
    try:
        current = corpus_hashes(settings.corpus_dir)
        reason = stale_reason(manifest, current, parser_fingerprint())
    except CorpusError:
        reason = None
    if reason:
        click.echo(f"warning: {reason}: run `interviewer build`", err=True)
    if topic is not None:  # as practice --topic reads it: a name, part of one, or a topic word
        bank = filter_topics(bank, [topic])
    if as_json:
        for q in bank:
            row = {
                "id": q.id,
                "question": q.text,
                "topic": q.topic,
                "has_answer": q.has_answer,
                "sources": [str(s) for s in q.sources],
            }
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    _print_table(bank)


def _print_table(bank) -> None:  # noqa: ANN001 - list[Question]
    """A table folded to the terminal's width; piped (into grep, less, a file), one row per line
    in plain aligned columns, written without rich's layout engine (a third of the command)."""
    import sys

    columns = ("id", "question", "topic", "answer", "sources")
    rows = [
        (q.id, q.text, q.topic, "yes" if q.has_answer else "-", ", ".join(map(str, q.sources)))
        for q in bank
    ]
    if not sys.stdout.isatty():
        _print_plain([columns, *rows])
        click.echo(f"{len(bank)} questions")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console(soft_wrap=False).print(table)
    click.echo(f"{len(bank)} questions")


def _print_plain(rows: list[tuple[str, ...]]) -> None:
    """Columns padded to their widest cell (wide CJK characters count two), two spaces apart."""
    from rich.cells import cell_len

    flat = [tuple(" ".join(cell.split()) for cell in row) for row in rows]
    widths = [max(cell_len(row[i]) for row in flat) for i in range(len(flat[0]))]
    for row in flat:
        cells = [cell + " " * (w - cell_len(cell)) for cell, w in zip(row, widths, strict=True)]
        click.echo("  ".join(cells).rstrip())
