"""What every command shares: building the settings from global options and overrides."""

from __future__ import annotations

from typing import Any

import click


def settings_from(ctx: click.Context, **overrides: Any):
    """Settings from config file + env, overridden by global CLI options and `overrides`; what
    the config file asks for that no setting does is one `warning:` line each on stderr."""
    from interviewer.config import config_warnings, load_settings

    root = ctx.find_root()
    given = dict(root.obj or {})
    given.update(overrides)
    settings = load_settings(**given)
    for line in config_warnings():
        click.echo(f"warning: {line}", err=True)
    return settings


def adopt_checkout_notes() -> bool:
    """Move notes an earlier version left in the checkout's `corpus/user/` to the user's notes
    folder, saying so in one line on stderr; True when the user's notes changed (their index
    needs a build). Costs one `is_dir` when there is nothing to move."""
    from interviewer import paths

    shipped = paths.shipped_corpus_dir()
    if shipped is None or not (shipped / paths.USER_NOTES).is_dir():
        return False
    from interviewer.index.checkout_notes import adopt_checkout_notes as adopt

    report = adopt(shipped, paths.user_corpus_dir())
    if report is None:
        return False
    click.echo(report.summary(), err=True)
    return bool(report.moved or report.already)
