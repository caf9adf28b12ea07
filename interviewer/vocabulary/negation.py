"""The words of the contradiction rule (`data/negation.toml`): negation cues and the words that
only look like one, if-clause, contrast, hedge and restriction words, and pairs of opposites; and
the key grader's claim matcher's own negation words. The rules themselves are grading's
(`grading/negation.py`, `grading/keymatch.py`)."""

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
    comparison_chinese: tuple[str, ...]
    """"没有 B 那么大" compares (smaller than B): the words that close such a comparison."""


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
    table.only(
        "chinese",
        "english",
        "not_negation",
        "bound_comparatives",
        "not_negation_english",
        "comparison_chinese",
    )
    return NegationCues(
        chinese=table.texts("chinese"),
        english=table.texts("english"),
        not_negation=table.texts("not_negation"),
        bound_comparatives=table.texts("bound_comparatives"),
        not_negation_english=table.texts("not_negation_english"),
        comparison_chinese=table.texts("comparison_chinese"),
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
def restriction_words() -> Words:
    """Words that deny implicitly (only, stops, 只, 仅): a side that says one is no plain
    assertion."""
    return _file().words("restriction")


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


@dataclass(frozen=True)
class ClaimNegation:
    negated_start: Words
    """Negations that govern a claim's first part when right before it (没有, without)."""
    negated_predicate: tuple[str, ...]
    """Negations that govern a claim's verb between its parts (并不会, doesn't)."""
    set_phrases: tuple[str, ...]
    """Set phrases with 不 that deny nothing (区别不大, 差不多)."""
    modals: tuple[str, ...]
    """Modal characters that may come between a negation and the wording it denies (不会增大)."""
    negated_use: tuple[str, ...]
    """Negations of using a thing (不用 sigmoid), which do not deny what is said of it."""
    next_item: Words
    """Words that open the next item of a list (另一个, the other): a claim does not run across."""
    repeated_item: tuple[str, ...]
    """Openers of a list item (一个是) that open the next one when said again."""
    reversal_verbs: tuple[str, ...]
    """Verbs that undo what they act on (减少, 去掉, remove): advice opposite to a point's."""


@functools.cache
def claim_negation() -> ClaimNegation:
    """The key grader's claim matcher's negation words."""
    table = _file().table("claim")
    table.only(
        "negated_start_chinese",
        "negated_start_english",
        "negated_predicate",
        "set_phrases",
        "negation_modals",
        "negated_use",
        "next_item_chinese",
        "next_item_english",
        "repeated_item_chinese",
        "reversal_verbs",
    )
    return ClaimNegation(
        negated_start=Words(
            table.texts("negated_start_chinese"), table.texts("negated_start_english")
        ),
        negated_predicate=table.texts("negated_predicate"),
        set_phrases=table.texts("set_phrases"),
        modals=table.texts("negation_modals"),
        negated_use=table.texts("negated_use"),
        next_item=Words(table.texts("next_item_chinese"), table.texts("next_item_english")),
        repeated_item=table.texts("repeated_item_chinese"),
        reversal_verbs=table.texts("reversal_verbs"),
    )


def _file() -> Table:
    return read("negation").only(
        "negation", "conditional", "contrast", "hedge", "restriction", "opposites", "claim"
    )  # fmt: skip
