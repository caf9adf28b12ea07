"""Negation cues and the contradiction rule of the offline grader.

Similarity of embeddings barely sees "not": "Adam 不需要偏置修正" sits close to "Adam 需要偏置修正".
So a clause that repeats a key point's words with a negation on one side only is taken to state
its opposite; compounds that are not negations (不同, 非常) and if-clauses are left out.
"""

from __future__ import annotations

import re

from interviewer.grading.text import EN_STOP_WORDS, content_units, terms

# Negation cues for the contradiction check; compounds that are not negations are removed first.
_ZH_NOT_NEGATION = (
    "不同",
    "不断",
    "不仅",
    "不管",
    "不过",
    "不少",
    "不错",
    "不足",
    "不一定",
    "不稳定",
    "无论",
    "非常",
    "除非",
    "并非",
    "无关",
    "无偏",
    "非线性",
    "非凸",
    "未来",
    "没错",
    "差不多",
    "不等式",
    "没那么",  # "对初始化没那么敏感" lowers the sensitivity, it does not deny it
    "没有那么",
    "不那么",
)
_ZH_NEG_RE = re.compile(r"没有|无法|不会|不需要|不能|不用|不是|没|不|无|未|非|别")
_EN_NEG_RE = re.compile(
    r"\b(?:not|no|never|none|cannot|without|neither|nor|nothing)\b|n't\b", re.IGNORECASE
)

_CONDITIONAL_RE = re.compile(r"如果|假如|假设|倘若|要是|若|一旦|\b(?:if|unless)\b", re.IGNORECASE)


def negations(text: str) -> int:
    """How many negation cues the text has (not/no/never, 不/没有/无法/...)."""
    for compound in _ZH_NOT_NEGATION:
        text = text.replace(compound, "")
    return len(_ZH_NEG_RE.findall(text)) + len(_EN_NEG_RE.findall(text))


def scoped_negations(text: str, other_terms: set[str]) -> int:
    """Negation cues whose negated word (the next content word / 4 characters) occurs on the other
    side: "are not connected" only counts against a text that talks about being connected."""
    for compound in _ZH_NOT_NEGATION:
        text = text.replace(compound, " ")
    count = 0
    for match in _ZH_NEG_RE.finditer(text):
        if _conditional(text, match.start()):
            continue
        if terms(text[match.end() : match.end() + 4]) & other_terms:
            count += 1
    for match in _EN_NEG_RE.finditer(text):
        if _conditional(text, match.start()):
            continue
        words = [w for w in re.findall(r"[A-Za-z0-9]+", text[match.end() : match.end() + 40])]
        content = [w for w in words if w.lower() not in EN_STOP_WORDS][:1]
        if terms(" ".join(content)) & other_terms:
            count += 1
    return count


def _conditional(text: str, at: int) -> bool:
    """Whether the negation at `at` sits in an if-clause: "如果没有激活函数, 网络只是线性的" states
    what happens without one, it does not deny anything."""
    clause = re.split(r"[，,。；;：:!?！？\n]", text[:at])[-1]
    return bool(_CONDITIONAL_RE.search(clause))


def without_negations(text: str) -> str:
    """The text with its negation cues removed: compares what two statements are about."""
    for compound in _ZH_NOT_NEGATION:
        text = text.replace(compound, compound.replace("不", "\0").replace("无", "\1"))
    text = _EN_NEG_RE.sub(" ", _ZH_NEG_RE.sub(" ", text))
    return text.replace("\0", "不").replace("\1", "无")


def contradicts(statement: str, point: str) -> bool:
    """The same claim with a negation flipped: most of the statement's words are in the point
    and a negation whose scope is shared sits on one side only."""
    if content_units(point) > 40:
        return False  # a run-on point (alternatives glued together) has no usable locality
    s_terms = terms(without_negations(statement))
    p_terms = terms(without_negations(point))
    shared = s_terms & p_terms
    if len(shared) < 2 or len(shared) < 0.5 * len(s_terms):
        return False
    # presence, not parity: double negatives are rare, and a clause cut off its "No," would
    # flip a parity count
    return (scoped_negations(statement, p_terms) > 0) != (scoped_negations(point, s_terms) > 0)
