"""The names of inline LaTeX (`data/latex.toml`): what `\\alpha`, `\\cdot`, `\\le` print, which
commands only print their argument (`\\text`, `\\mathcal`) and the accents (`\\hat`). How a formula
is read (roots, fractions, powers, indices) is the corpus's (`corpus/latex.py`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from interviewer.vocabulary.load import read


@dataclass(frozen=True)
class LatexNames:
    symbols: dict[str, str]
    """`\\name` -> the character it prints."""
    wrappers: frozenset[str]
    """Commands whose argument is printed as it is."""
    functions: frozenset[str]
    """Functions written by name (`\\log`): LaTeX outside $…$ too."""
    accents: dict[str, str]
    """`\\name` -> the combining mark it puts on its argument."""


@functools.cache
def latex_names() -> LatexNames:
    """The names, read once."""
    table = read("latex").only("symbols", "wrappers", "functions", "accents")
    return LatexNames(
        symbols=table.mapping("symbols"),
        wrappers=frozenset(table.texts("wrappers")),
        functions=frozenset(table.texts("functions")),
        accents=table.mapping("accents"),
    )
