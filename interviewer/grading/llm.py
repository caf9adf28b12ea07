"""The LLM grader: the model judges each key point of the reference, a fixed rule scores them.

Key points come from the references (extracted once per question by the model and cached, or
split into sentences when extraction fails). The answer is fenced as untrusted data (prompt.py),
quoted evidence must really be in the answer, and the score follows from the point statuses
(scoring.py). Failures raise LLMError subclasses; FallbackGrader (service.py) turns them into a
similarity verdict, so this class never has to hide an error."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from interviewer.grading import gates, prompt, scoring
from interviewer.grading.directives import strip_directives
from interviewer.grading.keyed import CENTRAL_CAP, KeyGrade, PointResult, share_of
from interviewer.grading.keymatch import ConceptMatch
from interviewer.grading.keypoint_cache import KeypointCache, cache_key
from interviewer.grading.keyverdict import key_verdict
from interviewer.grading.segments import RAW_ANSWER_CHARS
from interviewer.llm.client import LLMBadOutput, LLMClient
from interviewer.llm.jsonparse import parse_json_object
from interviewer.types.answer_key import AnswerKey
from interviewer.types.verdict import Finding, KeyPoint, Label, PointStatus, Reference, Verdict

log = logging.getLogger(__name__)

MAX_TEXT = 2000
"""Longest feedback / model answer kept from the model."""


class _ExtractedPoint(BaseModel):
    text: str
    weight: float = 1.0


class _Extraction(BaseModel):
    points: list[_ExtractedPoint]


class _JudgedPoint(BaseModel):
    id: int
    status: PointStatus
    evidence: str = ""

    @field_validator("status", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("evidence", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return "" if value is None else value


class _Judgement(BaseModel):
    model_config = ConfigDict(protected_namespaces=())

    points: list[_JudgedPoint]
    off_topic: bool = False
    feedback: str = ""
    model_answer: str = ""
    follow_up: str | None = None

    @field_validator("feedback", "model_answer", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return "" if value is None else value


_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|\n|(?<=[a-z0-9)][.])\s+")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)、]|[（(]?\d+[)）]|[一二三四五六七八九十]+[、.])\s*")


def sentence_points(references: Sequence[str]) -> list[KeyPoint]:
    """Key points as reference sentences, when the model cannot extract them."""
    points: list[KeyPoint] = []
    seen: set[str] = set()
    for text in references:
        for piece in _SENTENCE_END.split(text):
            sentence = _BULLET.sub("", piece or "").strip()
            key = scoring.normalise(sentence)
            if len(key) < 6 or key in seen:
                continue
            seen.add(key)
            points.append(KeyPoint(text=sentence[:300], status=PointStatus.MISSING))
            if len(points) == prompt.MAX_POINTS:
                return points
    return points


class LLMGrader:
    """Grades with a chat model on any OpenAI-compatible server (see interviewer.llm.client)."""

    def __init__(
        self,
        client: LLMClient,
        cache: KeypointCache | None = None,
        *,
        nonce: Callable[[], str] = prompt.new_nonce,
        grade_timeout: float | None = None,
    ) -> None:
        self.client = client
        self.cache = cache
        self.grade_timeout = grade_timeout
        """Wall-clock seconds for one grade, all its calls and retries included (None: only
        each call's own bound); past it the grade fails and the fallback grades instead."""
        self.name = f"llm:{client.model}"
        self._nonce = nonce

    def grade(self, question: str, answer: str, references: Sequence[Reference]) -> Verdict:
        refs = list(references)
        texts = [r.text for r in refs if r.text.strip()]
        gate = gates.text_gate(
            question, answer, texts
        )  # the same "不知道"/empty rules as similarity
        if gate is not None:
            return Verdict(
                score=gate.score,
                label=gate.label,
                grader=self.name,
                confidence=0.9,
                references=refs,
                findings=[Finding(kind=gate.reason)],
            )
        key = next((r.key for r in refs if r.key is not None), None)
        with self.client.budget(self.grade_timeout):
            if key is not None:  # the key is the rubric: its points, its known false claims
                points, source = key_rubric(key), "key"
                claims = [[m.claim for m in p.misconceptions] for p in key.points]
            else:
                points, source = self.key_points(question, texts)
                claims = []
            judgement = self._judge(question, points, answer, claims)

        judged = {p.id: p for p in reversed(judgement.points)}  # first mention wins
        marked = []
        for i, point in enumerate(points, 1):
            verdict_point = judged.get(i)
            if verdict_point is None:
                marked.append(point.model_copy(update={"status": PointStatus.MISSING}))
            else:
                marked.append(
                    point.model_copy(
                        update={
                            "status": verdict_point.status,
                            "evidence": verdict_point.evidence[:500],
                        }
                    )
                )
        # Evidence must be the candidate's own words: not a line addressed to the grader, nor
        # the reference pasted back as someone else's ("参考答案原文是：“…”").
        own, _ = strip_directives(answer[:RAW_ANSWER_CHARS])  # the model saw less than this
        checked, downgraded = scoring.verify_evidence(marked, own, prompt.shown_answer(own))
        checked, slight = scoring.vet_quotes(checked)
        clean = self.client.redact  # again after parsing: a JSON-escaped key is plain text now
        checked = [
            p.model_copy(update={"text": clean(p.text), "evidence": clean(p.evidence)})
            for p in checked
        ]
        expected = next((r.expected_points for r in refs if r.expected_points), None)
        score = scoring.score_points(checked, expected)
        label = scoring.label_for(checked, score, off_topic=judgement.off_topic)
        if key is not None:
            return keyed_llm_verdict(key, checked, score, label, refs, self.name)

        findings: list[Finding] = []
        confidence = 0.8
        if len(prompt.neutralise(answer)) > prompt.MAX_ANSWER_CHARS:
            limit = prompt.MAX_ANSWER_CHARS
            findings.append(Finding(kind="llm_truncated", values={"limit": limit}))
        if not texts:
            findings.append(Finding(kind="llm_no_reference"))
            confidence = 0.4
        elif source == "sentences":
            findings.append(Finding(kind="llm_sentence_points"))
            confidence = 0.6
        if downgraded:
            findings.append(Finding(kind="llm_unquoted", values={"count": downgraded}))
            confidence = max(0.2, confidence - 0.1 * downgraded)
        if slight:
            findings.append(Finding(kind="llm_thin_quotes", values={"count": slight}))
            confidence = max(0.2, confidence - 0.1 * slight)
        follow_up = clean((judgement.follow_up or "").strip()) or None
        return Verdict(
            score=score,
            label=label,
            points=checked,
            feedback=clean(judgement.feedback.strip())[:MAX_TEXT],
            model_answer=clean(judgement.model_answer.strip())[:MAX_TEXT],
            follow_up=follow_up[:500] if follow_up else None,
            references=refs,
            grader=self.name,
            confidence=round(confidence, 2),
            findings=findings,
        )

    def prepare(self, question: str, references: Sequence[Reference]) -> None:
        """Nothing to warm: the rubric is extracted (and cached) when the first answer comes."""

    def key_points(self, question: str, references: Sequence[str]) -> tuple[list[KeyPoint], str]:
        """The rubric and where it came from: 'cache', 'llm' or 'sentences'."""
        key = cache_key(question, references, self.client.model)
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached:
                return cached, "cache"
        try:
            raw = self.client.chat_json(
                prompt.extraction_messages(question, references),
                "key_points",
                prompt.EXTRACTION_SCHEMA,
                max_tokens=1200,
            )
            extraction = _Extraction.model_validate(parse_json_object(raw))
            for point in extraction.points:
                point.text = self.client.redact(point.text)
            points = _clean_points(extraction)
            if not points:
                raise LLMBadOutput("no key points extracted")
        except (LLMBadOutput, ValidationError) as exc:
            reason = exc if isinstance(exc, LLMBadOutput) else "invalid key-point JSON"
            log.warning("key-point extraction failed (%s); splitting references instead", reason)
            points = sentence_points(references)
            if not points:
                raise LLMBadOutput(
                    "no key points: extraction failed and no reference text"
                ) from None
            return points, "sentences"
        if self.cache is not None:
            self.cache.put(key, points)
        return points, "llm"

    def _judge(
        self,
        question: str,
        points: Sequence[KeyPoint],
        answer: str,
        claims: Sequence[Sequence[str]] = (),
    ) -> _Judgement:
        messages = prompt.grading_messages(question, points, answer, self._nonce(), claims)
        raw = self.client.chat_json(messages, "verdict", prompt.VERDICT_SCHEMA, max_tokens=2000)
        try:
            return _Judgement.model_validate(parse_json_object(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ())) or "verdict"
            raise LLMBadOutput(f"invalid verdict JSON ({where}: {first.get('msg')})") from None


def key_rubric(key: AnswerKey) -> list[KeyPoint]:
    """The key's points as the rubric the model judges (bonus points weigh half)."""
    return [
        KeyPoint(text=p.text, status=PointStatus.MISSING, weight=1.0 if p.core else 0.5)
        for p in key.points
    ]


def keyed_llm_verdict(
    key: AnswerKey,
    points: list[KeyPoint],
    score: float,
    label: Label,
    refs: list[Reference],
    grader: str,
) -> Verdict:
    """The model's point statuses scored like an offline key grade, to be worded from the key:
    a contradicted point is the key's misconception (its correction shown), a central one fails
    the answer, and the follow-up and model answer are the key's, not the model's words."""
    results = []
    for point, judged in zip(key.points, points, strict=True):
        status = judged.status
        wrong = (
            point.misconceptions[0]
            if status is PointStatus.CONTRADICTED and point.misconceptions
            else None
        )
        match = ConceptMatch(
            len(point.concepts),
            len(point.concepts)
            if status is PointStatus.COVERED
            else max(2, len(point.concepts) - 1)
            if status is PointStatus.PARTIAL
            else 0,
        )
        results.append(
            PointResult(point, match, judged.evidence, wrong, judged.evidence if wrong else "")
        )
    grade = KeyGrade(key, results, share_of(key, results), score, "graded")
    if any(r.misconception is not None and r.misconception.central for r in results):
        grade.score, grade.caps = min(score, CENTRAL_CAP), ["central"]
    elif label is Label.OFF_TOPIC:
        grade.verdict = "off_topic"
    verdict = key_verdict(grade, references=refs, grader=grader)
    return verdict.model_copy(update={"points": points} if grade.verdict == "graded" else {})


def _clean_points(extraction: _Extraction) -> list[KeyPoint]:
    points: list[KeyPoint] = []
    seen: set[str] = set()
    for p in extraction.points:
        text = " ".join(p.text.split())[:300]
        key = scoring.normalise(text)
        if not key or key in seen:
            continue
        seen.add(key)
        weight = min(2.0, max(0.5, p.weight))
        points.append(KeyPoint(text=text, weight=weight, status=PointStatus.MISSING))
    return points[: prompt.MAX_POINTS]
