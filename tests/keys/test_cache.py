"""Parsed keys are remembered between commands, and any change to a key file is seen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from interviewer.keys import cache
from interviewer.keys.cache import load_keys_cached
from interviewer.keys.load import load_keys

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted((REPO / "corpus" / "keys").glob("*.toml"))


@pytest.fixture
def folder(tmp_path) -> Path:
    keys = tmp_path / "keys"
    keys.mkdir()
    for path in SHIPPED[:3]:
        (keys / path.name).write_bytes(path.read_bytes())
    return keys


def test_a_second_load_reads_the_cache_and_equals_parsing(folder, tmp_path, monkeypatch):
    first = load_keys_cached([folder], tmp_path / "cache")
    assert first == load_keys([folder]) and len(first) >= 3

    def no_parsing(folders):
        raise AssertionError("unchanged key files must not be parsed again")

    monkeypatch.setattr(cache, "load_keys", no_parsing)
    again = load_keys_cached([folder], tmp_path / "cache")
    assert again == first
    assert {id(k) for k in again.keys.values()} == {id(k) for k in again.distinct()}


def test_an_edited_added_or_removed_key_is_parsed_again(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    load_keys_cached([folder], cache_dir)
    path = sorted(folder.glob("*.toml"))[0]
    stat = path.stat()
    text = path.read_text("utf-8")
    path.write_text(text.replace("[[points]]", "[[pointz]]", 1), "utf-8")  # same size, broken
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    broken = load_keys_cached([folder], cache_dir)
    assert broken == load_keys([folder]) and broken.problems

    path.write_text(text, "utf-8")
    (folder / "extra.toml").write_bytes(SHIPPED[5].read_bytes())
    assert load_keys_cached([folder], cache_dir) == load_keys([folder])
    (folder / "extra.toml").unlink()
    assert load_keys_cached([folder], cache_dir) == load_keys([folder])


def test_a_damaged_cache_is_only_a_miss(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    load_keys_cached([folder], cache_dir)
    for file in (cache_dir / cache.FOLDER).glob("*.pickle"):
        file.write_bytes(b"not a pickle")
    assert load_keys_cached([folder], cache_dir) == load_keys([folder])


def test_only_a_few_books_are_kept(tmp_path):
    for n in range(cache.KEEP + 3):
        load_keys_cached([tmp_path / f"none-{n}"], tmp_path / "cache")
    assert len(list((tmp_path / "cache" / cache.FOLDER).glob("*.pickle"))) == cache.KEEP
