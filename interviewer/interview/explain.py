"""What the candidate reads about a graded answer, worded from the grader's facts.

A grader returns facts: point statuses and evidence, the misconceptions stated, a score and label,
what else it noticed (`Verdict.findings`) and the biggest gap (`Verdict.gap`). Here they become
the feedback, the model answer, the follow-up question and the notes, in the question's language,
from the catalogue (`interviewer.wording`): for a keyed question from the answer key (its points,
its follow-up questions, its model answer), else from the reference passages. An LLM's own words
(`basis == "given"`) stand as the model wrote them. The interview engine and `interviewer grade`
both call `explain`, so a verdict reads the same on every screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from interviewer.grading.gates import GATES
from interviewer.grading.text import clean_text, is_cjk
from interviewer.interview.followup import FOLLOW_UP_LABELS, point_question
from interviewer.types.answer_key import AnswerKey
from interviewer.types.verdict import (
    Finding,
    KeyPoint,
    Label,
    PointStatus,
    Reference,
    Verdict,
)
from interviewer.vocabulary.cjk import CJK_CHAR
from interviewer.wording import INTERFACE_ZH, say

KEY_MODEL_ANSWER_CHARS = 260
"""A key's written reference up to this long is its model answer; else its core points."""
MODEL_ANSWER_CHARS = 240
"""The model answer cut from a reference passage's points (or its opening)."""
SHOWN_REFERENCE_CHARS = 400
"""A skipped question's model answer: the reference's opening, this long."""
FEEDBACK_POINTS = 3
"""Key points named in one feedback sentence."""
DONT_KNOW_FINDINGS = frozenset({"dont_know", "key_dont_know"})
"""Findings that the answer says it doesn't know: worded as the 不会 key's verdict is."""
DONT_KNOW_CONFIDENCE = 1.0
"""How sure a don't-know verdict is, pressed (不会 key) or typed: nothing was answered to doubt
(a typed 不知道 showed 置信度 90%, the key 100%, for the same verdict)."""


def explain(verdict: Verdict, question: str) -> Verdict:
    """`verdict` with the words a candidate reads, for `question` (the text it was graded on):
    notes from its findings, and unless the grader worded it itself, the feedback, model answer
    and follow-up question from its facts."""
    zh = speaks_chinese(question)
    notes = [*verdict.notes, *(_note(f, verdict, zh) for f in verdict.findings)]
    words: dict[str, object] = {"notes": notes, "findings": [], "basis": "given"}  # worded once
    key = next((r.key for r in verdict.references if r.key is not None), None)
    if said_dont_know(verdict):  # typed or keyed, it reads as the 不会 key's verdict (`skipped`)
        words |= {
            "feedback": say("dont_know_feedback", zh),
            "model_answer": shown_answer(verdict.references),
            "follow_up": None,
            "follow_up_point": None,
            "confidence": DONT_KNOW_CONFIDENCE,
        }
    elif verdict.basis == "key" and key is not None:
        words |= _key_words(verdict, key, zh)
    elif verdict.basis == "reference":
        words |= _reference_words(verdict, question, zh)
    return verdict.model_copy(update=words)


def said_dont_know(verdict: Verdict) -> bool:
    """Whether the grader read the answer as "I don't know" (a finding; gone once worded)."""
    return any(f.kind in DONT_KNOW_FINDINGS for f in verdict.findings)


def speaks_chinese(question: str) -> bool:
    """Whether the verdict is worded in Chinese: a question with any Chinese in it is asked in
    Chinese, however many English terms it names ("解释 ROI Pooling 和 ROI Align" has more Latin
    letters than Chinese characters); one in English is answered in English."""
    return bool(CJK_CHAR.search(clean_text(question)))


def skipped(
    references: list[Reference], points: Sequence[str], grader: str, *, dont_know: bool
) -> Verdict:
    """The verdict of a question passed over (or answered 不知道): no score, what to study."""
    return Verdict(
        score=0.0,
        label=Label.EMPTY,
        points=[KeyPoint(text=p, status=PointStatus.MISSING) for p in points],
        feedback=say("dont_know_feedback" if dont_know else "skipped_feedback", INTERFACE_ZH),
        model_answer=shown_answer(references),
        references=references,
        grader=grader,
        confidence=DONT_KNOW_CONFIDENCE,
        notes=[say("said_dont_know" if dont_know else "skipped", INTERFACE_ZH)],
    )


def not_graded(references: list[Reference], grader: str, answer: str, why: str) -> Verdict:
    """The verdict of an answer the grader failed on: saved, scored 0, and says why."""
    return Verdict(
        score=0.0,
        label=Label.EMPTY if not answer.strip() else Label.INCORRECT,
        references=references,
        model_answer=shown_answer(references),
        grader=grader,
        confidence=0.0,
        notes=[say("not_graded", INTERFACE_ZH, why=why)],
    )


def shown_answer(references: list[Reference]) -> str:
    """What to study when there is no grade to word: the key's model answer, or the first
    reference's opening."""
    if not references:
        return ""
    if references[0].key is not None:
        return key_model_answer(references[0].key)
    text = references[0].text.strip()
    if len(text) <= SHOWN_REFERENCE_CHARS:
        return text
    return text[:SHOWN_REFERENCE_CHARS].rstrip() + "…"


def key_model_answer(key: AnswerKey) -> str:
    """The key's points said as one short spoken answer (its written reference when it has one
    and is short enough)."""
    if key.reference and len(key.reference.strip()) <= KEY_MODEL_ANSWER_CHARS:
        return " ".join(key.reference.split())
    text = ""
    for point in key.core_points:
        nxt = (
            f"{text}{point.text}"
            if not text
            else f"{text}{'' if text.endswith(('。', '.')) else '。'}{point.text}"
        )
        if len(nxt) > KEY_MODEL_ANSWER_CHARS and text:
            break
        text = nxt
    return text


# --- notes ------------------------------------------------------------------------------------


def _note(finding: Finding, verdict: Verdict, zh: bool) -> str:
    values = finding.values
    if finding.kind in DONT_KNOW_FINDINGS:  # the note the 不会 key leaves, so both read alike
        return say("said_dont_know", zh)
    if finding.kind == "fallback":  # says what graded instead: the answer key, or similarity
        why = say(str(values["cause"]), zh, why=values["why"])
        how = "graded_by_key" if verdict.basis == "key" else "graded_by_similarity"
        return say("fallback", zh, why=why, how=say(how, zh))
    return say(finding.kind, zh, **values)


# --- against an answer key --------------------------------------------------------------------


def _key_words(verdict: Verdict, key: AnswerKey, zh: bool) -> dict[str, object]:
    """Feedback that never asks for what was said, the key's own follow-up question for the gap
    and the key's model answer."""
    follow_up = follow_up_point = None
    gap = verdict.gap
    if gap is not None and verdict.label in FOLLOW_UP_LABELS:
        point = next((p for p in key.points if p.text == gap.point), None)
        if point is not None and point.ask:
            follow_up, follow_up_point = point.ask, point.text
    return {
        "feedback": _key_feedback(verdict, key, zh),
        "model_answer": key_model_answer(key),
        "follow_up": follow_up,
        "follow_up_point": follow_up_point,
    }


def _key_feedback(verdict: Verdict, key: AnswerKey, zh: bool) -> str:
    sep = "；" if zh else "; "
    end = "。" if zh else "."

    def listing(texts: list[str]) -> str:
        return sep.join(t.rstrip("。.；; ") for t in texts)

    # the misconceptions are shown on their own (Verdict.misconceptions)
    if verdict.label in (Label.EMPTY, Label.OFF_TOPIC):  # a don't-know, another question
        return say("key_add", zh, points=listing([p.text for p in key.core_points])) + end
    statuses = {p.text: p.status for p in verdict.points}
    corrected = {m.point for m in verdict.misconceptions}

    def status(text: str) -> PointStatus:
        found = statuses.get(text, PointStatus.MISSING)
        if found is PointStatus.CONTRADICTED and text not in corrected:
            return PointStatus.MISSING  # contradicted with no known misconception to show
        return found

    named = {p.text: p.named for p in verdict.points if p.named}

    def to_add(texts: list[str], wording: str) -> list[str]:
        """One sentence for the points not touched, one each for those named but not made."""
        untouched = [t for t in texts if t not in named]
        out = [say(wording, zh, points=listing(untouched)) + end] if untouched else []
        for text in (t for t in texts if t in named):
            out.append(say("key_named", zh, named=named[text], points=text.rstrip("。.")) + end)
        return out

    missing = [p.text for p in key.points if p.core and status(p.text) is PointStatus.MISSING]
    partial = [p.text for p in key.points if p.core and status(p.text) is PointStatus.PARTIAL]
    parts: list[str] = []
    if missing:
        parts += to_add(missing[:FEEDBACK_POINTS], "key_add")
    if partial:
        parts.append(say("key_partial", zh, points=listing(partial[:FEEDBACK_POINTS])) + end)
    listed = any(f.kind == "key_keyword_list" for f in verdict.findings)  # named, not made
    if not missing and not partial and not verdict.misconceptions and not listed:
        parts.append(say("key_all_core", zh))
        bonus = [
            p.text for p in key.points if not p.core and status(p.text) is PointStatus.MISSING
        ]
        if bonus:
            parts += to_add(bonus[:2], "key_bonus")
    return ("" if zh else " ").join(parts)


# --- against reference passages ---------------------------------------------------------------


def _reference_words(verdict: Verdict, question: str, zh: bool) -> dict[str, object]:
    """Feedback on the reference's points, a model answer cut from them and a follow-up question
    about one missed point, as a key's follow-up is (`followup.point_question`): the biggest gap
    first, else the next missed point a question can be put from. A gated or off-topic answer
    gets the points to study and no follow-up; a correct one no follow-up."""
    gated = verdict.label is Label.OFF_TOPIC or any(f.kind in GATES for f in verdict.findings)
    best = verdict.references[0].text if verdict.references else ""
    follow_up = follow_up_point = None
    if not gated and verdict.label in FOLLOW_UP_LABELS:
        asked = clean_text(question)
        for point in _follow_up_candidates(verdict):
            follow_up = point_question(
                point.text,
                asked,
                zh=zh,
                contradicted=point.status is PointStatus.CONTRADICTED,
                said=point.evidence,
            )
            if follow_up:
                follow_up_point = point.text
                break
    return {
        "feedback": _reference_feedback(zh, verdict.points, gated),
        "model_answer": _reference_model_answer(best, [p.text for p in verdict.points]),
        "follow_up": follow_up,
        "follow_up_point": follow_up_point,
    }


def _follow_up_candidates(verdict: Verdict) -> list[KeyPoint]:
    """The points a follow-up may be about, in the order tried: the grader's biggest gap, then
    the points got wrong, missed and half made."""
    shown = {p.text: p for p in verdict.points}
    found: list[KeyPoint] = []
    if verdict.gap is not None:
        gap = verdict.gap
        found.append(shown.get(gap.point) or KeyPoint(text=gap.point, status=gap.status))
    order = (PointStatus.CONTRADICTED, PointStatus.MISSING, PointStatus.PARTIAL)
    found += [p for status in order for p in verdict.points if p.status is status]
    return list({p.text: p for p in found}.values())


def _reference_feedback(zh: bool, points: list[KeyPoint], gated: bool) -> str:
    missing = [p.text for p in points if p.status is PointStatus.MISSING]
    partial = [p.text for p in points if p.status is PointStatus.PARTIAL]
    wrong = [p.text for p in points if p.status is PointStatus.CONTRADICTED]
    sep = "；" if zh else "; "
    parts: list[str] = []
    if wrong:
        parts.append(say("feedback_contradicted", zh, points=sep.join(wrong[:3])))
    if gated:
        shown = sep.join(p.text for p in points[:5])
        parts.append(say("feedback_reference_points", zh, points=shown))
    else:
        if missing:
            parts.append(say("feedback_add", zh, points=sep.join(missing[:4])))
        if partial:
            parts.append(say("feedback_specific", zh, points=sep.join(partial[:3])))
        if not (missing or partial or wrong):
            parts.append(say("feedback_complete", zh))
    return " ".join(parts)


def _reference_model_answer(
    reference: str, points: Sequence[str] = (), limit: int = MODEL_ANSWER_CHARS
) -> str:
    """A short answer to show after grading: the reference's clean key points (no section
    numbering or sub-headings) when there are any, else the reference's opening."""
    if points:
        sep = "；" if is_cjk(reference) else "; "
        text = ""
        for point in points:
            nxt = f"{text}{sep}{point}" if text else point
            if len(nxt) > limit:
                break
            text = nxt
        if text:
            return text + ("。" if is_cjk(reference) else ".")
    text = clean_text(reference).replace("\n", " ")
    if len(text) <= limit:
        return text
    cut = max(text.rfind(c, 0, limit) for c in "。；;.!?！？")
    return text[: cut + 1] if cut > limit // 3 else text[:limit] + "…"
