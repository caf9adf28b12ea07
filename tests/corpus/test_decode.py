"""Decoding: the encodings Chinese notes come in, and refusing what is not text."""

from __future__ import annotations

import random

import pytest

from interviewer.corpus.decode import UndecodableError, decode_bytes

TEXT = "深度学习八股\n1.SGD是什么?\n随机梯度下降:每次用一个 mini-batch 估计梯度。\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_decodes_the_encodings_notes_come_in(raw: bytes, encoding: str) -> None:
    decoded = decode_bytes(raw)
    assert decoded.encoding == encoding
    assert decoded.text == TEXT


def test_windows_newlines_become_plain_newlines() -> None:
    assert decode_bytes(TEXT.replace("\n", "\r\n").encode("gbk")).text == TEXT


@pytest.mark.parametrize("raw", [b"", b"   \n\n", b"\xef\xbb\xbf"])
def test_empty_files_are_refused(raw: bytes) -> None:
    with pytest.raises(UndecodableError, match="empty"):
        decode_bytes(raw)


def test_binary_files_are_refused() -> None:
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_random_bytes_are_never_taken_for_text() -> None:
    rng = random.Random(7)
    for _ in range(50):
        raw = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
        with pytest.raises(UndecodableError):
            decode_bytes(raw)
