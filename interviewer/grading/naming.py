"""The few short terms that name what a statement is about ("反向求导", "bounding box"): what a
follow-up question or a hint names instead of quoting the point, and the concepts a draft key
is cut with (`keyderive.py`).

Why not quote the point: "能具体讲讲「神经网络初始化的权值过大，每层反向求导的结果都大于1」
吗？" hands the candidate the answer. An interviewer names the missing concept and asks the
candidate to explain it, so at most two short terms of the point are named (the ones the answer
did not use), never the point's statement.
"""

from __future__ import annotations

import re
from collections import Counter

from interviewer.grading.text import CJK, is_cjk, terms
from interviewer.vocabulary.glossary import concepts_in
from interviewer.vocabulary.glossary import patterns as glossary_patterns

MAX_HINT_CJK = 7
"""Longest Chinese term named; longer runs are cut to their last 4 characters
(Chinese noun phrases end in their head: 每层网络反向求导 -> 反向求导)."""
MAX_HINT_WORDS = 3

_CJK = CJK
_ZH_BREAK = re.compile(
    rf"[^{_CJK}]+|非常|导致|通过|使用|进行|需要|可以|因为|所以|如果|能够|比较|相对|一定|防止|减少|避免|缓解|加速|加快|增加|降低|提高|保证|允许"
    r"|一般|一次|通常|直接|单独|分别|同时|大大|训练(?![集])|降到|变成|转化为|衡量|存入|引入|加入"
    r"|作为|学到|增大|减小|变大|变小|限制|缩放|做(?!法)|我们"
    r"|(?<![作应使采利费信占])用(?![户于])"
    rf"|(?<!行)为|(?<!偏)好|在(?!线)|更(?!新)|(?<!折)中(?![心间])|对(?![比齐])|不(?!变)"
    rf"|[的了是和与及或也都就而被把这那个有其之即等于以将从所使让会能可要只很最较没大小高低多少坏快慢]"
    r"|一(?![致维阶])|过(?![拟采滤])"  # 过大 / 经过 break a run, 过拟合 / 过采样 / 过滤 are terms
    r"|主要|造成|引起|[由两几]|[一二三四五六七八九十]个"
)
_GLOSS = re.compile(rf"([{_CJK}]{{2,}})\s*[(（]\s*([A-Za-z][A-Za-z \-]*)[)）]")
_EDGE_CHARS = set(
    "的了是在和与及或也都就而被把这那个一有为其之即等中对于以将从所使让会能可要只很更最较不没着过还种些"
)
"""Characters a term does not start or end with."""
_VERB_EDGE = re.compile(r"^(?:称为|叫做|是指|我们|可以|进行)|(?:是指|称为|叫做|我们)$")
_GENERIC_ENDS = re.compile(r"(?:作用|问题|方法|原因|结果|方式|情况|过程|效果|影响|程度)$")
_EN_TOKEN = re.compile(
    r"[A-Z][A-Za-z0-9+#\-]*(?:[ \t]+[A-Z][A-Za-z0-9+#\-]*){0,2}"
    r"|[a-z][A-Za-z0-9+#\-]*(?:[ \t]+[a-z][A-Za-z0-9+#\-]*){0,2}"
)
GENERIC = set(
    """问题 方法 作用 原因 结果 方式 情况 时候 过程 东西 部分 方面 一般 通常 主要 可以 需要 进行
    使用 通过 因为 所以 因此 如果 这样 那么 其中 以及 比较 相比 存在 导致 出现 实现 得到 一种
    一个 什么 特点 优点 缺点 区别 影响 效果 目的 意义 概念 定义 我们 数据 特性 本质 实际
    模型 网络 信息 训练 常用 常见 追求 目标 阶段 计算 不同 算法""".split()
)
"""Words too common to name a point: never a hint, nor a draft key's concept."""
_EN_GENERIC = set(
    """the a an of to in on at by for with from as is are was were be been it its this that these
    those and or but if then so than not no can could would should will may might must has have
    had do does did also very more most less such which what when where why how use used using
    make makes made get gets uses cause causes because result results way problem method""".split()
)


def naming_terms(
    point: str, question: str, answer: str, limit: int = 2, reference: str = ""
) -> list[str]:
    """Up to `limit` short terms that name what the point is about: known concepts (the glossary)
    first, then technical English words, then Chinese terms; terms of the question (already
    given) and of the answer (already said) are left out when others exist.

    With the whole `reference`, a Chinese term is a run of the point that the reference uses
    more than once ("稀疏交互", "卷积核"): cutting at function characters alone yields fragments
    like "本质还包含", which make the interviewer sound broken."""
    said = terms(question) | terms(answer)
    concepts = _concept_spellings(point, f"{question} {answer}")
    for term, gloss in _GLOSS.findall(point):  # 过拟合(overfitting): said once 过拟合 was
        if terms(term[-3:]) <= said:
            said |= terms(gloss)
    english: list[str] = []
    repeated = _repeated_words(reference) if reference else set()
    for run in _EN_TOKEN.findall(point):
        # a capitalised run is one name ("Early Stopping"); lower-case words stand alone
        words = run.split()
        while len(words) > 1 and words[0].lower() in _EN_GENERIC:  # "The Batch Norm..."
            words.pop(0)
        # English inside Chinese is a term ("bounding box"); in English prose, lower-case words
        # are separate words
        phrase = not run[0].islower() or is_cjk(point)
        words = [" ".join(words)] if phrase else words
        for word in words:
            if word.lower() in _EN_GENERIC or len(word) < 2 or word in english:
                continue
            stems = terms(word)
            if not phrase and reference and not (stems and stems <= repeated):
                # a lone lower-case word of English prose may be any verb or adjective
                # ("occurs", "different"); one the reference says again is what it is about
                continue
            english.append(word)
    chinese: list[str] = _recurring_terms(point, reference) if reference else []
    for run in [] if reference else _ZH_BREAK.split(point):
        if len(run) > 2:
            run = _GENERIC_ENDS.sub("", run)
        if len(run) > MAX_HINT_CJK:
            run = run[-4:]
        if len(run) < 2 or run in GENERIC or run in chinese:
            continue
        chinese.append(run)
    candidates: list[str] = []
    for c in concepts + english + chinese:
        if not any(c.lower() in k.lower() for k in candidates):
            candidates.append(c)
    fresh = [c for c in candidates if not (terms(c) <= said)]
    if reference:  # better the plain "what else?" than naming what the candidate just said
        return fresh[:limit]
    return (fresh or candidates)[:limit]


def _repeated_words(reference: str) -> set[str]:
    """The stems of the English words the reference says more than once (any inflection)."""
    stems = Counter(t for w in re.findall(r"[A-Za-z]+", reference) for t in terms(w))
    return {t for t, n in stems.items() if n >= 2}


def _concept_spellings(point: str, said: str) -> list[str]:
    """Glossary concepts the point names and the question/answer do not, as the point spells
    them."""
    pattern, tokens = glossary_patterns()
    known = set(concepts_in(said))
    out: list[str] = []
    lowered = point.lower()
    if len(lowered) != len(point):  # lower() changed lengths: spans would not line up
        return out
    for m in pattern.finditer(lowered):
        if tokens[m.group()] not in known:
            known.add(tokens[m.group()])
            out.append(point[m.start() : m.end()])
    return out


def _recurring_terms(point: str, reference: str) -> list[str]:
    """Runs of 2..MAX_HINT_CJK Chinese characters of the point that the reference repeats, longest
    and most repeated first, each kept only where it is not just part of a longer one."""
    counts: dict[str, int] = {}
    for run in re.findall(f"[{_CJK}]+", point):
        for n in range(min(MAX_HINT_CJK, len(run)), 1, -1):
            for i in range(len(run) - n + 1):
                sub = run[i : i + n]
                if _cut_at_edge(sub) or sub in GENERIC:
                    continue
                if _VERB_EDGE.search(sub):
                    continue
                c = reference.count(sub)
                if c >= 2 and not any(sub in k and c <= counts[k] for k in counts):
                    counts[sub] = c
    return sorted(counts, key=lambda k: (-counts[k] * len(k), -len(k)))


_EDGE_WORDS = set("行为 在线 中心 中间 对比 对齐 不同 不变 偏好 能力 作为 可学习".split())
"""Words that start or end in a character of _EDGE_CHARS: 历史行为 is not cut to 历史行."""


def _cut_at_edge(sub: str) -> bool:
    """Whether `sub` starts or ends in a function character that is no part of a word there."""
    return (sub[0] in _EDGE_CHARS and sub[:2] not in _EDGE_WORDS) or (
        sub[-1] in _EDGE_CHARS and sub[-2:] not in _EDGE_WORDS
    )
