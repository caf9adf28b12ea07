"""Markdown tables in notes, read as sentences.

Notes compare things in tables ("| 方法 | KV 头数 | 显存 | 效果 |" over "|---|---|"), and a row
of short cells looks like a site's menu, so all but a row with a digit in it were dropped as one,
and what survived ("| MQA | 1 | 最小 | 略差 |") became a key point without its headers. Each row
is said the way a candidate would say it: its first cell, then each header with its cell
("MQA：KV 头数 1，显存 最小，效果 略差。").
"""

from __future__ import annotations

import re

from interviewer.corpus.tables import CJK_UNIFIED

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_FENCE = "```"
_CJK = re.compile(f"[{CJK_UNIFIED}]")


def _cells(text: str) -> list[str] | None:
    """The cells of a table row, or None when the line is no row (fewer than two cells)."""
    body = text.strip()
    if "|" not in body:
        return None
    body = body.removeprefix("|").removesuffix("|")
    cells = [cell.strip() for cell in body.split("|")]
    return cells if len(cells) >= 2 else None


def _sentence(header: list[str], row: list[str]) -> str:
    cjk = bool(_CJK.search(" ".join(header + row)))
    said = [
        f"{name} {cell}" if name else cell
        for name, cell in zip(header[1:], row[1:], strict=False)
        if cell
    ]
    subject = row[0] or (header[0] if header else "")
    if not said:
        return subject
    if cjk:
        return f"{subject}：{'，'.join(said)}。"
    return f"{subject}: {', '.join(said)}."


def table_sentences(texts: list[str]) -> dict[int, str]:
    """For each line that belongs to a Markdown table, what it is read as: its row as a sentence,
    or "" for the header and separator lines (said with every row). Lines inside code fences
    are left alone."""
    out: dict[int, str] = {}
    in_fence = False
    i = 0
    while i < len(texts):
        text = texts[i]
        if text.strip().startswith(_FENCE):
            in_fence = not in_fence
        header = None if in_fence else _cells(text)
        if header and i + 1 < len(texts) and _SEPARATOR.match(texts[i + 1]):
            out[i] = out[i + 1] = ""
            j = i + 2
            while j < len(texts) and (row := _cells(texts[j])) and not _SEPARATOR.match(texts[j]):
                out[j] = _sentence(header, row)
                j += 1
            i = j
            continue
        i += 1
    return out
