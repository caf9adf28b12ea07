"""Keeps the API key out of anything we surface: error text, notes, logs, history, exports."""

from __future__ import annotations

import logging
import re

MASK = "[redacted]"
_BEARER = re.compile(r"(?i)(bearer\s+)[^\s\"']+")
_MIN_FRAGMENT = 6
"""Servers echo masked keys ('sk-abc1****wxyz'): any run of the key this long is hidden too."""


def redact(text: str, secret: str | None) -> str:
    """`text` with the secret, visible fragments of it and bearer tokens replaced by a mask."""
    text = _BEARER.sub(lambda m: m.group(1) + MASK, text)
    if not secret or len(secret) < 4:
        return text
    text = text.replace(secret, MASK)
    if len(secret) >= 2 * _MIN_FRAGMENT:
        for fragment in (secret[: _MIN_FRAGMENT * 2], secret[-_MIN_FRAGMENT * 2 :]):
            text = text.replace(fragment, MASK)
        # A masked echo keeps the key's head: hide any token that starts with it.
        head = re.escape(secret[: _MIN_FRAGMENT + 2])
        text = re.sub(head + r"[^\s\"'.,]*", MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """A log filter that rewrites a record's final message with the secret masked."""

    def __init__(self, secret: str | None) -> None:
        super().__init__()
        self._secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if self._secret:
            message = record.getMessage()
            cleaned = redact(message, self._secret)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        return True
