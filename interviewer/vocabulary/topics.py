"""The topic taxonomy of the bank (`data/topics.toml`): names, descriptions, keywords, headings.
How a question is placed in it is the corpus's business (`corpus/topics.py`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from interviewer.vocabulary.load import Table, read


@dataclass(frozen=True)
class Topic:
    name: str
    description: str
    """What the topic covers; embedded to place questions no keyword matches."""
    keywords: tuple[str, ...]
    """Lower-case terms as the question key writes them (concepts folded): 'bn', 'cnn', ..."""
    heading_aliases: tuple[str, ...]
    """Chapter titles that mean this topic; deliberately narrower than the keywords."""


@functools.cache
def taxonomy() -> tuple[Topic, ...]:
    """Every topic, in display order."""
    topics: list[Topic] = []
    for entry in _file().tables("topic"):
        entry.only("name", "description", "keywords", "headings")
        name = entry.text("name")
        if name in {t.name for t in topics}:
            raise entry.fail(f"topic {name!r} is listed twice")
        keywords, headings = entry.texts("keywords"), entry.texts("headings")
        for word in (*keywords, *headings):
            if word != word.lower():
                raise entry.fail(f"{word!r}: keywords and headings are matched in lower case")
        topics.append(Topic(name, entry.text("description"), keywords, headings))
    return tuple(topics)


@functools.cache
def fallback_topic() -> str:
    """The catch-all topic of a question nothing places."""
    name = _file().text("fallback")
    if name not in {t.name for t in taxonomy()}:
        raise _file().fail(f"fallback: {name!r} is not one of the topics")
    return name


@functools.cache
def subject_fillers() -> tuple[str, ...]:
    """Words a notes file or chapter is called by that name no subject ("笔记", "八股", "my"):
    what is left of "推荐系统八股" or "rl_notes" once they are gone names the notes' topic."""
    return _file().texts("subject_fillers")


def _file() -> Table:
    return read("topics").only("fallback", "topic", "subject_fillers")
