"""The offline grader: how much of each reference's key points the answer covers, measured with
the real embedding model plus a lexical signal, mapped to 0..10 by a calibration fitted on
human-graded answers.

Limits, stated plainly: similarity measures topic and wording, not truth. Negation ("Adam 不需要
偏置修正") is caught only by a rule (negation words on one side of a matched point but not the
other); a wrong claim worded like the reference without a negation word, a wrong number, or a
swapped cause and effect can still look covered. A verdict says so where it matters
(`needs_truth_caveat`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from interviewer.errors import GradingError
from interviewer.grading import gates
from interviewer.grading.batching import plan_batches
from interviewer.grading.calibration import Calibration, load_calibration
from interviewer.grading.directives import strip_directives
from interviewer.grading.judge import AnswerJudge, sigmoid
from interviewer.grading.keyed import KeyGrade
from interviewer.grading.keyed import assess as assess_key
from interviewer.grading.keyed import grade as grade_by_key
from interviewer.grading.keyed import warm as warm_key
from interviewer.grading.keypoints import reference_points
from interviewer.grading.keyverdict import key_verdict
from interviewer.grading.negation import contradicts, negations, says_opposites, states_converse
from interviewer.grading.reference_cache import ReferenceVectors, entry_key
from interviewer.grading.segments import (
    MAX_ANSWER_CHARS,
    RAW_ANSWER_CHARS,
    Segment,
    answer_segments,
)
from interviewer.grading.text import (
    SlipTolerantTerms,
    clean_text,
    content_units,
    is_cjk,
    strip_fillers,
    terms,
)
from interviewer.keys.load import KeyBook
from interviewer.types.answer_key import AnswerKey
from interviewer.types.verdict import Finding, Gap, KeyPoint, Label, PointStatus, Reference, Verdict
from interviewer.vocabulary.cjk import CJK_CHAR
from interviewer.vocabulary.glossary import concepts_in

COVERED_AT = 0.6
"""Point coverage (0..1) at or above which a point counts as covered."""
PARTIAL_AT = 0.35
"""Point coverage at or above which a point counts as partly covered."""
WEAK_REFERENCE_SIM = 0.84
"""Question-reference cosine below which a retrieved reference is probably about something else
(dev sets: a question and its own reference sit at 0.91+ in Chinese, 0.79+ in English; unrelated
Chinese text ~0.81)."""
MARGIN_LO = 0.04
"""Point margin at and below which the margin says nothing of the point; MARGIN_LO + MARGIN_SPAN:
covered outright. Chosen on the team's short-answer training set: a best-point margin of 0.055 /
0.077 / 0.101 at the 25th / 50th / 75th percentile of full-marks answers, 0.025 at the median of
answers graded 0-2 of 5; with it, full-marks answers with every point missing fall from 30% to
20%, low answers with a point covered rise from 11% to 16%."""
MARGIN_SPAN = 0.06
CONTRADICTION_CAP = 2.0
"""Highest score when what the answer says mostly contradicts the reference."""
SOME_CONTRADICTION_CAP = 5.0
"""Highest score when one matched point is contradicted but others are right."""
JUDGE_CONTRA_AT = 0.5
"""The answer judge's P(contradicts) at or above which (and above its P(correct)) the answer is
labelled as contradicting the reference."""
JUDGE_DOUBT_AT = 0.25
"""Below this P(correct), an answer whose wording covers the points gets a note saying the
judge reads it as wrong (similar words, different claim)."""
CREDITED_POINTS = 6
"""How many key points a full answer is expected to make. The calibration was fitted on references
of 1-6 points (dev sets, 90th percentile) while bank answers run to 16: a spoken answer that makes
its 6 best-covered points well must not be scored as if it missed the other 10."""
CREDITED_SHARE = 0.75
"""Weight of the best CREDITED_POINTS in the coverage features of a longer reference (the rest
still count for a quarter, so covering more never scores less)."""
LENGTH_UNITS = 60
"""Answer length (content units) that counts as long enough, however long the reference (dev-set
references: 90th percentile 33-51 units; bank answers: median 108, up to 900)."""
RECALL_TERMS = 24
"""The reference's term recall is out of at most this many terms (dev sets: 90th percentile 12-22;
bank answers: median 52)."""
_CACHE_SIZE = 1024
REFERENCE_CHARS = 600
"""A reference's whole-text vector (topic checks only) is taken from its first 600 characters:
long passages would otherwise cost a 512-token encoding each."""
CAVEAT_MARGIN = 1.5
"""A pass within this many points of the "correct" bar is one wrongly credited point away from
not being a pass."""
TRUSTED_CONFIDENCE = 0.75
"""Confidence of a verdict measured against the question's own bank answer or the user's
reference."""


def needs_truth_caveat(label: Label, score: float, confidence: float, correct_at: float) -> bool:
    """Whether the verdict should carry the "similarity is not truth" caveat.

    The limit itself (a wrong claim worded like the reference, without a negation word, looks
    covered) holds for every verdict and the README states it once. On screen it only matters
    where it can mislead: when the candidate is told "correct". A low or partial score already
    sends them back to the reference, so the caveat there is noise. Among passes it is shown
    when one wrongly credited point could be what made it a pass (score within CAVEAT_MARGIN of
    the bar) or when the reference is not the question's own (a retrieved passage: moderate
    confidence), i.e. when the pass rests on little evidence.
    """
    if label is not Label.CORRECT:
        return False
    return score < correct_at + CAVEAT_MARGIN or confidence < TRUSTED_CONFIDENCE


class SymmetricEmbedder(Protocol):
    """The part of interviewer.embedding's Embedder this grader needs."""

    model_id: str

    def embed_symmetric(self, texts: list[str]) -> np.ndarray: ...


@dataclass
class _RefEntry:
    """A reference prepared once and cached by its text: points, their vectors, their terms."""

    points: list[str]
    point_vecs: np.ndarray
    whole_vec: np.ndarray
    point_terms: list[set[str]]
    all_terms: set[str]
    alternatives: bool = False
    """The points are alternative answers (keypoints.KeyPoints.alternatives)."""


@dataclass
class RefAssessment:
    """How the answer did against one reference: raw measurements, then (after `judge`) the
    calibrated features, score and each key point's status."""

    reference: Reference
    point_texts: list[str]
    point_sims: list[float]
    """Best similarity of each key point to any answer segment."""
    point_lex: list[float]
    """Share of each point's technical terms found in the answer."""
    point_evidence: list[str]
    point_contradiction: list[str]
    """The answer words that state the opposite of each point ('' when none do)."""
    point_question_sims: list[float]
    raw: dict[str, float]
    """Calibration-independent features (sem_max, lex_mean, global_sim, precision, length)."""
    question_sim: float
    features: dict[str, float] = field(default_factory=dict)
    point_margins: list[float] = field(default_factory=list)
    """Per point, how much closer its best answer segment is to it than to the question."""
    points: list[KeyPoint] = field(default_factory=list)
    score: float = 0.0
    contradicted: int = 0
    matched: int = 0
    alternatives: bool = False
    """The reference's points are alternative answers: the best-covered one is the yardstick."""
    shown: list[int] = field(default_factory=list)
    """Indices (into point_texts) of the points in `points`."""
    expected: int | None = None
    """How many points make a full answer (None: all): 1 for alternatives, or the reference's
    `expected_points`; the coverage features then take the best that many."""


@dataclass
class Assessment:
    """Everything measured about one answer, before caps and wording."""

    answer: str
    """Cleaned, filler-free, truncated answer text actually graded."""
    per_reference: list[RefAssessment]
    answer_question_sim: float
    findings: list[Finding]


class SimilarityGrader:
    """Grades by key-point coverage; never raises on bad answers (gates label them instead)."""

    name = "similarity"

    def __init__(
        self,
        embedder: SymmetricEmbedder,
        calibration: Calibration | None = None,
        answer_judge: AnswerJudge | None = None,
        keys: KeyBook | None = None,
        reference_vectors: ReferenceVectors | None = None,
    ):
        self.embedder = embedder
        self.reference_vectors = reference_vectors
        """Where references' key-point vectors are kept between runs (None: in memory only)."""
        self.keys = keys
        """Every answer key: an answer to another bank question is recognised as off-topic."""
        self.answer_judge = answer_judge
        """The learned cross-encoder (`judge.py`); None = similarity features alone."""
        self.calibration = calibration or load_calibration(judge=answer_judge is not None)
        self._cache: OrderedDict[tuple[str, str], _RefEntry] = OrderedDict()
        self._questions: OrderedDict[str, np.ndarray] = OrderedDict()
        """Question vectors: a question is asked again and again while its answers differ."""
        self._lock = threading.Lock()

    # -- public -----------------------------------------------------------------------------

    def grade(self, question: str, answer: str, references: Sequence[Reference]) -> Verdict:
        """A verdict for one answer against its references (best-matching reference wins)."""
        refs = [r for r in references if r.text and r.text.strip()]
        if not refs:
            raise GradingError(
                "no reference passages to grade against: give --reference or build the index"
            )
        question = clean_text(question)
        length = len(answer)
        answer, directives = strip_directives(answer[:RAW_ANSWER_CHARS])
        key = next((r.key for r in refs if r.key is not None), None)
        if key is not None:
            verdict = self._grade_by_key(question, answer, refs, key)
        else:
            gate = gates.text_gate(question, answer, [r.text for r in refs])
            if gate is not None:
                verdict = self._gated(question, refs, gate)
            else:
                verdict = self.judge(question, self.assess(question, answer, refs))
        if length > RAW_ANSWER_CHARS:
            verdict.findings[:] = [f for f in verdict.findings if f.kind != "truncated"]
            verdict.findings.append(_truncated(length))
        if directives:
            verdict.findings.append(Finding(kind="directives_ignored"))
        return verdict

    def _grade_by_key(
        self, question: str, answer: str, refs: list[Reference], key: AnswerKey
    ) -> Verdict:
        """Grade against the question's answer key: its points, its misconceptions, no fit."""
        text = clean_text(answer)
        findings: list[Finding] = []
        if len(text) > MAX_ANSWER_CHARS:
            findings.append(_truncated(len(text)))
            text = text[:MAX_ANSWER_CHARS]
        gate = gates.text_gate(question, text, [])
        if gate is not None and gate.reason in ("empty", "dont_know", "too_short"):
            grade = KeyGrade(key, assess_key("", key), 0.0, 0.0, "dont_know")
            findings.append(Finding(kind=gate.reason))
        else:
            grade = grade_by_key(text, key, self.keys, self._leaning)
        return key_verdict(grade, references=refs, grader=self.name, findings=findings)

    def _leaning(self, text: str, key: AnswerKey, other: AnswerKey) -> float:
        """How much nearer `text` is in meaning to `other`'s question than to `key`'s (each
        question's best wording; question vectors cached like an asked question's)."""
        own = [clean_text(q) for q in key.question.split(" / ")]
        theirs = [clean_text(q) for q in other.question.split(" / ")]
        with self._lock:
            known = {q: self._questions[q] for q in (*own, *theirs) if q in self._questions}
        todo = [q for q in dict.fromkeys((*own, *theirs)) if q not in known]
        unique = list(dict.fromkeys([text, *todo]))  # an answer may repeat a question word for word
        known.update(zip(unique, self._embed(unique), strict=True))
        self._keep_questions({q: known[q] for q in todo})
        answer = known[text]
        return max(float(answer @ known[q]) for q in theirs) - max(
            float(answer @ known[q]) for q in own
        )

    def _keep_questions(self, vectors: dict[str, np.ndarray]) -> None:
        """Cache question vectors (the oldest dropped past _CACHE_SIZE)."""
        with self._lock:
            self._questions.update(vectors)
            while len(self._questions) > _CACHE_SIZE:
                self._questions.popitem(last=False)

    def prepare(self, question: str, references: Sequence[Reference]) -> None:
        """Cut and embed the references' key points now (called while the candidate is still
        typing), so grading the answer embeds only the answer; a key's wordings are compiled."""
        key = next((r.key for r in references if r.key is not None), None)
        if key is not None:
            warm_key(key)
        texts = [r.text for r in references if r.text and r.text.strip()]
        if texts:
            question = clean_text(question)
            self._with_question(question, texts, [])

    def assess(self, question: str, answer: str, references: Sequence[Reference]) -> Assessment:
        """Measure coverage features against each reference (used by grade and by calibration)."""
        findings: list[Finding] = []
        text = clean_text(answer)
        if len(text) > MAX_ANSWER_CHARS:
            findings.append(_truncated(len(text)))
            text = text[:MAX_ANSWER_CHARS]
        core = strip_fillers(text) or text
        segments = answer_segments(core)
        seg_texts = [s.text for s in segments]
        # a segment not embedded on its own is matched through the whole answer's vector
        own_texts = [s.text if s.embedded else core for s in segments]
        entries, q_vec, vecs = self._with_question(
            question, [r.text for r in references], [core, *own_texts]
        )
        a_vec, seg_vecs = vecs[0], vecs[1:]
        all_vecs = np.vstack([a_vec[None, :], seg_vecs])  # the whole answer is a segment too
        all_texts = [core, *seg_texts]
        clause_mask = np.array([True] + [s.clause for s in segments])
        # the whole answer is one claim only when it is a single clause
        clauses = [s for s in segments if s.clause]
        whole = len(clauses) <= 1 and all(s.self_contained for s in clauses)
        claims = [("" if whole else None), *(_claim(s) for s in segments)]
        a_terms = lexical_terms(core)
        q_terms = lexical_terms(question)
        per_ref = [
            self._assess_reference(
                ref,
                entry,
                q_vec,
                a_vec,
                all_vecs,
                all_texts,
                clause_mask,
                claims,
                a_terms,
                q_terms,
                core,
            )
            for ref, entry in zip(references, entries, strict=True)
        ]
        if self.answer_judge is not None:
            self._judge_references(question, core, per_ref)
        return Assessment(core, per_ref, float(q_vec @ a_vec), findings)

    def _judge_references(self, question: str, answer: str, per_ref: list[RefAssessment]) -> None:
        """The judge's two logits as features of the references that can decide the grade (the
        question's own answers when there are any: one forward pass each, so not all of them)."""
        todo = [r for r in per_ref if _own(r)] or per_ref
        assert self.answer_judge is not None
        logits = self.answer_judge.logits([(question, r.reference.text, answer) for r in todo])
        for r, (correct, contra) in zip(todo, logits, strict=True):
            r.raw["judge"] = correct
            r.raw["judge_contra"] = contra

    # -- measuring --------------------------------------------------------------------------

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Each distinct text once, in the forward passes `batching.plan_batches` cuts (a long
        reference or the whole answer must not make twenty short clauses pay for its length)."""
        unique = list(dict.fromkeys(texts))  # a one-clause answer IS its only segment
        if not unique:
            return np.zeros((0, 0), np.float32)
        out: np.ndarray | None = None
        for idx in plan_batches(unique):
            vecs = np.asarray(self.embedder.embed_symmetric([unique[i] for i in idx]), np.float32)
            vecs = vecs.reshape(len(idx), -1)
            if out is None:
                out = np.zeros((len(unique), vecs.shape[1]), np.float32)
            out[idx] = vecs
        assert out is not None
        row = {t: i for i, t in enumerate(unique)}
        return out[[row[t] for t in texts]]

    def _with_question(
        self, question: str, texts: list[str], answer_texts: list[str]
    ) -> tuple[list[_RefEntry], np.ndarray, np.ndarray]:
        """`_references`, plus the question's vector (cached: a question is asked again and again
        while its answers differ, and `prepare` embeds it before the first answer)."""
        with self._lock:
            q_vec = self._questions.get(question)
        asked = answer_texts if q_vec is not None else [question, *answer_texts]
        entries, vecs = self._references(question, texts, asked)
        if q_vec is None:
            q_vec, vecs = vecs[0], vecs[1:]
            self._keep_questions({question: q_vec})
        return entries, q_vec, vecs

    def _references(
        self, question: str, texts: list[str], answer_texts: list[str]
    ) -> tuple[list[_RefEntry], np.ndarray]:
        """Prepared references (cached by question + text in memory, their vectors on disk) and
        the answer-side vectors: whatever is new is embedded together (`_embed`)."""
        key_of = [(question, t) for t in texts]
        with self._lock:
            known = {k: self._cache[k] for k in key_of if k in self._cache}
            for k in known:
                self._cache.move_to_end(k)
        todo = list(dict.fromkeys(k for k in key_of if k not in known))
        batch = list(answer_texts)
        cuts: list[tuple[list[str], bool, list[str], np.ndarray | None, int]] = []
        for _question, text in todo:
            cut = reference_points(text, question)
            embedded = [clean_text(text)[:REFERENCE_CHARS], *cut.points]  # opening, points
            stored = self._stored_vectors(embedded)
            cuts.append((cut.points, cut.alternatives, embedded, stored, len(batch)))
            if stored is None:
                batch += embedded
        vecs = self._embed(batch)
        q_terms = lexical_terms(question)
        for k, (points, alternatives, embedded, found, start) in zip(todo, cuts, strict=True):
            if found is None:
                found = vecs[start : start + len(embedded)]
                self._store_vectors(embedded, found)
            point_terms = []
            for p in points:
                t = lexical_terms(p)
                point_terms.append((t - q_terms) or t)
            known[k] = _RefEntry(
                points,
                found[1:],
                found[0],
                point_terms,
                set().union(*point_terms),
                alternatives,
            )
        with self._lock:
            for k in todo:
                self._cache[k] = known[k]
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return [known[k] for k in key_of], vecs[: len(answer_texts)]

    def _stored_vectors(self, texts: list[str]) -> np.ndarray | None:
        if self.reference_vectors is None:
            return None
        return self.reference_vectors.get(entry_key(self.embedder.model_id, texts), len(texts))

    def _store_vectors(self, texts: list[str], vectors: np.ndarray) -> None:
        if self.reference_vectors is not None:
            self.reference_vectors.put(entry_key(self.embedder.model_id, texts), vectors)

    def _assess_reference(
        self,
        ref: Reference,
        entry: _RefEntry,
        q_vec: np.ndarray,
        a_vec: np.ndarray,
        seg_vecs: np.ndarray,
        seg_texts: list[str],
        clause_mask: np.ndarray,
        claims: list[str | None],
        a_terms: set[str],
        q_terms: set[str],
        answer: str,
    ) -> RefAssessment:
        sims = entry.point_vecs @ seg_vecs.T  # points x segments
        asked = seg_vecs @ q_vec  # each segment's closeness to the question
        best = sims.max(axis=1)
        used = SlipTolerantTerms(a_terms)
        lex = [used.share(t) for t in entry.point_terms]
        evidence = [seg_texts[_evidence_index(row, clause_mask)] for row in sims]
        new_terms = a_terms - q_terms
        known = entry.all_terms | q_terms
        contra = _contradictions(entry, sims, seg_texts, claims, known)
        # a reference answered in full by `expected_points` of its points: length and recall are
        # out of that share of it (not for alternatives: measured on SemEval's Beetle keys, the
        # best alternative's own length and recall fitted worse than the whole key's)
        share = min(1.0, (ref.expected_points or len(entry.points)) / max(1, len(entry.points)))
        ref_units = max(1.0, share * sum(content_units(p) for p in entry.points))
        ref_terms = entry.all_terms
        recall_of = max(1.0, min(share * len(ref_terms), RECALL_TERMS))
        said = SlipTolerantTerms(a_terms - q_terms)  # not what it copied from the question
        raw = {
            "sem_max": float(best.max()),
            "whole_max": float(sims[:, 0].max()),
            "lex_recall": (
                min(1.0, sum(t in said for t in ref_terms) / recall_of) if ref_terms else 0.0
            ),
            "lex_max": max((said.share(t) for t in entry.point_terms if len(t) >= 2), default=0.0),
            "lex_mean": float(np.mean(lex)),
            "global_sim": float(entry.whole_vec @ a_vec),
            "gain": _gain(entry.whole_vec, seg_vecs, asked),
            "precision": (len(new_terms & known) / len(new_terms)) if new_terms else 0.0,
            "length": min(1.0, content_units(answer) / min(ref_units, LENGTH_UNITS)),
            "shared": float(bool(a_terms & (q_terms | entry.all_terms))),
        }
        raw["short_precise"] = raw["precision"] * (1.0 - raw["length"])
        return RefAssessment(
            reference=ref,
            point_texts=list(entry.points),
            point_sims=best.tolist(),
            point_lex=lex,
            point_evidence=evidence,
            point_contradiction=contra,
            point_question_sims=(entry.point_vecs @ q_vec).tolist(),
            point_margins=(sims - asked[None, :]).max(axis=1).tolist(),
            raw=raw,
            question_sim=float(entry.whole_vec @ q_vec),
            alternatives=entry.alternatives,
            expected=1 if entry.alternatives else ref.expected_points,
        )

    def _calibrate(self, r: RefAssessment) -> None:
        """Point statuses, the coverage feature and the score under the current calibration."""
        cal = self.calibration
        cov = coverage(cal, r)
        shown = r.shown = _shown_points(r, cov)
        weight = 1.0 / len(shown)
        points: list[KeyPoint] = []
        r.contradicted = r.matched = 0
        margins = r.point_margins or [0.0] * len(cov)
        said = [max(c, _margin_coverage(m)) for c, m in zip(cov, margins, strict=True)]
        rows = [
            (r.point_texts[i], said[i], r.point_evidence[i], r.point_contradiction[i])
            for i in shown
        ]
        for text, c, ev, against in rows:
            if c >= COVERED_AT:
                status = PointStatus.COVERED
            elif c >= PARTIAL_AT:
                status = PointStatus.PARTIAL
            else:
                status, ev = PointStatus.MISSING, ""
            if status is not PointStatus.MISSING:
                r.matched += 1
            if against and not _said_plainly_elsewhere(status, ev, against):
                # the same claim negated: shared words already show it is about this point
                status, ev = PointStatus.CONTRADICTED, against
                r.contradicted += 1
            points.append(KeyPoint(text=text, status=status, evidence=ev[:200], weight=weight))
        r.points = points
        r.features = {**r.raw, **coverage_features(cal, r, cov)}
        r.score = cal.score(r.features)

    # -- the verdict ------------------------------------------------------------------------

    def judge(self, question: str, a: Assessment) -> Verdict:
        """Calibrate an assessment into a verdict: caps, label, findings (split from `assess` so a
        calibration can be evaluated without re-embedding)."""
        cal = self.calibration
        for r in a.per_reference:
            self._calibrate(r)
        findings = list(a.findings)
        # The question's own answers (or the user's reference) are THE yardstick when present:
        # a retrieved passage of another question must not win just because the answer happens
        # to match it better ("Adam 不需要偏置修正" was graded against an SGD-momentum passage).
        strong = [r for r in a.per_reference if _own(r)] or [
            r for r in a.per_reference if _trusted(r)
        ]
        pool = strong or a.per_reference
        best = max(pool, key=lambda r: r.score)
        score = best.score
        label: Label | None = None
        if best.alternatives:
            findings.append(Finding(kind="alternatives", values={"count": len(best.point_texts)}))

        if gates.hedged_dont_know(a.answer, question) and all(
            p.status is PointStatus.MISSING for p in best.points
        ):
            # "呃 Adam 我平时就是直接调包用的…这个我真没仔细研究过": says it doesn't know and says
            # none of the reference (the key grader's rule, with statuses for its share)
            findings.append(Finding(kind="dont_know"))
            return self._finish(a.answer, best, a.per_reference, 0.0, Label.EMPTY, findings, strong)

        ref_sim = max(r.features["global_sim"] for r in a.per_reference)
        point_sim = max(r.features["sem_max"] for r in a.per_reference)
        shared = max(r.features["shared"] for r in a.per_reference)
        if gates.off_topic(a.answer_question_sim, ref_sim, point_sim, shared, is_cjk(a.answer)):
            findings.append(Finding(kind="off_topic"))
            return self._finish(
                a.answer, best, a.per_reference, 0.0, Label.OFF_TOPIC, findings, strong
            )

        if (
            gates.is_stuffing(
                a.answer,
                [p.text for p in best.points],
                set().union(*(_terms_of(p.text) for p in best.points)),
            )
            and score > gates.STUFFING_CAP
        ):
            score = gates.STUFFING_CAP
            findings.append(Finding(kind="stuffing"))

        if best.contradicted:
            right = sum(p.status is PointStatus.COVERED for p in best.points)
            if best.contradicted >= right:
                score = min(score, CONTRADICTION_CAP)
                label = Label.CONTRADICTS
                findings.append(Finding(kind="contradicts_main"))
            else:
                score = min(score, SOME_CONTRADICTION_CAP)
                findings.append(Finding(kind="contradicts_part"))
        p_ok, p_contra = _judge_view(best)
        if label is None and p_contra >= JUDGE_CONTRA_AT and p_contra > p_ok:
            score = min(score, CONTRADICTION_CAP)
            label = Label.CONTRADICTS
            findings.append(Finding(kind="contradicts_main"))
        elif label is None and p_ok < JUDGE_DOUBT_AT and best.features.get("cov_mean", 0) >= 0.5:
            findings.append(Finding(kind="judge_doubts"))
        if label is None:
            shown = round(score, 1)  # the label must agree with the score the user sees (4.5)
            if shown >= cal.correct_at and not best.contradicted:
                # an answer stating the opposite of a point is not 答得好, whatever its score:
                # labelled partial, it gets the follow-up on that claim
                label = Label.CORRECT
            elif shown >= cal.partial_at:
                label = Label.PARTIAL
            else:
                label = Label.INCORRECT
        if needs_truth_caveat(label, score, _confidence(best, strong), cal.correct_at):
            findings.append(Finding(kind="negation"))
        return self._finish(a.answer, best, a.per_reference, score, label, findings, strong)

    def _gated(self, question: str, refs: list[Reference], gate: gates.GateResult) -> Verdict:
        """A gated verdict still shows what the reference expected (no model call needed)."""
        best = refs[0]
        cut = reference_points(best.text, question)
        shown = cut.points[:1] if cut.alternatives else cut.points  # any one would have done
        return Verdict(
            score=gate.score,
            label=gate.label,
            points=[KeyPoint(text=p, status=PointStatus.MISSING, weight=1.0) for p in shown],
            references=list(refs),
            grader=self.name,
            confidence=0.9,
            basis="reference",
            findings=[Finding(kind=gate.reason)],
        )

    def _finish(
        self,
        answer: str,
        best: RefAssessment,
        all_refs: list[RefAssessment],
        score: float,
        label: Label,
        findings: list[Finding],
        strong: list[RefAssessment],
    ) -> Verdict:
        confidence = _confidence(best, strong)
        if not strong:
            findings.append(Finding(kind="weak_references"))
        ordered = [best] + [r for r in all_refs if r is not best]
        return Verdict(
            score=round(float(score), 1),
            label=label,
            points=best.points,
            references=[r.reference for r in ordered],
            grader=self.name,
            confidence=confidence,
            basis="reference",
            findings=findings,
            gap=_gap(best, all_refs, ordered),
            graded_answer=answer,
        )


def _judge_view(r: RefAssessment) -> tuple[float, float]:
    """(P(correct), P(contradicts)) from the judge's logits; (0.5, 0) when it did not run."""
    if "judge" not in r.raw:
        return 0.5, 0.0
    return sigmoid(r.raw["judge"]), sigmoid(r.raw["judge_contra"])


def lexical_terms(text: str) -> set[str]:
    """`terms` plus one token per glossary concept the text names, so "批量归一化" in the
    reference and "batch norm" / "BN" in the answer share a term (candidates mix languages and
    abbreviations; character bigrams alone never match across them)."""
    return terms(text) | {f"concept:{c}" for c in concepts_in(text)}


def _terms_of(text: str) -> set[str]:
    return terms(text)


def coverage(cal: Calibration, r: RefAssessment) -> list[float]:
    """0..1 per key point: semantic coverage above the question's own closeness, or the share of
    the point's terms the answer uses, whichever is higher."""
    rows = zip(r.point_sims, r.point_question_sims, r.point_lex, strict=True)
    return [max(cal.point_coverage(s, q), lx) for s, q, lx in rows]


def coverage_features(
    cal: Calibration, r: RefAssessment, cov: list[float] | None = None
) -> dict[str, float]:
    """The coverage features the calibration reads: cov_mean (question-adjusted coverage),
    cov_plain (without that adjustment), each credited by `credited_mean` (or, when a full answer
    makes only some of the points — one of several alternatives, a few more for "what else?" —
    the best that many), and cov_max."""
    cov = coverage(cal, r) if cov is None else cov
    plain = [
        max(cal.point_coverage(s), lx) for s, lx in zip(r.point_sims, r.point_lex, strict=True)
    ]
    return {
        "cov_mean": _credited(cov, r.expected),
        "cov_plain": _credited(plain, r.expected),
        "cov_max": float(np.max(cov)),
    }


def _credited(values: Sequence[float], expected: int | None) -> float:
    if expected and expected < len(values):
        return float(np.mean(sorted(values, reverse=True)[:expected]))
    return credited_mean(values)


def _shown_points(r: RefAssessment, cov: list[float]) -> list[int]:
    """Which key points the verdict lists: all of them, or for alternative answers the one the
    answer came closest to (plus any it contradicts): asking a candidate who gave one accepted
    answer to "add" the four others would be wrong feedback."""
    if not r.alternatives:
        return list(range(len(cov)))
    best = int(np.argmax(cov))
    return [i for i in range(len(cov)) if i == best or r.point_contradiction[i]]


def credited_mean(values: Sequence[float]) -> float:
    """The mean for a reference of up to CREDITED_POINTS points; for a longer one, the best
    CREDITED_POINTS count CREDITED_SHARE and the mean of all the rest."""
    if len(values) <= CREDITED_POINTS:
        return float(np.mean(values))
    best = sorted(values, reverse=True)[:CREDITED_POINTS]
    return CREDITED_SHARE * float(np.mean(best)) + (1 - CREDITED_SHARE) * float(np.mean(values))


ENGLISH_ECHO = 2 / 3
"""The share of an all-English answer segment's terms that must be the reference's or the
question's for the segment to be read as contradicting a point (`_contradictions`)."""


def _contradictions(
    entry: _RefEntry,
    sims: np.ndarray,
    seg_texts: list[str],
    claims: list[str | None],
    known: set[str],
) -> list[str]:
    """Per point, an answer segment that states its opposite. Each segment is compared only with
    the point it is most about (similarity plus shared words), so a negation aimed at one
    statement is never held against a neighbouring one; and only segments that are one claim
    each (`Segment.self_contained`): reciting the reference itself must never contradict it.

    An all-English segment is read only when at least ENGLISH_ECHO of its terms are `known` (the
    reference's and the question's): a wrong answer repeats their words around its negation ("the
    terminals are separated by a gap"), while a right one in its own words brings negations of
    its own ("no edge connects two vertices of the same colour" for "every edge joins the two
    sets"); read without the bound, English answers graded full marks were labelled
    *contradicts* about as often as wrong ones."""
    found = [""] * len(entry.points)
    point_terms = [terms(p) for p in entry.points]
    for j, text in enumerate(seg_texts):
        if claims[j] is None:
            continue
        if (
            negations(text) == 0
            and not any(negations(p) for p in entry.points)
            and not says_opposites(text)
        ):
            continue
        seg_terms = terms(text)
        if not CJK_CHAR.search(text) and len(seg_terms & known) < ENGLISH_ECHO * len(seg_terms):
            continue  # English in its own words: not read (the docstring says why)
        overlap = np.array([len(seg_terms & t) / max(1, len(seg_terms)) for t in point_terms])
        i = int(np.argmax(sims[:, j] + 0.1 * overlap))
        if (
            not found[i]
            and contradicts(text, entry.points[i], claims[j] or "")
            and not states_converse(claims[j] or "", entry.points[i])
        ):
            found[i] = text
    return found


def _gain(reference: np.ndarray, seg_vecs: np.ndarray, asked: np.ndarray) -> float:
    """How much closer the answer's best segment (the whole, a sentence, a clause or a window of a
    run-on) is to the reference than to the question: restating the question, or talking around
    its topic, is close to both, while a right answer in other words leans to the reference. The
    best segment, so a remark added at the end ("End of answer.", "that's all I remember") neither
    adds nor takes away (the whole answer's vector drifts with it), and an unpunctuated answer is
    read through its windows as a punctuated one is through its clauses. `asked`: each segment's
    cosine to the question."""
    return float(np.max(seg_vecs @ reference - asked))


def _margin_coverage(margin: float) -> float:
    """A point's status coverage from its margin (`RefAssessment.point_margins`): a point said in
    other words leans to the point more than to the question, which the point's own similarity,
    counted above the question's, does not show ("两个不一样的key算出来的地址撞了" for "不同的关键字
    …得到了相同的哈希地址" was marked missing, and the feedback asked for it). Statuses only: the
    score reads the answer's *gain*."""
    return min(1.0, max(0.0, (margin - MARGIN_LO) / MARGIN_SPAN))


def _said_plainly_elsewhere(status: PointStatus, evidence: str, against: str) -> bool:
    """Whether the answer states the point plainly in another clause than the one negating it:
    then the negated clause is about something else, a counterfactual more often than not ("两次
    握手时服务器不能确认…" in an answer that says "双方都要确认对方的发送和接收能力")."""
    return (
        status is PointStatus.COVERED
        and bool(evidence)
        and against not in evidence
        and evidence not in against
        and negations(evidence) == 0
    )


def _claim(segment: Segment) -> str | None:
    """None for a segment that is not one claim, else the sentence it came from ('' if none)."""
    return segment.sentence if segment.self_contained else None


def _evidence_index(row: np.ndarray, clause_mask: np.ndarray) -> int:
    """Prefer a clause over a window when it matches almost as well: negation checks need whole
    clauses, and clauses read better as evidence."""
    j = int(row.argmax())
    if clause_mask[j]:
        return j
    clauses = np.where(clause_mask, row, -np.inf)
    k = int(clauses.argmax())
    return k if row[k] >= row[j] - 0.02 else j


def _trusted(r: RefAssessment) -> bool:
    """The question's own bank answer (not retrieved: no retrieval score) or a user reference is
    trusted; a retrieved passage must earn it by being close to the question."""
    if r.reference.source == "user" or (r.reference.question_id and r.reference.score is None):
        return True
    return r.question_sim >= WEAK_REFERENCE_SIM


def _confidence(best: RefAssessment, strong: list[RefAssessment]) -> float:
    if not strong:
        return 0.25
    own = best.reference.source == "user" or best.reference.score is None
    base = TRUSTED_CONFIDENCE if own else 0.6
    if len(best.points) == 1 and content_units(best.points[0].text) < 4:
        base -= 0.15  # a one-word reference says little about what a full answer needs
    return round(base, 2)


def _own(r: RefAssessment) -> bool:
    """The user's reference or the question's own bank answer (not a retrieved passage)."""
    ref = r.reference
    return ref.source == "user" or bool(ref.question_id and ref.score is None)


def _gap(
    best: RefAssessment, all_refs: list[RefAssessment], ordered: list[RefAssessment]
) -> Gap | None:
    """The gap closest to the heart of the question: contradicted, missing, partial — in the
    question's own reference when it has one (a retrieved passage of another question may have
    scored best, but asking about ITS points would change the subject)."""
    own = [r for r in all_refs if _own(r)]
    target = best if (not own or best in own) else max(own, key=lambda r: r.score)
    order = (PointStatus.CONTRADICTED, PointStatus.MISSING, PointStatus.PARTIAL)
    shown = target.shown or range(len(target.points))
    for status in order:
        candidates = [
            (target.point_question_sims[i], p)
            for i, p in zip(shown, target.points, strict=True)
            if p.status is status
        ]
        if candidates:
            point = max(candidates, key=lambda c: c[0])[1].text
            where = next(i for i, r in enumerate(ordered) if r is target)
            return Gap(point=point, status=status, reference=where)
    return None


def _truncated(length: int) -> Finding:
    return Finding(kind="truncated", values={"length": length, "limit": MAX_ANSWER_CHARS})
