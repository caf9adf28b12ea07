"""How the interviewer talks: terse bank questions ("bn的作用", "4. 正则化") become spoken
questions, joined by greetings, acknowledgements and topic transitions, the way a person runs
an interview.

Offline, everything comes from varied templates chosen by a seeded `random.Random`, so a session
(and a test) is reproducible. Technical terms are never rewritten: only numbering, markdown and
punctuation around them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random
from typing import Protocol

from interviewer.interview.past import EarlierAnswer
from interviewer.types.bands import SCORE_BANDS
from interviewer.types.bank import Question
from interviewer.types.verdict import Verdict
from interviewer.vocabulary.cjk import CJK as _CJK
from interviewer.wording import INTERFACE_ZH, say, variants

# --- cleaning -------------------------------------------------------------------------------

_NUMBERING = re.compile(
    r"^\s*(?:"
    r"(?:Q|q|问题|题目?)\s*\d+\s*[.、:：)）]?"  # Q1.  问题3：
    r"|[（(]\s*(?:\d+|[一二三四五六七八九十]+|[a-zA-Z])\s*[)）]"  # (1)  （二）  (a)
    r"|\d+(?:\.\d+)+\s*[.、:：)）．]?(?=\s|[^\d.])"  # 1.1 什么是...  1.2、
    r"|\d+\s*[.、:：)）．]"  # 1.  1、  4)
    r"|[一二三四五六七八九十]+\s*[、.．]"  # 三、
    r"|第[一二三四五六七八九十\d]+[题问个]\s*[.、:：]?"
    r"|[①-⑳]"
    r"|#{1,6}"
    r"|[-*•·●]\s"
    r")\s*"
)
_MARKDOWN = re.compile(r"\*\*|__|`|<[^>]{1,40}>")
_TRAILING = re.compile(r"[\s,，。.、:：;；!！~～\-—]+$")
_LEADING = re.compile(r"^[\s,，。.、:：;；\-—]+")
_DASHES = re.compile(r"\s*(?:-{2,}|—+)\s*")
_ASCII_WORD = r"[A-Za-z0-9][A-Za-z0-9+#\-_.]*"
_CJK_PUNCT = "，。？！：；、（）「」《》"


def clean_question(text: str) -> str:
    """The bank question without numbering, markdown or dangling punctuation; terms untouched."""
    q = _MARKDOWN.sub("", text).strip()
    for _ in range(3):  # "Q1. 1、xxx" style double prefixes
        stripped = _NUMBERING.sub("", q, count=1)
        if stripped == q:
            break
        q = stripped
    q = re.sub(r"^(?:包括|关于)", "", q)
    q = _DASHES.sub("，比如 ", q)
    q = q.replace("&", "和")
    q = _normalise_punctuation(q)
    q = _LEADING.sub("", _TRAILING.sub("", q))
    q = re.sub(r"等$", "", q)
    return re.sub(r"\s+", " ", q).strip()


def _normalise_punctuation(q: str) -> str:
    """Half-width punctuation inside Chinese text becomes full-width; lists of terms use 、."""
    q = re.sub(rf"(?<=[A-Za-z0-9])\s*,\s*(?={_ASCII_WORD})", "、", q)  # sigmoid,tanh -> 、
    q = re.sub(r"\s*,\s*", "，", q)
    q = re.sub(r"\s*\?\s*", "？", q)
    q = re.sub(r"\s*;\s*", "；", q)
    q = re.sub(rf"(?<=[{_CJK}])\s*:\s*", "：", q)
    q = re.sub(rf"(?<=[A-Za-z)])\.\s+(?=[{_CJK}])", "。", q)  # "relu. 各自" -> "relu。各自"
    q = re.sub(rf"(?<=[{_CJK}])\(|\((?=[{_CJK}])", "（", q)
    q = re.sub(rf"(?<=[{_CJK}])\)|\)(?=[{_CJK}])", "）", q)
    if "（" in q:  # "算法(Backpropagation)" opened full-width above: close it to match
        q = q.replace(")", "）")
    q = re.sub(r"？{2,}", "？", q)
    return q


def space_terms(text: str) -> str:
    """A space between Chinese and Latin/digits ("讲讲 Adam 和 SGD"), as careful writers do."""
    text = re.sub(rf"([{_CJK}])([A-Za-z0-9])", r"\1 \2", text)
    text = re.sub(rf"([A-Za-z0-9%+#)])([{_CJK}])", r"\1 \2", text)
    text = re.sub(rf"\s+([{_CJK_PUNCT}])", r"\1", text)
    text = re.sub(rf"([{_CJK_PUNCT}])\s+", r"\1", text)
    return re.sub(r" {2,}", " ", text).strip()


# --- question forms -------------------------------------------------------------------------

_QUESTION_WORDS = re.compile(
    r"什么|为什么|为何|如何|怎么|怎样|哪些|哪个|哪几|哪种|多少|多大|吗|呢|是否|有没有|能否|可否|能不能|可不可以|何时"
)
_IMPERATIVE = re.compile(
    r"^(?:请|请你)?(简单|简要|详细|具体)?(介绍|讲|说|谈|解释|描述|阐述|概述|总结|列举|分析|比较|对比)"
    r"(一下|一下子|下)?\s*(.+)$"
)
_BRIEFLY = re.compile(r"^(?:简述|简介|概述)\s*(.+)$")
_DERIVE = re.compile(r"^(?:在草稿纸上|在纸上)?(?:手推|手写|推导|写出|画出|手撕|实现)\s*(.+)$")
_UNDERSTAND = re.compile(r"^(?:如何|怎么|怎样)(?:理解|看待)\s*(.+?)[？]?$")
_VIEW_OF = re.compile(r"^(?:谈谈|说说|讲讲)?(?:你)?对\s*(.+?)\s*的(?:理解|认识|看法)$")
_DIFFERENCE = re.compile(
    r"^(.+?)(?:之间)?的?(?:区别|差别|差异|不同|异同)([和与及]联系)?(?:是什么)?[？]?$"
)
_DIFFERENCE_TAIL = re.compile(r"^([^，]+)，\s*(?:区别|差别|差异|不同)$")  # "L1、L2范数，区别"
_COMPARE = re.compile(r"^(.+?)的?(?:比较|对比)$")
_INTRO_OF = re.compile(r"^(.+?)的?(?:介绍|简介)$")
_ROLE = re.compile(r"^(.+?)的?(作用|用处|意义|好处|用途)(?:是什么)?[？]?$")
_PRINCIPLE = re.compile(r"^(.+?)的?(?:原理|工作原理|基本原理)(?:是什么)?[？]?$")
_PROS_CONS = re.compile(r"^(.+?)的?(?:优缺点|优劣|优势和劣势|优点和缺点)[？]?$")
_DEFINITION = re.compile(r"^(.+?)的?定义[？]?$")
_CAUSE = re.compile(r"^(.+?)的?(?:原因|主要原因)[？]?$")
_METHODS = re.compile(r"^(.+?)(的?)(方法|办法|方式|手段|技巧)[？]?$")
_DANGLING = re.compile(r"(?:[和与及、]|以及|解决|处理)$")
"""A slot ending like this is half of a compound ("原理和区别"): not a simple form."""
_CAUSING = re.compile(r"^(?:引起|导致|造成|产生)")
_COUNTED = re.compile(r"^(?:[几两三四五六七八九十\d]+[种个类]|常见的?|常用的?|各种)")
_WHAT_IS = re.compile(r"^(?:什么是|何为)\s*(.+?)[？]?$")
_IS_WHAT = re.compile(r"^(.+?)\s*是什么[？]?$")
_VERBISH = re.compile(r"[是有做用会能要让把被对讲说推算求写画选设怎为如]")

_FORMS: dict[str, tuple[str, ...]] = {
    "imperative": ("你能{verb}{x}吗？", "{x}，你能{verb}吗？", "请你{verb}{x}。", "{verb}{x}吧。"),
    "briefly": ("你能简单说说{x}吗？", "简单讲讲{x}吧。", "{x}，你能简要介绍一下吗？"),
    "derive": ("你能{q}吗？", "我们来动动手：{q}。", "{q}，你能试试吗？"),
    "understand": ("你是怎么理解{x}的？", "你如何理解{x}？", "说说你对{x}的理解吧。"),
    "link": ("你能讲讲{x}的区别和联系吗？", "{x}有什么区别和联系？", "说说{x}之间的区别与联系吧。"),
    "compare": ("你能比较一下{x}吗？", "{x}，你能对比着讲讲吗？", "说说{x}各自的特点，对比一下。"),
    "compound": ("{q}{end}", "这个问题稍微综合一点：{q}{end}", "我们来看这个：{q}{end}"),
    "difference": (
        "你能讲讲{x}有什么区别吗？",
        "{x}有什么区别？",
        "说说{x}之间的区别吧。",
        "{x}，它们有什么不同？",
    ),
    "role": (
        "{x}有什么{w}？",
        "你能说说{x}的{w}吗？",
        "你觉得{x}的{w}是什么？",
        "{x}起什么{w}，你了解吗？",
    ),
    "value": ("{x}的{w}是什么？", "你能说说{x}的{w}吗？", "你觉得{x}的{w}在哪里？"),
    "principle": ("{x}的原理是什么？", "你能讲讲{x}的原理吗？", "说说{x}背后的原理吧。"),
    "pros_cons": ("{x}有什么优缺点？", "你能说说{x}的优缺点吗？", "{x}的优点和缺点分别是什么？"),
    "definition": ("{x}是怎么定义的？", "你能说说{x}的定义吗？", "说说{x}的定义吧。"),
    "cause": ("{x}一般是什么原因造成的？", "你觉得{x}的原因有哪些？", "说说{x}的原因吧。"),
    "methods": ("{x}有哪些{m}？", "你能说说{x}{de}{m}吗？", "{x}，你知道哪些{m}？"),
    "what_is": ("你能讲讲什么是{x}吗？", "什么是{x}？你能说说吗？", "你了解{x}吗？它是什么？"),
    "term": (
        "你了解{x}吗？能简单讲讲吗？",
        "说说你对{x}的理解吧。",
        "{x}这块你熟悉吗？讲讲看。",
        "你能讲讲{x}吗？",
        "{x}，你能讲讲吗？",
    ),
    "question": ("{q}？", "我想问一下，{q}？", "那么，{q}？", "问你一个问题，{q}？"),
    "statement": ("你能说说{q}吗？", "关于{q}，你能讲讲吗？", "讲讲{q}吧。", "你来讲讲{q}吧。"),
}
_VERB_FORMS = {
    "介绍": ("介绍一下", "简单介绍一下"),
    "讲": ("讲讲", "讲一下"),
    "说": ("说说", "说一下"),
    "谈": ("谈谈",),
    "解释": ("解释一下",),
    "描述": ("描述一下",),
    "阐述": ("阐述一下",),
    "概述": ("概括一下",),
    "总结": ("总结一下",),
    "列举": ("列举一下", "举几个例子说说"),
    "分析": ("分析一下",),
    "比较": ("比较一下",),
    "对比": ("对比一下",),
}
_TERM_MAX_CHARS = 16


def _visible_len(text: str) -> int:
    """Length as a listener hears it: an English word counts like one or two characters."""
    return len(re.sub(_ASCII_WORD, "xx", text))


@dataclass(frozen=True)
class Form:
    """A bank question read as a kind of question, with the slots its templates need."""

    kind: str
    slots: dict[str, str]


_RATHER_THAN = re.compile(r"^[^，]+，\s*而不是")
"""A why-question whose 为什么 the notes lost, "X，而不是Y" ("LSTM既存在sigmoid又存在tanh函数,
而不是选择统一的sigmoid或者tanh?"): it has no other reading."""
_FRAGMENT = re.compile(
    r"^(?:而不是|还是|以及|或者|而且|并且|但是|然后|那么|所以|因此|同时|另外|此外)"
)
"""How the tail of a question cut in two by the notes starts: it cannot be asked alone."""

_TOPIC_LIST = re.compile(r"等\s*[。.？?]?$")
"""How a list's line of topics ends ("算法和激活函数等"): not a question an interviewer says
(read before clean_question, which drops the 等)."""


def _unaskable(text: str) -> bool:
    return bool(_FRAGMENT.match(clean_question(text)) or _TOPIC_LIST.search(text.strip()))


def restored(question: str) -> str:
    """The cleaned question with the 为什么 of a "X，而不是Y" question put back (nothing else is
    added: a question is never made up)."""
    q = clean_question(question)
    if _RATHER_THAN.match(q) and not _QUESTION_WORDS.search(q) and "还是" not in q:
        return "为什么" + (q if q.endswith("？") else q + "？")
    return q


def asked_text(question: Question) -> str:
    """The words a bank question is put in: its canonical text, unless that is the tail of a
    question the notes cut ("还是…", "而不是…") or a list's line of topics ("…等"), and one of
    its grouped items says it whole."""
    if not _unaskable(question.text):
        return question.text
    whole = (i.question for i in question.items if not _unaskable(i.question))
    return next(whole, question.text)


def question_form(question: str) -> Form:
    """Which kind of question this is: difference, role, bare term, already a question, ..."""
    q = restored(question)
    body = q.rstrip("？")
    if "？" in body or "。" in body or "；" in body:  # several questions in one entry
        return Form("compound", {"q": body, "end": "？" if q.endswith("？") else "，你能说说吗？"})
    if m := _BRIEFLY.match(body):
        return Form("briefly", {"x": m.group(1)})
    if m := _IMPERATIVE.match(body):
        how, verb, _, rest = m.groups()
        return Form("imperative", {"how": how or "", "x": rest, "base": verb})
    if _DERIVE.match(body):
        return Form("derive", {"q": body})
    if m := _UNDERSTAND.match(body):
        return Form("understand", {"x": m.group(1)})
    if m := _VIEW_OF.match(body):
        return Form("understand", {"x": m.group(1)})
    if "，" not in body:
        if (m := _DIFFERENCE.match(body)) and _noun_phrase(m.group(1)):
            return Form("link" if m.group(2) else "difference", {"x": m.group(1).strip()})
        for kind, pattern in (
            ("pros_cons", _PROS_CONS),
            ("principle", _PRINCIPLE),
            ("definition", _DEFINITION),
            ("compare", _COMPARE),
            ("briefly", _INTRO_OF),
        ):
            if (m := pattern.match(body)) and _noun_phrase(m.group(1)):
                return Form(kind, {"x": m.group(1).strip()})
        if (m := _CAUSE.match(body)) and _noun_phrase(m.group(1)) and not _CAUSING.match(body):
            return Form("cause", {"x": m.group(1).strip()})
        if (m := _ROLE.match(body)) and _noun_phrase(m.group(1)):
            kind = "role" if m.group(2) == "作用" else "value"
            return Form(kind, {"x": m.group(1).strip(), "w": m.group(2)})
        m = _METHODS.match(body)
        if m and _noun_phrase(m.group(1)) and not _COUNTED.match(body):
            return Form("methods", {"x": m.group(1).strip(), "de": m.group(2), "m": m.group(3)})
    elif (m := _DIFFERENCE_TAIL.match(body)) and _noun_phrase(m.group(1)):
        return Form("difference", {"x": m.group(1)})
    if m := _WHAT_IS.match(body):
        return Form("what_is", {"x": m.group(1)})
    if (m := _IS_WHAT.match(body)) and _noun_phrase(m.group(1)):
        return Form("what_is", {"x": m.group(1)})
    if _QUESTION_WORDS.search(body) or q.endswith("？"):
        return Form("question", {"q": body})
    short = _visible_len(body) <= _TERM_MAX_CHARS and "，" not in body
    if short and not _VERBISH.search(_strip_ascii(body)):
        return Form("term", {"x": body})
    return Form("statement", {"q": body})


def _strip_ascii(text: str) -> str:
    return re.sub(_ASCII_WORD, "", text)


def _noun_phrase(text: str) -> bool:
    """Slot text that reads as a thing (not a clause with a question word, not half a compound)."""
    text = text.strip()
    return bool(text) and not _QUESTION_WORDS.search(text) and not _DANGLING.search(text)


def spoken_question(question: str, rng: Random, *, lead: str = "", plain: bool = False) -> str:
    """The bank question as an interviewer would say it; one of several phrasings, by `rng`, none
    repeating the 吧 of the `lead` said before it. `plain`: the plainest phrasing, for words that
    already lead into it ("我们再试一次：")."""
    form = question_form(question)
    if not any(form.slots.values()):
        return space_terms(restored(question) or question.strip())
    slots = dict(form.slots)
    templates = _FORMS[form.kind]
    if "吧" in lead:
        templates = tuple(t for t in templates if "吧" not in t) or templates
    if form.kind == "imperative":
        base, how = slots.pop("base"), slots.pop("how")
        if how:
            slots["verb"] = how + _VERB_FORMS.get(base, (base,))[0].removeprefix("简单")
        else:
            slots["verb"] = rng.choice(_VERB_FORMS.get(base, (base,)))
        if "，" in slots["x"]:  # no topicalised "X，你能…吗" when X is itself a list of clauses
            templates = tuple(t for t in templates if not t.startswith("{x}")) or templates
    text = (templates[0] if plain else rng.choice(templates)).format(**slots)
    return _finish(text)


def _finish(text: str) -> str:
    text = re.sub(r"[？]{2,}", "？", text)
    text = re.sub(r"。？|？。", "？", text)
    return space_terms(text)


# --- the conversation around the questions --------------------------------------------------

_GENERIC_TOPICS = {"", "其他", "其它", "未分类", "综合", "general", "misc", "other", "unknown"}
_CN_DIGITS = "零一二三四五六七八九十"


def cn_count(n: int) -> str:
    """A count before a measure word, as spoken: 2 -> 两, 5 -> 五, 12 -> 十二."""
    if n == 2:  # before a measure word: 两个问题, never 二个
        return "两"
    if 0 <= n <= 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + _CN_DIGITS[n - 10]
    return str(n)


def spoken_topic(topic: str) -> str:
    """A topic label as said aloud: "正则化/过拟合" -> "正则化和过拟合"."""
    return space_terms(re.sub(r"\s*[/／|]\s*", "和", topic.strip()))


def nameable(topic: str) -> bool:
    """Whether a topic label can be said aloud ("优化器" yes; a file name or a long heading no)."""
    t = topic.strip()
    if t.lower() in _GENERIC_TOPICS or re.search(r"\.\w{2,4}$|\\|:|/.*/", t):
        return False
    return _visible_len(spoken_topic(t)) <= 14


@dataclass(frozen=True)
class Previous:
    """What just happened, so the next line can acknowledge it."""

    topic: str
    score: float | None
    skipped: bool = False
    was_follow_up: bool = False


@dataclass(frozen=True)
class AskContext:
    """Everything the phraser needs to put one question."""

    question: str
    """The bank question, or the follow-up question text."""
    topic: str
    index: int
    total: int
    previous: Previous | None = None
    follow_up: bool = False
    retry: bool = False
    """A missed question asked once more (relearn)."""
    past: EarlierAnswer | None = None
    """Its last answer in an earlier session, which the interviewer may mention (main
    questions only: a retry and a follow-up have their own words)."""


_ACK_SKIPPED = ("没关系。", "好，这题先放一放。", "没事，我们往下走。")
_ACK_GOOD = ("很好。", "不错。", "嗯，讲得挺清楚。", "好的，这个没问题。")
_ACK_MIDDLE = ("好的。", "嗯，好。", "行。", "好，明白了。")
_ACK_WEAK = ("嗯，好的。", "好，我们继续。", "嗯，了解。")
_FIRST = ("我们先从{t}开始吧。", "先聊聊{t}。", "第一个问题，关于{t}。")
_FIRST_UNNAMED = ("我们直接开始吧。", "先来第一个问题。", "那我们开始。")
_SAME = ("再问一个{t}相关的。", "还是{t}这块，", "接着{t}这个话题，", "继续聊{t}。")
_SAME_UNNAMED = ("再问一个相关的。", "接着这个话题，", "我们继续。")
_NEW = (
    "那我们换个方向，聊聊{t}。",
    "接下来聊聊{t}吧。",
    "下面换个话题，说说{t}。",
    "{t}这块也问一下。",
)
_NEW_UNNAMED = ("那我们换个方向。", "接下来换个话题。", "我们看下一个问题。")
_LAST = ("最后一个问题，", "最后一题：", "最后再问一个，")
_FOLLOW = ("我追问一下，", "顺着你刚才的回答，", "关于这一点再深入一下：", "我想再追问一句，")
_FOLLOW_WEAK = ("我换个问法，", "我们从一个具体的点说起：", "那我换个角度问：")
"""After a weak answer there is nothing to go deeper into ("顺着你刚才的回答" after a 0)."""
_RETRY = ("前面这道没答好，我们再试一次：",)
"""Before a missed question asked once more (relearn): it needs no acknowledgement."""


def acknowledgement(previous: Previous | None, rng: Random) -> str:
    if previous is None:
        return ""
    if previous.skipped:
        return rng.choice(_ACK_SKIPPED)
    if previous.score is None:
        return ""
    tone = SCORE_BANDS.tone(previous.score)
    return rng.choice({"good": _ACK_GOOD, "fair": _ACK_MIDDLE, "poor": _ACK_WEAK}[tone])


def transition(ctx: AskContext, rng: Random) -> str:
    """The words before a question: acknowledgement, then where the conversation goes next."""
    if ctx.retry:
        return rng.choice(_RETRY)
    ack = acknowledgement(ctx.previous, rng)
    if ctx.follow_up:
        weak = ctx.previous is not None and ctx.previous.score is not None and (
            SCORE_BANDS.tone(ctx.previous.score) == "poor"
        )
        return ack + rng.choice(_FOLLOW_WEAK if weak else _FOLLOW)
    named = nameable(ctx.topic)
    if ctx.previous is None:
        leads = _FIRST if named else _FIRST_UNNAMED
    elif ctx.previous.topic == ctx.topic:
        leads = _SAME if named else _SAME_UNNAMED
    else:
        leads = _NEW if named else _NEW_UNNAMED
    lead = rng.choice(_unechoed(leads, ack))
    if ctx.index == ctx.total and ctx.total > 1 and ctx.previous is not None:
        lead = (lead if lead.endswith("。") else "") + rng.choice(_LAST)
    return ack + lead.format(t=spoken_topic(ctx.topic))


RECALL_SOMETIMES = {"missed": 1.0, "partial": 1.0, "fair": 0.5, "good": 0.3}
"""How often the interviewer mentions an earlier answer, by how it went: a miss or a half
answer always (that is what a coach brings back), a fair or good one now and then — said for
every question answered well before, it would be noise."""


def lead_in(ctx: AskContext, rng: Random) -> tuple[str, bool]:
    """The words before a main question — the transition, then at most one remark on the
    earlier answer — and whether they already lead into it (the question is then put plainly,
    after the colon: "我们再来一次：Adam和SGD有什么区别？")."""
    said = transition(ctx, rng)
    remark = recalled(ctx, said, rng)
    if remark and said.endswith("："):  # 最后一题，这道题上次…：, not two colons in a row
        said = said[:-1] + "，"
    return said + remark, ctx.retry or bool(remark)


def recalled(ctx: AskContext, said: str, rng: Random) -> str:
    """What the interviewer says of the question's last answer in an earlier session ('' for
    none): missed, half answered (with one point it missed named, when there is one), or now and
    then that it went well; with when, on the candidate's days. Not before a retry or a
    follow-up, and `rng` is drawn from only when there is an earlier answer, so a session with
    no history phrases as before. `said`: the words before it, whose words it does not echo."""
    past = ctx.past
    if past is None or ctx.retry or ctx.follow_up:
        return ""
    band = past.band
    if band in ("fair", "good") and rng.random() >= RECALL_SOMETIMES[band]:
        return ""
    stem = f"recall_{band}" + ("_named" if band == "partial" and past.missed else "")
    when = said_when(past.answered_on, past.today)
    remarks = tuple(
        say(key, INTERFACE_ZH, when=when, named=past.missed) for key in variants(stem)
    )
    return rng.choice(_unechoed(remarks, said))


def said_when(answered_on: date, today: date) -> str:
    """How long ago a day was, as said in passing: 上次 (today), 昨天, 前天, 三天前, 上周 (the
    calendar week before), 两周前, 一个多月前."""
    days = (today - answered_on).days
    weeks = (_monday(today) - _monday(answered_on)).days // 7
    if days <= 0:
        return say("recall_when_before", INTERFACE_ZH)
    if days == 1:
        return say("recall_when_yesterday", INTERFACE_ZH)
    if days == 2:
        return say("recall_when_day_before", INTERFACE_ZH)
    if days < 7:
        return say("recall_when_days", INTERFACE_ZH, days=cn_count(days))
    if weeks <= 1:
        return say("recall_when_last_week", INTERFACE_ZH)
    if days < 30:
        return say("recall_when_weeks", INTERFACE_ZH, weeks=cn_count(weeks))
    return say("recall_when_months", INTERFACE_ZH, months=cn_count(days // 30))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _unechoed(leads: tuple[str, ...], ack: str) -> tuple[str, ...]:
    """The leads that repeat no two-character word of the acknowledgement before them: "好，我们
    继续。继续聊归一化。" says 继续 twice."""
    said = {ack[i : i + 2] for i in range(len(ack) - 1)}
    fresh = tuple(
        lead for lead in leads if not any(lead[i : i + 2] in said for i in range(len(lead) - 1))
    )
    return fresh or leads


def join(lead: str, question: str) -> str:
    """Lead-in and question as one utterance (a lead ending in a comma flows straight on)."""
    return space_terms(lead + question)


def follow_up_question(text: str) -> str:
    """A grader-written follow-up, tidied to read as a spoken question."""
    q = clean_question(text)
    if not q:
        return ""
    if not q.endswith(("？", "。", "！")):
        q += "？" if _QUESTION_WORDS.search(q) else "。"
    return space_terms(q)


class TemplatePhraser:
    """The offline interviewer voice: varied templates, deterministic for a given `Random`."""

    name = "templates"

    def opening(self, topics: Sequence[str], total: int, rng: Random) -> str:
        named = [spoken_topic(t) for t in dict.fromkeys(topics) if nameable(t)]
        scope = ""
        if named:
            shown = "、".join(named[:3]) + ("等" if len(named) > 3 else "")
            scope = rng.choice(("主要涉及{s}。", "内容包括{s}。", "会聊到{s}。")).format(s=shown)
        greeting = rng.choice(
            (
                "你好，欢迎参加今天的模拟面试，我是今天的面试官。",
                "你好，我们开始今天的技术面试吧。",
                "你好，感谢你抽时间来面试。",
            )
        )
        plan = (
            f"今天大概会问你{cn_count(total)}个问题，{scope}"
            if total > 1
            else f"今天就问你一个问题。{scope}"
        )
        advice = rng.choice(
            (
                "像平时面试一样回答就好，不会的可以直接说不知道。",
                "用你自己的话讲就行，不用背书，不会的可以跳过。",
                "想到哪说到哪都可以，不确定的地方也可以说说你的思路。",
            )
        )
        return space_terms(greeting + plan + advice)

    def resumed(self, questions: int, retries: int, rng: Random) -> str:
        """`questions` as the progress line counts them down; `retries`, the misses asked once
        more, said apart (counted in, 第 3/5 题 said 还剩五个)."""
        greeting = rng.choice(("欢迎回来，", "你好，又见面了，"))
        again = f"没答好的{cn_count(retries)}道再试一次。" if retries > 0 else ""
        if questions <= 0:
            if not again:
                return greeting + "上次的问题都已经问完了。"
            return greeting + "我们接着上次的面试继续，新问题都问完了，" + again
        left = f"我们接着上次的面试继续，还剩{cn_count(questions)}个问题"
        return greeting + (f"{left}，之后{again}" if again else f"{left}。")

    def ask(self, ctx: AskContext, rng: Random) -> str:
        if ctx.follow_up:
            return join(transition(ctx, rng), follow_up_question(ctx.question))
        words, plain = lead_in(ctx, rng)
        return join(words, spoken_question(ctx.question, rng, lead=words, plain=plain))

    def follow_up(self, question: str, answer: str, verdict: Verdict) -> str | None:
        """Offline, the grader's follow-up is the one to ask."""
        return None

    def closing(self, rng: Random) -> str:
        return rng.choice(
            (
                "好，今天的问题就到这里，辛苦了！",
                "今天就先聊到这儿，感谢你的时间。",
                "好的，面试就到这里。辛苦了！",
            )
        )


class Phraser(Protocol):
    """The interviewer's voice: templates offline, an LLM when configured (see llm_phrasing)."""

    name: str

    def opening(self, topics: Sequence[str], total: int, rng: Random) -> str: ...

    def resumed(self, questions: int, retries: int, rng: Random) -> str: ...

    def ask(self, ctx: AskContext, rng: Random) -> str: ...

    def follow_up(self, question: str, answer: str, verdict: Verdict) -> str | None:
        """The follow-up question after a weak answer, or None to use the grader's own."""
        ...

    def closing(self, rng: Random) -> str: ...
