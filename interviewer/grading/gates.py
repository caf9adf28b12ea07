"""Hard gates checked before any score is computed.

Why: similarity scores are never zero, so without gates "不知道", "fine" or the question read back
get a few points, and a bare list of the reference's keywords looks like full coverage. Users'
main complaint about answer graders is exactly that inflation; these rules stop it explicitly,
each with its own label and finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from interviewer.grading.text import clean_text, content_units, is_cjk, strip_fillers, terms
from interviewer.types.verdict import Label
from interviewer.vocabulary.dont_know import dont_know
from interviewer.vocabulary.load import any_of, longest_first
from interviewer.vocabulary.relations import relation_words

MIN_CONTENT_UNITS = 2
"""Fewer CJK characters + English words than this is too short to judge."""
STUFFING_CAP = 4.0
"""Highest score a bare list of reference terms (no relations between them) can get."""

# What "I don't know" sounds like: vocabulary/data/dont_know.toml.
_DONT_KNOW = dont_know()
_DK_GLUE = re.compile(_DONT_KNOW.glue.pattern(spaces=" "))
_DK_RE = re.compile(any_of(longest_first(_DONT_KNOW.phrases)), re.I)
HEDGE = re.compile("|".join(_DONT_KNOW.in_answer), re.IGNORECASE)
"""Words that say "I don't know" inside a longer spoken answer (不太会, 没研究过, 超纲, not
familiar, my mind went blank): the key grader treats a short hedged answer that makes little of
the key as a don't-know. `_DK_RE` above is the stricter gate: the whole answer is one."""

DONT_KNOW_UNITS = 60
"""A hedged don't-know is short: past this many units the candidate is answering after all."""


_ASKS_WILL = re.compile("|".join(_DONT_KNOW.asks_will))
_OPENING_WONT = re.compile(r"^\W*(?:[嗯呃额唔]\W*)?不会(?=\W)")


def hedged_dont_know(text: str, question: str = "") -> bool:
    """A short answer that says, somewhere, that the candidate doesn't know (`HEDGE`); a grader
    takes it for a don't-know when it also makes little of the reference. To a question asking
    whether something will happen (`_ASKS_WILL`), an opening 不会 is the answer ("是否也会变快？"
    "不会，退化成 O(n^2)" was graded *empty*)."""
    if question and _ASKS_WILL.search(question):
        text = _OPENING_WONT.sub(" ", text, count=1)
    return content_units(text) <= DONT_KNOW_UNITS and bool(HEDGE.search(text))


_PUNCT = re.compile(r"[\s\W_]+")

_RELATION_WORDS = re.compile(relation_words("stuffing").pattern(), re.I)
ITEM_SPLIT = re.compile(r"[、,，;；/|\s]+")
"""Where one item of a listed answer ends (shared with the key grader's keyword-list rule)."""


@dataclass(frozen=True)
class GateResult:
    """A verdict decided (or capped) before scoring."""

    label: Label
    score: float
    reason: str
    """Which gate (the kind of the verdict's finding): empty, dont_know, too_short,
    repeats_question."""


GATES = frozenset({"empty", "dont_know", "too_short", "repeats_question"})
"""Every `GateResult.reason`: a verdict with one of these findings was decided by a gate."""


def text_gate(question: str, answer: str, references: Sequence[str] = ()) -> GateResult | None:
    """The gates that need no model: empty, don't-know, too short, the question read back.

    One English word is too short unless the references use it and the question does not:
    "Celsius." can be the whole right answer (SemEval has such answers graded correct)."""
    cleaned = clean_text(answer)
    if not _PUNCT.sub("", cleaned):
        return GateResult(Label.EMPTY, 0.0, "empty")
    core = strip_fillers(cleaned)
    if _is_dont_know(core):
        return GateResult(Label.EMPTY, 0.0, "dont_know")
    if content_units(core) < MIN_CONTENT_UNITS and not _answering_term(question, core, references):
        return GateResult(Label.EMPTY, 0.0, "too_short")
    if repeats_question(question, core):
        return GateResult(Label.INCORRECT, 0.0, "repeats_question")
    return None


def _answering_term(question: str, core: str, references: Sequence[str]) -> bool:
    word = terms(core)
    if is_cjk(core) or len(word) != 1 or len(core.strip(" .,!?;:")) < 3:
        return False
    used = set().union(*map(terms, references)) if references else set()
    return bool(word & (used - terms(question)))


def _is_dont_know(core: str) -> bool:
    core = re.sub(r"[\"`´‘’]", "'", core)
    if not _DK_RE.search(core):
        return False
    rest = _DK_RE.sub(" ", core)
    rest = _DK_GLUE.sub(" ", rest)
    return not _PUNCT.sub("", rest)


_FORMULA_TOKEN_RE = re.compile(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])|\d+|[\^()+\-*/=<>≤≥≠√∑∞%]")
"""What `terms` leaves out but an answer can consist of: single letters, numbers and operators
("O(n)", "2^(n-1)", "x = 0")."""
_DISCOURSE = frozenset(
    "think guess believe well ok okay yes yeah question ask answer say mean 觉得 认为 我想 问题 "
    "这道 道题 回答 答案".split()
)
"""Words a candidate adds to a read-back question without answering it."""
READ_BACK_SHARE = 0.6
"""An answer inside the question counts as read back only if it is this much of the question:
"parallel" to "are the bulbs in series or parallel?" picks an option, it does not repeat."""


def adds_to_question(question: str, answer: str) -> set[str]:
    """What the answer says that the question does not: its terms, and the single letters,
    numbers and operators of a formula ("private and public", "O(n)")."""

    def tokens(text: str) -> set[str]:
        return terms(text) | set(_FORMULA_TOKEN_RE.findall(text.lower()))

    return tokens(strip_fillers(clean_text(answer))) - tokens(clean_text(question)) - _DISCOURSE


def repeats_question(question: str, answer: str) -> bool:
    """True when the answer is the question read back (copied, not merely using its words:
    answers legitimately reuse the question's terms). An answer that adds anything the question
    lacks is never a read-back: "The access-specifiers of a class are private and public" copies
    most of its question and is the right answer, and so is "O(n)"."""
    q = _PUNCT.sub("", strip_fillers(clean_text(question))).lower()
    a = _PUNCT.sub("", answer).lower()
    if not q or not a or adds_to_question(question, answer):
        return False
    if a in q and len(a) >= READ_BACK_SHARE * len(q):
        return True
    return len(a) <= len(q) * 1.2 + 2 and SequenceMatcher(None, q, a).ratio() >= 0.8


def off_topic(
    answer_vs_question: float,
    answer_vs_reference: float,
    best_point: float,
    shared_terms: float,
    chinese: bool,
) -> bool:
    """No word in common with the question or any reference, and not close to them in meaning
    either. e5 cosines have a high floor (unrelated Chinese text ~0.81, answers to other
    questions of the same subject 0.80-0.88), so the missing shared words carry the decision and
    the similarity bars only veto it for paraphrases."""
    bar, point_bar = OFF_TOPIC_SIM_ZH if chinese else OFF_TOPIC_SIM_EN
    return (
        shared_terms == 0
        and answer_vs_question < bar
        and answer_vs_reference < bar
        and best_point < point_bar
    )


OFF_TOPIC_SIM_ZH = (0.86, 0.88)
"""Chinese: (answer vs question / reference, best key point) cosines under which a word-disjoint
answer is unrelated (unrelated Chinese text sits at 0.81-0.86)."""
OFF_TOPIC_SIM_EN = (0.80, 0.84)
"""English sits lower in e5 (genuine answers down to 0.77, answers to other questions ~0.80)."""


def is_stuffing(answer: str, reference_points: list[str], reference_terms: set[str]) -> bool:
    """A bare list of the reference's terms with no relation between them.

    Only counts when the reference itself explains (its points are prose); when the reference is
    an enumeration ('整理、整顿、清扫'), listing its items IS the right answer."""
    items = [i for i in ITEM_SPLIT.split(answer) if i.strip()]
    if len(items) < 3:
        return False
    prose_points = [p for p in reference_points if content_units(p) >= 8]
    if len(prose_points) < max(1, len(reference_points) // 2):
        return False
    if _RELATION_WORDS.search(answer):
        return False
    if max(content_units(i) for i in items) > 8:
        return False
    hits = sum(1 for i in items if terms(i) & reference_terms)
    return hits >= max(3, int(0.6 * len(items)))
