"""The interview engine: picks, phrases and persists questions, grades answers, plans follow-ups.

Headless and blocking by design (retrieval, grading and an LLM may take seconds): the TUI calls
it from worker threads. Everything the candidate answers is in the history store before a
method returns, which is what makes `resume` and crash-safety possible.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import secrets
import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from random import Random

from interviewer.errors import InterviewerError, SessionError
from interviewer.interview import (
    explain,
    followup,
    grounding,
    hints,
    overlap,
    past,
    relearn,
    selection,
)
from interviewer.interview.phrasing import AskContext, Previous, asked_text
from interviewer.interview.ports import InterviewServices
from interviewer.interview.turns import (
    GradedTurn,
    QuestionScore,
    ReviewItem,
    SessionNote,
    SessionSummary,
    TopicScore,
)
from interviewer.progress.insights import DeliveryInsights, analyze
from interviewer.progress.mastery import weak_topics
from interviewer.progress.records import is_pass
from interviewer.progress.scheduler import due_questions
from interviewer.storage.records import TurnRecord
from interviewer.types.bands import SCORE_BANDS
from interviewer.types.bank import Question
from interviewer.types.plan import InterviewPlan
from interviewer.types.turn import Turn
from interviewer.types.verdict import Label, PointStatus, Reference, Verdict
from interviewer.wording import INTERFACE_ZH as ZH
from interviewer.wording import opening, say

__all__ = ["GradedTurn", "Interview", "SessionError", "SessionSummary"]

log = logging.getLogger(__name__)

QUESTION_ONLY_CONFIDENCE = 0.5
"""Highest confidence for a question the notes don't answer (graded against retrieved passages)."""
_SESSION_NOTES = tuple(opening(key, ZH) for key in ("hint_used", "skipped", "said_dont_know"))
"""How the session's own notes begin (a hint, a skip): the summary lists the grader's notes only."""
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class _PendingFollowUp:
    parent: Turn
    text: str
    points: list[str]


class Interview:
    """One interview session. Build with `Interview.start(services, plan)` or `Interview.resume`."""

    def __init__(
        self,
        services: InterviewServices,
        session_id: int,
        plan: InterviewPlan,
        question_ids: list[str],
        records: list[TurnRecord],
    ) -> None:
        self.services = services
        self.session_id = session_id
        self.plan = plan
        self.question_ids = tuple(question_ids)
        self.total = len(question_ids)
        self.resumed = bool(records)
        self._lock = threading.RLock()
        self._refs: dict[str, list[Reference]] = {}
        self._hints: dict[int, int] = {}
        self._outstanding: deque[Turn] = deque()
        self._pending: _PendingFollowUp | None = None
        self._previous: Previous | None = None
        self._follow_points: dict[int, list[str]] = {}
        """Follow-up turn id -> the key points it asks about (hints, focused references)."""
        self._retries: set[int] = set()
        """Turn ids asking a missed question once more (relearn): no follow-up, no average."""
        self._finished = False
        self._submitted: dict[int, tuple[str, float]] = {}
        """Turn id -> (answer, elapsed) saved on submit but never graded (a kill or Ctrl+C
        during grading); resume_recap() grades them."""
        self._drafts: dict[int, str] = {}
        """Turn id -> what was typed and never submitted (a kill mid-answer); `draft` hands it
        back once, for the answer box."""
        self._records = records
        self._earlier: dict[str, past.EarlierAnswer] | None = None
        """Question id -> its last answer in an earlier session (read once, when first asked)."""
        self._restore(records)

    # --- construction ----------------------------------------------------------------------

    @classmethod
    def start(cls, services: InterviewServices, plan: InterviewPlan) -> Interview:
        """Pick the questions and open a new session in the store."""
        if plan.seed is None:  # fixed now and stored, so a resume phrases and picks the same way
            plan = dataclasses.replace(plan, seed=secrets.randbelow(2**31))
        history = _history(services)
        rng = Random(f"select:{plan.seed}")
        bank = services.retriever.questions()
        apart = overlap.kept_apart(bank, services.keys, services.retriever.question_vectors())
        picked = selection.select(bank, plan, history, rng, apart)
        ids = [q.id for q in picked]
        session_id = services.store.start_session(plan, services.grader.name, question_ids=ids)
        services.store.claim_session(session_id)  # a --resume elsewhere must not run it too
        return cls(services, session_id, plan, ids, [])

    @classmethod
    def resume(cls, services: InterviewServices, session_id: int) -> Interview:
        """Continue an unfinished session: answered turns stay, an unanswered one is asked again."""
        record = services.store.session(session_id)
        if record is None:
            raise SessionError(f"no interview session {session_id} in {services.store.path}")
        if record.finished:
            raise SessionError(f"session {session_id} is already finished; start a new interview")
        services.store.claim_session(session_id)  # SessionBusy when another process runs it
        turns = services.store.session_turns(session_id)
        return cls(services, session_id, record.plan, list(record.question_ids), turns)

    def _restore(self, records: list[TurnRecord]) -> None:
        """Rebuild the in-memory state of a session from its stored turns."""
        asked_main = {r.question_id for r in records if r.parent_turn_id is None}
        self._remaining: deque[tuple[int, str]] = deque(
            (i, qid) for i, qid in enumerate(self.question_ids, 1) if qid not in asked_main
        )
        if not records:
            return
        self._retries = relearn.retry_turn_ids(records)
        by_id = {r.turn_id: r for r in records}
        for r in records:
            if r.hint_used:
                self._hints[r.turn_id] = 1
            parent = by_id.get(r.parent_turn_id) if r.parent_turn_id is not None else None
            if parent is not None and parent.verdict is not None:
                self._follow_points[r.turn_id] = followup.gaps(parent.verdict)
            if not r.answered:
                self._outstanding.append(_turn_of(r, self.total, self._retries))
                if r.answer:
                    self._submitted[r.turn_id] = (r.answer, r.elapsed_s or 0.0)
                elif r.draft:
                    self._drafts[r.turn_id] = r.draft
        answered = [r for r in records if r.answered]
        if answered:
            last = answered[-1]
            self._previous = Previous(last.topic, last.score, last.skipped, last.is_follow_up)
            has_child = any(r.parent_turn_id == last.turn_id for r in records)
            if (
                not has_child
                and last.verdict is not None
                and not last.skipped
                and not _waives(last.own_score)
                and followup.wants_follow_up(
                    _raw(last.verdict, last.hint_used),
                    is_follow_up=last.is_follow_up,
                    enabled=self.plan.follow_ups,
                )
            ):
                self._pending = self._plan_follow_up(
                    _turn_of(last, self.total, self._retries), last.answer or "", last.verdict
                )

    # --- the conversation ------------------------------------------------------------------

    def opening(self) -> str:
        """Greeting and what is coming (or a welcome back on a resumed session: ask for it after
        resume_recap(), whose grades decide which misses come back)."""
        rng = self._rng("opening")
        if self.resumed:
            questions, retries = self.left
            return self.services.phraser.resumed(questions, retries, rng)
        topics = [q.topic for q in self._questions(self.question_ids)]
        return self.services.phraser.opening(topics, self.total, rng)

    def closing(self) -> str:
        return self.services.phraser.closing(self._rng("closing"))

    @property
    def remaining(self) -> int:
        """Main questions still to be asked, as next_turn() will, the misses that come back
        included (see `left`)."""
        return sum(self.left)

    @property
    def left(self) -> tuple[int, int]:
        """(questions, retries) still to be asked, follow-ups not counted. Questions are what the
        progress line counts down (第 3/5 题 open: 3): the planned ones still in the bank and an
        asked one not answered (not one whose answer was saved: that is graded, not asked
        again). Retries are the misses relearn asks once more, an open one included: apart, so
        the welcome back does not say 还剩五个 at 第 3/5 题."""
        planned = [qid for _, qid in self._remaining if self._in_bank(qid)]
        unanswered = [
            t for t in self._outstanding if not t.is_follow_up and t.turn_id not in self._submitted
        ]
        retries = sum(1 for t in unanswered if t.retry)
        if self.plan.relearn:
            records = self.services.store.session_turns(self.session_id)
            retries += len(relearn.retries_to_come(records, bool(planned), self._in_bank))
        return len(planned) + sum(1 for t in unanswered if not t.retry), retries

    def _in_bank(self, question_id: str) -> bool:
        return self.services.retriever.question(question_id) is not None

    @property
    def finished(self) -> bool:
        return self._finished

    def next_turn(self) -> Turn | None:
        """The next question, saved before it is returned: an unanswered one again, a pending
        follow-up, or the next planned question. None when the interview is over (then the
        session is marked finished). Blocking when an LLM phrases questions."""
        with self._lock:
            if self._outstanding:
                return self._outstanding[0]
            if self._pending is not None:
                pending, self._pending = self._pending, None
                return self._ask_follow_up(pending)
            while self._remaining:
                index, qid = self._remaining.popleft()
                question = self.services.retriever.question(qid)
                if question is None:  # gone from the corpus since the session was planned
                    log.info("question %s is no longer in the bank; skipping it", qid)
                    continue
                return self._ask(question, index)
            retry = self._retry()
            if retry is not None:
                return retry
            self.finish()
            return None

    def _retry(self) -> Turn | None:
        """A missed question once more, before the end (see `relearn`); None when none is due."""
        if not self.plan.relearn:
            return None
        for record in relearn.retries_due(self.services.store.session_turns(self.session_id)):
            question = self.services.retriever.question(record.question_id)
            if question is None:
                continue
            ctx = AskContext(
                asked_text(question), question.topic, record.index, self.total, retry=True
            )
            spoken = self.services.phraser.ask(ctx, self._rng("retry", question.id))
            turn = Turn(
                0,
                record.index,
                self.total,
                question.id,
                question.text,
                spoken,
                question.topic,
                retry=True,
            )
            turn = self._persist(turn)
            self._retries.add(turn.turn_id)
            return turn
        return None

    def _ask(self, question: Question, index: int) -> Turn:
        ctx = AskContext(
            asked_text(question),
            question.topic,
            index,
            self.total,
            self._previous,
            past=self._earlier_answer(question.id),
        )
        spoken = self.services.phraser.ask(ctx, self._rng("ask", question.id, index))
        turn = Turn(0, index, self.total, question.id, question.text, spoken, question.topic)
        return self._persist(turn)

    def _earlier_answer(self, question_id: str) -> past.EarlierAnswer | None:
        """The question's last answer before this session, which the interviewer mentions."""
        if self._earlier is None:
            try:
                store = self.services.store
                self._earlier = past.earlier_answers(
                    store.answered_turns(), self.session_id, self.services.keys, now=store.now()
                )
            except Exception:  # a remark is a courtesy: it must not stop the interview
                log.exception("reading earlier answers failed; asking without them")
                self._earlier = {}
        return self._earlier.get(question_id)

    def _ask_follow_up(self, pending: _PendingFollowUp) -> Turn:
        parent = pending.parent
        ctx = AskContext(pending.text, parent.topic, parent.index, self.total, self._previous, True)
        spoken = self.services.phraser.ask(ctx, self._rng("follow", parent.turn_id))
        turn = Turn(
            0,
            parent.index,
            self.total,
            parent.question_id,
            pending.text,
            spoken,
            parent.topic,
            parent_turn_id=parent.turn_id,
        )
        turn = self._persist(turn)
        self._follow_points[turn.turn_id] = pending.points
        return turn

    def _persist(self, turn: Turn) -> Turn:
        turn_id = self.services.store.record_asked(self.session_id, turn)
        turn = dataclasses.replace(turn, turn_id=turn_id)
        self._outstanding.append(turn)
        return turn

    def prepare(self, turn: Turn) -> None:
        """Let the grader embed this turn's references while the candidate is still typing
        (blocking; best effort). Deliberately outside the lock: a skip must not wait for it, and
        computing a turn's references twice is harmless."""
        if not self._is_open(turn):
            return
        if not self.services.retriever.is_ready():
            return  # the model is still loading: waiting here would also hold up quitting
        self.services.grader.prepare(self._bank_text(turn), self._grading_references(turn))

    def resume_recap(self) -> list[GradedTurn]:
        """What a resumed session shows before its next question (blocking): every answer saved
        on submit but never graded, graded now and saved; or else the last graded answer, so a
        follow-up is not asked without the question and verdict it follows."""
        with self._lock:
            graded = [
                self.answer(turn, *self._submitted[turn.turn_id])
                for turn in list(self._outstanding)
                if turn.turn_id in self._submitted
            ]
            if graded or not self.resumed:
                return graded
            last = next(
                (r for r in reversed(self._records) if r.answered and r.verdict is not None), None
            )
            if last is None:
                return []
            return [
                GradedTurn(
                    _turn_of(last, self.total, self._retries),
                    last.answer or "",
                    last.verdict,  # type: ignore[arg-type]
                    None,
                    hint_used=last.hint_used,
                    skipped=last.skipped,
                )
            ]

    def submit(self, turn: Turn, text: str, elapsed_s: float) -> None:
        """Save an answer the moment it is submitted, before `answer` grades it: one db write,
        so the UI can make it on the spot. Quitting right after submitting cancels a grading
        worker that has not started yet; the answer is kept all the same and a resume grades it
        (`resume_recap`). Not under the session's lock, which a worker may hold for seconds: the
        store has its own, and a turn already answered is left as it is."""
        self.services.store.record_submitted(turn.turn_id, _storable(text or ""), elapsed_s)

    def save_draft(self, turn: Turn, text: str) -> None:
        """Keep what is typed for `turn` before it is submitted ('' forgets it): a kill or a
        closed terminal lost it, and a resume puts it back (`draft`). One db write, no lock
        (the UI calls it from a worker as the candidate types); cleared by submit and skip."""
        self.services.store.record_draft(turn.turn_id, _storable(text or ""))

    def draft(self, turn: Turn) -> str:
        """What was typed for `turn` before the session was interrupted ('' when nothing): given
        once, as the answer box then holds it."""
        return self._drafts.pop(turn.turn_id, "")

    def answer(self, turn: Turn, text: str, elapsed_s: float) -> GradedTurn:
        """Save the answer at once, then grade it and save the verdict (blocking: retrieval,
        grading, db). Always gives a verdict."""
        with self._lock:
            self._check_open(turn)
            text = _storable(text or "")
            self.services.store.record_submitted(turn.turn_id, text, elapsed_s)
            self._submitted.pop(turn.turn_id, None)
            references = self._grading_references(turn)
            verdict = self._grade(turn, text, references)
            hint_used = turn.turn_id in self._hints
            raw = verdict
            if hint_used:
                verdict = hints.apply_penalty(verdict)
            # nothing was said (不知道, a few characters): no delivery to comment on
            insights = None if verdict.label is Label.EMPTY else _insights(text, elapsed_s)
            self.services.store.record_answer(turn.turn_id, text, elapsed_s, hint_used, verdict)
            self._close(turn, verdict, skipped=False)
            if turn.turn_id not in self._retries and followup.wants_follow_up(
                raw, is_follow_up=turn.is_follow_up, enabled=self.plan.follow_ups
            ):
                self._pending = self._plan_follow_up(turn, text, raw)
            return GradedTurn(turn, text, verdict, insights, hint_used=hint_used)

    def skip(self, turn: Turn, *, dont_know: bool = False) -> GradedTurn:
        """Move on without an answer: saved as score 0 / label empty, with references to study."""
        with self._lock:
            self._check_open(turn)
            references = self._grading_references(turn)
            points = grounding.key_points(turn.question, references, turn.question_id)
            grader = self.services.grader.name
            verdict = explain.skipped(references, points, grader, dont_know=dont_know)
            answer = "不知道" if dont_know else ""
            hint_used = turn.turn_id in self._hints
            self.services.store.record_answer(
                turn.turn_id, answer, 0.0, hint_used, verdict, skipped=True
            )
            self._close(turn, verdict, skipped=True)
            return GradedTurn(turn, answer, verdict, None, hint_used=hint_used, skipped=True)

    def hint(self, turn: Turn) -> str:
        """A nudge from the next key point the candidate has not been nudged toward. The first
        hint on a turn costs HINT_PENALTY points off its score (recorded at once)."""
        with self._lock:
            self._check_open(turn)
            references = self._grading_references(turn)
            points = grounding.key_points(turn.question, references, turn.question_id)
            if turn.is_follow_up and self._follow_points.get(turn.turn_id):
                points = self._follow_points[turn.turn_id]
            level = self._hints.get(turn.turn_id, 0)
            if level == 0:
                self.services.store.record_hint(turn.turn_id)
            self._hints[turn.turn_id] = level + 1
            keyed = next((r.key for r in references if r.key is not None), None)
            if keyed is not None:
                return hints.key_hint(keyed, turn.question, level)
            reference = "\n".join(r.text for r in references)
            return hints.hint_text(turn.question, points, level, reference)

    def give_own_score(self, turn: Turn, score: float | None) -> bool:
        """The candidate disagrees with the grade of `turn` and gives the answer `score` (0–10;
        None takes it back). Their score counts from then on — averages, the relearning step,
        spaced review — and the verdict stays as graded. A follow-up planned on a gap the
        candidate says was not one (their score reaches the follow-up band) is not asked;
        returns whether one was dropped."""
        with self._lock:
            records = self.services.store.session_turns(self.session_id)
            if turn.turn_id not in {r.turn_id for r in records}:
                raise SessionError(f"question {turn.turn_id} is not part of this interview")
            self.services.store.record_own_score(turn.turn_id, score)
            pending = self._pending
            if pending is not None and pending.parent.turn_id == turn.turn_id and _waives(score):
                self._pending = None  # and a resume does not plan it again (_restore)
                return True
            return False

    def finish(self) -> None:
        """Mark the session finished (it will no longer be offered for resume)."""
        with self._lock:
            if not self._finished:
                self.services.store.finish_session(self.session_id)
                self._finished = True

    def summary(self) -> SessionSummary:
        """Per-question scores, weakest topics and what to review, read back from the store."""
        records = self.services.store.session_turns(self.session_id)
        return build_summary(self.session_id, records, self.services.store.path, self._finished)

    # --- internals -------------------------------------------------------------------------

    def _is_open(self, turn: Turn) -> bool:
        return any(t.turn_id == turn.turn_id for t in list(self._outstanding))

    def _check_open(self, turn: Turn) -> None:
        if not self._is_open(turn):
            raise SessionError(f"question {turn.turn_id} is not waiting for an answer")

    def _close(self, turn: Turn, verdict: Verdict, *, skipped: bool) -> None:
        self._outstanding = deque(t for t in self._outstanding if t.turn_id != turn.turn_id)
        self._previous = Previous(turn.topic, verdict.score, skipped, turn.is_follow_up)

    def _plan_follow_up(self, parent: Turn, answer: str, verdict: Verdict) -> _PendingFollowUp:
        """The follow-up to ask next: the phraser's (an LLM's) or else the grader's question."""
        text = None
        try:
            text = self.services.phraser.follow_up(parent.question, answer, verdict)
        except Exception as exc:  # phrasing must never lose the answer that was just saved
            log.warning("follow-up phrasing failed (%s); using the grader's", type(exc).__name__)
        return _PendingFollowUp(parent, text or (verdict.follow_up or ""), followup.gaps(verdict))

    def _bank_text(self, turn: Turn) -> str:
        """The question a turn is about, as the bank words it. A follow-up names the concept it
        asks for ("bounding box"), so graded as the question it would already sit close to the
        very points it asks about, and the grader discounts what the question alone matches."""
        if turn.is_follow_up and turn.question_id:
            q = self.services.retriever.question(turn.question_id)
            if q is not None:
                return q.text
        return turn.question

    def _grading_references(self, turn: Turn) -> list[Reference]:
        key = turn.question_id or f"free:{turn.question}"
        if key not in self._refs:
            self._refs[key] = grounding.grading_references(
                self._bank_text(turn), self.services.retriever, turn.question_id, self.services.keys
            )
        references = self._refs[key]
        if turn.is_follow_up:
            points = self._follow_points.get(turn.turn_id, [])
            return grounding.focused_references(references, points, turn.question)
        return references

    def _grade(self, turn: Turn, text: str, references: list[Reference]) -> Verdict:
        """The grader's verdict, worded for the candidate (`explain`)."""
        grader = self.services.grader
        asked = self._bank_text(turn)
        try:
            facts = grader.grade(asked, text, references)
            verdict = explain.explain(facts, asked)
        except Exception as exc:  # Grader promises not to raise; if it does, keep the answer
            if isinstance(exc, InterviewerError):  # e.g. no reference passages at all
                log.warning("grader %s: %s", grader.name, exc)
                why = str(exc)
            else:
                log.exception("grader %s failed", grader.name)
                why = type(exc).__name__
            return explain.not_graded(references, grader.name, text, why)
        question = self.services.retriever.question(turn.question_id) if turn.question_id else None
        # a don't-know rests on no passage: it stays as sure as the 不会 key's (explain); and a
        # question with an answer key was graded against it, not against retrieved passages
        keyed = any(r.key is not None for r in references)
        if (
            question is not None
            and not question.has_answer
            and not keyed
            and not explain.said_dont_know(facts)
        ):
            verdict = verdict.model_copy(
                update={
                    "confidence": min(verdict.confidence, QUESTION_ONLY_CONFIDENCE),
                    "notes": [*verdict.notes, say("question_only", ZH)],
                }
            )
        return verdict

    def _questions(self, ids: tuple[str, ...]) -> list[Question]:
        found = (self.services.retriever.question(qid) for qid in ids)
        return [q for q in found if q is not None]

    def _rng(self, *parts: object) -> Random:
        """A generator per utterance: the same session seed phrases the same way on resume."""
        return Random(":".join(str(p) for p in (self.plan.seed, self.session_id, *parts)))


def _storable(text: str) -> str:
    """A lone surrogate (half an emoji from a broken paste) cannot be written as UTF-8: SQLite
    refused it after grading and the answer was lost. Replace just those code points."""
    return _SURROGATE.sub("\ufffd", text)


def _turn_of(record: TurnRecord, total: int, retries: set[int]) -> Turn:
    return Turn(
        turn_id=record.turn_id,
        index=record.index,
        total=record.total or total,
        question_id=record.question_id,
        question=record.question_text,
        spoken=record.spoken,
        topic=record.topic,
        parent_turn_id=record.parent_turn_id,
        retry=record.turn_id in retries,
    )


def _waives(own_score: float | None) -> bool:
    """Whether the candidate's own score for an answer is high enough that the gap the grader
    saw is no reason for a follow-up (Interview.give_own_score)."""
    return own_score is not None and own_score >= SCORE_BANDS.follow_up_below


def _raw(verdict: Verdict, hint_used: bool) -> Verdict:
    """A stored verdict before its hint penalty (follow-up decisions use the grader's score); a
    verdict the hint cost nothing (a 0) carries no hint note and is as graded."""
    if not hint_used or hints.cost_note(verdict) is None:
        return verdict
    return verdict.model_copy(update={"score": min(10.0, verdict.score + hints.HINT_PENALTY)})


def _insights(text: str, elapsed_s: float) -> DeliveryInsights | None:
    try:
        return analyze(text, elapsed_s)
    except Exception:  # delivery notes are a bonus; never cost the candidate an answer
        log.exception("delivery analysis failed")
        return None


def _history(services: InterviewServices) -> selection.History:
    """The past as selection needs it: last answers, due reviews, weakest topics."""
    turns = [
        t for t in services.store.answered_turns() if t.parent_turn_id is None and t.question_id
    ]
    asked_at: dict[str, datetime] = {}
    last_score: dict[str, float] = {}
    for t in turns:  # oldest first: later answers overwrite
        assert t.answered_at is not None and t.question_id is not None
        asked_at[t.question_id] = t.answered_at
        if t.score is not None:
            last_score[t.question_id] = t.score
    now = datetime.now(timezone.utc)
    due: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    try:
        bank_ids = {q.id for q in services.retriever.questions()}
        due = tuple(item.question_id for item in due_questions(services.store, bank_ids, now))
        weak = tuple(weak_topics(services.store, n=100, now=now))
    except Exception:  # progress is advisory: a bug there must not block an interview
        log.exception("progress scheduler failed; selecting without it")
    return selection.History(asked_at, last_score, due, weak)


def _said_dont_know(record: TurnRecord) -> bool:
    """An answer that said 不知道 in words: the summary tags it as it does the 不会 key."""
    said = {say("said_dont_know", zh) for zh in (True, False)}
    return record.verdict is not None and bool(said & set(record.verdict.notes))


def _counts(record: TurnRecord, retries: set[int]) -> bool:
    """Whether a turn's score enters the session's averages: main questions' first answers,
    passes left out (a retry is practice; the first answer is the interview's)."""
    return record.parent_turn_id is None and not is_pass(record) and record.turn_id not in retries


def build_summary(
    session_id: int, records: list[TurnRecord], db_path, finished: bool
) -> SessionSummary:  # noqa: ANN001
    """The end-of-interview report from the stored turns (so a resumed session's count too)."""
    answered = [r for r in records if r.answered and r.score is not None]
    scores = tuple(
        QuestionScore(
            turn_id=r.turn_id,
            index=r.index,
            question=r.question_text,
            topic=r.topic,
            score=float(r.score or 0.0),
            label=r.label or "",
            is_follow_up=r.is_follow_up,
            hint_used=r.hint_used,
            skipped=r.skipped or _said_dont_know(r),
            passed=is_pass(r),
            retry=r.turn_id in relearn.retry_turn_ids(records),
            own_score=r.own_score is not None,
        )
        for r in answered
    )
    # Averages are over main questions only, passes left out: a follow-up is graded on the
    # missed points alone (another scale), and a skip is not a 0 (progress.records.is_pass).
    retries = relearn.retry_turn_ids(records)
    counted = [s for s, r in zip(scores, answered, strict=True) if _counts(r, retries)]
    mean = sum(s.score for s in counted) / len(counted) if counted else None
    by_topic: dict[str, list[float]] = {}
    for s in counted:
        by_topic.setdefault(s.topic, []).append(s.score)
    topics = sorted(
        (TopicScore(t, sum(v) / len(v), len(v)) for t, v in by_topic.items()),
        key=lambda t: (t.mean_score, -t.answered, t.topic),
    )
    latest = {r.question_text: r for r in answered}  # a retry's answer is the one to act on
    made_up: dict[int, set[str]] = {}  # main turn id -> the points its follow-ups' answers made
    for r in answered:
        if r.parent_turn_id is not None and r.verdict is not None:
            made_up.setdefault(r.parent_turn_id, set()).update(
                p.text for p in r.verdict.points if p.status is PointStatus.COVERED
            )
    review: list[ReviewItem] = []
    asked = {r.turn_id: r.question_text for r in answered}
    listed: set[str] = set()  # questions listed: their follow-ups would only repeat them
    for r in latest.values():
        if (r.score or 0.0) >= SCORE_BANDS.review_below:
            continue
        if r.parent_turn_id is not None and asked.get(r.parent_turn_id) in listed:
            continue
        listed.add(r.question_text)
        item = review_item(r.question_text, r.topic, float(r.score or 0.0), r.verdict)
        made = made_up.get(r.turn_id, set())
        review.append(
            dataclasses.replace(item, missed=tuple(m for m in item.missed if m not in made))
        )
    notes: dict[str, list[str]] = {}  # a caveat -> the questions it was about, in order
    for r in answered:
        for note in r.verdict.notes if r.verdict is not None else []:
            if not note.startswith(_SESSION_NOTES):
                asked = notes.setdefault(note, [])
                if r.question_text not in asked:
                    asked.append(r.question_text)
    return SessionSummary(
        session_id=session_id,
        scores=scores,
        mean_score=mean,
        averaged=len(counted),
        passes=sum(1 for r in answered if is_pass(r) and r.turn_id not in retries),
        weakest_topics=tuple(topics[:3]),
        to_review=tuple(review),
        db_path=db_path,
        finished=finished,
        notes=tuple(SessionNote(tuple(qs), note) for note, qs in list(notes.items())[:5]),
    )


def review_item(question: str, topic: str, score: float, verdict: Verdict | None) -> ReviewItem:
    """What the summary tells a candidate to go back to for one weak answer. The points got
    wrong are apart from the ones missed; against a key, the point the follow-up asked about
    comes first and the other core points missed follow (a follow-up asks about one point,
    but the candidate should hear of every core point they left out)."""
    if verdict is None:
        return ReviewItem(question, topic, score, ())
    wrong = tuple(p.text for p in verdict.points if p.status is PointStatus.CONTRADICTED)
    gaps = followup.gaps(verdict)
    if verdict.follow_up_point:
        gaps += [
            p.text
            for p in verdict.points
            if p.status in (PointStatus.MISSING, PointStatus.PARTIAL) and p.weight >= 1.0
        ]
    missed = tuple(dict.fromkeys(g for g in gaps if g not in wrong))
    return ReviewItem(question, topic, score, missed[:5], wrong[:5])
