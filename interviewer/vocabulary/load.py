"""The one reader of the vocabulary's data files (`data/*.toml`): each is parsed once, and every
value is checked as it is read, so a malformed file fails with one line naming the file, the entry
and the key, not with a KeyError deep in grading."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomllib

from interviewer.errors import VocabularyError

DATA_DIR = Path(__file__).with_name("data")


def data_path(name: str) -> Path:
    """Where the data file `name` (without .toml) lives."""
    return DATA_DIR / f"{name}.toml"


@functools.cache
def read(name: str) -> Table:
    """The top table of data file `name`, parsed once per process."""
    path = data_path(name)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise VocabularyError(
            f"vocabulary file {path} cannot be read ({exc.strerror or exc}): reinstall interviewer"
        ) from None
    except UnicodeDecodeError:
        raise VocabularyError(f"{path}: not UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(f"{path}: {exc}") from None
    return Table(data, path.name)


class Table:
    """One TOML table of a data file. Its getters return typed values and raise VocabularyError
    naming the place (`concepts.toml: concept 3 ("bn"): spellings: ...`) when a value has the
    wrong shape."""

    def __init__(self, data: Mapping[str, Any], where: str):
        self._data = data
        self.where = where

    def fail(self, problem: str) -> VocabularyError:
        return VocabularyError(f"{self.where}: {problem}")

    def only(self, *keys: str) -> Table:
        """Refuse keys this table may not have: a misspelt key must not be silently ignored."""
        unknown = sorted(set(self._data) - set(keys))
        if unknown:
            raise self.fail(f"unknown key {unknown[0]!r} (expected one of: {', '.join(keys)})")
        return self

    def _get(self, key: str, default: Any) -> Any:
        if key in self._data:
            return self._data[key]
        if default is _REQUIRED:
            raise self.fail(f"missing key {key!r}")
        return default

    def text(self, key: str, default: Any = None) -> str:
        """A non-empty string (required unless a default is given)."""
        value = self._get(key, _REQUIRED if default is None else default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key}: expected a non-empty string, got {value!r}")
        return value

    def texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        """A list of non-empty strings."""
        value = self._get(key, _REQUIRED if required else [])
        if not isinstance(value, list):
            raise self.fail(f"{key}: expected a list of strings, got {value!r}")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{key}: expected non-empty strings, got {item!r}")
        return tuple(value)

    def pairs(self, key: str) -> tuple[tuple[str, str], ...]:
        """A list of two-string lists: ["increase", "decrease"]."""
        value = self._get(key, _REQUIRED)
        if not isinstance(value, list):
            raise self.fail(f"{key}: expected a list of pairs, got {value!r}")
        for item in value:
            if not (
                isinstance(item, list)
                and len(item) == 2
                and all(isinstance(s, str) and s.strip() for s in item)
            ):
                raise self.fail(f"{key}: expected a pair of non-empty strings, got {item!r}")
        return tuple((a, b) for a, b in value)

    def mapping(self, key: str) -> dict[str, str]:
        """A table of names and non-empty strings: [symbols] alpha = "α"."""
        table = self.table(key)
        return {name: table.text(name) for name in table._data}

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{key}: expected true or false, got {value!r}")
        return value

    def choice(self, key: str, options: tuple[str, ...]) -> str:
        """One of `options`; the first is the default."""
        value = self._get(key, options[0])
        if value not in options:
            expected = ", ".join(map(repr, options))
            raise self.fail(f"{key}: expected one of {expected}, got {value!r}")
        return value

    def pattern(self, key: str) -> re.Pattern[str]:
        """A regular expression, compiled (an invalid one is named here, not at first use)."""
        source = self.text(key)
        try:
            return re.compile(source)
        except re.error as exc:
            raise self.fail(f"{key}: invalid regular expression ({exc})") from None

    def words(self, key: str) -> Words:
        """A table of `chinese` and `english` word lists."""
        table = self.table(key).only("chinese", "english")
        return Words(table.texts("chinese"), table.texts("english"))

    def table(self, key: str) -> Table:
        value = self._get(key, _REQUIRED)
        if not isinstance(value, dict):
            raise self.fail(f"{key}: expected a table [{key}], got {value!r}")
        return Table(value, f"{self.where}: [{key}]")

    def tables(self, key: str, label: str = "name") -> tuple[Table, ...]:
        """An array of tables ([[key]]); each names itself by its number and its `label` key."""
        value = self._get(key, _REQUIRED)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"{key}: expected tables [[{key}]]")
        named = [f" ({item[label]!r})" if label in item else "" for item in value]
        return tuple(
            Table(item, f"{self.where}: {key} {i}{name}")
            for i, (item, name) in enumerate(zip(value, named, strict=True), 1)
        )


_REQUIRED = object()


@dataclass(frozen=True)
class Words:
    """Chinese words, matched as substrings, and English ones, matched as whole words."""

    chinese: tuple[str, ...]
    english: tuple[str, ...]

    def pattern(self, spaces: str = r"\s+") -> str:
        """One alternation: the Chinese words in order, then the English ones as whole words
        (`spaces`: what a space inside an English phrase matches)."""
        english = any_of(self.english, whole_words=True, spaces=spaces)
        return f"{any_of(self.chinese)}|{english}" if self.chinese else english


def any_of(words: Iterable[str], *, whole_words: bool = False, spaces: str = " ") -> str:
    """A regular-expression alternation of `words`, in the order given (a regex tries them in
    order: a longer word goes before its prefix). `whole_words`: bounded by \\b on both sides;
    `spaces`: what a space inside a phrase matches (r"\\s+": any run of whitespace)."""
    escaped = [re.escape(w).replace(r"\ ", spaces) for w in words]
    alternation = "|".join(escaped)
    return rf"\b(?:{alternation})\b" if whole_words else alternation


def longest_first(words: Iterable[str]) -> list[str]:
    """`words` longest first, in the order given among equally long ones."""
    return sorted(words, key=len, reverse=True)
