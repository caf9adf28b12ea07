"""One typed settings object, read from (highest first) CLI overrides, environment, config file.

Environment variables use the `INTERVIEWER_` prefix (e.g. `INTERVIEWER_LLM_MODEL`, any case); the
LLM key and base URL also fall back to the standard `OPENAI_API_KEY` / `OPENAI_BASE_URL`. The
config file is TOML with the same field names (`llm_model = "qwen2.5:7b"`), at
`paths.config_file()`.

Read here with plain pydantic rather than pydantic-settings: every command builds settings, and
importing pydantic-settings took longer than the rest of `interviewer history` together
(BENCHMARKS.md, "Speed and memory").
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from interviewer import paths
from interviewer.errors import ConfigError

ENV_PREFIX = "INTERVIEWER_"
ENV_FALLBACKS = {"llm_base_url": ("OPENAI_BASE_URL",), "llm_api_key": ("OPENAI_API_KEY",)}
"""Standard variables read when the `INTERVIEWER_` one is not set."""


class Settings(BaseModel):
    """Everything configurable; built once by the CLI and handed down, never read globally.

    `Settings(**given)` fills what is not given from the environment, then the config file."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    corpus_dir: Path = Field(default_factory=paths.default_corpus_dir)
    """Folder of source notes that `build` reads."""
    index_dir: Path = Field(default_factory=paths.default_index_dir)
    """Folder holding the FAISS index, its chunk sidecar and manifest."""
    db_path: Path = Field(default_factory=paths.database_file)
    """SQLite history database."""
    cache_dir: Path = Field(default_factory=paths.cache_home)
    """Where the converted default embedding model is kept."""
    embed_model: str = "multilingual-e5-small"
    """Embedding model: the builtin name, a local sentence-transformers folder, or a hub id."""

    llm_base_url: str | None = None
    """OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 for Ollama."""
    llm_model: str | None = None
    """Model name for the LLM grader; unset means offline similarity grading."""
    llm_api_key: SecretStr | None = None
    """API key; never printed, logged or stored in history."""
    llm_timeout: float = 60.0
    """Seconds per LLM request, first byte to last, before it counts as a timeout."""
    llm_grade_timeout: float = 120.0
    """Seconds a whole LLM grade may take (every request and retry in it) before the answer is
    graded by similarity instead."""
    llm_max_retries: int = 2
    """Retries (with backoff) on timeouts, 429 and 5xx before falling back to similarity."""

    offline: bool = False
    """Force the similarity grader even when an LLM is configured."""
    judge: bool = False
    """Opt-in: add the learned answer judge to offline grading. Off by default: it helps on
    answers like its training sets' but misjudged hand-written ML answers (BENCHMARKS.md)."""

    @property
    def key_dirs(self) -> list[Path]:
        """Where answer keys are read from, later folders winning: beside the notes, then the
        user's own edits."""
        dirs = [self.corpus_dir, paths.user_keys_dir()]
        shipped = paths.shipped_corpus_dir()
        if shipped is not None and self.corpus_dir == paths.user_corpus_dir():
            # the user's corpus links the shipped notes folder by folder, and the key loader's
            # rglob does not follow links: read the shipped keys where they are
            dirs.insert(0, shipped)
        return dirs

    @property
    def llm_enabled(self) -> bool:
        """An LLM grader is used only when a model is named and offline mode is off."""
        return bool(self.llm_model) and not self.offline

    def __init__(self, **given: Any) -> None:
        super().__init__(**{**_file_values(), **_env_values(), **given})


def _env_values() -> dict[str, str]:
    """Fields set in the environment (names in any case, as pydantic-settings read them)."""
    env = {name.upper(): value for name, value in os.environ.items()}
    found: dict[str, str] = {}
    for name in Settings.model_fields:
        for variable in (ENV_PREFIX + name.upper(), *ENV_FALLBACKS.get(name, ())):
            if variable in env:
                found[name] = env[variable]
                break
    return found


def _file_values() -> dict[str, Any]:
    """Fields set in the TOML config file, if there is one (OSError / ValueError when it is
    unreadable or malformed)."""
    path = paths.config_file()
    if not path.is_file():
        return {}
    return {key.lower(): value for key, value in _read(path).items()}


def _read(path: Path) -> dict[str, Any]:
    import tomllib

    with open(path, "rb") as fh:
        return tomllib.load(fh)


def config_warnings() -> list[str]:
    """What the config file asks for that no setting will do, one line each (the CLI prints
    them as warnings): a file `INTERVIEWER_CONFIG` names that is not there, and keys that name
    no setting. Settings ignore both, so a typo (`llm_modle`) would leave the user offline
    believing an LLM was configured. A file that cannot be read is `load_settings`' error."""
    path = paths.config_file()
    if not path.is_file():
        if os.environ.get("INTERVIEWER_CONFIG"):
            why = "is not a file" if path.exists() else "does not exist"
            return [f"INTERVIEWER_CONFIG names {path}, which {why}: no config file was read"]
        return []
    try:
        keys = list(_read(path))
    except (OSError, ValueError):
        return []
    fields = list(Settings.model_fields)
    found = []
    for key in keys:
        if key.lower() in fields:
            continue
        import difflib

        close = difflib.get_close_matches(key.lower(), fields, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        found.append(f"{path}: unknown setting '{key}' ignored{hint}")
    return found


def load_settings(**overrides: Any) -> Settings:
    """Build settings; `None` overrides are ignored so CLI options only apply when given."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "settings"
        raise ConfigError(f"invalid setting {where}: {first.get('msg')}") from None
    except (OSError, ValueError) as exc:  # unreadable or malformed TOML
        raise ConfigError(f"cannot read config file {paths.config_file()}: {exc}") from None
