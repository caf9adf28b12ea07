"""What every command shares: building the settings from global options and overrides."""

from __future__ import annotations

from typing import Any

import click


def settings_from(ctx: click.Context, **overrides: Any):
    """Settings from config file + env, overridden by global CLI options and `overrides`."""
    from interviewer.config import load_settings

    root = ctx.find_root()
    given = dict(root.obj or {})
    given.update(overrides)
    return load_settings(**given)
