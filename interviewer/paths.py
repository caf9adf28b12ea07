"""The one place that knows where files live, so tests can redirect all state with one variable.

`INTERVIEWER_HOME` moves everything (database, config, model cache, the user's notes and index)
under one folder; without it the platform's user data, config and cache folders are used. The
checkout's `corpus/` and `index/` are tracked by git: the app reads them but never writes there, so
a clone used every day stays clean and `git pull` never conflicts with the user's data.
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


USER_NOTES = "user"
"""The folder of the user's corpus that holds their own notes (`interviewer add` copies there)."""


def shipped_corpus_dir() -> Path | None:
    """The checkout's `corpus/`: read-only notes that ship with the code (None when installed)."""
    root = project_root()
    return root / "corpus" if root else None


def shipped_index_dir() -> Path | None:
    """The checkout's tracked `index/` of the shipped notes: read-only at run time."""
    root = project_root()
    return root / "index" if root else None


def user_corpus_dir() -> Path:
    """The user's corpus: their notes in `user/` beside links to the shipped notes' files, so
    one build reads both (see `interviewer.index.user_corpus`)."""
    return data_home() / "corpus"


def user_index_dir() -> Path:
    """The index of the user's corpus (shipped + own notes), in the data directory."""
    return data_home() / "index"


def has_user_notes() -> bool:
    """Whether the user has added notes of their own (then their corpus and index are used)."""
    notes = user_corpus_dir() / USER_NOTES
    try:
        return any(not p.name.startswith(".") for p in notes.rglob("*") if p.is_file())
    except OSError:
        return False


def uses_user_corpus() -> bool:
    """The user's corpus and index, not the checkout's: when they added notes (the checkout's
    `corpus/` and `index/` are tracked by git and never written), or when there is no checkout."""
    return project_root() is None or has_user_notes()


def default_corpus_dir() -> Path:
    """The user's corpus once they added notes (or without a checkout), else the shipped one."""
    shipped = shipped_corpus_dir()
    return user_corpus_dir() if shipped is None or uses_user_corpus() else shipped


def default_index_dir() -> Path:
    """The user's index once they added notes (or without a checkout), else the shipped one."""
    shipped = shipped_index_dir()
    return user_index_dir() if shipped is None or uses_user_corpus() else shipped


def database_file() -> Path:
    """The SQLite history of every session, question, answer and verdict."""
    return data_home() / "history.sqlite3"
