"""Checks a key against its own examples: each spoken example of a point is covered, each typical
phrasing of a misconception is flagged, and a point's correct wording never sets off its own
misconceptions, nor do two correct points said in one breath. Key authors run it as they write;
the tests run it over the shipped bank."""

from __future__ import annotations

import re

from interviewer.grading.keyed import grade, spoken_core
from interviewer.grading.keymatch import (
    Normalised,
    match_concepts,
    normalise,
    pairs_of,
    said_of_other,
    states,
    subjects_of,
    terms_of,
)
from interviewer.grading.text import CJK, strip_fillers
from interviewer.types.answer_key import AnswerKey


def key_problems(key: AnswerKey) -> list[str]:
    """One line per example the grader would get wrong."""
    problems: list[str] = []
    subjects, terms, pairs = subjects_of(key), terms_of(key), pairs_of(key)
    for i, point in enumerate(key.points, 1):
        saying = [w for g in point.concepts for w in g]  # wordings that say something
        vetoing: list[str] = []
        for wrong in point.misconceptions:
            saying += [w for pattern in wrong.patterns for g in pattern for w in g]
            vetoing += [*wrong.unless, *wrong.unless_before, *wrong.unless_after]
        problems += [
            f"point {i}: the wording {w!r} is cut by filler stripping (never matches)"
            for w in dict.fromkeys(saying + vetoing)
            if _cut(w)
        ]
        problems += [
            f"point {i}: the wording {w!r} folds to {folded!r} (matches any {folded!r})"
            for w in dict.fromkeys(saying)
            if (folded := _folded_bare(w))
        ]
        for text in [point.text, *point.examples]:
            graded = _as_graded(text)
            said = match_concepts(graded, point.concepts, said_of_other(graded, point, key))
            if not said.complete:
                problems.append(
                    f"point {i}: {text[:40]!r} is not covered by its own concepts "
                    f"({said.said}/{said.groups} groups found)"
                )
            for j, wrong in enumerate(point.misconceptions, 1):
                if states(_as_graded(text), wrong, subjects, terms, pairs):
                    problems.append(
                        f"point {i}: the correct {text[:40]!r} sets off misconception {j}"
                    )
        for j, wrong in enumerate(point.misconceptions, 1):
            for text in wrong.examples:
                if not states(_as_graded(text), wrong, subjects, terms, pairs):
                    problems.append(
                        f"point {i} misconception {j}: example {text[:40]!r} is not flagged"
                    )
    for run in in_one_breath(key):
        for result in grade(run, key).results:
            if result.misconception is not None:
                i = key.points.index(result.point) + 1
                problems.append(
                    f"point {i}: {result.misconception.claim[:30]!r} is set off by two correct"
                    f" points said in one breath: {run[:60]!r}"
                )
    return problems


_PUNCTUATION = re.compile(r"[，。,;；：:、！？!?]|\.(?!\d)")
"""Sentence and clause punctuation (not a decimal point, not the brackets of a formula)."""


def unpunctuated(text: str) -> str:
    """`text` as a candidate says it: sentence and clause punctuation gone."""
    return _PUNCTUATION.sub(" ", text)


def in_one_breath(key: AnswerKey) -> list[str]:
    """Correct answers as a candidate speaks them: every two of the key's points (and of their
    first examples), in either order, run together without punctuation. A claim pattern that
    reaches from one into the other is a false alarm on a good answer."""
    texts = [p.text for p in key.points]
    examples = [p.examples[0] for p in key.points if p.examples]
    runs: list[str] = []
    for group in (texts, examples):
        runs += [unpunctuated(f"{a} {b}") for a in group for b in group if a is not b]
    return list(dict.fromkeys(runs))


def _as_graded(text: str) -> Normalised:
    """`text` as `keyed.grade` reads an answer: fillers stripped, then folded."""
    return normalise(spoken_core(text))


def _folded_bare(wording: str) -> str:
    """What `wording` matches once folded, when folding leaves a lone letter of what was written
    with symbols ("/s" of (W-K)/S folds to "s", "|x|" to "x": said everywhere); else "". Checked
    on the wordings that say something (concepts, claims); an `unless` so folded only vetoes too
    often."""
    folded = normalise(wording).text.strip()
    if folded != wording.strip().lower() and re.fullmatch(r"[a-z]", folded):
        return folded
    return ""


def _cut(wording: str) -> bool:
    """Whether the grader's filler stripping changes `wording` said after a word: the answer it
    is matched against has lost those words, so it can never match."""
    probe = ("甲" if re.match(rf"[{CJK}]", wording) else "甲 ") + wording.strip()
    return " ".join(strip_fillers(probe).split()) != " ".join(probe.split())
