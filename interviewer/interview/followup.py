"""The follow-up question: when an answer earns one (something important was missed, once per
question), which point it is about, and how it is asked.

One rule for every question: an answer under the follow-up band that is not labelled correct
(FOLLOW_UP_LABELS) is asked about one point, and the reply is graded on that point alone
(`Verdict.follow_up_point`). A keyed point carries the question an interviewer asks about it;
a point cut from the notes (no key) is a statement, so the question is built from it
(`point_question`): its subject, with the predicate turned into the question ("双塔模型的缺点是
……" -> "双塔模型的缺点是什么？"), never what it says about the subject; a claim the answer got
wrong is quoted back from the answer's own words. A point that is no statement (a fragment,
statement_problem) or has no subject of its own asks nothing. Its sentences are the catalogue's
(`interviewer.wording`)."""

from __future__ import annotations

import re

from interviewer.grading.keypoints import without_connector
from interviewer.grading.text import terms
from interviewer.types.answer_key import statement_problem
from interviewer.types.bands import SCORE_BANDS
from interviewer.types.verdict import Label, PointStatus, Verdict
from interviewer.vocabulary.follow_ups import predicates
from interviewer.wording import say

FOLLOW_UP_LABELS = (Label.PARTIAL, Label.INCORRECT, Label.CONTRADICTS)
"""Labels after which an answer is asked a follow-up: a correct one is not (the similarity
grader's calibration labels correct from 5, so a 6.9 there passed and was still dug into)."""
NARROWING_FRAMES = frozenset({"parts", "made_of", "includes"})
"""Questions that ask something narrower even of the question's own subject ("DeepFM 的结构是
什么？" -> "DeepFM 由哪几部分组成？")."""
MAX_SUBJECT_CHARS = 16
"""Longest subject a question is put around, as heard (an English word counts as two)."""
MAX_CLAIM_CHARS = 40
"""Longest claim of the answer quoted back; a longer one is asked about by its point instead."""

def wants_follow_up(verdict: Verdict, *, is_follow_up: bool, enabled: bool = True) -> bool:
    """One level deep only; not after a blank or don't-know answer (nothing to dig into), nor
    after one labelled correct."""
    return (
        enabled
        and not is_follow_up
        and bool(verdict.follow_up and verdict.follow_up.strip())
        and verdict.score < SCORE_BANDS.follow_up_below
        and verdict.label in FOLLOW_UP_LABELS
    )


def gaps(verdict: Verdict) -> list[str]:
    """The key points a follow-up is about: missing or contradicted first, then partial ones."""
    if verdict.follow_up_point:  # the follow-up asks about one point
        return [verdict.follow_up_point]
    # no point named (an LLM's own follow-up, or one recorded before): every point missed
    order = (PointStatus.MISSING, PointStatus.CONTRADICTED, PointStatus.PARTIAL)
    return [p.text for status in order for p in verdict.points if p.status is status]


def point_question(
    point: str, question: str, *, zh: bool, contradicted: bool = False, said: str = ""
) -> str | None:
    """The follow-up question about the missed `point` of the notes, or None when it is no
    statement or has no subject to ask about. A `contradicted` point with the answer's words
    (`said`) quotes them back."""
    if statement_problem(point):
        return None
    # "你说“但是显存会变小”" reads wrong: the joining word is not part of the claim
    said = without_connector(said.strip()).rstrip("，,。.；;！!？? ")
    if contradicted and said and _heard_len(said) <= MAX_CLAIM_CHARS:
        return say("follow_claim", zh, said=said)
    clause = _first_clause(point)
    found = _subject(clause, zh)
    if found is None:
        return None
    subject, frame, lead = found
    if not terms(subject) - terms(question) and frame not in NARROWING_FRAMES:
        return None  # "双塔模型是什么？" after "什么是双塔模型？" asks nothing new
    if frame == "what" and zh and clause.endswith("的"):
        frame = "trait"  # 用户的兴趣是多样的: asks what it is like, not what it is
    elif frame == "what" and re.search(r"[和与及]| and ", subject):
        frame = "relation"
    # 那召回阶段呢？ / 用户的兴趣有什么特点？ / …是用来做什么的？ say no verb of the point
    said_as = subject + lead if zh and frame not in ("more", "trait", "purpose") else subject
    return say(f"follow_point_{frame}", zh, asked=said_as)


_GLOSS = re.compile(r"\s*[(（][^()（）]*[)）]")
_CLAUSE_END = re.compile(r"[，,；;。：:！!？?\n]")
_ASCII_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#\-_.]*")


def _heard_len(text: str) -> int:
    """Length as a listener hears it: an English word counts as two characters."""
    return len(_ASCII_RUN.sub("xx", text))


def _first_clause(point: str) -> str:
    """The point's first clause, glosses dropped ("DIN(Deep Interest Network)是…" is about
    DIN)."""
    return _CLAUSE_END.split(_GLOSS.sub("", point).strip(), maxsplit=1)[0].strip()


def _subject(clause: str, zh: bool) -> tuple[str, str, str] | None:
    """(subject, frame, predicate as said) of a statement's first clause."""
    found = _split_zh(clause) if zh else _split_en(clause)
    if found is None:
        return None
    subject, frame, lead = found
    subject = subject.strip()
    if not zh and subject[:4] in ("The ", "A ", "An "):  # mid-sentence now: "And the model…"
        subject = subject[0].lower() + subject[1:]
    starts = predicates(zh).not_subject_starts
    first = subject.split()[0].lower() if subject and not zh else subject
    if (
        not subject
        or _heard_len(subject) < 2
        or _heard_len(subject) > MAX_SUBJECT_CHARS
        or (first.startswith(starts) if zh else first in starts)
    ):
        return None
    return subject, frame, lead


def _split_zh(clause: str) -> tuple[str, str, str] | None:
    words = predicates(True)
    i = 0
    while i < len(clause):
        blocked = next((w for w in words.not_predicates if clause.startswith(w, i)), None)
        if blocked:
            i += len(blocked)
            continue
        adverb = next((a for a in words.adverbs if clause.startswith(a, i)), "")
        at = i + len(adverb)
        for frame, listed in words.frames:
            verb = next((w for w in listed if clause.startswith(w, at)), None)
            if verb and i > 0:
                return clause[:i], frame, clause[i : at + len(verb)]
        i += 1
    return None


def _split_en(clause: str) -> tuple[str, str, str] | None:
    words = predicates(False)
    tokens = clause.split()
    for n, token in enumerate(tokens):
        word = token.lower()
        for frame, listed in words.frames:
            if word in listed and 0 < n <= 6:
                return " ".join(tokens[:n]), frame, token
    return None


def phrase(found: list[str], *, contradicted: bool, partial: bool, zh: bool) -> str:
    """The follow-up question an earlier version asked around the terms it named (none: the
    plain "what else?"): a session recorded then still reads its follow-up (TEMPLATE_TERMS)."""
    if not found:
        return say("follow_wrong_unnamed" if contradicted else "follow_what_else", zh)
    named = found[0]
    for term in found[1:]:
        named = say("follow_and", zh, first=named, second=term)
    many = "_many" if len(found) > 1 else ""
    if contradicted:
        return say("follow_wrong", zh, named=named)
    return say(("follow_partial" if partial else "follow_missing") + many, zh, named=named)


TEMPLATE_TERMS = frozenset(
    term
    for named in ([], ["Xq"], ["Xq", "Yq"])
    for contradicted in (False, True)
    for partial in (False, True)
    for zh in (False, True)
    for term in terms(phrase(named, contradicted=contradicted, partial=partial, zh=zh))
) - {"xq", "yq"}
"""The words every follow-up of an earlier version had, whichever gap it named: what is left of
such a question without them is what it asked about (see interview/grounding.py)."""
