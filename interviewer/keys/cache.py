"""Parsed answer keys remembered between commands: reading and validating the bank's ~140 TOML
files took most of `interviewer keys` and a second of every `grade` and launch (BENCHMARKS.md,
"Speed and memory"); a command that finds the key files as the previous one left them loads the
parsed book instead.

A cache, never a source of truth: stamped with every key file's path, size, times and inode and
with the source of the code that parses and types them, so any edit — to a key or to the parser —
means parsing again. The file lives in the user's cache folder and is written only by this module
(it is a pickle: never point the cache folder at files someone else wrote).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

from interviewer.keys import load as key_load
from interviewer.keys.load import SUFFIX, KeyBook, load_keys

log = logging.getLogger(__name__)

FOLDER = "keys"
KEEP = 8
"""Cached books kept (one per set of key folders: the shipped bank, the user's, a test's...)."""


def load_keys_cached(folders: Iterable[Path], cache_dir: Path) -> KeyBook:
    """`load_keys(folders)`, from the cache when no key file changed since it was written."""
    folders = [Path(f) for f in folders]
    stamp = _stamp(folders)
    path = Path(cache_dir) / FOLDER / f"{_name(folders)}.pickle"
    try:
        with open(path, "rb") as fh:
            cached_stamp, book = pickle.load(fh)
        if cached_stamp == stamp and isinstance(book, KeyBook):
            return book
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a damaged or outdated cache is only a miss
        log.debug("answer-key cache %s unusable: %s", path, exc)
    book = load_keys(folders)
    _save(path, stamp, book)
    return book


def _stamp(folders: list[Path]) -> str:
    """Changes whenever a key file, the folders' listing or the parsing code changes."""
    from interviewer.types import answer_key

    digest = hashlib.sha256()
    for module in (key_load, answer_key):
        digest.update(Path(module.__file__).read_bytes())
    for folder in folders:
        digest.update(b"\0folder\0" + os.fsencode(str(folder)))
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob(f"*{SUFFIX}")):
            digest.update(b"\0" + os.fsencode(str(file)))
            try:
                st = file.stat()
            except OSError:
                digest.update(b"\0unreadable")
                continue
            digest.update(repr((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)).encode())
    return digest.hexdigest()


def _name(folders: list[Path]) -> str:
    joined = "\0".join(os.fsdecode(os.path.realpath(f)) for f in folders)
    return hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()[:24]


def _save(path: Path, stamp: str, book: KeyBook) -> None:
    """Write the book (atomically) and keep only the newest few; failures are ignored."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            pickle.dump((stamp, book), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        others = sorted(path.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in others[:-KEEP]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as exc:
        log.debug("could not save the answer-key cache %s: %s", path, exc)
        tmp.unlink(missing_ok=True)
