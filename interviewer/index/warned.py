"""Build warnings the user has already been shown, so `add` and `build` say a problem with a notes
file in full once, and again when that file changes, instead of after every build.

Every build that reads the notes repeats the same lines (an empty file, one with no questions, a
picture in the notes folder), and the one that matters, about the file just added, drowned among
them. What was shown is kept in the cache folder per corpus folder: the lines the last build
printed, each with the hash of the file it names ('' when it names none the index tracks). Only the
CLI writes it, after printing, so a line counts as seen only once it was shown; deleting the cache
means the next build says everything again.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

FILE = "build_warnings.json"
ENTRIES = 8
"""Corpus folders remembered (the user's, the shipped one, a few more)."""
NAMED = 4
"""Files named in the one-line reminder; the rest are counted."""

_SUBJECT = re.compile(r"^(?:skipped |no questions found in )(.+?)(?:: |$)")
"""The file a pipeline warning is about ('skipped a.md: empty file', 'no questions found in
b.txt'); a line of another form is its own subject."""


def subject(line: str) -> str:
    """The file or folder a warning names, or the whole line."""
    found = _SUBJECT.match(line)
    return found.group(1) if found else line


def split_seen(
    cache_dir: Path, corpus_dir: Path, warnings: list[str], files: dict[str, str]
) -> tuple[list[str], list[str]]:
    """(lines to show in full, lines shown before about a file that has not changed since).
    `files`: corpus-relative path -> sha256 of the notes the build read."""
    shown = _load(Path(cache_dir)).get(_key(corpus_dir), {})
    new, seen = [], []
    for line in warnings:
        if line in shown and shown[line] == files.get(subject(line), ""):
            seen.append(line)
        else:
            new.append(line)
    return new, seen


def remember(cache_dir: Path, corpus_dir: Path, warnings: list[str], files: dict[str, str]) -> None:
    """Record the lines this build showed (in full now or before) in place of the last build's:
    a problem that was fixed and comes back is new again. A cache: failures are ignored."""
    path = Path(cache_dir) / FILE
    memo = _load(Path(cache_dir))
    memo.pop(_key(corpus_dir), None)
    memo[_key(corpus_dir)] = {line: files.get(subject(line), "") for line in warnings}
    memo = dict(list(memo.items())[-ENTRIES:])
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(memo, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def reminder(seen: list[str]) -> str:
    """One line for the problems shown before, naming their files."""
    names = list(dict.fromkeys(subject(line) for line in seen))
    shown = ", ".join(names[:NAMED])
    if len(names) > NAMED:
        shown += f" and {len(names) - NAMED} more"
    problems = "1 problem" if len(seen) == 1 else f"{len(seen)} problems"
    remain = "remains" if len(seen) == 1 else "remain"
    return f"{problems} reported by an earlier build {remain}: {shown}"


def _key(corpus_dir: Path) -> str:
    return os.path.realpath(corpus_dir)


def _load(cache_dir: Path) -> dict[str, dict[str, str]]:
    try:
        memo = json.loads((cache_dir / FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return memo if isinstance(memo, dict) else {}
