"""The `interviewer` command. Subcommands load lazily so `interviewer --help` stays instant."""

from __future__ import annotations

import importlib
import sys

import click

from interviewer.errors import InterviewerError

# name -> "module:attribute"; each module imports only click (and light stdlib) at top level.
COMMANDS: dict[str, str] = {
    "practice": "interviewer.cli.practice:practice",
    "build": "interviewer.cli.build:build",
    "add": "interviewer.cli.build:add",
    "questions": "interviewer.cli.questions:questions",
    "search": "interviewer.cli.search:search",
    "keys": "interviewer.cli.keys:keys",
    "grade": "interviewer.cli.grade:grade",
    "eval": "interviewer.cli.grade:eval_",
    "history": "interviewer.cli.history:history",
    "report": "interviewer.cli.history:report",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use, not at start-up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._load(name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # command not written yet: hide it rather than crash
                return None
            raise
        return getattr(module, attr)


def _folder(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A folder option that must not name an existing file. Checked here rather than by
    click.Path(file_okay=False), whose usage error is three lines; ours is the one `error:`."""
    from pathlib import Path

    if value is not None and Path(value).exists() and not Path(value).is_dir():
        from interviewer.errors import ConfigError

        raise ConfigError(f"{param.opts[0]} {value} is a file, not a folder")
    return value


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.option("--corpus", "corpus_dir", callback=_folder, help="Notes folder.")
@click.option("--index", "index_dir", callback=_folder, help="Index folder.")
@click.option("--embed-model", help="Embedding model: builtin name, local folder or hub id.")
@click.version_option(package_name="interviewer")
@click.pass_context
def cli(ctx: click.Context, corpus_dir: str | None, index_dir: str | None, embed_model: str | None):
    """A mock deep-learning interviewer. With no command, starts a practice interview."""
    ctx.ensure_object(dict)
    ctx.obj.update(corpus_dir=corpus_dir, index_dir=index_dir, embed_model=embed_model)
    if ctx.invoked_subcommand is None:
        practice = LazyGroup._load("practice")
        if practice is None:
            click.echo(ctx.get_help())
            return
        ctx.invoke(practice)


def main() -> None:
    """Console-script entry: user errors become one line on stderr, never a traceback."""
    try:
        cli.main(standalone_mode=False, prog_name="interviewer")
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:  # one line, like every other user error, not click's three
        where = exc.ctx.command_path if exc.ctx is not None else "interviewer"
        click.echo(f"error: {exc.format_message()} (see `{where} --help`)", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:  # a file click could not open, an editor that failed
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(2)
    except click.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except InterviewerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
