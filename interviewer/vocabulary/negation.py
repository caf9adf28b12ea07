"""The words of the contradiction rule (`data/negation.toml`): negation cues and the words that
only look like one, if-clause, contrast and hedge words, and pairs of opposites. The rule itself
is grading's (`grading/negation.py`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from interviewer.vocabulary.load import Table, Words, read


@dataclass(frozen=True)
class NegationCues:
    chinese: tuple[str, ...]
    """Chinese cues, in the order a regex tries them (没有 before 没)."""
    english: tuple[str, ...]
    not_negation: tuple[str, ...]
    """Chinese words that contain a cue but deny nothing (不同, 非常, 类别)."""
    bound_comparatives: tuple[str, ...]
    """"no/not X than" with one of these is a bound ("no more than two"), not a denial."""
    not_negation_english: tuple[str, ...]
    """English phrases with a cue that deny nothing ("whether or not")."""


@dataclass(frozen=True)
class Opposites:
    english: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    """Pairs of sides, each side its words (inflections listed)."""
    chinese: tuple[tuple[str, str], ...]
    chinese_degree: tuple[str, ...]
    """Degree characters (更, 很) that make a pole character a side of a pair ("更快"/"更慢")."""
    chinese_poles: tuple[tuple[str, str], ...]


@functools.cache
def negation_cues() -> NegationCues:
    table = _file().table("negation")
    table.only("chinese", "english", "not_negation", "bound_comparatives", "not_negation_english")
    return NegationCues(
        chinese=table.texts("chinese"),
        english=table.texts("english"),
        not_negation=table.texts("not_negation"),
        bound_comparatives=table.texts("bound_comparatives"),
        not_negation_english=table.texts("not_negation_english"),
    )


@functools.cache
def conditional_words() -> Words:
    """Words that open an if-clause: a negation inside one denies nothing."""
    return _file().words("conditional")


@functools.cache
def contrast_words() -> Words:
    """Words that deny the other thing (而不是, rather than, unlike)."""
    return _file().words("contrast")


@functools.cache
def hedge_words() -> Words:
    """Words that deny a claim's certainty (不一定, not necessarily)."""
    return _file().words("hedge")


@functools.cache
def opposites() -> Opposites:
    table = _file().table("opposites")
    table.only("english", "chinese", "chinese_degree", "chinese_poles")
    english = tuple((tuple(a.split()), tuple(b.split())) for a, b in table.pairs("english"))
    poles = table.pairs("chinese_poles")
    degree = table.texts("chinese_degree")
    for word in (*degree, *(c for pair in poles for c in pair)):
        if len(word) != 1:
            raise table.fail(f"chinese_degree, chinese_poles: {word!r} is not one character")
    return Opposites(english, table.pairs("chinese"), degree, poles)


def _file() -> Table:
    return read("negation").only("negation", "conditional", "contrast", "hedge", "opposites")
