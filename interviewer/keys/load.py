"""Reading answer-key files: every good file loads, every bad one is one line naming the file, the
line and the problem (a typo in one key must not take the bank's other keys down with it)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import tomllib
from pydantic import ValidationError

from interviewer.types.answer_key import AnswerKey

SUFFIX = ".toml"


@dataclass
class KeyBook(Mapping[str, AnswerKey]):
    """Keys by bank question id; a later folder's key for an id replaces an earlier one's (the
    user's edits win over the shipped keys)."""

    keys: dict[str, AnswerKey] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """One line per file that could not be loaded: 'path:line: problem'."""

    def __getitem__(self, question_id: str) -> AnswerKey:
        return self.keys[question_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    def distinct(self) -> list[AnswerKey]:
        """Each key once, however many ids share it."""
        seen: dict[int, AnswerKey] = {}
        for key in self.keys.values():
            seen.setdefault(id(key), key)
        return list(seen.values())


def load_keys(folders: Iterable[Path]) -> KeyBook:
    """All keys under `folders` (missing folders are fine: no keys there)."""
    book = KeyBook()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob(f"*{SUFFIX}")):
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            key, problem = read_key(path)
            if key is None:
                book.problems.append(problem or f"{path}: unreadable")
                continue
            for question_id in key.ids:
                book.keys[question_id] = key
    return book


def read_key(path: Path) -> tuple[AnswerKey | None, str | None]:
    """The key in `path`, or None and one line saying where and why it is broken."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{path}: cannot read ({type(exc).__name__})"
    return parse_key(text, str(path))


def parse_key(text: str, where: str) -> tuple[AnswerKey | None, str | None]:
    """Parse and validate one key file's text; `where` names it in problems."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return None, f"{where}:{line.group(1) if line else 1}: {reason}"
    try:
        key = AnswerKey.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        what = ".".join(str(p) for p in loc) or "key"
        message = str(first["msg"]).removeprefix("Value error, ")
        return None, f"{where}:{_line_of(text, loc)}: {what}: {message}"
    return key.model_copy(update={"source": where}), None


def _line_of(text: str, loc: tuple) -> int:
    """Best-effort line of a validation error: the nth [[points]] / misconception table, then the
    field inside it. Good enough to send an editor to the right place."""
    lines = text.splitlines()
    start = 0
    tables = [("points", "[[points]]"), ("misconceptions", "[[points.misconceptions]]")]
    for table, header in tables:
        if table in loc:
            pos = loc.index(table)
            if pos + 1 < len(loc) and isinstance(loc[pos + 1], int):
                count = -1
                for i in range(start, len(lines)):
                    if lines[i].strip() == header:
                        count += 1
                        if count == loc[pos + 1]:
                            start = i
                            break
    names = [p for p in loc if isinstance(p, str) and p not in ("points", "misconceptions")]
    if names:
        for i in range(start, len(lines)):
            if re.match(rf"\s*{re.escape(names[-1])}\s*=", lines[i]):
                return i + 1
    return start + 1
