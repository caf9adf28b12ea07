"""`interviewer search`: what the graders would retrieve for a query (one, or many from stdin)."""

from __future__ import annotations

import json
import sys

import click

from interviewer.cli.build import _location_options, _settings


@click.command()
@click.argument("query", required=False)
@click.option("--k", "k", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per query.")
@_location_options
@click.pass_context
def search(
    ctx: click.Context,
    query: str | None,
    k: int,
    as_json: bool,
    corpus_dir: str | None,
    index_dir: str | None,
) -> None:
    """Show the top passages for QUERY with scores and sources.

    Without QUERY, reads one query per line from stdin and prints one JSON object per line,
    loading the model once.
    """
    from interviewer.index.store import load_index
    from interviewer.services.models import on_demand_embedder, open_retriever

    settings = _settings(ctx, corpus_dir, index_dir)
    if query is not None and not query.strip():
        raise click.UsageError("QUERY is empty")
    stored = load_index(settings.index_dir)  # a broken index fails before the model's seconds
    # the model loads for the first query no earlier command embedded
    embedder = on_demand_embedder(settings)
    retriever = open_retriever(settings, embedder, stored=stored, keep_queries=True)
    if retriever.stale:
        click.echo(f"warning: {retriever.stale}: run `interviewer build`", err=True)
    if query is not None:
        hits = retriever.search(query, k)
        if as_json:
            click.echo(json.dumps(_result(query, hits, retriever), ensure_ascii=False))
        else:
            _print_hits(hits, retriever)
        return
    if sys.stdin.isatty():
        click.echo("reading queries from stdin, one per line (Ctrl-D to finish)", err=True)
    for line in sys.stdin:
        text = line.strip()
        if not text:
            continue
        hits = retriever.search(text, k)
        click.echo(json.dumps(_result(text, hits, retriever), ensure_ascii=False))
        sys.stdout.flush()


def _result(query: str, hits, retriever) -> dict:  # noqa: ANN001
    return {
        "query": query,
        "hits": [
            {
                "score": round(hit.score, 6),
                "chunk_id": hit.chunk.id,
                "kind": hit.chunk.kind,
                "question_id": hit.chunk.question_id,
                "question": _question_text(retriever, hit.chunk.question_id),
                "source": str(hit.chunk.source),
                "text": hit.chunk.text,
            }
            for hit in hits
        ],
    }


def _question_text(retriever, question_id: str | None) -> str | None:  # noqa: ANN001
    question = retriever.question(question_id) if question_id else None
    return question.text if question else None


def _print_hits(hits, retriever) -> None:  # noqa: ANN001
    if not hits:
        click.echo("no matches")
        return
    for rank, hit in enumerate(hits, 1):
        question = _question_text(retriever, hit.chunk.question_id)
        click.echo(f"{rank}. [{hit.score:.4f}] {hit.chunk.source} ({hit.chunk.kind})")
        if question and hit.chunk.kind == "answer":
            click.echo(f"   Q: {question}")
        click.echo("   " + hit.chunk.text.replace("\n", "\n   "))
