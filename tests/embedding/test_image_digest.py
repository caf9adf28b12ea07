"""The packed image's hash is remembered under its stat: a model load does not read 72 MB to find
the converted folder it already has, and a changed image is hashed again."""

from __future__ import annotations

import hashlib

from interviewer.embedding import e5_convert


def test_the_hash_is_remembered_and_a_changed_image_hashed_again(tmp_path, monkeypatch):
    image = tmp_path / "e5.bin"
    image.write_bytes(b"a" * 1000)
    memo = tmp_path / "cache"
    first = e5_convert.source_info(image, memo_dir=memo)
    assert first["sha256"] == hashlib.sha256(b"a" * 1000).hexdigest()
    assert not memo.exists()  # remembered only once a converted folder exists (convert does it)
    memo.mkdir()
    e5_convert._remember_sha256(image, memo, first["sha256"])

    opened = []
    real_open = open

    def spy(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    assert e5_convert.source_info(image, memo_dir=memo) == first
    assert str(image) not in opened  # not read again
    monkeypatch.undo()

    image.write_bytes(b"b" * 1000)  # same size: the times and the content differ
    assert e5_convert.source_info(image, memo_dir=memo)["sha256"] == (
        hashlib.sha256(b"b" * 1000).hexdigest()
    )


def test_a_damaged_memo_is_only_a_miss(tmp_path):
    image = tmp_path / "e5.bin"
    image.write_bytes(b"x" * 10)
    memo = tmp_path / "cache"
    memo.mkdir()
    (memo / e5_convert._DIGEST_MEMO).write_text("[1, 2", "utf-8")
    expected = hashlib.sha256(b"x" * 10).hexdigest()
    assert e5_convert.source_info(image, memo_dir=memo)["sha256"] == expected
    assert e5_convert.source_info(image)["sha256"] == expected  # no memo folder: just hashed
