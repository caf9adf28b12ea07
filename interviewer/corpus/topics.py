"""How a question is placed in the bank's topic taxonomy (vocabulary/data/topics.toml).

A question's topic comes from, in this order of strength: keywords in its own text (2 points per
distinct keyword, summed over every page that asks it), the chapter headings it sits under (1.5
points when a heading names a topic, e.g. "一、优化器", "二、过拟合"), so a question's own words win
over its chapter only when they name another topic at least as clearly. With no keyword and no
heading, a subject of the user's own notes names it: the chapter they sit under, else their
file's name, once words that name no subject are gone ("推荐系统八股" -> 推荐系统, "rl_notes.txt" ->
RL; a taxonomy topic when the name has its words); else the answers' keywords decide when they
name one topic at least twice (a user's "什么是 GELU？" under "我的笔记": its answer says 激活函数
and ReLU); with none there either, the embedder (if given) picks the topic whose description is
most like the question and the start of its answer; otherwise the catch-all (基础理论).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import NamedTuple, Protocol

import numpy as np

from interviewer.corpus.normalize import canonical_terms
from interviewer.corpus.tables import Topic, fallback_topic, subject_fillers, taxonomy
from interviewer.paths import USER_NOTES


class SymmetricEmbedder(Protocol):
    """The part of the project's Embedder that topic assignment and grouping use."""

    def embed_symmetric(self, texts: Sequence[str]) -> np.ndarray: ...


FALLBACK = fallback_topic()
KEYWORD_POINTS = 2.0
HEADING_POINTS = 1.5
ANSWER_HEAD_CHARS = 200
"""How much of the answer the embedder reads beside the question: its opening says what it is."""

TAXONOMY: tuple[Topic, ...] = taxonomy()
"""The topics, their keywords and headings: vocabulary/data/topics.toml."""
TOPIC_NAMES: tuple[str, ...] = tuple(t.name for t in TAXONOMY)


def _contains(text: str, word: str) -> bool:
    """ASCII keywords must stand alone ('ln' must not match 'learning'); CJK ones are substrings."""
    if word.isascii():
        return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text) is not None
    return word in text


def keyword_scores(texts: Sequence[str], headings: Sequence[str]) -> dict[str, float]:
    """Points per topic from the questions' own words and the chapter headings above them."""
    joined = " | ".join(canonical_terms(t) for t in texts)
    heads = [canonical_terms(h) for h in headings]
    scores: dict[str, float] = {}
    for topic in TAXONOMY:
        score = KEYWORD_POINTS * sum(_contains(joined, k) for k in topic.keywords)
        if any(_contains(h, a) for h in heads for a in topic.heading_aliases):
            score += HEADING_POINTS
        if score:
            scores[topic.name] = score
    return scores


def pick_topic(texts: Sequence[str], headings: Sequence[str]) -> str | None:
    """The best-scoring topic by keywords and headings; None when nothing matches."""
    scores = keyword_scores(texts, headings)
    return _best(scores) if scores else None


def _best(scores: dict[str, float]) -> str:
    """The highest-scoring topic; a tie goes to the one listed first."""
    order = {name: i for i, name in enumerate(TOPIC_NAMES)}
    return max(scores, key=lambda name: (scores[name], -order[name]))


def topic_text(topic: Topic) -> str:
    """What a topic is compared with: its name, description and keywords."""
    return f"{topic.name}:{topic.description};{'、'.join(topic.keywords)}"


class TopicEvidence(NamedTuple):
    """What places one bank question: the texts that ask it, the headings above them, their
    answers and the files they are in (read only when the first two name no topic)."""

    texts: Sequence[str]
    headings: Sequence[str]
    answers: Sequence[str] = ()
    files: Sequence[str] = ()


def assign_topics(
    groups: Sequence[TopicEvidence | tuple[Sequence[str], Sequence[str]]],
    embedder: SymmetricEmbedder | None = None,
) -> list[str]:
    """A topic for each question's evidence; embeddings only for the unmatched.

    Questions and topic texts (name, description and keywords) are compared symmetrically: on
    the seed questions whose keywords give the answer, this agrees with the keywords 83% of the
    time, against 69% for query-vs-passage embeddings of the descriptions alone.
    """
    evidence = [TopicEvidence(*group) for group in groups]
    picked = [
        pick_topic(e.texts, e.headings) or notes_subject(e) or _answers_topic(e.answers)
        for e in evidence
    ]
    missing = [i for i, topic in enumerate(picked) if topic is None]
    if missing and embedder is not None:
        desc = embedder.embed_symmetric([topic_text(t) for t in TAXONOMY])
        queries = embedder.embed_symmetric([_embedded_text(evidence[i]) for i in missing])
        best = np.asarray(queries) @ np.asarray(desc).T
        for row, i in enumerate(missing):
            picked[i] = TAXONOMY[int(np.argmax(best[row]))].name
    return [topic or FALLBACK for topic in picked]


def _embedded_text(evidence: TopicEvidence) -> str:
    answer = next((a for a in evidence.answers if a.strip()), "")
    return f"{evidence.texts[0]} {answer[:ANSWER_HEAD_CHARS]}".strip()


SUBJECT_MAX_CHARS = 16
"""Longer, what is left of a heading or file name is a sentence, not a subject."""
_FILLERS = re.compile(
    "|".join(re.escape(w) for w in sorted(subject_fillers(), key=len, reverse=True)), re.I
)
_NOT_A_NAME = re.compile(r"[^\w\s/+#.]|[-_\s]+")


def notes_subject(evidence: TopicEvidence) -> str | None:
    """The subject of the notes a question sits in (its innermost chapter, else the name of the
    user's file), as a topic: a taxonomy topic when the name has its words, else the name."""
    # only the user's own file names: the shipped pages are named after the sites they came from
    files = [PurePosixPath(f.replace("\\", "/")) for f in evidence.files]
    own = [f.stem for f in files if f.parts[:1] == (USER_NOTES,)]
    names = [*reversed(evidence.headings), *own]
    for name in names:
        subject = _subject(name)
        if subject:
            return pick_topic([subject], [subject]) or subject
    return None


def _subject(name: str) -> str | None:
    words = _NOT_A_NAME.sub(" ", _FILLERS.sub(" ", name)).strip(" -./")
    words = re.sub(r"\s+", " ", words)
    if not words or len(words) > SUBJECT_MAX_CHARS or words.isdigit():
        return None
    if words.isascii() and len(words) == 1:
        return None
    return words.upper() if words.isascii() and len(words) <= 4 else words


def _answers_topic(answers: Sequence[str]) -> str | None:
    """The topic the answers name by at least two of its words (one word is too weak: a GCN
    answer saying 归一化 is no question about normalisation)."""
    scores = keyword_scores(answers, ())
    if not scores or max(scores.values()) < 2 * KEYWORD_POINTS:
        return None
    return _best(scores)
