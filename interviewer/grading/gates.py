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

MIN_CONTENT_UNITS = 2
"""Fewer CJK characters + English words than this is too short to judge."""
STUFFING_CAP = 4.0
"""Highest score a bare list of reference terms (no relations between them) can get."""

_DONT_KNOW = (
    "我不知道",
    "不知道",
    "不太知道",
    "不清楚",
    "不太清楚",
    "不记得",
    "记不得",
    "记不清",
    "想不起来",
    "不会",
    "不懂",
    "不太懂",
    "不了解",
    "没学过",
    "没学",
    "没听过",
    "没听说过",
    "没复习",
    "忘了",
    "忘记了",
    "忘记",
    "跳过",
    "下一题",
    "换一题",
    "pass",
    "skip",
    "next",
    "i don't know",
    "i dont know",
    "i do not know",
    "don't know",
    "dont know",
    "no idea",
    "not sure",
    "dunno",
    "idk",
    "i forgot",
    "forgot",
    "no clue",
    "i have no idea",
    "sorry",
    "抱歉",
    "对不起",
)
_DK_GLUE = re.compile(
    r"我|真的|确实|实在|这个|这题|这道题|题目|一下|了|呀|哎|唉|诶|吧|呢|啊|嗯|的|也|太|还是|就|先"
    r"|\b(?:i|really|just|um|uh|the|this|one|question|please|let's|lets|let me|honestly|answer)\b"
)
_DK_RE = re.compile("|".join(sorted(map(re.escape, _DONT_KNOW), key=len, reverse=True)), re.I)
HEDGE = re.compile(
    r"不(?:太|怎么|是很|大|很)?(?:懂|清楚|了解|熟|记得|知道|确定)|我(?:真|是真|确实|实在|也|都)?不(?:太|大|很)?会"
    r"|不(?:太|怎么|是很|大|很)?会(?=[了啊呀吧呢，,。.!！?？…~]|\s*$|[答做讲说这])"  # not 不会饱和
    r"|记不(?:清|太清|得|起来)|想不起|(?<!遗)忘了|(?<!遗)忘记了|我(?:都|也|有点)?忘"  # not 遗忘门
    r"|没(?:怎么|太|有|什么)?(?:研究|学|看|复习|接触|了解|搞懂|弄懂|印象|准备|听说|听过|用过)(?![到好会])"
    r"|[答说讲]不(?:出|上)来|印象不深|超纲|一片空白|脑子空白|记混|不瞎说|瞎说的|乱说的|算了|跳过"
    r"|don'?t (?:really )?(?:know|remember|understand)|no idea|no clue|not sure|not (?:really )?"
    r"familiar|haven'?t (?:really )?(?:looked|studied|learned|read|used)|can'?t (?:remember|recall)"
    r"|forgot|never (?:really )?(?:heard|learned|studied|got|understood|used)"
    r"|mind (?:is|went) blank|(?<!forward )(?<!backward )\bpass\b(?! through)"
    r"|\bskip\b(?![ -]?conn)",
    re.IGNORECASE,
)
"""Words that say "I don't know" inside a longer spoken answer (不太会, 没研究过, 超纲, not
familiar, my mind went blank): the key grader treats a short hedged answer that makes little of
the key as a don't-know. `_DONT_KNOW` above is the stricter gate: the whole answer is one."""

_PUNCT = re.compile(r"[\s\W_]+")

_RELATION_WORDS = re.compile(
    r"是|为|因为|所以|因此|通过|使|让|用|可以|能|会|导致|避免|防止|如果|当|则|而|但|比|更|越|把|被|对|"
    r"需要|利用|实现|解决|保证|减少|增加|加快|缓解|"
    r"\b(?:is|are|was|were|be|because|so|therefore|by|uses?|using|makes?|causes?|prevents?|if|when|"
    r"then|than|more|less|which|that|so that|allows?|helps?|reduces?|increases?|avoids?|since|"
    r"leads?|while|whereas|but|to)\b",
    re.I,
)
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
