"""The concept groups of one point of a draft key: the words a candidate must say for the point
to count, once the user saves the draft. Every group is required, so a group must be the point's
own content — not its time frame ("训练时" of "训练时只更新 A 和 B"), not a verb glued to a noun
("用内积"), not a fragment ("历史行" of 历史行为), not the question's subject spelled out
("Deep Interest Network" of "DIN(Deep Interest Network)…"). Alternatives the point itself gives
("内积或余弦相似度") and a term's two spellings ("奖励模型(Reward Model)") are one group: either
counts."""

from __future__ import annotations

import os
import re

from interviewer.grading.naming import GENERIC, naming_terms
from interviewer.grading.text import terms
from interviewer.vocabulary.cjk import CJK_UNIFIED

MAX_GROUPS = 2
MAX_CANDIDATES = 6

_CJK = CJK_UNIFIED
_GLOSS = re.compile(
    rf"([{_CJK}]{{2,}}|[A-Za-z][A-Za-z0-9\-]*(?: [A-Za-z][A-Za-z0-9\-]*)*)\s*[(（]\s*"
    rf"([A-Za-z][A-Za-z0-9\- ]*[A-Za-z0-9])\s*[)）]"
    rf"|\b([A-Z][A-Z0-9\-]+)\s*[(（]\s*([{_CJK}]{{2,}})\s*[)）]"
)
"""A term and its other spelling in brackets: 奖励模型(Reward Model), SFT(监督微调),
DIN(Deep Interest Network); not an aside in Chinese ("softmax(多分类)", "loss(或者梯度)")."""
_FRAME = re.compile(
    rf"(?:[{_CJK}]*(?:时|时候|之前|之后|期间|前|后)|代价|好处|每步|每一步|最后|首先)$"
)
"""A clause's time or frame, not its content: 训练时, 自回归生成时, 推理时, 代价是…."""
_LEAD = re.compile(r"^(?:用(?![户])|采用|利用|使用|通过|根据|基于|直接|只需|再|先|即)(?=..)")
"""A verb or adverb glued to the front of a noun by the cut: 用内积 is 内积."""
_OR = re.compile(r"^\s*(?:或者|或是|或|、|/|\bor\b)\s*$")
"""What stands between two alternatives for one slot: 内积或余弦相似度, 内积、余弦."""
_ALTERNATIVE_AFTER = re.compile(
    rf"^\s*(?:或者|或是|或(?!许)|/|\bor\b)\s*([{_CJK}]{{2,6}}?|[A-Za-z][A-Za-z0-9\-]*)"
    rf"(?=衡量|计算|来|作为|度量|表示|做|[，。,;；\s]|$)"
)
_ROW = re.compile(r"^([^：:，,]{1,30})[：:]\s*(.+?)[。.]?$")
"""A Markdown table row as the notes read it: "MQA：KV 头数 1，显存占用 最小，效果 略差"."""


def concept_groups(
    text: str, question: str, reference: str, others: list[str], examples: list[str]
) -> list[list[str]]:
    """Up to two groups for the point `text` of `reference`; `others` are the other points."""
    row = _row_groups(text, others)
    if row:
        return row
    glosses = _glosses(text)
    subject = terms(question)
    groups: list[list[str]] = []
    for term in _terms(text, question, reference, others, examples):
        gloss = next((g for g in glosses if any(_overlap(term, s) for s in g)), None)
        if gloss is not None:
            if any(terms(s) and terms(s) <= subject for s in gloss):
                continue  # DIN(Deep Interest Network) when the question asks about DIN
            group = list(gloss)
        else:
            group = [term, *_alternatives(term, text)]
        if any(
            set(group) & set(g) or any(_overlap(w, v) for w in group for v in g) for g in groups
        ):
            continue
        groups.append(group)
    for gloss in glosses:  # a glossed term the cut missed is the point's term all the same
        if len(groups) >= MAX_GROUPS:
            break
        if any(terms(s) and terms(s) <= subject for s in gloss):
            continue
        if not any(_overlap(w, s) for g in groups for w in g for s in gloss):
            groups.insert(0, list(gloss))
    return _merge_alternatives(groups, text)[:MAX_GROUPS]


def _terms(
    text: str, question: str, reference: str, others: list[str], examples: list[str]
) -> list[str]:
    """The point's naming terms, each cut clean: a term the reference repeats first, the point's
    own words if none; never one that most of the other points say too ("用户", "物品" in every
    point on 双塔: it tells nothing and a missing one costs the point)."""
    asked = terms(question)
    given: list[str] = []
    for repeated in (reference, ""):
        found = naming_terms(text, question, "", limit=MAX_CANDIDATES, reference=repeated)
        own = []
        for term in found:
            term = _GENERIC_TAIL.sub("", _LEAD.sub("", term.strip()))
            if _FRAME.fullmatch(term) or len(term) < 2 or term in own or _frames(term, text):
                continue
            if any(term in example or example in term for example in examples):
                continue
            if 1 + sum(term in other for other in others) >= max(2, (len(others) + 2) // 2):
                continue
            own.append(term)
        given = given or [t for t in own if terms(t) <= asked]
        own = [t for t in own if not terms(t) <= asked]  # GQA of "MHA、MQA 和 GQA…"
        if own:
            return own
    return given


_FRAMED = re.compile(r"\s*(?:阶段|时候|时|的时候|期间|中)")


def _frames(term: str, text: str) -> bool:
    """Whether the point says `term` only as its frame: "PPO 阶段加入 KL 散度惩罚" is about KL."""
    at = text.find(term)
    return at >= 0 and bool(_FRAMED.match(text, at + len(term)))


_GENERIC_TAIL = re.compile(rf"(?<=[{_CJK}]{{2}})(?:阶段|过程|部分|机制)$")
"""A required wording ends in its head: "召回阶段" would miss "召回的时候…"."""


def _glosses(text: str) -> list[tuple[str, str]]:
    """Each bracketed spelling with the term it spells, a Chinese one cut to its head noun (先做
    监督微调 -> 监督微调: a noun phrase ends in its head)."""
    found = [
        (_head((a or c).strip()), _head((b or d).strip())) for a, b, c, d in _GLOSS.findall(text)
    ]
    return [g for g in found if not any(s in GENERIC for s in g)]  # ICS问题(Internal …)


def _head(term: str) -> str:
    if not re.match(f"[{_CJK}]", term):
        return term
    head = _HEAD_CUT.sub("", term)
    return head if len(head) <= MAX_HEAD else head[-MAX_HEAD:]


MAX_HEAD = 6
_HEAD_CUT = re.compile(
    rf"^.*(?:先|再|做|用|利用|使用|采用|通过|引入|加入|训练|得到|输出|的)(?=[{_CJK}]{{2}})"
)


def _overlap(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a


def _alternatives(term: str, text: str) -> list[str]:
    """The other wording the point offers for the same slot: 余弦相似度 of "内积或余弦相似度"."""
    at = text.find(term)
    if at < 0:
        return []
    m = _ALTERNATIVE_AFTER.match(text[at + len(term) :])
    return [m.group(1)] if m and m.group(1) != term else []


def _merge_alternatives(groups: list[list[str]], text: str) -> list[list[str]]:
    """Two groups the point joins by 或 / 、 are one: either is the point."""
    merged: list[list[str]] = []
    for group in groups:
        for other in merged:
            if _joined(other[0], group[0], text) or _joined(group[0], other[0], text):
                other.extend(w for w in group if w not in other)
                break
        else:
            merged.append(list(group))
    return merged


def _joined(first: str, second: str, text: str) -> bool:
    a, b = text.find(first), text.find(second)
    return 0 <= a and a + len(first) <= b and bool(_OR.match(text[a + len(first) : b]))


def _row_groups(text: str, others: list[str]) -> list[list[str]] | None:
    """A table row is about its first cell, and any of its values said of it makes it: "MQA" and
    one of 1 / 最小 / 略差. The headers are what the rows' cells share ("显存占用 最小",
    "显存占用 最大")."""
    m = _ROW.match(text)
    if not m:
        return None
    cells = _cells(m.group(2))
    rows = [_cells(r.group(2)) for r in map(_ROW.match, others) if r]
    rows = [r for r in rows if len(r) == len(cells)]
    if len(cells) < 2 or not rows:
        return None
    values: list[str] = []
    for i, cell in enumerate(cells):
        shared = os.path.commonprefix([cell, *(r[i] for r in rows)])
        header = shared[: shared.rfind(" ") + 1] if " " in shared else ""
        if not header.strip():
            return None  # not the rows of one table
        value = cell[len(header) :].strip()
        if len(value) >= 2 and value not in values:
            values.append(value)
    subject = m.group(1).strip().strip("*")
    return [[subject], values] if values else [[subject]]


def _cells(said: str) -> list[str]:
    return [c.strip() for c in re.split(r"[，,]", said) if c.strip()]
