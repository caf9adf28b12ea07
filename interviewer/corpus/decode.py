"""Bytes to text for scraped notes: Chinese pages arrive as UTF-8, UTF-8 with BOM or GB18030/GBK.

A file we cannot read as text is reported (never guessed at): a lenient decode of random bytes
would put garbage questions in the bank.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

# Tried in order after the BOM checks. GB18030 is a superset of GBK and GB2312.
_FALLBACKS = ("utf-8", "gb18030")
# Share of characters that may be control/private-use/unassigned before we call it binary.
_MAX_ODD_SHARE = 0.01
# A GB18030 decode of non-Chinese bytes "succeeds" with rare characters; real GBK text is
# dominated by common CJK, ASCII and punctuation.
_MIN_COMMON_SHARE_GB = 0.9


@dataclass(frozen=True)
class Decoded:
    """The text of a file (newlines normalised to \\n) and the encoding that produced it."""

    text: str
    encoding: str


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept; the message is one line."""


def decode_bytes(raw: bytes) -> Decoded:
    """Decode `raw`, or raise UndecodableError saying why (empty, binary, unknown encoding)."""
    if not raw.strip():
        raise UndecodableError("empty file")
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return _checked(raw.decode(name), name)
            except UnicodeDecodeError as err:
                raise UndecodableError(f"starts with a {name} BOM but is not {name}") from err
    if b"\x00" in raw:
        raise UndecodableError("binary data (NUL bytes)")
    for name in _FALLBACKS:
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        try:
            return _checked(text, name)
        except UndecodableError:
            if name == _FALLBACKS[-1]:
                raise
    raise UndecodableError("not UTF-8 or GB18030 text")


def _checked(text: str, encoding: str) -> Decoded:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UndecodableError("empty file")
    if _odd_share(text) > _MAX_ODD_SHARE:
        raise UndecodableError(f"binary data (decodes as {encoding} only with control characters)")
    if encoding == "gb18030" and _common_share(text) < _MIN_COMMON_SHARE_GB:
        raise UndecodableError("not UTF-8 or GB18030 text")
    return Decoded(text=text, encoding=encoding)


def _odd_share(text: str) -> float:
    odd = 0
    for ch in text:
        if ch in "\n\t\f\v":
            continue
        if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"):
            odd += 1
    return odd / max(len(text), 1)


def _common_share(text: str) -> float:
    """Share of characters that are ASCII, CJK unified ideographs or CJK/full-width punctuation."""
    common = 0
    for ch in text:
        cp = ord(ch)
        if (
            cp < 0x80
            or 0x4E00 <= cp <= 0x9FFF
            or 0x3000 <= cp <= 0x303F
            or 0xFF00 <= cp <= 0xFFEF
            or 0x2000 <= cp <= 0x206F
        ):
            common += 1
    return common / max(len(text), 1)
