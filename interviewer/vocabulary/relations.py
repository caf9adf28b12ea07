"""Relation words (`data/relations.toml`): what ties one term to another, so an answer or a list
item without any names terms without saying anything about them. Two rules, two lists (the
keyword-list rule also reads the terms it masks and the Chinese glue of mixed answers)."""

from __future__ import annotations

import functools

from interviewer.vocabulary.load import Table, Words, read

RULES = ("stuffing", "keyword_list")
"""The similarity grader's keyword-stuffing gate; the key grader's keyword-list rule."""
_KEYWORD_LIST_EXTRAS = (
    "keyword_list_terms",
    "keyword_list_steps",
    "keyword_list_glue",
    "keyword_list_endings",
)


@functools.cache
def relation_words(rule: str) -> Words:
    """The relation words of `rule` (one of RULES)."""
    return _file().words(rule)


@functools.cache
def keyword_list_terms() -> tuple[str, ...]:
    """Terms with a relation character inside (参数更新, 比例), masked before items are read."""
    return _chinese("keyword_list_terms")


@functools.cache
def keyword_list_steps() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Step openers (先, 然后) and the actions after them (算, 用): a procedure said in order."""
    table = _file().table("keyword_list_steps").only("openers", "actions")
    return table.texts("openers"), table.texts("actions")


@functools.cache
def keyword_list_glue() -> tuple[str, ...]:
    """Chinese words that join English terms into a sentence (用, 和, 然后)."""
    return _chinese("keyword_list_glue")


@functools.cache
def keyword_list_endings() -> Words:
    """Closing words a spoken answer ends on (就这些, 对, that's it), read past by the rule."""
    return _file().words("keyword_list_endings")


def _chinese(key: str) -> tuple[str, ...]:
    table = _file().table(key).only("chinese")
    return table.texts("chinese")


def _file() -> Table:
    return read("relations").only(*RULES, *_KEYWORD_LIST_EXTRAS)
