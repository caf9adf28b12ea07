"""The interviewer's follow-up question after an offline grade.

Why not quote the missed point: "能具体讲讲「神经网络初始化的权值过大，每层反向求导的结果都
大于1」吗？" hands the candidate the answer. An interviewer names the missing concept and asks
the candidate to explain it, so the follow-up names at most two short terms of the point (the
ones the answer did not use) and never the point's statement.
"""

from __future__ import annotations

import re

from interviewer.grading.keypoints import terms

MAX_HINT_CJK = 7
"""Longest Chinese term named in a follow-up; longer runs are cut to their last 4 characters
(Chinese noun phrases end in their head: 每层网络反向求导 -> 反向求导)."""
MAX_HINT_WORDS = 3

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_ZH_BREAK = re.compile(
    rf"[^{_CJK}]+|非常|导致|通过|使用|进行|需要|可以|因为|所以|如果|能够|比较|相对|一定|防止|减少|避免|缓解|加速|加快|增加|降低|提高|保证|允许|[的了是在和与及或也都"
    rf"就而被把这那个有为其之即等中对于以将从所使让会能可要只很更最较不没大小高低多少好坏快慢]"
    r"|一(?![致维阶])|过(?![拟采滤])"  # 过大 / 经过 break a run, 过拟合 / 过采样 / 过滤 are terms
    r"|主要|造成|引起|[由两几]|[一二三四五六七八九十]个"
)
_GLOSS = re.compile(rf"([{_CJK}]{{2,}})\s*[(（]\s*([A-Za-z][A-Za-z \-]*)[)）]")
_GENERIC_ENDS = re.compile(r"(?:作用|问题|方法|原因|结果|方式|情况|过程|效果|影响)$")
_EN_TOKEN = re.compile(r"[A-Z][A-Za-z0-9+#\-]*(?:[ \t]+[A-Z][A-Za-z0-9+#\-]*){0,2}|[a-z][A-Za-z0-9+#\-]*")
_GENERIC = set(
    """问题 方法 作用 原因 结果 方式 情况 时候 过程 东西 部分 方面 一般 通常 主要 可以 需要 进行
    使用 通过 因为 所以 因此 如果 这样 那么 其中 以及 比较 相比 存在 导致 出现 实现 得到 一种
    一个 什么 特点 优点 缺点 区别 影响 效果 目的 意义 概念 定义""".split()
)
_EN_GENERIC = set(
    """the a an of to in on at by for with from as is are was were be been it its this that these
    those and or but if then so than not no can could would should will may might must has have
    had do does did also very more most less such which what when where why how use used using
    make makes made get gets uses cause causes because result results way problem method""".split()
)


def hints(point: str, question: str, answer: str, limit: int = 2) -> list[str]:
    """Up to `limit` short terms that name what the point is about: technical English words
    first, then Chinese noun-like runs; terms of the question (already given) and of the answer
    (already said) are left out when others exist."""
    said = terms(question) | terms(answer)
    for term, gloss in _GLOSS.findall(point):  # 过拟合(overfitting): said once 过拟合 was
        if terms(term[-3:]) <= said:
            said |= terms(gloss)
    english: list[str] = []
    for run in _EN_TOKEN.findall(point):
        # a capitalised run is one name ("Early Stopping"); lower-case words stand alone
        words = run.split()
        while len(words) > 1 and words[0].lower() in _EN_GENERIC:  # "The Batch Norm..."
            words.pop(0)
        words = words if run[0].islower() else [" ".join(words)]
        for word in words:
            if word.lower() in _EN_GENERIC or len(word) < 2 or word in english:
                continue
            english.append(word)
    chinese: list[str] = []
    for run in _ZH_BREAK.split(point):
        if len(run) > 2:
            run = _GENERIC_ENDS.sub("", run)
        if len(run) > MAX_HINT_CJK:
            run = run[-4:]
        if len(run) < 2 or run in _GENERIC or run in chinese:
            continue
        chinese.append(run)
    candidates = english + chinese
    fresh = [c for c in candidates if not (terms(c) <= said)]
    chosen = (fresh or candidates)[:limit]
    return chosen


def ask(point: str, question: str, answer: str, contradicted: bool, partial: bool, zh: bool) -> str:
    """One follow-up question about the gap `point`, naming its concept, not stating it."""
    found = hints(point, question, answer)
    if zh:
        named = "和".join(found)
        if contradicted:
            if named:
                return f"你刚才关于{named}的说法，再想想对吗？为什么？"
            return "你刚才有一个说法和参考答案相反，再想想对吗？为什么？"
        if not found:
            return "这道题还有哪些要点你没讲到？能再补充一下吗？"
        if partial:
            return f"你提到了一点{named}，能再讲具体一些吗？它在这里起什么作用？"
        if len(found) > 1:
            return f"你刚才没怎么提到{named}，能说说它们在这里起什么作用吗？"
        return f"你刚才没怎么提到{named}，能说说它在这里起什么作用吗？"
    named = " and ".join(found)
    if contradicted:
        if named:
            return f"Think again about what you said on {named} — is it right? Why?"
        return "Part of what you said contradicts the reference — is it right? Why?"
    if not found:
        return "What else belongs in a full answer to this question?"
    many = len(found) > 1
    if partial:
        plays = "they play" if many else "it plays"
        return f"You touched on {named} — can you be more specific about the role {plays} here?"
    does = "do they play" if many else "does it play"
    return f"You didn't say much about {named} — what role {does} here?"
