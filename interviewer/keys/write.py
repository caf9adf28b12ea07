"""An answer key as the TOML a person edits (the inverse of load.parse_key)."""

from __future__ import annotations

import json

from interviewer.types.answer_key import AnswerKey


def _s(value: str) -> str:
    # a JSON string is a valid TOML basic string (same escapes), multi-line text included
    return json.dumps(value, ensure_ascii=False)


def _list(values: list) -> str:
    return "[" + ", ".join(_s(v) if isinstance(v, str) else _list(v) for v in values) + "]"


def dump_key(key: AnswerKey, header: str = "") -> str:
    lines = [f"# {line}" for line in header.splitlines()] if header else []
    lines += [f"ids = {_list(key.ids)}", f"question = {_s(key.question)}"]
    lines.append(f'origin = "{key.origin.value}"')
    if key.reference:
        lines.append(f"reference = {_s(key.reference)}")
    if key.swaps:
        lines.append("swaps = [" + ", ".join(_list([a, b]) for a, b in key.swaps) + "]")
    for point in key.points:
        lines += ["", "[[points]]", f"text = {_s(point.text)}"]
        lines.append(f"core = {'true' if point.core else 'false'}")
        lines.append(f"concepts = {_list(point.concepts)}")
        if point.ask:
            lines.append(f"ask = {_s(point.ask)}")
        if point.examples:
            lines.append(f"examples = {_list(point.examples)}")
        for wrong in point.misconceptions:
            lines += ["", "[[points.misconceptions]]", f"claim = {_s(wrong.claim)}"]
            lines.append(f"says = {_list(wrong.says)}")
            if wrong.also_says:
                lines.append(f"also_says = {_list(wrong.also_says)}")
            if wrong.unless:
                lines.append(f"unless = {_list(wrong.unless)}")
            if wrong.unless_before:
                lines.append(f"unless_before = {_list(wrong.unless_before)}")
            if wrong.unless_after:
                lines.append(f"unless_after = {_list(wrong.unless_after)}")
            lines.append(f"correction = {_s(wrong.correction)}")
            lines.append(f"central = {'true' if wrong.central else 'false'}")
            if wrong.examples:
                lines.append(f"examples = {_list(wrong.examples)}")
    return "\n".join(lines) + "\n"
