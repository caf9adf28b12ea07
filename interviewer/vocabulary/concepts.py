"""Deep-learning concepts and their spellings (`data/concepts.toml`), and the two views of them.

The glossary view (`glossary.py`) matches every spelling of a concept, for retrieval, grading and
the interview. The question-key view (`question_key_folds`) folds the few spellings a question's
lexical key has always folded: a bank question's id hashes that key, so it stays fixed while the
glossary grows.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from interviewer.vocabulary.load import longest_first, read


@dataclass(frozen=True)
class Concept:
    token: str
    """One ASCII word standing for the concept in lexical matching ("bn")."""
    english: str
    chinese: str
    spellings: tuple[str, ...]
    """Every other way it is written."""
    question_key: tuple[str, ...]
    """The spellings folded into a question's lexical key (lower case)."""
    question_key_as: str
    """What those spellings become in the key (the token unless the file says otherwise)."""

    @property
    def names(self) -> tuple[str, str]:
        """(English name, Chinese name): what query expansion adds."""
        return (self.english, self.chinese)


@functools.cache
def concepts() -> tuple[Concept, ...]:
    """Every concept, in file order (where a spelling names two, the first wins)."""
    found: list[Concept] = []
    tokens: set[str] = set()
    folded: set[str] = set()
    for entry in read("concepts").only("concept").tables("concept", label="token"):
        entry.only("token", "english", "chinese", "spellings", "question_key", "question_key_as")
        token = entry.text("token")
        if token in tokens:
            raise entry.fail(f"token {token!r} is used twice: merge the two entries")
        tokens.add(token)
        question_key = entry.texts("question_key", required=False)
        for spelling in question_key:
            if spelling != spelling.lower():
                raise entry.fail(f"question_key: {spelling!r} must be lower case (keys are)")
            if spelling in folded:
                raise entry.fail(f"question_key: {spelling!r} is folded by another concept too")
            folded.add(spelling)
        found.append(
            Concept(
                token=token,
                english=entry.text("english"),
                chinese=entry.text("chinese"),
                spellings=entry.texts("spellings", required=False),
                question_key=question_key,
                question_key_as=entry.text("question_key_as", default=token),
            )
        )
    return tuple(found)


@functools.cache
def question_key_folds() -> tuple[tuple[str, str], ...]:
    """(spelling, what it becomes) for the question key, longest spelling first."""
    into = {s: c.question_key_as for c in concepts() for s in c.question_key}
    return tuple((spelling, into[spelling]) for spelling in longest_first(into))
