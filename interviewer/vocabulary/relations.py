"""Relation words (`data/relations.toml`): what ties one term to another, so an answer or a list
item without any names terms without saying anything about them. Two rules, two lists."""

from __future__ import annotations

import functools

from interviewer.vocabulary.load import Words, read

RULES = ("stuffing", "keyword_list")
"""The similarity grader's keyword-stuffing gate; the key grader's keyword-list rule."""


@functools.cache
def relation_words(rule: str) -> Words:
    """The relation words of `rule` (one of RULES)."""
    return read("relations").only(*RULES).words(rule)
