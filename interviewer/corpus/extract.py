"""Find the questions (and their answers) in a cleaned page, whatever list format it uses.

Every format is tried on the page and the reading that yields the most question-like titles wins
(ties go to the more explicit format): `Q1.`/`A1:` pairs, whole-line `**bold**` questions, Markdown
heading questions, numbered lists (`1.问题`, `1、问题`, under `一、` chapters or Markdown headings),
and bulleted question lists. Answers are the text up to the next question or chapter.

Numbered lists are the hard case, because answers carry their own numbered sub-points. The number
sequence decides: after question 21 only 22 continues the list, so `1、` inside 21's answer is a
sub-point; numbering restarts at 1 only after a chapter heading. When a sub-point's number is also
the next question number (question 1 whose answer lists "1. 2. 3."), the one that is phrased as a
question or, failing that, the last such number before the sub-list restarts, is the question.
A table of contents (目录: 1..N short titles, then the same titles again) gives the titles outright,
which is how sections run together on one long line are split.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from interviewer.corpus.clean import Line
from interviewer.corpus.shape import (
    is_interrogative,
    is_plausible_title,
    is_stop_title,
    tidy_title,
)
from interviewer.types.bank import QAItem, SourceSpan

# A physical line this long with several inline numbered markers is sections run together.
RUNON_MIN_CHARS = 300
RUNON_MIN_MARKERS = 3
# Longest title of a numbered item whose answer follows on the same line.
TITLE_SPLIT_CHARS = 80


@dataclass(frozen=True)
class Segment:
    """A unit of page text: a whole line, or a piece of a run-on line (same line number)."""

    no: int
    text: str
    inline: bool = False
    code: bool = False


@dataclass
class _Draft:
    title: str
    first: str  # answer text on the question's own segment
    start: int  # segment index of the question
    headings: tuple[str, ...]
    body: list[Segment] = field(default_factory=list)
    until_level: int | None = None
    """Markdown: the answer runs until a heading this level or higher (a sub-question's answer
    runs on through its parent question's other sections); None: the question's own level."""


# ---- segments and headings -------------------------------------------------------------------

_INLINE_NUM = re.compile(r"(?:(?<=\s)|(?<=[。;；!！?？]))(\d{1,2})\s?(?:、|[.．](?!\d))")
_NUM = re.compile(r"^(?P<n>\d{1,3})\s*(?:、|[.．](?!\d))\s*(?P<rest>.*)$", re.S)
# "1) 问题", "(1) 问题", "（1）问题": a list style of its own, tried separately so that
# "(1)" sub-points inside a "1、" list never take part in its numbering
_PAREN_NUM = re.compile(r"^[(（]?\s*(?P<n>\d{1,3})\s*[)）]\s*[.、．]?\s*(?P<rest>.*)$", re.S)
_BOLD = r"(?:\*\*|__)?"
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_CHAPTER = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(\S.{0,29})$")
_HEADING_NUMBER = re.compile(
    r"^(?:\d+(?:\.\d+)*(?:\s*[.、．)）:：]|\s+)|[一二三四五六七八九十]+\s*[、.．]|Q\d+\s*[.、:：]?|"
    r"[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+[章节部分])\s*"
)
_SENTENCE_PUNCT = re.compile(r"[,，。;；!！]")


def segments(lines: list[Line]) -> list[Segment]:
    """Lines as segments, with run-on lines split at their inline numbered markers."""
    out: list[Segment] = []
    for line in lines:
        text = line.text.strip()
        marks = list(_INLINE_NUM.finditer(text)) if len(text) >= RUNON_MIN_CHARS else []
        if line.code or len(marks) < RUNON_MIN_MARKERS:
            out.append(Segment(line.no, text, code=line.code))
            continue
        cuts = [0] + [m.start() for m in marks] + [len(text)]
        for k, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False)):
            piece = text[a:b].strip()
            if piece:
                out.append(Segment(line.no, piece, inline=k > 0))
    return out


def heading_of(seg: Segment) -> tuple[int, str] | None:
    """(level, title) when the segment is a Markdown heading or a `一、` chapter line."""
    if seg.inline or seg.code:
        return None
    md = _MD_HEADING.match(seg.text)
    if md:
        return len(md.group(1)), strip_numbering(md.group(2))
    ch = _CHAPTER.match(seg.text)
    if ch and not _SENTENCE_PUNCT.search(ch.group(2)):
        return 2, tidy_title(ch.group(2))
    return None


def strip_numbering(title: str) -> str:
    """'3.1.1 神经网络组成？' -> '神经网络组成？'; '一、优化器' -> '优化器'."""
    return tidy_title(_HEADING_NUMBER.sub("", title.strip(), count=1))


def _contexts(segs: list[Segment]) -> list[tuple[str, ...]]:
    """For each segment, the titles of the headings enclosing it (outermost first)."""
    stack: list[tuple[int, str]] = []
    out: list[tuple[str, ...]] = []
    for seg in segs:
        head = heading_of(seg)
        if head:
            while stack and stack[-1][0] >= head[0]:
                stack.pop()
        out.append(tuple(title for _, title in stack))
        if head:
            stack.append(head)
    return out


def split_title(text: str, inline: bool) -> tuple[str, str]:
    """Separate a question from answer text that follows it on the same segment."""
    text = text.strip()
    if not inline and len(text) <= TITLE_SPLIT_CHARS:
        return text, ""
    q = re.search(r"[?？]", text[:TITLE_SPLIT_CHARS])
    if q:
        return text[: q.end()], text[q.end() :].strip()
    if inline:
        gap = re.search(r"(?<=\S{2})\s", text[:60])
        if gap:
            return text[: gap.start()], text[gap.end() :].strip()
    return text, ""


# ---- formats ---------------------------------------------------------------------------------


_Q_LABEL = re.compile(
    rf"^{_BOLD}(?:Q\s*\d{{1,3}}\s*[.、．:：)]?|(?:Q|问)\s*[:：]|(?:问题|题目|面试题)\s*\d{{1,3}}\s*[.、．:：]"
    rf"|第\s*(?:\d{{1,3}}|[一二三四五六七八九十]{{1,3}})\s*[题问]\s*[.、．:：]?){_BOLD}\s*(\S.*)$",
    re.I | re.S,
)
# "Q: 问题？ A: 答案" on one line: the answer label ends the question
_INLINE_ANSWER = re.compile(rf"\s{_BOLD}(?:A\s*\d{{0,3}}|答案?|解答|回答)\s*[:：]{_BOLD}\s*")


def _qa(segs: list[Segment], ctx: list[tuple[str, ...]]) -> list[_Draft]:
    """Labelled questions (`Q1.`, `问题1：`, `第1题`). A label says "question" outright, so one
    is enough (a notes file of a single question); the other formats need two, since a lone bold
    line or heading is as often a page's title."""
    drafts = []
    for i, seg in enumerate(segs):
        m = _Q_LABEL.match(seg.text) if not seg.code else None
        if m:
            text = m.group(1)
            label = _INLINE_ANSWER.search(text)
            if label:
                title, rest = text[: label.start()], text[label.end() :].strip()
            else:
                title, rest = split_title(text, seg.inline)
            drafts.append(_Draft(tidy_title(title), rest, i, ctx[i]))
    return drafts


def _enough(drafts: list[_Draft]) -> list[_Draft]:
    """Two or more drafts, or a lone one that asks ("## on-policy 和 off-policy 的区别？"): a lone
    heading or bold line without a question mark is as often a page's title, but a notes file
    of one question is common enough (said "no questions found")."""
    if len(drafts) >= 2 or (len(drafts) == 1 and drafts[0].title.rstrip().endswith(("？", "?"))):
        return drafts
    return []


def _bold(segs: list[Segment], ctx: list[tuple[str, ...]]) -> list[_Draft]:
    b_re = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:：]?\s*(.*)$", re.S)
    drafts = []
    for i, seg in enumerate(segs):
        m = b_re.match(seg.text) if not (seg.code or seg.inline) else None
        if m:
            drafts.append(_Draft(strip_numbering(m.group(1)), m.group(2).strip(), i, ctx[i]))
    return _enough(drafts)


def _markdown(segs: list[Segment], ctx: list[tuple[str, ...]]) -> list[_Draft]:
    """Headings that hold an answer (leaves, or question-phrased ones) are questions.

    Under a question, a sub-heading phrased as a question ("### 1.1 BN 有哪些参数？" under
    "## 什么是批归一化？") is a question of its own; other sub-headings ("### 训练阶段") are
    sections of the answer."""
    heads = [(i, heading_of(s)) for i, s in enumerate(segs)]
    md = [(i, h) for i, h in heads if h and _MD_HEADING.match(segs[i].text)]
    drafts = []
    inside_until_level: int | None = None
    for k, (i, (level, title)) in enumerate(md):
        if inside_until_level is not None:
            if level > inside_until_level:
                if is_interrogative(title) and not is_stop_title(title):
                    sub = _Draft(title, "", i, ctx[i], until_level=inside_until_level)
                    drafts.append(sub)  # a sub-question
                continue  # any other sub-heading of a question: part of its answer
            inside_until_level = None
        nxt = md[k + 1][1][0] if k + 1 < len(md) else 0
        leaf = nxt <= level
        if is_stop_title(title) or not (leaf or is_interrogative(title)):
            continue
        drafts.append(_Draft(title, "", i, ctx[i]))
        inside_until_level = level
    return _enough(drafts)


_BULLET_LINE = re.compile(r"^[-*+•·●]\s*(\S.*)$")


def _bullets(segs: list[Segment], ctx: list[tuple[str, ...]]) -> list[_Draft]:
    drafts = []
    for i, seg in enumerate(segs):
        m = _BULLET_LINE.match(seg.text) if not (seg.code or seg.inline) else None
        if m:
            title = tidy_title(m.group(1))
            if is_interrogative(title) and len(title) <= TITLE_SPLIT_CHARS:
                drafts.append(_Draft(title, "", i, ctx[i]))
    return _enough(drafts)


@dataclass(frozen=True)
class _Cand:
    index: int
    number: int
    title: str
    rest: str


def _numbered(segs: list[Segment], ctx: list[tuple[str, ...]]) -> list[_Draft]:
    return _numbered_list(segs, ctx, _NUM)


def _paren_numbered(segs: list[Segment], ctx: list[tuple[str, ...]]) -> list[_Draft]:
    return _numbered_list(segs, ctx, _PAREN_NUM)


def _numbered_list(
    segs: list[Segment], ctx: list[tuple[str, ...]], marker: re.Pattern[str]
) -> list[_Draft]:
    cands: list[_Cand] = []
    chapter_before: set[int] = set()  # candidate positions preceded by a chapter heading
    pending_chapter = True
    for i, seg in enumerate(segs):
        if heading_of(seg) or _is_bold_line(seg):
            pending_chapter = True
            continue
        m = marker.match(seg.text) if not seg.code else None
        if not m:
            continue
        title, rest = split_title(m.group("rest"), seg.inline)
        if pending_chapter:
            chapter_before.add(len(cands))
            pending_chapter = False
        cands.append(_Cand(i, int(m.group("n")), tidy_title(title), rest))

    toc = _table_of_contents(cands)
    if toc:
        return [_Draft(c.title, c.rest, c.index, ctx[c.index]) for c in toc]

    chosen: list[_Cand] = []
    last = 0
    sub_last = 0
    chapter = False
    for k, cand in enumerate(cands):
        chapter = chapter or k in chapter_before
        n = cand.number
        ok = is_plausible_title(cand.title)
        accept = False
        if ok and n == 1 and (chapter or not chosen):
            accept = True
        elif ok and n == last + 1:
            ambiguous = sub_last > 0 and n == sub_last + 1
            accept = not ambiguous or _resolve_ambiguous(cands, k)
        if accept:
            chosen.append(cand)
            last, sub_last, chapter = n, 0, False
        elif n == 1 or (sub_last and n == sub_last + 1):
            sub_last = n
    return [_Draft(c.title, c.rest, c.index, ctx[c.index]) for c in chosen]


def _resolve_ambiguous(cands: list[_Cand], k: int) -> bool:
    """Candidate k continues both the question list and a sub-list: is it the question?"""
    cand = cands[k]
    for j in range(k + 1, len(cands)):
        later = cands[j]
        if later.number == 1:
            return True  # a new sub-list starts: k closed the previous one as a question
        if later.number == cand.number and is_plausible_title(later.title):
            if is_interrogative(cand.title) and not is_interrogative(later.title):
                return True
            return False  # the real question number comes later
    return True


def _table_of_contents(cands: list[_Cand]) -> list[_Cand] | None:
    """If a 1..N run of short titles is repeated later, return the later (answered) occurrences."""
    for s, first in enumerate(cands):
        if first.number != 1:
            continue
        run = [first]
        for j in range(s + 1, len(cands)):
            cand = cands[j]
            if cand.number == run[-1].number + 1 and len(cand.title) <= 60 and not cand.rest:
                run.append(cand)
            else:
                break
        if len(run) < 2 or any(c.rest for c in run[:-1]):
            continue
        anchors: list[_Cand] = []
        pos = s + len(run)
        after = cands[pos] if pos < len(cands) else None
        if after is None or not _squash(after.title + after.rest).startswith(_squash(first.title)):
            continue  # the contents are repeated right after the list, or it is no table
        for entry in run:
            key = _squash(entry.title)
            found = None
            for j in range(pos, len(cands)):
                c = cands[j]
                full = _squash(c.title + c.rest)
                if c.number == entry.number and full.startswith(key):
                    found = j
                    break
            if found is None:
                break
            c = cands[found]
            text = (c.title + " " + c.rest).strip()
            anchors.append(_Cand(c.index, c.number, entry.title, _after_title(text, entry.title)))
            pos = found + 1
        if len(anchors) == len(run):
            return anchors
    return None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _after_title(text: str, title: str) -> str:
    """The text after `title` at the start of `text`, ignoring whitespace differences."""
    want = len(_squash(title))
    seen = 0
    for pos, ch in enumerate(text):
        if seen >= want:
            return text[pos:].strip()
        if not ch.isspace():
            seen += 1
    return ""


def _is_bold_line(seg: Segment) -> bool:
    return not seg.inline and bool(re.fullmatch(r"(?:\*\*|__).+(?:\*\*|__)[:：]?", seg.text))


# ---- assembling items ------------------------------------------------------------------------

_ANSWER_PREFIX = re.compile(
    rf"^{_BOLD}(?:A\s*\d{{1,3}}\s*[.、．:：)]|A\s*[:：]|(?:答案?|解答|回答)\s*[:：]){_BOLD}\s*"
)

_REFERENCES = re.compile(
    r"(?:#{1,6}\s*)?(?:参考|参考资料|参考文献|参考链接|引用|references?)\s*[:：]?", re.I
)

_Format = Callable[[list[Segment], list[tuple[str, ...]]], list[_Draft]]
# Explicit formats first: they win ties.
FORMATS: tuple[tuple[str, _Format], ...] = (
    ("qa", _qa),
    ("bold", _bold),
    ("markdown", _markdown),
    ("numbered", _numbered),
    ("numbered", _paren_numbered),
    ("bullets", _bullets),
)


def detect(segs: list[Segment]) -> tuple[str, list[_Draft]]:
    """Run every format and keep the reading with the most question-like titles."""
    ctx = _contexts(segs)
    best: tuple[str, list[_Draft]] = ("none", [])
    best_score = (0, 0)
    for name, fmt in FORMATS:
        drafts = [d for d in fmt(segs, ctx) if is_plausible_title(d.title)]
        score = (sum(is_interrogative(d.title) for d in drafts), len(drafts))
        if score > best_score:
            best, best_score = (name, drafts), score
    return best


def _attach_bodies(name: str, segs: list[Segment], drafts: list[_Draft]) -> None:
    """An answer runs to the next question, or the next heading that is not inside it."""
    starts = {d.start for d in drafts}
    for d in drafts:
        own = heading_of(segs[d.start]) if name == "markdown" else None
        if own is not None and d.until_level is not None:
            own = (d.until_level, own[1])
        for j in range(d.start + 1, len(segs)):
            seg = segs[j]
            if j in starts:
                break
            head = heading_of(seg)
            if head and (own is None or head[0] <= own[0]):
                break
            if name == "numbered" and _is_bold_line(seg):
                break
            if name == "bullets" and _BULLET_LINE.match(seg.text):
                break
            if not seg.inline and _REFERENCES.fullmatch(seg.text.strip()):
                break  # a reference list closes the answer (its links were cleaned away)
            d.body.append(seg)


def extract_lines(lines: list[Line], rel: str) -> list[QAItem]:
    """Questions with answers and source spans from a cleaned page."""
    segs = segments(lines)
    name, drafts = detect(segs)
    _attach_bodies(name, segs, drafts)
    items = []
    for d in drafts:
        answer = _join_answer(d.first, d.body)
        last = d.body[-1].no if d.body else segs[d.start].no
        items.append(
            QAItem(
                question=d.title,
                answer=answer,
                source=SourceSpan(rel, segs[d.start].no, max(last, segs[d.start].no)),
                headings=d.headings,
            )
        )
    return items


_BOLD_PAIR = re.compile(r"(?<!\*)\*\*(?![\s*])(.+?)(?<![\s*])\*\*(?!\*)")
"""'**a phrase**' in an answer; '方***更加' (a word starred out) is left alone."""


def _join_answer(first: str, body: list[Segment]) -> str:
    """The answer's text. A fenced code sample beside prose is left out: the grader cut its lines
    into key points ('past_k = torch.cat(…)' to be said aloud); a code-only answer keeps it. Bold
    marks are emphasis, not words ('…比模型权重还大**' was a key point)."""
    if any(not seg.code and seg.text.strip() for seg in body) or first.strip():
        body = [seg for seg in body if not seg.code]
    parts: list[str] = []
    if first.strip():
        parts.append(_BOLD_PAIR.sub(r"\1", _ANSWER_PREFIX.sub("", first.strip())))
    for seg in body:
        text = seg.text if seg.code else seg.text.strip()
        md = _MD_HEADING.match(text) if not seg.code else None
        if md:
            text = md.group(2)
        if not seg.code:
            text = _BOLD_PAIR.sub(r"\1", _ANSWER_PREFIX.sub("", text))
        if not text.strip():
            continue
        if seg.inline and parts:
            parts[-1] = parts[-1] + " " + text
        else:
            parts.append(text)
    return "\n".join(parts).strip()
