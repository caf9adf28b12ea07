"""The glossary view of the concepts (data/concepts.toml): every spelling of a concept, for
matching across Chinese, English and abbreviations.

Candidates say "overfit", notes say "过拟合"; interviewers say "lr", notes say "学习率". The small
multilingual model only partly bridges that, and BM25 not at all. `canonicalise` maps every
spelling to its concept's token for lexical matching, and `expand_query` appends a concept's other
names to a query before it is embedded.

Written as general interview vocabulary, not from any one test set; ASCII spellings match whole
words only ("ln" never fires inside "kiln").
"""

from __future__ import annotations

import re
from functools import cache

from interviewer.vocabulary.cjk import CJK_CHAR
from interviewer.vocabulary.concepts import Concept, concepts
from interviewer.vocabulary.load import read


@cache
def _by_token() -> dict[str, Concept]:
    return {concept.token: concept for concept in concepts()}


@cache
def patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every spelling, longest first, ASCII ones bounded as whole words."""
    spelling_to_token: dict[str, str] = {}
    for concept in concepts():
        for spelling in (concept.token, *concept.names, *concept.spellings):
            spelling_to_token.setdefault(spelling.lower(), concept.token)
    alternatives = [_as_word(s) for s in sorted(spelling_to_token, key=len, reverse=True)]
    return re.compile("|".join(alternatives)), spelling_to_token


def _as_word(spelling: str) -> str:
    """`spelling` as a regex, bounded as a whole word at an ASCII letter or digit end ("ln"
    never inside "kiln"; 归一化 inside 批量归一化 is still found)."""
    escaped = re.escape(spelling)
    if spelling[0].isascii() and spelling[0].isalnum():
        escaped = r"(?<![a-z0-9])" + escaped
    if spelling[-1].isascii() and spelling[-1].isalnum():
        escaped += r"(?![a-z0-9])"
    return escaped


def spellings(word: str) -> tuple[str, ...]:
    """Every spelling of the concept `word` is a spelling of (just `word` when it is none)."""
    _, tokens = patterns()
    token = tokens.get(word.strip().lower())
    if token is None:
        return (word,)
    concept = _by_token()[token]
    return tuple(dict.fromkeys((word, token, *concept.names, *concept.spellings)))


@cache
def is_kind_of(token: str, broader: str) -> bool:
    """Whether concept `token` is named as a kind of concept `broader`: a name of `broader` is a
    whole word inside one of `token`'s (批量归一化 and 归一化, batch normalization and
    normalization). Tokens of the glossary; False for anything else."""
    by_token = _by_token()
    if token == broader or token not in by_token or broader not in by_token:
        return False
    mine = [n.lower() for n in (*by_token[token].names, *by_token[token].spellings)]
    for name in (n.lower() for n in (*by_token[broader].names, *by_token[broader].spellings)):
        word = re.compile(_as_word(name))
        if len(name) >= 2 and any(n != name and word.search(n) for n in mine):
            return True
    return False


_WORDINGS = ("contractions", "equivalents", "comparison_adverbs")


@cache
def _contractions() -> tuple[tuple[str, str], ...]:
    return read("wordings").only(*_WORDINGS).pairs("contractions")


@cache
def _equivalents() -> tuple[tuple[str, str], ...]:
    pairs = read("wordings").only(*_WORDINGS).pairs("equivalents")
    return (*pairs, *((b, a) for a, b in pairs))


@cache
def comparison_adverbs() -> tuple[str, ...]:
    """Adverbs heard before a comparison inside a Chinese wording ("泛化一般更好" for 泛化更好)."""
    return read("wordings").only(*_WORDINGS).texts("comparison_adverbs")


def equivalent(wording: str) -> tuple[str, ...]:
    """`wording` in other everyday words (data/wordings.toml): "less than 1" is also "smaller
    than 1" (English phrases replaced as whole words), "浅层" also "shallow layer" (a Chinese
    wording only as a whole)."""
    out = []
    for said, also in _equivalents():
        if not said.isascii():
            if wording == said:
                out.append(also)
            continue
        phrase = re.compile(rf"(?<![a-z]){re.escape(said)}(?![a-z])")
        if phrase.search(wording):
            out.append(phrase.sub(also, wording))
    return tuple(out)


def contracted(wording: str) -> tuple[str, ...]:
    """`wording` as speech shortens it (data/wordings.toml): "降低偏差" is also "降偏差"; a long
    form not before a Chinese word stays ("降低" alone, "降低 lr")."""
    out = []
    for long, short in _contractions():
        head, found, tail = wording.partition(long)
        if found and CJK_CHAR.match(tail):
            out.append(head + short + tail)
    return tuple(out)


def spelled_parts(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """`text` (lower case) cut into runs, each with every spelling of the concept it names (empty
    for a run naming none): a key's "所有参数…同一个学习率" also hears "同一个 learning rate"."""
    pattern, tokens = patterns()
    parts: list[tuple[str, tuple[str, ...]]] = []
    at = 0
    for match in pattern.finditer(text):
        if match.start() > at:
            parts.append((text[at : match.start()], ()))
        parts.append((match.group(), spellings(match.group())))
        at = match.end()
    if at < len(text):
        parts.append((text[at:], ()))
    return parts


def canonicalise(text: str) -> str:
    """Lowercase `text` with every known spelling replaced by its concept's token."""
    pattern, tokens = patterns()
    return pattern.sub(lambda m: f" {tokens[m.group()]} ", text.lower())


def concepts_in(text: str) -> list[str]:
    """Concept tokens mentioned in `text`, in order of first mention."""
    pattern, tokens = patterns()
    return list(dict.fromkeys(tokens[m.group()] for m in pattern.finditer(text.lower())))


def expand_query(text: str) -> str:
    """`text` plus the English and Chinese names it lacks of the concepts it mentions."""
    lowered = text.lower()
    names = [
        name
        for concept in concepts_in(text)
        for name in _by_token()[concept].names
        if name.lower() not in lowered
    ]
    return f"{text} ({', '.join(names)})" if names else text
