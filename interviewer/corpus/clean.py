"""Boilerplate removal for scraped note pages, line by line, keeping original line numbers.

Scraped pages wrap the notes in site chrome. Every rule below is a general property of web-page
junk, never a rule about one site; each dropped line records which rule dropped it, so the
pipeline can be inspected and tested. The rules, in the order they are applied:

- markup: HTML tags/entities, image markdown, CSDN-style "在这里插入图片描述" image placeholders,
  zero-width characters are removed inside a line; a line left empty is dropped. Markdown links
  keep only their words ("[原论文](https://…)" -> "原论文") and footnote marks ("[^1]") go; link
  and footnote definitions ("[ref]: https://…") are dropped (link-definition). An HTML
  `<pre><code>` block is a code sample and is not read at all. Inline LaTeX is read as plain
  text ("$\\sqrt{d_k}$" -> "√d_k", see corpus/latex.py), so it is never said with its dollars.
- code-blob: a single line holding inline ``` fences is a pasted code sample (often with its
  own "1. 导入所需的库:" steps, which would parse as questions), not notes: dropped whole.
  Fenced blocks on their own lines are kept but flagged `code`: answer text, never questions.
- promo: clauses that advertise the author ("公众号", "欢迎关注", "持续更新", "敬请期待")
  and attributed links ("此问题引用于:https://...") are cut out of a line.
- tail: an end-of-article marker (the author's own "-- end --", "（完）", "全文完"; "相关推荐",
  "更多推荐", "评论列表", "添加红包", "上一篇", "版权声明", a bare "点赞"/"收藏" button, a
  comment header "评论 (3)" / "3 条评论", ...) seen after the notes have started ends the
  article: everything after it (comments, hot posts, payment widgets, footers) is dropped.
- head-block: the same marker before any notes starts a sidebar block (hot posts, recommendations)
  that lasts until running text or a heading begins.
- counter: a line of only counters, dates, times and UI words (点赞 12, 2302次浏览, 01-21 15:35).
- symbols: a line without a letter, digit or CJK character ("#", "...", "/").
- placeholder: a line, heading or bullet that only says the notes are unwritten ("TODO",
  "## 待补充", "(未完待续)"): neither a question nor an answer.
- link: a line dominated by URLs, or an attribution/contact line ("本文链接:", "email:").
- ad: call-to-action lines framed by arrows (↓...↓) or offering downloads.
- nav: a row of four or more short tokens without sentence punctuation (site menus, tag clouds),
  and breadcrumb trails (a -> b -> c).
- repeated: short punctuation-free lines that occur three or more times (site chrome printed
  at several places on the page), and nav-like rows that occur twice.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from interviewer.corpus.latex import is_display_fence, plain_math
from interviewer.corpus.md_tables import table_sentences
from interviewer.corpus.tables import CJK_UNIFIED


@dataclass(frozen=True)
class Line:
    """A line of page text and its 1-based line number in the original file."""

    no: int
    text: str
    code: bool = False
    """Inside a fenced code block: answer text only, never a question."""


@dataclass(frozen=True)
class Cleaned:
    """What survived cleaning, and every dropped line with the rule that dropped it."""

    lines: list[Line]
    dropped: list[tuple[Line, str]]


# ---- inline markup ---------------------------------------------------------------------------

_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->")
_BROKEN_TAG = re.compile(r"<[A-Za-z][^<>]*$")  # a tag cut off at the end of the line
_IMAGE_MD = re.compile(r"!\[[^\]]*\]\([^)\s]*\)?")
_IMAGE_PLACEHOLDER = re.compile(r"在这里插入图片描述|图片描述|\[图片\]|\[image\]", re.I)
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
# Markdown links keep their words: "[原论文](https://…)" and "[原论文][ref]" read "原论文"; a
# footnote mark "[^1]" goes. (Images are removed before, so "![..](..)" never gets here.) A link
# target looks like one (has / . # or :), so "f(x)[0](1)" is left alone.
_LINK_MD = re.compile(
    r"\[([^\[\]]+)\]\((?=[^()\s]*[/.#:])(?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
)
# "[words][ref]" only when the text is words (CJK or a space): "x[i][j]" is indexing, not a link
_REF_LINK_MD = re.compile(r"\[([^\[\]]*(?:[^\x00-\x7f]|\s)[^\[\]]*)\]\[[^\[\]\s]*\]")
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
# "[ref]: https://…" and "[^1]: note" lines define link targets and footnotes, not notes.
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[\^?[^\]]+\]:\s*\S")
# A heading, bullet or line that only says the notes are unwritten: "TODO", "## 待补充".
_PLACEHOLDER = re.compile(
    r"^(?:#{1,6}\s*|[-*+]\s*)?[(（\[【]?\s*(?:todo|tbd|tbc|wip|待补充|待完善|待更新|未完待续|"
    r"占位|施工中|coming soon)\s*[)）\]】]?\s*[.。!！:：…]*$",
    re.I,
)
_FENCE = "```"

_PROMO_WORDS = (
    "公众号",
    "欢迎关注",
    "欢迎持续关注",
    "持续更新",
    "敬请期待",
    "敬请关注",
    "转载请注明",
    "扫码关注",
    "点个赞",
    "一键三连",
    "关注我",
    "私信我",
)
# Promo is cut by clause: up to sentence-ending punctuation or a space (run-on pages).
_CLAUSE = re.compile(r"[^。!?!?\s]+(?:[。!?!?]+\s*|\s+|$)|\s+")
_ATTRIBUTED_URL = re.compile(
    r"(?:此问题|本文|内容|图片)?(?:引用于|引用自|参考|来源|转载自|出处|原文)\s*[:：]?\s*"
    r"(?:https?://|www\.)[^\s<>\"'，。)）]+"
)


def strip_inline(text: str, *, formula: bool = False) -> str:
    """Remove markup, images and image placeholders from one line of text; read its LaTeX
    (`formula`: the line is part of a formula set between "$$" lines)."""
    text = _ZERO_WIDTH.sub("", text)
    text = _TAG.sub("", text)
    text = _BROKEN_TAG.sub("", text)
    text = html.unescape(text)
    text = _IMAGE_MD.sub("", text)
    text = _LINK_MD.sub(r"\1", text)
    text = _REF_LINK_MD.sub(r"\1", text)
    text = _FOOTNOTE_MARK.sub("", text)
    text = _IMAGE_PLACEHOLDER.sub("", text)
    text = plain_math(text, math=formula)
    return text.replace("\xa0", " ").replace("\u3000", " ").rstrip()


def strip_promo(text: str) -> str:
    """Cut clauses that advertise the author or the site, and attributed links, out of a line."""
    text = _ATTRIBUTED_URL.sub("", text)
    if not any(word in text for word in _PROMO_WORDS):
        return text
    kept = [c for c in _CLAUSE.findall(text) if not any(word in c for word in _PROMO_WORDS)]
    return "".join(kept).strip()


# ---- line classifiers ------------------------------------------------------------------------

_END_MARKERS = (
    "相关推荐",
    "更多推荐",
    "推荐阅读",
    "相关文章",
    "相关阅读",
    "热门文章",
    "最新文章",
    "热门推荐",
    "猜你喜欢",
    "全部评论",
    "评论列表",
    "发表评论",
    "发布评论",
    "添加评论",
    "暂无评论",
    "写下你的评论",
    "添加红包",
    "上一篇",
    "下一篇",
    "版权声明",
    "本文链接",
    "原文链接",
    "著作权归作者所有",
    "刷新评论",
    "返回顶部",
    "文章标签",
    "本文标签",
    "posted @",
    "热榜",
    "阅读排行",
    "推荐文章",
    "精选文章",
    "大家都在看",
    "猜你想看",
    "相关问题",
    "热门问题",
    "你可能感兴趣",
    "copyright",
    "©",
    "版权所有",
    "all rights reserved",
)
_ACTION_WORDS = ("点赞", "赞同", "收藏", "评论", "分享", "转发", "举报", "打赏", "喜欢")
_UI_WORDS = sorted(
    {
        *_ACTION_WORDS,
        "已关注",
        "取消关注",
        "关注",
        "次浏览",
        "人浏览",
        "浏览量",
        "浏览",
        "阅读量",
        "阅读数",
        "阅读",
        "人参与",
        "条评论",
        "发布于",
        "编辑于",
        "更新于",
        "发表于",
        "更新时间",
        "发布时间",
        "已编辑",
        "回复",
        "登录",
        "注册",
        "首页",
        "搜索",
        "更多",
        "返回",
        "置顶",
        "昨天",
        "今天",
        "前天",
        "小时前",
        "分钟前",
        "天前",
        "刚刚",
        "楼层",
        "推荐",
        "最新",
        "热门",
        "原创",
        "转载",
        "粉丝",
        "获赞",
        "访问",
        "积分",
        "排名",
        "字数",
        "加",
        "更",
        "赞",
        "万",
        "k",
        "w",
    },
    key=len,
    reverse=True,
)
_DATE_TIME = re.compile(
    r"\d{2,4}[-/年.]\d{1,2}(?:[-/月.]\d{1,2}日?)?|\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}月\d{1,2}日"
)
_IP_PLACE = re.compile(r"ip\s*属地\s*[:：]?\s*\S{0,6}", re.I)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'，。)）]+", re.I)
_CONTACT = re.compile(r"(?:email|e-mail|邮箱|qq|微信|电话|tel)\s*[:：]", re.I)
_ATTRIBUTION = re.compile(
    r"^(?:本文链接|原文链接|原文地址|转载自|来源|出处|参考链接|本文地址)\s*[:：]"
    r"(?!\s*$)"  # a bare "参考链接：" heads a reference list: kept, it ends the answer above it
)
_ARROW_AD = re.compile(r"^[↓↑→←▲▼]|[↓↑▲▼]$")
_BREADCRUMB = re.compile(r"(?:->|»|>>|›).*(?:->|»|>>|›)")
_SENTENCE_PUNCT = re.compile(r"[,，。;；?？!！、]")
_FULL_STOP_END = re.compile(r"[A-Za-z0-9)\]]\.\s*$")
"""An English full stop ending a line: sentences end so, menu rows and tag clouds do not."""
_FORMULA = re.compile(r"[=+*×÷^]|[A-Za-z)]\s*/\s*[A-Za-z(]")
_HAS_WORD = re.compile(rf"[A-Za-z0-9{CJK_UNIFIED}]")
_BULLET = re.compile(r"^\s*(?:[•·●◆▪■□◇○\-*+]\s*)+")
_LABEL = re.compile(r"^[^\s:：]{1,6}[:：]\s*")


_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")  # "### 评论 (3)": an HTML <h3> read as Markdown
_DECORATION = r"[-—–=~*_·.\s()（）\[\]【】<>《》!！。]*"
_END_OF_TEXT = re.compile(
    rf"{_DECORATION}(?:the\s*end|end|全文完|本文完|正文完|完结|完){_DECORATION}", re.I
)
"""The author's own end of the text, alone on a line: "-- end --", "--- END ---", "（完）"."""


def _core(text: str) -> str:
    """The line without leading bullets and surrounding whitespace."""
    return _BULLET.sub("", text).strip()


def is_end_marker(text: str) -> bool:
    """A line that, once the notes have begun, means the article is over."""
    core = _core(_HEADING_MARK.sub("", text))
    if not core or len(core) > 60:
        return False
    if _END_OF_TEXT.fullmatch(_HEADING_MARK.sub("", text).strip()):
        return True
    low = core.lower()
    for marker in _END_MARKERS:
        # "相关推荐", "评论列表 (有 0 条评论)", "版权声明:..."; not "推荐阅读原论文" (prose)
        if low.startswith(marker):
            follower = low[len(marker) : len(marker) + 1]
            if not follower or not follower.isalnum() or follower.isdigit():
                return True
        # "人工智能 最新文章", "刷新评论刷新页面返回顶部"
        if low.endswith(marker) and len(core) <= 20:
            return True
    # a bare action button or a comment-section header, optionally with its count: "点赞",
    # "点赞 12", "收藏 3", "评论 (3)", "评论（12）", "3 条评论"
    if re.fullmatch(r"(?:共\s*)?\d+\s*条评论", core):
        return True
    count = r"\s*(?:\d+|[(（\[【]\s*\d*\s*[)）\]】])?"
    return re.fullmatch(rf"(?:{'|'.join(_ACTION_WORDS)}){count}", core) is not None


def is_counter(text: str) -> bool:
    """Only counters, dates, times and UI words: '点赞 12', '2302次浏览', '加:2021-10-06 12:14'."""
    core = _core(text)
    if not core or len(core) > 60:
        return False
    if _FORMULA.search(core):
        return False
    rest = _IP_PLACE.sub(" ", _DATE_TIME.sub(" ", core))
    for word in _UI_WORDS:
        rest = rest.replace(word, " ")
    rest = re.sub(r"[\d\s.,，:：|/()（）\[\]\-_>·•]", "", rest)
    return len(rest) <= 1 and len(core) < 40


def is_symbols(text: str) -> bool:
    return _HAS_WORD.search(text) is None


def is_link(text: str) -> bool:
    """Nothing but URLs (and a few words around them), or an attribution/contact line."""
    core = _core(text)
    if _URL.search(core) and len(_HAS_WORD.findall(_URL.sub("", core))) <= 8:
        return True
    if _ATTRIBUTION.match(core):
        return True
    return bool(_CONTACT.search(core)) and len(core) < 80


def is_ad(text: str) -> bool:
    core = _core(text)
    return bool(_ARROW_AD.search(core)) and len(core) < 40


def is_nav(text: str) -> bool:
    """A menu row or tag cloud: many short tokens and no sentence punctuation; or a breadcrumb.
    A heading's '###' is markup, not a menu word: "### 6. 简述 RLHF 的三个阶段" is a question."""
    core = _core(_HEADING_MARK.sub("", text))
    if _BREADCRUMB.search(core) and len(core) < 80 and not core.endswith(("?", "？")):
        return True
    body = _LABEL.sub("", core)
    parts = [p.strip() for p in re.split(r"[|丨｜]", body)]
    if len(parts) >= 3 and all(0 < len(p) <= 10 for p in parts):
        return True  # "关于我们 | 联系我们 | 隐私政策"
    if _SENTENCE_PUNCT.search(body) or "=" in body or _FULL_STOP_END.search(body):
        return False  # a sentence: "Two keys map to one place." is an answer, not a menu
    tokens = body.split()
    if len(tokens) < 4 or sum(len(t) for t in tokens) / len(tokens) > 6:
        return False
    # menu entries are short words; spaced-out prose ("两个 3x3 的感受野等于一个 5x5") is not
    return sum(2 <= len(t) <= 6 and not any(c.isdigit() for c in t) for t in tokens) >= 4


_PROSE_MIN = 30


def is_prose(text: str) -> bool:
    """Running text: long enough and punctuated like sentences."""
    core = _core(text)
    return len(core) >= _PROSE_MIN and len(_SENTENCE_PUNCT.findall(core)) >= 2


# Question-looking lines: used only to decide whether the notes have begun.
_MARKER_LINE = re.compile(
    r"^(?:#{1,6}\s|\*\*.+\*\*$|Q\d+|[一二三四五六七八九十]+[、.．]|\d{1,3}\s*[.、．](?!\d))",
    re.I,
)


def _starts_notes(text: str) -> bool:
    core = text.strip()
    return bool(_MARKER_LINE.match(core)) or is_prose(core)


_HEADING_LINE = re.compile(r"^(?:#{1,6}\s|[一二三四五六七八九十]+[、.．]\S)")


# ---- the pass --------------------------------------------------------------------------------


def clean_lines(lines: list[Line]) -> Cleaned:
    """Drop junk lines (see the module docstring for the rules); keep line numbers."""
    kept: list[Line] = []
    dropped: list[tuple[Line, str]] = []
    in_fence = False
    in_formula = False
    notes_begun = False
    in_head_block = False

    counts = Counter(_core(strip_inline(line.text)) for line in lines)
    tables = table_sentences([line.text for line in lines])

    for index, line in enumerate(lines):
        raw = tables.get(index, line.text)
        if not raw and line.text.strip():
            dropped.append((line, "table-header"))  # said with each of its rows
            continue
        if raw.strip().startswith(_FENCE) and raw.strip().count(_FENCE) == 1:
            in_fence = not in_fence
            dropped.append((line, "code-fence"))
            continue
        if in_fence:
            kept.append(replace(line, code=True))
            continue
        if raw.count(_FENCE) >= 2:
            dropped.append((line, "code-blob"))
            continue
        if _LINK_DEFINITION.match(raw):  # before markup removal takes its "[^1]" away
            dropped.append((line, "link-definition"))
            continue

        if is_display_fence(raw):
            in_formula = not in_formula
            dropped.append((line, "markup"))
            continue
        if not raw.strip():
            in_formula = False  # an unclosed "$$": a blank line ends its paragraph (as Pandoc)
        text = strip_inline(raw, formula=in_formula)
        if not text.strip():
            if raw.strip():
                dropped.append((line, "markup"))
            continue
        text = strip_promo(text)
        if not text.strip():
            dropped.append((line, "promo"))
            continue

        if is_end_marker(text):
            if notes_begun:
                dropped.extend((rest, "tail") for rest in lines[index:] if rest.text.strip())
                break
            in_head_block = True
            dropped.append((line, "head-block"))
            continue
        if in_head_block:
            if is_prose(text) or _HEADING_LINE.match(text.strip()):
                in_head_block = False
            else:
                dropped.append((line, "head-block"))
                continue

        reason = _junk_reason(text, counts)
        if reason:
            dropped.append((line, reason))
            continue
        if _starts_notes(text):
            notes_begun = True
        kept.append(Line(line.no, text))
    return Cleaned(lines=kept, dropped=dropped)


def _junk_reason(text: str, counts: Counter[str]) -> str | None:
    if is_symbols(text):
        return "symbols"
    if _PLACEHOLDER.match(text.strip()):
        return "placeholder"
    if is_counter(text):
        return "counter"
    if is_link(text):
        return "link"
    if is_ad(text):
        return "ad"
    if is_nav(text):
        return "nav"
    core = _core(text)
    if counts[core] >= 3 and len(core) <= 30 and not _SENTENCE_PUNCT.search(core):
        if not _MARKER_LINE.match(core) and not core.endswith((":", "：")):
            return "repeated"
    return None


def text_lines(text: str) -> list[Line]:
    """Plain text split into numbered lines."""
    return [Line(no, t) for no, t in enumerate(text.split("\n"), start=1)]


# ---- HTML ------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "section", "article", "blockquote", "pre", "table",
    "ul", "ol", "dd", "dt", "hr", "figure", "figcaption",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg"}


class _HtmlLines(HTMLParser):
    """Collects text by block, remembering the source line where each block started."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[Line] = []
        self._buf: list[str] = []
        self._start: int | None = None
        self._skip = 0
        self._prefix = ""
        self._pre = 0

    def _flush(self) -> None:
        text = "".join(self._buf)
        if self._pre:
            for offset, part in enumerate(text.split("\n")):
                if part.strip() and self._start is not None:
                    self.out.append(Line(self._start + offset, part.rstrip()))
        else:
            text = re.sub(r"\s+", " ", text).strip()
            if text and self._start is not None:
                self.out.append(Line(self._start, self._prefix + text))
        self._buf, self._start, self._prefix = [], None, ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if tag in _BLOCK_TAGS or re.fullmatch(r"h[1-6]", tag):
            self._flush()
        if re.fullmatch(r"h[1-6]", tag):
            self._prefix = "#" * int(tag[1]) + " "
        elif tag == "li":
            self._prefix = "- "
        elif tag in ("strong", "b") and not self._buf:
            self._buf.append("**")
        if tag == "pre":
            self._pre += 1
        elif tag == "code" and self._pre:
            self._skip += 1  # <pre><code>: a code sample, never notes (see module docstring)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS or (tag == "code" and self._pre):
            self._skip = max(0, self._skip - 1)
            return
        if tag in ("strong", "b") and self._buf and self._buf[0] == "**":
            self._buf.append("**")
        if tag in _BLOCK_TAGS or re.fullmatch(r"h[1-6]", tag):
            self._flush()
        if tag == "pre":
            self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._start is None:
            if not data.strip():
                return
            lead = len(data) - len(data.lstrip("\n"))
            self._start = self.getpos()[0] + lead
        self._buf.append(data)


def html_lines(text: str) -> list[Line]:
    """Visible text of an HTML page, one block per line, numbered by its line in the source."""
    parser = _HtmlLines()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.out
