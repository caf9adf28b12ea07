"""A key grade as a verdict: the key's points with their statuses and the candidate's words,
misconceptions named with their corrections, feedback that never asks for what was said, the
key's own follow-up question for the first missed core point, and the key's model answer."""

from __future__ import annotations

from interviewer.grading.keyed import KeyGrade, PointResult
from interviewer.types.answer_key import AnswerKey
from interviewer.types.bands import SCORE_BANDS
from interviewer.types.verdict import (
    KeyPoint,
    Label,
    PointStatus,
    Reference,
    StatedMisconception,
    Verdict,
)
from interviewer.wording import say

MODEL_ANSWER_CHARS = 260
KEYED_CONFIDENCE = 0.9
"""How much a grade against a reviewed key is to be trusted (a retrieved passage gets less)."""
FEEDBACK_POINTS = 3


def status_of(result: PointResult) -> PointStatus:
    if result.misconception is not None:
        return PointStatus.CONTRADICTED
    if result.covered:
        return PointStatus.COVERED
    if result.partial:
        return PointStatus.PARTIAL
    return PointStatus.MISSING


def key_verdict(
    grade: KeyGrade,
    *,
    zh: bool,
    references: list[Reference],
    grader: str,
    notes: list[str] | None = None,
) -> Verdict:
    """The verdict for `grade`; labels follow the score bands the rest of the app uses."""
    notes = list(notes or [])
    points = [
        KeyPoint(
            text=r.point.text,
            status=status_of(r),
            evidence=(r.claim_words or (r.evidence if r.match.said else ""))[:200],
            weight=1.0 if r.point.core else 0.5,
        )
        for r in grade.results
    ]
    if grade.verdict != "graded" and grade.verdict != "keyword_list":
        points = [
            p.model_copy(update={"status": PointStatus.MISSING, "evidence": ""}) for p in points
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
    label = _label(grade)
    if grade.verdict == "dont_know":
        notes = notes or [say("key_dont_know", zh)]
    elif grade.verdict == "off_topic" and grade.other is not None:
        notes.append(say("key_off_topic", zh, other=grade.other.question or grade.other.ids[0]))
    elif grade.verdict == "keyword_list":
        notes.append(say("key_keyword_list", zh))
    elif grade.share == 0 and not stated:
        notes.append(say("key_nothing", zh))
    asked = (
        _follow_up_point(grade)
        if label in (Label.PARTIAL, Label.INCORRECT, Label.CONTRADICTS)
        else None
    )
    return Verdict(
        score=grade.score,
        label=label,
        points=points,
        misconceptions=stated if grade.verdict == "graded" or stated else [],
        feedback=_feedback(grade, stated, zh),
        model_answer=model_answer(grade.key),
        follow_up=asked.ask if asked is not None else None,
        follow_up_point=asked.text if asked is not None else None,
        references=references,
        grader=grader,
        confidence=KEYED_CONFIDENCE,
        notes=notes,
    )


def _label(grade: KeyGrade) -> Label:
    """The same bands as the LLM grader's rule (scoring.py): both grade by points, not a fit."""
    if grade.verdict == "dont_know":
        return Label.EMPTY
    if grade.verdict == "off_topic":
        return Label.OFF_TOPIC
    if "central" in grade.caps:
        return Label.CONTRADICTS
    shown = round(grade.score, 1)
    if shown >= SCORE_BANDS.correct_at:
        return Label.CORRECT
    if shown >= SCORE_BANDS.partial_at:
        return Label.PARTIAL
    return Label.INCORRECT


def _follow_up_point(grade: KeyGrade):  # noqa: ANN202 - AnswerPoint | None
    """The core point an interviewer would dig into: a contradicted one first, then a missed one,
    then a half-made one; only points with a question written for them."""
    if grade.verdict != "graded":
        return None
    for wanted in ("contradicted", "missing", "partial"):
        for r in grade.results:
            if not r.point.core or not r.point.ask:
                continue
            status = status_of(r)
            if status.value == wanted:
                return r.point
    return None


def _feedback(grade: KeyGrade, stated: list[StatedMisconception], zh: bool) -> str:
    sep = "；" if zh else "; "
    end = "。" if zh else "."

    def listing(texts: list[str]) -> str:
        return sep.join(t.rstrip("。.；; ") for t in texts)

    parts: list[str] = []  # the misconceptions are shown on their own (Verdict.misconceptions)
    if grade.verdict in ("dont_know", "off_topic"):
        core = [p.text for p in grade.key.core_points]
        parts.append(say("key_add", zh, points=listing(core)) + end)
        return " ".join(parts) if not zh else "".join(parts)
    missing = [
        r.point.text for r in grade.results if r.point.core and status_of(r) is PointStatus.MISSING
    ]
    partial = [
        r.point.text for r in grade.results if r.point.core and status_of(r) is PointStatus.PARTIAL
    ]
    if missing:
        parts.append(say("key_add", zh, points=listing(missing[:FEEDBACK_POINTS])) + end)
    if partial:
        parts.append(say("key_partial", zh, points=listing(partial[:FEEDBACK_POINTS])) + end)
    if not missing and not partial and not stated:
        parts.append(say("key_all_core", zh))
        bonus = [
            r.point.text
            for r in grade.results
            if not r.point.core and status_of(r) is PointStatus.MISSING
        ]
        if bonus:
            parts.append(say("key_bonus", zh, points=listing(bonus[:2])) + end)
    return ("" if zh else " ").join(parts)


def model_answer(key: AnswerKey) -> str:
    """The key's points said as one short spoken answer (its written reference when it has one
    and is short enough)."""
    if key.reference and len(key.reference.strip()) <= MODEL_ANSWER_CHARS:
        return " ".join(key.reference.split())
    text = ""
    for point in key.core_points:
        nxt = (
            f"{text}{point.text}"
            if not text
            else f"{text}{'' if text.endswith(('。', '.')) else '。'}{point.text}"
        )
        if len(nxt) > MODEL_ANSWER_CHARS and text:
            break
        text = nxt
    return text
