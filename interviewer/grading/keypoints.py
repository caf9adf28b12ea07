"""Key points: a reference cut into the statements a good answer should make.

Why rules and not a model: references are scraped pages (numbering, bullets, headings, run-on
lines, announcers like "主要有以下几点"), and every rule here is about their *language*, none about
scoring, so it can be tested without the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer.grading.text import (
    CJK,
    FORMULA_RE,
    SENTENCE_SPLIT_RE,
    clean_text,
    content_units,
    is_cjk,
    terms,
)
from interviewer.vocabulary.cjk import CJK_UNIFIED

MAX_POINTS = 16
"""Key points kept per reference: beyond this, neighbours within a section are merged."""

# Boilerplate of scraped notes that carries no knowledge.
_BOILERPLATE_RE = re.compile(
    r"(如下图所?示?|如图所?示|见下图|见上图|下图|上图|如下表|见下表|详见[^，。；]*|参考[:：]?\s*https?://\S+"
    r"|https?://\S+|点击[^，。]*|原文链接[^，。]*|图\s*\d+[-.]?\d*)"
)
_LIST_MARKER_RE = re.compile(
    r"[（(]\s*(?:\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\s*[)）]\.?|(?:^|\s|(?<=[。；;：:，,]))(?:\d{1,2}\s*[.、)）](?!\d)|[①-⑳]"
    r"|[一二三四五六七八九十]、|[•·●■◆▪►]\s?"
    # "-" / "*" between two operands ("n - 1", "c/d * e") is arithmetic, not a bullet; before
    # a word ("… - dropout") it still is one
    r"|(?:(?<![A-Za-z0-9)\]]\s)|(?![-*]\s?(?:[\d(]|[A-Za-z](?![A-Za-z]))))[-*]\s?"
    rf"|\d{{1,2}}(?:\.\d{{1,2}})+(?=\s*[{CJK_UNIFIED}])"  # the unified block only, as always
    r"|[a-h][.)）]\s)"
    # "噪声.2.此外": numbering glued after a period
    rf"|(?<=[{CJK_UNIFIED}]\.)\d{{1,2}}\s*[.、](?!\d)"
)
_LEADING_MARKER_RE = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\s*[.、)）](?!\d)\s*|\d{1,2}(?:\.\d{1,2})+\s*"
    r"|[（(]\s*(?:\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\s*[)）]\.?\s*"
    r"|[a-zA-Z][.)）]\s*|[①-⑳]\s*|[一二三四五六七八九十]、\s*|[-*•·●■◆▪►>=]+\s*)"
)
"""Numbering or a bullet left at the start of a point (1.3 / (1) / a. / ① / •)."""
_HEADING_WORDS = (
    r"(?:优缺点|优点|缺点|原因|问题|解决办法|解决方法|解决方式|解决方案|处理办法|方法|作用|区别|特点|定义|步骤"
    r"|思路|总结|介绍|概述|原理|流程|应用|分类|公式|例子|举例|含义)"
)
_BARE_HEADING_RE = re.compile(rf"^(?!有|具有|起到?|带来|没有)(?:.{{0,14}}){_HEADING_WORDS}$")
"""A point that is only a sub-heading ("1.3 梯度爆炸造成的原因", "优点"): no knowledge in it."""
_GLUED_HEADING_RE = re.compile(rf"(?:^|\s)([^\s；;。，,]{{1,16}}{_HEADING_WORDS})\s+(?=\S)")
"""A sub-heading glued to the next section's text by a space ('… 1.4 梯度爆炸的解决方式 使用…')."""
_ASKING_HEADING_RE = re.compile(
    rf"(?:^|\s)(?:(?:什么是|为什么|如何|怎么|怎样)[^\s，,。；;]{{1,14}}|[^\s，,。；;]{{0,16}}{_HEADING_WORDS})"
    r"(?=\s*(?:\n|$))|(?:^|\s)(?:什么是|为什么|如何|怎么|怎样)[^\s，,。；;]{1,14}\s+(?=\S)"
    rf"|(?:^|(?<=[\s。；;，,]))(?:(?:什么是|为什么|如何|怎么|怎样)[^\s，,。；;:：]{{1,14}}"
    rf"|[^\s，,。；;:：]{{0,16}}{_HEADING_WORDS})\s*[:：]",
    re.M,
)
"""Headings without a question mark ('什么是欠拟合', a trailing '… 解决办法')."""
_QUESTION_HEADING_RE = re.compile(r"(?:^|(?<=[\s。；;\n]))[^。；;？?！!\n]{1,30}[？?]")
"""'1.1 什么是梯度爆炸?' inside a reference is a heading, not a point."""
_SECTION = "\x1e"
"""Stands in for a removed sub-heading: key points never merge across it."""
MAX_POINT_CHARS = 120
"""Merging short neighbours never builds a point longer than this."""
_ATTRIBUTE_RE = re.compile(rf"[{CJK_UNIFIED}] (?=[\w{CJK_UNIFIED}])")
"""An attribute and its value said apart ("显存占用 最小", "KV 头数 1"): a table row read as a
sentence (corpus/md_tables.py)."""
_LEAD_IN_RE = re.compile(r"^(?:主要|一般|通常)?(?:是指|包括|包含|分为|可分为|有|是|指|为)(?=.{2,})")
_EMPTY_BRACKETS_RE = re.compile(r"[(（\[【]\s*[)）\]】]")
# a comma or colon between two digits ("得到0,1的向量", "1:2") and a slash between two letters,
# digits or brackets ("1/G", "update/reset", "2/(n-1)") are part of what is written, not separators
_CLAUSE_SPLIT_RE = re.compile(r"(?:[，：]|[,:](?!\d)|(?<!\d)[,:])+")
_ENUM_SPLIT_RE = re.compile(
    r"(?:、|[/／](?![\dA-Za-z(\ue010])|(?<![\dA-Za-z)\ue011])[/／])+"  # \ue010: a formula
)
_HEADER_RE = re.compile(r"^([^：:]{1,40})[：:](.+)$", re.S)

# A sentence that only announces a list ("过拟合主要由两个原因造成", "解决方法有以下几种",
# "There are two main reasons") carries no knowledge of its own: once its count phrase and these
# generic words are gone, nothing is left but the question's words.
_COUNT_RE = re.compile(
    r"(?:以下|如下|下列|下面)(?:的)?(?:[几两二三四五六七八九十\d]+\s*(?:个|种|类|点|条|项|步|大))?"
    r"|[几两二三四五六七八九十\d]+\s*(?:个|种|类|点|条|项|步|大)"
    r"|\b(?:two|three|four|five|six|several|a few|\d+)\s+(?:main\s+|major\s+|key\s+)?"
    r"(?:reasons?|ways?|methods?|types?|kinds?|steps?|causes?|aspects?|parts?|points?|advantages?"
    r"|disadvantages?|benefits?|differences?)\b|\bas follows\b",
    re.IGNORECASE,
)
_ANNOUNCE_WORDS_RE = re.compile(
    r"主要|原因|方法|方面|方式|措施|手段|办法|途径|类型|部分|步骤|因素|内容|情况|问题|作用|好处|优点"
    r"|缺点|特点|区别|不同|造成|引起|导致|组成|构成|所致|决定|解决|可以|可分为|分为|包括|包含|常见"
    r"|常用|一般|通常|总结|归纳|概括|来说|来看|入手|如下|[的是有由从来这其等如下了面几即为]"
    r"|\b(?:there|are|is|main|major|key|the|following|these|we|have|has)\b",
    re.IGNORECASE,
)
MAX_ANNOUNCER_UNITS = 24

# Words a header can be made of without naming anything ("答：", "原因：", "第一：")
_GENERIC_HEADER_RE = re.compile(
    r"答案?|回答|解答|定义|概念|原因|作用|方法|优缺点|优点|缺点|区别|特点|总结|简介|简述|解释|说明"
    r"|原理|思路|步骤|结论|注意|例如|比如|其中|其他|其它|另外|此外|首先|其次|然后|最后|主要|内容|即|如|注"
    r"|第[一二三四五六七八九十\d]+|方法[一二三四五六七八九十\d]+"
    r"|\b(?:answer|definition|reason|summary|note|example|e\.g|i\.e)\b",
    re.IGNORECASE,
)
_COMPARES_RE = re.compile(
    r"区别|不同|差异|异同|对比|比较|相比|vs\.?|versus|differen|compar|[和与跟](?=.{0,12}(?:区别|不同|差异|比较))",
    re.IGNORECASE,
)
MAX_TERM_HEADER_UNITS = 6
"""A header this short that names something of its own ("L1", "Early Stopping") stays glued to
its explanation: "稀疏参数" alone would say nothing."""

# "Early Stopping。在模型效果比较好的时候便提前停止训练": a bare term ended like a sentence,
# then its explanation on the same line, is a header.
_TERM_SENTENCE_RE = re.compile(rf"(?m)^([^\n。！？!?；;：:，,]{{1,30}}?)[。.](?=[ \t]*[{CJK}])")

# "…，缩放 颜色变换:噪声，模糊" on one line: a short Chinese label after a space opens a new section
_GLUED_LABEL_RE = re.compile(rf"(?<=[{CJK}\w)）]) (?=[{CJK}]{{2,8}}[:：])")

# Separators inside brackets do not end a point: "(此时被删除的神经元保持原样，而没有被删除的…)"
_BRACKETED_RE = re.compile(
    r"[(（][^()（）\n]{0,200}[)）]|\[[^\[\]\n]{0,200}\]|【[^【】\n]{0,200}】"
)
_SEPARATORS = "，,；;：:。"
_STAND_INS = "\ue000\ue001\ue002\ue003\ue004\ue005\ue006"
_HIDE = str.maketrans(_SEPARATORS, _STAND_INS)
_SHOW = str.maketrans(_STAND_INS, _SEPARATORS)


# A formula is written, not punctuated: "2^(n-1)" has a "1)" that reads as list numbering, and
# "O(n * log n)" a "* " that reads as a bullet. Formulas are set aside while the reference is cut
# and put back in the points.
_FORMULA_STAND_IN_RE = re.compile("\ue010(\\d+)\ue011")


_DIVISION_RE = re.compile(
    r"(?<![\w\ue011])[A-Za-z0-9_]+ / (?:\d+|[A-Za-z]|\([^()\n]{1,30}\))(?![\w\ue010])"
)
"""A division written with spaces ("d_model / h", "n / 2", "TP / (TP + FP)"): one thing, not two
items."""
_OPERAND = r"[^\s，,。；;：:、/／()（）\ue010\ue011]{1,12}"
_WORDED_DIVISION_RE = re.compile(
    rf"(?:(?<=乘以|除以|乘上|等于)|(?<=[=×÷]))\s*{_OPERAND}"
    rf"(?:(?<=[{CJK_UNIFIED}])\s*[/／]|[/／](?=\s*[{CJK_UNIFIED}]))\s*{_OPERAND}"
)
"""A slash after 乘以/除以/等于 divides ("乘以 阈值/总范数"): one quantity, not two items."""


def _put_back(point: str, formulas: list[str]) -> str:
    """The point with its formulas written again (a division may hold a formula set aside)."""
    while _FORMULA_STAND_IN_RE.search(point):
        point = _FORMULA_STAND_IN_RE.sub(lambda m: formulas[int(m.group(1))], point)
    return point


def _stand_in(formula: str, formulas: list[str]) -> str:
    formulas.append(formula)
    return f"\ue010{len(formulas) - 1}\ue011"


@dataclass(frozen=True)
class KeyPoints:
    """A reference's key points, and how an answer should relate to them."""

    points: list[str]
    alternatives: bool = False
    """The points are alternative answers, any ONE of which is a full answer (a run-on English
    answer key: "A and B are connected A and B are not separated by the gap ..."), rather than
    statements a full answer makes together."""


def key_points(reference: str, question: str = "") -> list[str]:
    """Cut a reference into the points a good answer should make (see `reference_points`)."""
    return reference_points(reference, question).points


def reference_points(reference: str, question: str = "") -> KeyPoints:
    """Cut a reference into the points a good answer should make.

    Sentences and list items become points; a leading 'X：' header that just restates the question
    is dropped; boilerplate ('如下图') is removed; clause fragments too small to mean anything are
    merged into their neighbour, but enumerations ('整理、整顿、清扫') keep one item per point.
    """
    text = _EMPTY_BRACKETS_RE.sub("", _BOILERPLATE_RE.sub("", clean_text(reference)))
    formulas: list[str] = []
    text = FORMULA_RE.sub(lambda m: _stand_in(m.group(0), formulas), text)
    text = _DIVISION_RE.sub(lambda m: _stand_in(m.group(0), formulas), text)
    text = _WORDED_DIVISION_RE.sub(lambda m: _stand_in(m.group(0), formulas), text)
    text = _BRACKETED_RE.sub(lambda m: m.group(0).translate(_HIDE), text)
    text = _LIST_MARKER_RE.sub("\n", text)
    split = _split_run_on_alternatives(text)
    alternatives, text = split != text, split
    text = _QUESTION_HEADING_RE.sub(_SECTION, text)
    text = _GLUED_HEADING_RE.sub(_SECTION, text)
    text = _ASKING_HEADING_RE.sub(_SECTION, text)
    text = _TERM_SENTENCE_RE.sub(_term_as_header, text)
    text = _GLUED_LABEL_RE.sub("\n", text)
    q_terms = terms(question)
    points: list[tuple[int, str]] = []  # (section, point): merging never crosses a heading
    for section, body in enumerate(text.split(_SECTION)):
        for sentence in SENTENCE_SPLIT_RE.split(body):
            if sentence.rstrip().endswith(("：", ":")) and content_units(sentence) <= 12:
                continue  # "实现：" over the list that follows is a heading, not a point
            sentence = sentence.strip(" ，,。.：:")
            if not sentence:
                continue
            header = _HEADER_RE.match(sentence)
            if (
                header
                and _restates(header.group(1), q_terms)
                and not _names_a_side(header.group(1), question)
            ):
                sentence = header.group(2).strip(" ，,")
            elif header and content_units(header.group(1)) <= MAX_TERM_HEADER_UNITS:
                name, body = header.group(1).strip(), header.group(2).strip(" ，,")
                if not content_units(body):  # "实现：" over a list: a heading, not a point
                    continue
                pieces = _split_sentence(body) if body else []
                if len(pieces) > 1 and all(_ATTRIBUTE_RE.search(piece) for piece in pieces):
                    # "MQA：KV 头数 1，显存占用 最小" (a table's row): what it says of its name
                    points.append((section, f"{name}：{'，'.join(pieces)}"))
                elif len(pieces) > 1 and all(content_units(piece) <= 8 for piece in pieces):
                    points.extend((section, piece) for piece in pieces)  # "几何变换：翻转，旋转"
                elif pieces:  # "L1：稀疏参数" is one point, not "L1" and "稀疏参数"
                    points.append((section, f"{name}：{pieces[0]}"))
                    points.extend((section, piece) for piece in pieces[1:])
                continue
            points.extend((section, p) for p in _split_sentence(sentence))
    points = [(s, _strip_marker(p)) for s, p in points]
    points = [(s, p) for s, p in points if not _LONE_OPENER_RE.match(p)]
    points = [(s, p) for s, p in points if content_units(p) >= 1 and not _BARE_HEADING_RE.match(p)]
    # a header or sentence made only of the question's words carries no knowledge
    informative = [
        (s, p)
        for s, p in points
        if not terms(_NAMING_RE.sub(" ", p)) <= q_terms and not _announces(p, q_terms)
    ]
    points = informative or points
    first_section: dict[str, int] = {}  # a repeated point counts once, where it first appears
    for s, p in points:
        first_section.setdefault(p, s)
    points = [(s, p) for p, s in first_section.items()]
    if not points and reference.strip():
        points = [(0, clean_text(reference)[:300])]
    while len(points) > MAX_POINTS:
        merged = _merge_shortest(points)
        if merged is None:  # nothing left that merges into a readable point: keep the first ones
            points = points[:MAX_POINTS]
            break
        points = merged
    final = [_put_back(p, formulas) for _, p in points]
    final = [p.translate(_SHOW) for p in final]
    return KeyPoints(final, alternatives=alternatives and len(final) > 1)


_JOINING_WORDS = frozenset(
    "between from to and or of with by in on at into than as for across through like".split()
)
"""Words after which a repeated opening ("terminal 6") is an object, not a new alternative."""


def _split_run_on_alternatives(text: str) -> str:
    """English answer keys are often several correct answers run together without punctuation
    ("Terminal 1 and the positive terminal are separated by the gap Terminal 1 and the positive
    terminal are not connected ..."): a capitalised word right after a lower-case one starts the
    next alternative. Only long unpunctuated English text is touched; a correct student answer
    states ONE alternative, so each must be a point of its own."""
    if is_cjk(text) or re.search(r"[.;!?。；！？\n]", text) or len(text.split()) < 16:
        return text
    text = re.sub(r"(?<=[a-z0-9)]) (?=[A-Z][a-z])", "\n", text)
    # the same opening words again ("terminal 1 ... terminal 1 is ...") start another one
    lead = " ".join(text.split()[:2])
    if len(lead) >= 5:
        # ... but not as the object of the word before it: "There is no gap between terminal 6
        # and the positive terminal" is one alternative, not "There is no gap between" + another
        pattern = re.compile(rf"(\S+) (?={re.escape(lead)}\b)", re.IGNORECASE)
        text = pattern.sub(
            lambda m: m.group(0) if m.group(1).lower() in _JOINING_WORDS else f"{m.group(1)}\n",
            text,
        )
    return text


def _strip_marker(point: str) -> str:
    """Strip numbering, bullets, a leading connector and dangling punctuation from a point's
    ends: "但是最终效果有时略差" is shown, and asked for, as "最终效果有时略差"."""
    previous = None
    while previous != point:
        previous = point
        point = without_connector(_LEADING_MARKER_RE.sub("", point.strip(" ，,。.：:—-;；")))
    return point


def without_connector(text: str) -> str:
    """The text without a leading word that joins it to what came before (但是, 因此, however,),
    when enough is left to say something."""
    rest = _CONNECTOR_RE.sub("", text, count=1)
    return rest if content_units(rest) >= 3 else text


_CONNECTOR_RE = re.compile(
    r"^(?:但是|不过|然而|而且|并且|此外|另外|因此|所以|因而|于是|首先|其次|再次|一方面|另一方面|总之"
    r"|(?:同时|最后|然后|还有)(?=\s*[，,])|但(?!凡)|且|而(?![后言已是不])"
    r"|(?:however|therefore|thus|hence|moreover|furthermore|also|in addition|besides)\s*,)"
    r"\s*[，,]?\s*",
    re.IGNORECASE,
)
"""A word that joins a statement to the one before it and says nothing on its own."""
_LONE_OPENER_RE = re.compile(
    r"^(?:一方面|另一方面|除此之外|此外|另外|首先|其次|最后|同时|不同的是|实际情况是|见后文|见下文"
    r"|总之|综上所述|综上|这个最直接)$"
)
"""An opener cut off from the statement it opened ("不同的是，…"): no point."""


def _restates(header: str, q_terms: set[str]) -> bool:
    """A header made of the question's words or generic ones ("答", "原因", "第一") names nothing;
    a short one of its own ("L1", "Adam") names what its sentence is about."""
    h_terms = terms(_GENERIC_HEADER_RE.sub(" ", header))
    if not h_terms:
        return True
    return len(h_terms & q_terms) / len(h_terms) >= 0.5


def _names_a_side(header: str, question: str) -> bool:
    """In "偏差和方差的区别", the header "偏差：" says which side its sentence is about: it repeats
    a word of the question, but dropping it would leave "度量了…" about nothing in particular."""
    named = terms(_GENERIC_HEADER_RE.sub(" ", header))
    return bool(named) and bool(_COMPARES_RE.search(question))


def _term_as_header(match: re.Match[str]) -> str:
    term = match.group(1)
    if content_units(term) > 4 or _COUNT_RE.search(term):
        return match.group(0)
    return f"{term}："


def _announces(point: str, q_terms: set[str]) -> bool:
    """Whether the point only announces a list that follows (see _COUNT_RE)."""
    if content_units(point) > MAX_ANNOUNCER_UNITS or not _COUNT_RE.search(point):
        return False
    rest = _ANNOUNCE_WORDS_RE.sub(" ", _COUNT_RE.sub(" ", point))
    return terms(rest) <= q_terms


def _split_sentence(sentence: str) -> list[str]:
    clauses = [c.strip() for c in _CLAUSE_SPLIT_RE.split(sentence) if c.strip()]
    sizes = sorted(content_units(c) for c in clauses)
    if len(clauses) >= 3 and sizes[-1] <= 8 and sizes[len(sizes) // 2] <= 4:
        return clauses  # "翻转，旋转，裁剪": an enumeration written with commas
    out: list[str] = []
    listed = False  # a clause was a list inside a statement, not an enumeration cut into items
    for clause in clauses:
        items = [i.strip() for i in _ENUM_SPLIT_RE.split(clause) if i.strip()]
        if len(items) >= 2 and (_EXAMPLES_RE.search(clause) or _COUNTED_RE.search(items[-1])):
            out.append(clause)  # "常用 DeepFM、DIN 等模型": naming one example answers it
        elif len(items) >= 2 and all(content_units(i) <= 12 for i in items) and _a_list(items):
            items[0] = _LEAD_IN_RE.sub("", items[0]) or items[0]
            out.extend(items)  # an enumeration: each item is a point
        else:
            out.append(clause)
            listed = listed or len(items) >= 2
    prose = len(out) == len(clauses) and not listed
    merged: list[str] = []
    pending = ""  # a lead-in clause ("对于大多数场景") waiting for the clause it introduces
    for piece in out:
        if prose:
            opened = _OPENER_RE.sub("", piece).strip(" ,，")
            if not opened and len(out) > 1:
                continue  # "一般而言" alone is no point
            piece = opened or piece
            leads_in = (
                _LEADS_IN_RE.match(piece) or _WHEN_CLAUSE_RE.search(piece)
            ) and content_units(piece) <= MAX_LEAD_IN_UNITS
            if pending:
                piece, pending = f"{pending}{_comma(piece)}{piece}", ""
            if leads_in:
                pending = piece
                continue
        joins = (
            content_units(piece) < 3
            or _EXAMPLE_RE.match(piece)
            or (
                _CONTINUES_RE.match(piece)
                and merged
                and content_units(merged[-1] + piece) <= MAX_JOINED_UNITS
            )
            or (
                _SUBJECTLESS_RE.match(piece)
                and merged
                and content_units(merged[-1] + piece) <= MAX_SUBJECTLESS_UNITS
            )
        )
        if merged and prose and joins:
            merged[-1] = f"{merged[-1]}{_comma(piece)}{piece}"
        else:
            merged.append(piece)
    if pending:
        if merged:
            merged[-1] = f"{merged[-1]}{_comma(pending)}{pending}"
        else:
            merged.append(pending)
    if len(merged) > 1 and content_units(merged[0]) < 3 and prose:
        merged[1] = f"{merged[0]}{_comma(merged[1])}{merged[1]}"
        merged.pop(0)
    return merged


def _a_list(items: list[str]) -> bool:
    """Whether the items of "A、B、C" are things a good answer names one by one, rather than a
    list inside one statement: "把 Q、K、V 投影到多个子空间" (the last item carries the statement),
    "能捕捉不同位置、不同类型的依赖关系" (the first item's verb governs them all)."""
    sizes = [content_units(i) for i in items]
    last = content_units(_LAST_ITEM_RE.split(items[-1], maxsplit=1)[0])  # "阅读器和天线": two
    if last >= 5 and last > 2 * max(sizes[:-1]):
        return False
    governs = _GOVERNS_RE.match(items[0]) or _FRONTS_OBJECT_RE.search(items[0])
    return not (governs and not any(_GOVERNS_RE.match(i) for i in items[1:]))


_FRONTS_OBJECT_RE = re.compile(r"(?:把|将)[^，,。；;：:]{0,12}$")
"""把/将 late in a list's first item fronts the whole list as its object ("KV cache 就是把历史
token 的 K、V 缓存下来": one statement, not "…的 K" and "V 缓存下来")."""
_LAST_ITEM_RE = re.compile(r"以及|和|与|及|或者?|\b(?:and|or)\b")
_GOVERNS_RE = re.compile(r"(?:它|其|这)?(?:把|将|对|给|让|使|用|从|在|能|可以|会|需要)")
"""A preposition or modal in front of a list's first item that is about all of them ("它在反向
传播之后、参数更新之前进行": one statement of when, not two points)."""


# Prose clauses that are not points on their own: an example belongs to the clause before it, a
# condition or topic ("但是对于大多数应用场景") to the clause after it, and a discourse opener
# ("我们知道", "简单来说") is no content at all.
_EXAMPLE_RE = re.compile(
    r"(?:比如|例如|譬如|如|像)(?![果何此下同])|e\.g\.|for example|such as", re.I
)
_LEADS_IN_RE = re.compile(
    r"(?:但是|但|而且|而|然而|因此|所以|并且|同时|另外|此外)?"
    r"(?:对于|对|在|当|如果|假如|若|因为|由于|虽然|尽管|随着|通过|为了|除了|相比于?|与其)"
    r"|(?:if|when|because|since|although|for|in|by|with)\b",
    re.I,
)
_WHEN_CLAUSE_RE = re.compile(r"(?:时|时候|之时|之后|之前|以后|以前)$")
"""A clause that only says when ("自回归生成时"): it leads into the clause after it."""
MAX_LEAD_IN_UNITS = 24
"""Longer than this, a clause opening with 对于/在/如果 is taken as a statement of its own."""
_EXAMPLES_RE = re.compile(
    r"^(?:常用的?|常见的?(?:有|是)?|一般用|通常用|比如|例如|譬如|诸如|典型的?(?:有|如)?)"
    r"|[^、]\s*等\s*(?:模型|方法|算法|网络|结构|技术|工具|框架)$"
)
"""A list of examples ("常用双塔模型、协同过滤、向量检索", "DeepFM、DIN 等模型"): one statement
that any of its items answers, not one point per item (as "包括A、B、C" is)."""
_COUNTED_RE = re.compile(
    rf"[和与及][^、和与及]{{1,12}}[两二三四五六七八九十\d]\s*(?:个|种|类|部分|步|大)[{CJK_UNIFIED}]{{0,3}}$"
)
"""A list that ends by counting its items ("分为召回、粗排、精排和重排四个阶段") is one statement
that names them all; cut, its last item would read "精排和重排四个阶段"."""
_EXAMPLE_LEAD_RE = re.compile(
    r"^(?:常用的?|常见的?(?:有|是)?|一般用|通常用|比如|例如|譬如|诸如|典型的?(?:有|如)?)\s*"
)
_EXAMPLE_TAIL_RE = re.compile(r"\s*等(?:等)?\s*(?:模型|方法|算法|网络|结构|技术|工具|框架)?$")
_EXAMPLE_PARTS_RE = re.compile(r"[(（]\s*(?:如|比如|例如)?\s*|[)）]|以及|和|或者?|及")
_HEAD_NOUN_RE = re.compile(r"(?<=..)(?:模型|算法|方法)$")


def examples_in(point: str) -> list[str]:
    """The items of the first list of examples in a point ("常用双塔模型、协同过滤、向量检索(如
    Faiss)" -> 双塔, 协同过滤, 向量检索, Faiss): any one of them names what the point is about."""
    for clause in _CLAUSE_SPLIT_RE.split(point):
        items = [i.strip() for i in _ENUM_SPLIT_RE.split(clause) if i.strip()]
        if len(items) < 2 or not _EXAMPLES_RE.search(clause):
            continue
        items[0] = _EXAMPLE_LEAD_RE.sub("", items[0])
        items[-1] = _EXAMPLE_TAIL_RE.sub("", items[-1])
        found: list[str] = []
        for item in items:
            for part in _EXAMPLE_PARTS_RE.split(item):
                part = _HEAD_NOUN_RE.sub("", part.strip())
                if len(part) >= 2 and part not in found:
                    found.append(part)
        return found
    return []


MAX_JOINED_UNITS = 40
"""A continuation ("因此…", "需要…") joins the clause before it up to this length."""
_SUBJECTLESS_RE = re.compile(r"常用|常见|追求|用于|适用于|适合于?|得到")
MAX_SUBJECTLESS_UNITS = 60
"""A verb that needs the clause before for its subject ("…候选，追求速度和覆盖率", "常用双塔
模型…") joins it up to this longer length: alone it would not say what it is about."""
# a predicate whose subject is the clause before ("一般的神经网络，都只涉及线性操作")
_CONTINUES_RE = re.compile(
    r"(?:都|也|就|才|则|便|又|来|以便?|从而|进而|使得?|并且?|即|被|因此|所以|因而|于是)(?!是说)"
    # a modal with no subject of its own ("深层时梯度不稳定，需要 warmup")
    r"|(?:需要|需|可以|可能|能够|能|会|要|应该|应当|必须|不用|无需|不需要|无法|不能|不会)(?![是们])"
    r"|(?:which|thus|thereby|hence)\b",
    re.IGNORECASE,
)
# "这种特性被称为稀疏交互" only names what the question asked about
_NAMING_RE = re.compile(r"这种|这个|该|此|特性|性质|现象|方法|操作|被|称为|称作|叫做|叫|就是|即")
_OPENER_RE = re.compile(
    r"^(?:我们|大家)?(?:知道|都知道)|^(?:众所周知|简单来说|简单地说|一般来说|总的来说|总之|可以看出|"
    r"可以说|其实|实际上|事实上|一般而言|一般情况下|通常来说|通常情况下|总结来说|综上所述|综上)"
)


def _comma(text: str) -> str:
    return "，" if is_cjk(text) else ", "


def _merge_shortest(points: list[tuple[int, str]]) -> list[tuple[int, str]] | None:
    """The shortest neighbouring pair of one section merged into one point, or None when every
    merge would cross a heading or be longer than MAX_POINT_CHARS (a wall of glued text is not a
    point a candidate can read)."""
    pairs = [
        j
        for j in range(len(points) - 1)
        if points[j][0] == points[j + 1][0]
        and len(points[j][1]) + len(points[j + 1][1]) < MAX_POINT_CHARS
    ]
    if not pairs:
        return None
    i = min(pairs, key=lambda j: content_units(points[j][1]) + content_units(points[j + 1][1]))
    joined = (points[i][0], f"{points[i][1]}；{points[i + 1][1]}")
    return points[:i] + [joined] + points[i + 2 :]
