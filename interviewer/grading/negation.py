"""Negation cues, opposite words and the contradiction rule of the offline grader.

Similarity of embeddings barely sees "not": "Adam 不需要偏置修正" sits close to "Adam 需要偏置修正",
and "收敛更慢" close to "收敛更快". So a clause that repeats a key point's words with a negation on
one side only, or with one word swapped for its opposite (增大/减小, faster/slower), is taken to
state its opposite; compounds that are not negations (不同, 非常) and if-clauses are left out.
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
    "非线形",  # a common slip for 非线性
    "非凸",
    "未来",
    "没错",
    "差不多",
    "不等式",
    "没那么",  # "对初始化没那么敏感" lowers the sensitivity, it does not deny it
    "没有那么",
    "不那么",
    # 别 ends words that deny nothing
    "类别",
    "区别",
    "分别",
    "特别",
    "级别",
    "识别",
    "差别",
    "性别",
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
    """The same claim flipped: most of the statement's words are in the point, and either a
    negation whose scope is shared sits on one side only, or (neither side negated) one side
    says a word whose opposite the other says."""
    if content_units(point) > 40:
        return False  # a run-on point (alternatives glued together) has no usable locality
    point = _clause_about(statement, point)
    s_terms = terms(without_negations(statement))
    p_terms = terms(without_negations(point))
    shared = s_terms & p_terms
    if len(shared) >= 2 and len(shared) >= 0.5 * len(s_terms):
        # presence, not parity: double negatives are rare, and a clause cut off its "No," would
        # flip a parity count
        flipped = scoped_negations(statement, p_terms) > 0
        if flipped != (scoped_negations(point, s_terms) > 0):
            return True
    if negations(statement) or negations(point) or swapped_opposites(statement, point) % 2 == 0:
        # "not closed" vs "open" agree: with a negation about, opposites are moot; and two swaps
        # are the converse ("the closer …, the more effort" vs "farther …, less effort")
        return False
    s_terms = terms(without_opposites(statement))
    shared = s_terms & terms(without_opposites(point))
    # the swapped pair itself says both are about the same quantity, so one more shared word
    # ("voltage increases" / "voltage decreases") is enough
    return bool(shared) and len(shared) >= 0.5 * len(s_terms)


_POINT_CLAUSE_RE = re.compile(r"[，,；;：:]")


def _clause_about(statement: str, point: str) -> str:
    """The clause of a multi-clause point that the statement is about: "它不会压缩数据值，所以数据值
    会不断变大" holds its "不会" for the first clause only, so an answer saying the second must be
    compared with the second."""
    clauses = [c for c in _POINT_CLAUSE_RE.split(point) if content_units(c) >= 2]
    if len(clauses) <= 1 or _POINT_CLAUSE_RE.search(statement.strip(" ，,；;：:")):
        return point  # a statement of several clauses is weighed against the whole point
    s_terms = terms(without_negations(without_opposites(statement)))
    return max(clauses, key=lambda c: len(s_terms & terms(without_negations(without_opposites(c)))))


# Opposite words: English as whole words (inflections listed), Chinese as substrings (only
# words of two or more characters: 快/慢 alone hide in too many compounds).
_EN_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("increase increases increased increasing", "decrease decreases decreased decreasing"),
    ("higher highest", "lower lowest"),
    ("larger largest bigger biggest", "smaller smallest"),
    ("more", "less fewer"),
    ("faster fastest quicker", "slower slowest"),
    ("open opened", "closed"),
    ("positive", "negative"),
    ("series", "parallel"),
    ("connected", "separated disconnected"),
    ("same", "different"),
    ("overfitting overfit overfits", "underfitting underfit underfits"),
    ("sparse", "dense"),
    ("maximize maximise maximizes maximises maximum", "minimize minimise minimizes minimum"),
    ("above", "below"),
    ("before", "after"),
    ("longer", "shorter"),
    ("closer nearer", "farther further"),
    ("stronger", "weaker"),
    ("hotter warmer", "colder cooler"),
    ("attract attracts", "repel repels"),
    ("expand expands", "contract contracts"),
    ("rise rises rising", "fall falls falling"),
    ("inside", "outside"),
    ("vanishing", "exploding"),
    ("forward", "backward"),
)
_ZH_DEGREE = "更较越变很太偏过"
_ZH_POLES = ("快慢", "大小", "多少", "高低", "强弱", "长短", "深浅", "宽窄", "粗细")
_ZH_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("增大", "减小"),
    ("增加", "减少"),
    ("增强", "减弱"),
    ("扩大", "缩小"),
    ("上升", "下降"),
    ("升高", "降低"),
    ("提高", "降低"),
    ("加快", "减慢"),
    ("加速", "减速"),
    ("过拟合", "欠拟合"),
    ("稀疏", "稠密"),
    ("正相关", "负相关"),
    ("正样本", "负样本"),
    ("最大化", "最小化"),
    ("最大值", "最小值"),
    ("串联", "并联"),
    ("前向", "反向"),
    ("训练时", "测试时"),
    ("训练阶段", "测试阶段"),
    ("之前", "之后"),
    ("梯度消失", "梯度爆炸"),
    ("高偏差", "低偏差"),
    ("高方差", "低方差"),
    # "很快" against "更慢": any degree word before either pole
    *((f"[{_ZH_DEGREE}]{a}", f"[{_ZH_DEGREE}]{b}") for a, b in _ZH_POLES),
)
_ZH_SIDES = [(re.compile(a), re.compile(b)) for a, b in _ZH_OPPOSITES]
_EN_SIDES = [(frozenset(a.split()), frozenset(b.split())) for a, b in _EN_OPPOSITES]
OPPOSITE_WORDS_RE = re.compile(
    r"\b(?:"
    + "|".join(w for a, b in _EN_OPPOSITES for w in f"{a} {b}".split())
    + r")\b|"
    + "|".join(w for pair in _ZH_OPPOSITES for w in pair),
    re.IGNORECASE,
)
"""Any word of the opposites lists."""


def says_opposites(text: str) -> bool:
    """Whether the text has any word of the opposites lists (a cheap pre-check)."""
    return bool(OPPOSITE_WORDS_RE.search(text))


def swapped_opposites(statement: str, point: str) -> int:
    """How many pairs of opposites are swapped: one text says a word, the other its opposite
    (and neither says both)."""
    s_words = {w.lower() for w in re.findall(r"[A-Za-z]+", statement)}
    p_words = {w.lower() for w in re.findall(r"[A-Za-z]+", point)}
    swaps = 0
    for a, b in _EN_SIDES:
        s_a, s_b, p_a, p_b = (
            bool(s_words & a),
            bool(s_words & b),
            bool(p_words & a),
            bool(p_words & b),
        )
        swaps += (s_a and p_b and not s_b and not p_a) or (s_b and p_a and not s_a and not p_b)
    for ra, rb in _ZH_SIDES:
        s_a, s_b = bool(ra.search(statement)), bool(rb.search(statement))
        p_a, p_b = bool(ra.search(point)), bool(rb.search(point))
        swaps += (s_a and p_b and not s_b and not p_a) or (s_b and p_a and not s_a and not p_b)
    return swaps


def states_converse(sentence: str, point: str) -> bool:
    """Whether the sentence swaps an even number (2, 4) of opposites against the point: "the
    closer the effort, the more effort it takes" is the converse of "farther …, less effort",
    so neither of its clauses contradicts the point, though each alone swaps one pair."""
    if not sentence or negations(sentence) or negations(point):
        return False
    swaps = swapped_opposites(sentence, point)
    return swaps > 0 and swaps % 2 == 0


def without_opposites(text: str) -> str:
    """The text with its opposite words removed: compares what two statements are about."""
    return OPPOSITE_WORDS_RE.sub(" ", text)
