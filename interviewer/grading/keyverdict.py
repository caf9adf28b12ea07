"""A key grade as a verdict's facts: the key's points with their statuses and the candidate's
words, the misconceptions stated with their corrections, what else was noticed (don't-know,
another question answered, a bare list of terms) and the first core point a follow-up can dig
into. The interview words them (`interview/explain.py`), from the key."""

from __future__ import annotations

import functools
import re

from interviewer.grading.keyed import KeyGrade, PointResult
from interviewer.grading.keymatch import fold_text
from interviewer.types.answer_key import AnswerKey
from interviewer.types.bands import SCORE_BANDS
from interviewer.types.verdict import (
    Finding,
    Gap,
    KeyPoint,
    Label,
    PointStatus,
    Reference,
    StatedMisconception,
    Verdict,
)
from interviewer.vocabulary.cjk import CJK_CHAR
from interviewer.vocabulary.glossary import concepts_in
from interviewer.vocabulary.relations import relation_words

KEYED_CONFIDENCE = 0.9
"""How much a grade against a reviewed key is to be trusted (a retrieved passage gets less)."""


def status_of(result: PointResult) -> PointStatus:
    if result.misconception is not None:
        return PointStatus.CONTRADICTED
    if result.covered:
        return PointStatus.COVERED
    if result.partial:
        return PointStatus.PARTIAL
    return PointStatus.MISSING


NAMED_CHARS = 2
"""The fewest characters of matched and of named words worth quoting back (not a lone 混)."""


NAMED_TERM_CHARS = 3
"""The fewest characters of a Chinese wording that names a term on its own (遗忘门, 过采样; not
直接, 太大 or 特征 said in passing)."""
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")


@functools.cache
def _english_relations() -> frozenset[str]:
    """The English relation words of both relation rules: what ties terms, never a term."""
    return frozenset((*relation_words("stuffing").english, *relation_words("keyword_list").english))


def _names_a_term(words: str, phrase: str) -> bool:
    """Whether the words that matched a concept name a term worth quoting back: a concept of the
    glossary, a Chinese wording long enough to be a term, or an English term: capitalised or with
    a digit (ReLU, L2), or said inside Chinese ("relu现在用得多"), never a relation word ("use").
    A lower-case word of an English sentence is too often plain English ("between", "features").
    "最直接就是gradient clipping" matched 直接 of "attention 直接连接任意两个位置": quoting it
    back as naming that point tells the candidate they said what they did not."""
    if concepts_in(words) or len(CJK_CHAR.findall(words)) >= NAMED_TERM_CHARS:
        return True
    mixed = bool(CJK_CHAR.search(phrase))
    return any(
        len(w) >= 2 and w.lower() not in _english_relations() and (mixed or w != w.lower())
        for w in _LATIN_WORD.findall(words)
    )


def _named(result: PointResult, question: str) -> str:
    """The words of a missed point the answer did say, when they name a term (`_names_a_term`)
    and are worth quoting back: not what the question itself names ("local minima" to a question
    on 局部最优), and never beside a false claim ("L2 稀疏，L1 变小" said its 变小 of the other
    side)."""
    if not any(_names_a_term(w, result.evidence) for w in result.concept_words):
        return ""
    matched = result.match.end - result.match.start if result.match.said else 0
    said = result.evidence.strip() if matched >= NAMED_CHARS else ""  # not a lone 拼 of 拼接
    if said.endswith("…"):  # a quote cut mid-phrase ("相加 U…"): the words before the cut
        said = said[:-1].rsplit(" ", 1)[0].strip()
    if len(said) < NAMED_CHARS or fold_text(said) in fold_text(question):
        return ""
    concepts = set(concepts_in(said))
    if concepts and concepts <= set(concepts_in(question)):
        return ""
    return said[:80]


def key_verdict(
    grade: KeyGrade,
    *,
    references: list[Reference],
    grader: str,
    findings: list[Finding] | None = None,
) -> Verdict:
    """The verdict for `grade`; labels follow the score bands the rest of the app uses."""
    findings = list(findings or [])
    points = [
        KeyPoint(
            text=r.point.text,
            status=status,
            # a missing point quotes nothing: "✗ missing … ← 快" read as if 快 had been credited
            evidence=(
                r.claim_words or (r.evidence if status is not PointStatus.MISSING else "")
            )[:200],
            named=(
                _named(r, grade.key.question)
                if status is PointStatus.MISSING and not grade.misconceptions
                else ""
            ),
            weight=1.0 if r.point.core else 0.5,
        )
        for r, status in ((r, status_of(r)) for r in grade.results)
    ]
    if grade.verdict != "graded":  # a bare list names points without making them: none counts
        points = [
            p.model_copy(update={"status": PointStatus.MISSING, "evidence": "", "named": ""})
            for p in points
        ]
    stated = [
        StatedMisconception(
            claim=r.misconception.claim,
            said=r.claim_words,
            correction=r.misconception.correction,
            central=r.misconception.central,
            point=r.point.text,
        )
        for r in grade.misconceptions
        if r.misconception is not None
    ]
    if grade.verdict == "dont_know":
        findings = findings or [Finding(kind="key_dont_know")]
    elif grade.verdict == "off_topic" and grade.other is not None:
        other = grade.other.question or grade.other.ids[0]
        findings.append(Finding(kind="key_off_topic", values={"other": other}))
    elif grade.verdict == "keyword_list":
        findings.append(Finding(kind="key_keyword_list"))
    elif grade.share == 0 and not stated:
        findings.append(Finding(kind="key_nothing"))
    elif "brief" in grade.caps:
        findings.append(Finding(kind="key_brief"))
    elif "thin" in grade.caps:
        findings.append(Finding(kind="key_thin"))
    gap = _gap(grade)
    where = _index(references, grade.key)
    return Verdict(
        score=grade.score,
        label=_label(grade),
        points=points,
        misconceptions=stated,
        references=references,
        grader=grader,
        confidence=KEYED_CONFIDENCE,
        basis="key",
        findings=findings,
        gap=(
            Gap(point=gap.point.text, status=status_of(gap), reference=where)
            if gap is not None
            else None
        ),
    )


def _label(grade: KeyGrade) -> Label:
    """The same bands as the LLM grader's rule (scoring.py): both grade by points, not a fit."""
    if grade.verdict == "dont_know":
        return Label.EMPTY
    if grade.verdict == "off_topic":
        return Label.OFF_TOPIC
    if "central" in grade.caps:
        return Label.CONTRADICTS
    return Label(SCORE_BANDS.label(round(grade.score, 1)))


def _gap(grade: KeyGrade) -> PointResult | None:
    """The core point an interviewer would dig into: a contradicted one first, then a missed one,
    then a half-made one; only points the key writes a follow-up question for. A brief answer
    made every core point in a sentence or two: the interviewer asks it to go deeper, on the
    bonus point it came nearest (the largest share of its concepts named; the key's order
    breaks ties), so the question follows where the candidate was heading."""
    if grade.verdict != "graded":
        return None
    for wanted in (PointStatus.CONTRADICTED, PointStatus.MISSING, PointStatus.PARTIAL):
        for r in grade.results:
            if r.point.core and r.point.ask and status_of(r) is wanted:
                return r
    if "brief" in grade.caps:
        bonus = [r for r in grade.results if not r.point.core and r.point.ask and not r.covered]
        return max(bonus, key=lambda r: r.match.said / max(r.match.groups, 1), default=None)
    return None


def _index(references: list[Reference], key: AnswerKey) -> int:
    """Which reference carries `key` (the first keyed one when it is a copy)."""
    keyed = [i for i, r in enumerate(references) if r.key is not None]
    return next((i for i in keyed if references[i].key is key), keyed[0] if keyed else 0)
