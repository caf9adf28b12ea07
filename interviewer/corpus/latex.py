"""Inline LaTeX in notes, read as plain text: a question "为什么要除以 $\\sqrt{d_k}$？" is asked,
shown and graded as "为什么要除以 √d_k？", not with its dollar signs and backslashes said aloud.

Done once, when a page is cleaned, so the question, its answer, the key points grading reads from
that answer and the spoken line all hold the same text. What it prints is what grading already
reads as a formula (`grading/text.py`): a power is a superscript when one exists ("n²", which
grading reads back as n^2) or "^" ("QK^T"), a fraction "a/b", a root "√x", an index "d_k" (digits
as subscripts: "β₁", read back as β1). The names (\\alpha, \\cdot, \\text, \\hat) are data
(`vocabulary/data/latex.toml`).

Inside $…$, $$…$$, \\(…\\) and \\[…\\] everything is LaTeX; outside them only a known name
(`\\cdot`, `\\log`, `\\frac{…}{…}`) is, so a path or a price is left alone. Inline `code` is
never read as LaTeX.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from interviewer.corpus.tables import latex_names

_SUPERSCRIPT = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SPACING = {",": " ", ";": " ", ":": " ", " ": " ", "!": "", "\\": " ", "quad": " ", "qquad": " "}
_ESCAPED = {"{": "{", "}": "}", "%": "%", "_": "_", "#": "#", "&": "&", "$": "$", "|": "‖"}
_FRACTIONS = ("frac", "dfrac", "tfrac", "cfrac")

_MATH_SPAN = re.compile(
    r"`[^`]*`"  # inline code: kept as it is
    r"|\$\$(?P<display>[^$]+?)\$\$"
    # $…$ as Pandoc reads it: no space inside either dollar, no digit right after the closing one
    # ("$5 and $10" is money)
    r"|(?<![\\$\w])\$(?P<inline>[^\s$](?:[^$\n]*?[^\s$\\])?)\$(?![\d$])"
    r"|\\\((?P<paren>.+?)\\\)|\\\[(?P<bracket>.+?)\\\]"
)
_COMMAND = re.compile(r"\\([A-Za-z]+|.?)")
_SIMPLE = re.compile(r"[^\W_]+|\([^()]*\)")
"""An index or power said without brackets: "k", "max", "T", "(l)"."""


def is_display_fence(text: str) -> bool:
    """A line that only opens or closes a formula set on lines of its own: "$$", "\\[", "\\]"."""
    return text.strip() in ("$$", "\\[", "\\]")


def plain_math(text: str, *, math: bool = False) -> str:
    """`text` with its LaTeX read as plain text (see the module docstring); text without a
    dollar or a backslash is returned as it is. `math`: all of `text` is a formula (a line of a
    display formula set on lines of its own)."""
    if math:
        return _Reader(text, math=True).read().strip()
    if "$" not in text and "\\" not in text:
        return text
    out = []
    end = 0
    for m in _MATH_SPAN.finditer(text):
        out.append(_Reader(text[end : m.start()], math=False).read())
        formula = m.group("display") or m.group("inline") or m.group("paren") or m.group("bracket")
        out.append(m.group(0) if formula is None else _Reader(formula, math=True).read().strip())
        end = m.end()
    out.append(_Reader(text[end:], math=False).read())
    return "".join(out)


@functools.cache
def _prose_names() -> frozenset[str]:
    """Names taken for LaTeX outside $…$."""
    names = latex_names()
    return frozenset(
        {*names.symbols, *names.wrappers, *names.functions, *names.accents, "sqrt", *_FRACTIONS}
        | {"quad", "qquad"}
    )


class _Reader:
    """One pass over a formula (`math`) or over prose with LaTeX names in it."""

    def __init__(self, source: str, *, math: bool):
        self.s = source
        self.i = 0
        self.math = math

    def read(self, until: str = "") -> str:
        """Everything up to `until` (a closing brace) or the end, read."""
        out: list[str] = []
        while self.i < len(self.s):
            ch = self.s[self.i]
            if until and ch == until:
                self.i += 1
                break
            if ch == "\\":
                out.append(self._command(out))
            elif self.math and ch == "{":
                self.i += 1
                out.append(self._group())
            elif self.math and ch in "^_":
                self.i += 1
                out.append(_script(ch, self._argument()))
            elif self.math and ch in "}&~":
                self.i += 1
                out.append("" if ch == "}" else " ")
            else:
                self.i += 1
                out.append(ch)
        return re.sub(r" {2,}", " ", "".join(out))

    def _argument(self) -> str:
        """The next argument: a braced group, a command, or one character."""
        while self.i < len(self.s) and self.s[self.i] == " ":
            self.i += 1
        if self.i >= len(self.s):
            return ""
        ch = self.s[self.i]
        if ch == "{":
            self.i += 1
            return self._group()
        if ch == "\\":
            return self._command([])
        self.i += 1
        return ch

    def _group(self) -> str:
        """A braced group (its "{" read), as math: outside $…$ only a command's argument is one."""
        outer, self.math = self.math, True
        text = self.read("}").strip()
        self.math = outer
        return text

    def _command(self, before: list[str]) -> str:
        """The command at the backslash, read; left as written when it is not LaTeX here."""
        start = self.i
        m = _COMMAND.match(self.s, self.i)
        assert m is not None  # the reader stands on a backslash
        name = m.group(1)
        self.i = m.end()
        names = latex_names()
        if not self.math and (
            name not in _prose_names()
            or (name in names.wrappers or name in names.accents or name in _FRACTIONS)
            and not self.s.startswith("{", self.i)
            or name == "sqrt"
            and not self.s.startswith(("{", "["), self.i)
        ):
            self.i = start + 1
            return "\\"
        if name in _SPACING:
            return _SPACING[name]
        if name in _ESCAPED:
            return _ESCAPED[name]
        if name in names.symbols:
            return names.symbols[name]
        if name == "sqrt":
            degree = ""
            if self.s.startswith("[", self.i):
                close = self.s.find("]", self.i)
                if close > 0:
                    degree = _Reader(self.s[self.i + 1 : close], math=True).read()
                    self.i = close + 1
            return _raised(degree) + "√" + _grouped(self._argument())
        if name in _FRACTIONS:
            top, bottom = self._argument(), self._argument()
            return f"{_grouped(top)}/{_grouped(bottom)}"
        if name in names.wrappers:
            return self._argument() if name not in ("left", "right") else self._delimiter()
        if name in names.accents:
            arg = self._argument()
            return unicodedata.normalize("NFC", arg + names.accents[name]) if len(arg) == 1 else arg
        # a function or operator by name: "n\log n" is "n log n"
        gap = " " if before and before[-1][-1:].isalnum() else ""
        return gap + name

    def _delimiter(self) -> str:
        """What follows \\left or \\right: a bracket ("." is none)."""
        arg = self._argument()
        return "" if arg == "." else arg


def _grouped(text: str) -> str:
    """`text` as one operand: "d_k", "2", "QK^T", "√(a+b)" as they are, "a+b" bracketed."""
    text = text.strip()
    bare = text
    while (inner := re.sub(r"\([^()]*\)", "", bare)) != bare:  # what is outside any brackets
        bare = inner
    if not re.search(r"[\s+\-*/=<>≤≥·×,]", bare) or re.fullmatch(r"\([^()]*\)", text):
        return text
    return f"({text})"


def _raised(text: str) -> str:
    return text.translate(_SUPERSCRIPT) if text and _fits(text, _RAISES) else text


def _fits(text: str, chars: str) -> bool:
    return all(c in chars for c in text)


_RAISES = "0123456789+-=()ni"
_SCRIPTS = {"^": (_RAISES, _SUPERSCRIPT), "_": ("0123456789", _SUBSCRIPT)}


def _script(mark: str, arg: str) -> str:
    """A power or an index: "^2" is "²", "^{n-1}" "ⁿ⁻¹", "_1" "₁"; what has no small form keeps
    its mark ("^T", "_k"), bracketed when it is more than one term ("^(ij)", "_(t-1)")."""
    arg = arg.strip()
    if not arg:
        return mark
    small, table = _SCRIPTS[mark]
    if _fits(arg, small):
        return arg.translate(table)
    return mark + (arg if _SIMPLE.fullmatch(arg) else f"({arg})")
