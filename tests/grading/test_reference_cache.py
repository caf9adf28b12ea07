"""Reference key-point vectors kept on disk: a cache that is never wrong, only missing."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from interviewer.grading.reference_cache import ReferenceVectors, entry_key


def _vectors(n: int) -> np.ndarray:
    rng = np.random.default_rng(n)
    return rng.standard_normal((n, 8)).astype(np.float32)


def test_vectors_come_back_as_stored(tmp_path: Path) -> None:
    cache = ReferenceVectors(tmp_path)
    key = entry_key("e5@1", ["BN 的作用", "加速收敛", "允许更大的学习率"])
    assert cache.get(key, 3) is None
    cache.put(key, _vectors(3))
    np.testing.assert_array_equal(cache.get(key, 3), _vectors(3))


def test_another_model_or_other_texts_are_other_entries() -> None:
    texts = ["BN 的作用", "加速收敛"]
    assert entry_key("e5@1", texts) != entry_key("e5@2", texts)
    assert entry_key("e5@1", texts) != entry_key("e5@1", ["BN 的作用", "加速收敛。"])
    assert entry_key("e5@1", ["a", "b"]) != entry_key("e5@1", ["a\0b"])


def test_a_damaged_or_mismatched_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ReferenceVectors(tmp_path)
    key = entry_key("e5@1", ["x"])
    cache.put(key, _vectors(2))
    assert cache.get(key, 3) is None  # not as many vectors as texts
    path = next(tmp_path.glob("*/*.npz"))
    path.write_bytes(b"not a zip file")
    assert cache.get(key, 2) is None
    bad = _vectors(2)
    bad[0, 0] = np.nan
    cache.put(key, bad)
    assert cache.get(key, 2) is None


def test_a_folder_that_cannot_be_written_is_only_a_lost_optimisation(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ReferenceVectors(blocker / "vectors")
    cache.put(entry_key("e5@1", ["x"]), _vectors(1))  # no exception
    assert cache.get(entry_key("e5@1", ["x"]), 1) is None


def test_the_least_recently_used_entries_go_beyond_the_limit(tmp_path: Path) -> None:
    cache = ReferenceVectors(tmp_path, limit=3)
    keys = [entry_key("e5@1", [str(i)]) for i in range(5)]
    for i, key in enumerate(keys):
        cache.put(key, _vectors(1))
        path = next(tmp_path.glob(f"*/{key}.npz"))
        os.utime(path, (1000 + i, 1000 + i))
    cache.get(keys[0], 1)  # used now: kept
    cache.prune()
    left = {p.stem for p in tmp_path.glob("*/*.npz")}
    assert left == {keys[0], keys[3], keys[4]}
