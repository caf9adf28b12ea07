"""`interviewer build` and `interviewer add`: keep the index in step with the notes."""

from __future__ import annotations

from pathlib import Path

import click

from interviewer.cli.common import adopt_checkout_notes, settings_from


def _location_options(command):  # noqa: ANN001, ANN202 - a click decorator
    """`--corpus`/`--index` on the subcommand too, so `interviewer build --index X` works."""
    command = click.option(
        "--index", "index_dir", type=click.Path(file_okay=False), help="Index folder."
    )(command)
    return click.option(
        "--corpus", "corpus_dir", type=click.Path(file_okay=False), help="Notes folder."
    )(command)


def _settings(ctx: click.Context, corpus_dir: str | None, index_dir: str | None):  # noqa: ANN202
    """Settings with this command's locations; a chosen corpus without a chosen index gets that
    corpus's own index (`build --corpus corpus` rebuilds the shipped index even when the user has
    notes of their own, instead of overwriting the user's index with the shipped notes alone)."""
    from interviewer import paths as locations

    overrides = {"corpus_dir": corpus_dir, "index_dir": index_dir}
    settings = settings_from(ctx, **{k: v for k, v in overrides.items() if v is not None})
    if _explicit(ctx, "corpus_dir", corpus_dir) and not _explicit(ctx, "index_dir", index_dir):
        pairs = [(locations.user_corpus_dir(), locations.user_index_dir())]
        pairs.append((locations.shipped_corpus_dir(), locations.shipped_index_dir()))
        for corpus, index in pairs:
            if corpus is not None and index is not None and _same(settings.corpus_dir, corpus):
                return settings.model_copy(update={"index_dir": index})
    return settings


@click.command()
@_location_options
@click.option("--force", is_flag=True, help="Re-chunk and re-embed everything.")
@click.pass_context
def build(ctx: click.Context, corpus_dir: str | None, index_dir: str | None, force: bool) -> None:
    """Build or refresh the search index from the corpus notes.

    Only text that changed since the last build is embedded; with no change at all this returns
    at once without loading the model.
    """
    adopt_checkout_notes()  # before the settings: moved notes make the user's corpus the default
    settings = _settings(ctx, corpus_dir, index_dir)
    run_build(settings, force=force)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_location_options
@click.option("--force", is_flag=True, help="Overwrite notes of the same name in the corpus.")
@click.pass_context
def add(
    ctx: click.Context,
    paths: tuple[Path, ...],
    corpus_dir: str | None,
    index_dir: str | None,
    force: bool,
) -> None:
    """Copy your own notes (files or folders) into your corpus and update your index.

    Files land in `user/` of your corpus in the data directory (INTERVIEWER_HOME), keeping
    folder structure, never in the checkout; .txt, .md, .markdown and .html (.htm) are read. Your
    index there combines the shipped notes with yours.
    """
    from interviewer import paths as locations
    from interviewer.index.user_notes import add_notes

    adopt_checkout_notes()
    settings = _settings(ctx, corpus_dir, index_dir)
    if not _explicit(ctx, "corpus_dir", corpus_dir):
        # the default corpus may be the shipped one (no notes of their own yet): never write there
        update = {"corpus_dir": locations.user_corpus_dir()}
        if not _explicit(ctx, "index_dir", index_dir):
            update["index_dir"] = locations.user_index_dir()
        settings = settings.model_copy(update=update)
    report = add_notes(list(paths), settings.corpus_dir, force=force)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for rel in report.copied:
        click.echo(f"added {rel}")
    for rel in report.unchanged:
        click.echo(f"unchanged {rel}")
    run_build(settings)


def _explicit(ctx: click.Context, name: str, value: str | None) -> bool:
    """Whether the user chose this location (option here or global, or the environment)."""
    import os

    given = value is not None or (ctx.find_root().obj or {}).get(name) is not None
    return given or bool(os.environ.get(f"INTERVIEWER_{name.upper()}"))


def run_build(settings, force: bool = False) -> None:  # noqa: ANN001 - Settings, imported lazily
    """Build with a progress bar on stderr and a one-line summary on stdout.

    The user's corpus (their notes beside the shipped ones) is linked to the shipped notes first
    and reuses the shipped index's vectors, so only their own notes are embedded.
    """
    from interviewer import paths
    from interviewer.index.build import build_index
    from interviewer.services.models import load_embedder

    reuse_from = []
    shipped_corpus, shipped_index = paths.shipped_corpus_dir(), paths.shipped_index_dir()
    if shipped_corpus is not None and _same(settings.corpus_dir, paths.user_corpus_dir()):
        from interviewer.index.user_corpus import link_shipped

        link_shipped(settings.corpus_dir, shipped_corpus)
        if shipped_index is not None and not _same(settings.index_dir, shipped_index):
            reuse_from.append(shipped_index)
    with _RichProgress() as progress:
        report = build_index(
            settings.corpus_dir,
            settings.index_dir,
            settings.embed_model,
            lambda: load_embedder(settings),
            progress=progress,
            force=force,
            reuse_from=reuse_from,
        )
    _warn(settings, report, force)
    if report.up_to_date:
        click.echo(
            f"index at {report.index_dir} is up to date: {report.questions} questions, "
            f"{report.chunks} chunks ({report.index_type})"
        )
        return
    if force:  # every vector was made again, none reused: "new chunks" would be wrong
        embedded = f"re-embedded all {report.chunks} chunks"
    else:
        embedded = f"embedded {report.embedded} new chunks, reused {report.reused}"
    click.echo(
        f"built index at {report.index_dir}: {report.questions} questions, {report.chunks} chunks "
        f"({report.index_type}); {embedded}"
    )


def _warn(settings, report, force: bool) -> None:  # noqa: ANN001 - imported lazily
    """The build's warnings: in full when new or about a changed file (all of them after
    `--force`), the rest, shown by an earlier build, as one line naming their files."""
    from interviewer.index import warned

    if report.up_to_date:  # the notes were not read again: nothing to say, nothing seen
        return
    if force:
        new, seen = list(report.warnings), []
    else:
        new, seen = warned.split_seen(
            settings.cache_dir, settings.corpus_dir, report.warnings, report.files
        )
    for line in new:
        click.echo(f"warning: {line}", err=True)
    if seen:
        click.echo(f"warning: {warned.reminder(seen)}", err=True)
    warned.remember(settings.cache_dir, settings.corpus_dir, report.warnings, report.files)


def _same(a: Path, b: Path) -> bool:
    return Path(a).expanduser().resolve() == Path(b).expanduser().resolve()


class _RichProgress:
    """BuildProgress drawn by rich on stderr, only on a terminal and only once work starts."""

    def __enter__(self) -> _RichProgress:
        from rich.console import Console

        self._console = Console(stderr=True)
        self._progress = None
        self._task = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def stage(self, description: str, total: int) -> None:
        if not self._console.is_terminal:
            return
        if self._progress is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=self._console,
                transient=True,
            )
            self._progress.start()
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[-1].total)
        self._task = self._progress.add_task(description, total=max(total, 1))

    def advance(self, amount: int) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, amount)
