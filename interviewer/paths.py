"""The one place that knows where files live, so tests can redirect all state with one variable.

`INTERVIEWER_HOME` moves everything (database, config, model cache) under one folder; without it
the platform's user data, config and cache folders are used.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "interviewer"


def project_root() -> Path | None:
    """The source checkout this package runs from, if any (it ships `corpus/` and `index/`)."""
    root = Path(__file__).resolve().parent.parent
    return root if (root / "corpus").is_dir() else None


def data_home() -> Path:
    """Where the history database and the user's own state live."""
    home = os.environ.get("INTERVIEWER_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP))


def user_keys_dir() -> Path:
    """The answer keys the user edited (`interviewer keys edit`): they win over the shipped ones."""
    return data_home() / "keys"


def config_file() -> Path:
    """The optional TOML config file (`INTERVIEWER_CONFIG` overrides its path)."""
    explicit = os.environ.get("INTERVIEWER_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get("INTERVIEWER_HOME"):
        return data_home() / "config.toml"
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP)) / "config.toml"


def cache_home() -> Path:
    """Where derived, re-creatable files go (the converted embedding model)."""
    explicit = os.environ.get("INTERVIEWER_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get("INTERVIEWER_HOME"):
        return data_home() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP))


def default_corpus_dir() -> Path:
    """The checkout's `corpus/` when running from one, else the user's own corpus folder."""
    root = project_root()
    return root / "corpus" if root else data_home() / "corpus"


def default_index_dir() -> Path:
    """The checkout's `index/` when running from one, else beside the user's corpus."""
    root = project_root()
    return root / "index" if root else data_home() / "index"


def database_file() -> Path:
    """The SQLite history of every session, question, answer and verdict."""
    return data_home() / "history.sqlite3"
