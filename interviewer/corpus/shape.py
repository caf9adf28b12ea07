"""What a question title looks like: shared by extraction (is this a question?) and the bank.

Numbering, list markers and bold marks are syntax; these checks look at the words that remain.
"""

from __future__ import annotations

import re

from interviewer.corpus.tables import CJK_UNIFIED

# Section titles that are never questions, whatever format they come in.
STOP_TITLES = frozenset(
    {
        "前言", "引言", "目录", "总结", "小结", "参考", "参考资料", "参考文献", "参考链接",
        "写在前面", "后记", "致谢", "附录", "问题", "答案", "题目", "说明", "更新", "更新日志",
        "概述", "简介",
        "正文", "摘要", "结语", "最后", "other", "references", "contents", "toc", "summary",
        "introduction", "preface", "faq",
    }
)  # fmt: skip

_INTERROGATIVE = re.compile(
    r"什么|为什么|为何|如何|怎么|怎样|哪些|哪个|哪种|几种|是否|区别|差异|异同|作用|原理|优缺点|优点|缺点|"
    r"介绍|简述|解释|理解|对比|比较|讲一下|讲讲|说一下|说说|谈谈|多少|多大|意义|原因|方法|方式|办法|"
    r"解决|推导|手推|怎么办|吗|呢|啥|定义|流程|影响|关系|好处|特点|场景|举例|"
    r"\bwhat\b|\bwhy\b|\bhow\b|\bdifference\b|\bexplain\b",
    re.I,
)
_LETTER = re.compile(rf"[A-Za-z{CJK_UNIFIED}]")
_URL = re.compile(r"https?://|www\.", re.I)
_TRAILING = re.compile(r"[\s,，:：;；、.·…\-—=]+$")
_LEADING = re.compile(r"^[\s,，:：;；、.·\-—*]+")
_LABEL = re.compile(r"^(?:问题|题目|面试题|问|question|q)\s*[:：]\s*(?=\S)", re.I)
"""A label before a question ("## 问题：什么是双塔模型？"): the interviewer would read it aloud."""
MAX_TITLE = 120


def tidy_title(text: str) -> str:
    """A question as it should be shown: single spaces, no dangling separators or bold marks."""
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"\s+", " ", text)
    text = _LABEL.sub("", _LEADING.sub("", text))
    return _TRAILING.sub("", text).strip()


def is_stop_title(title: str) -> bool:
    core = re.sub(r"[\s\W_]+", "", title).lower()
    return core in STOP_TITLES


def is_interrogative(title: str) -> bool:
    """Phrased as a question: a question mark or an interrogative/interview word."""
    return title.rstrip().endswith(("?", "？")) or bool(_INTERROGATIVE.search(title))


def is_plausible_title(title: str) -> bool:
    """Could be a question title: has words, and is not a long statement, a link or a stop title."""
    if not (2 <= len(title) <= MAX_TITLE) or not _LETTER.search(title):
        return False
    if _URL.search(title) or is_stop_title(title):
        return False
    # A long statement ending in a full stop is a note, not a question ("余额无法直接购买...。").
    if title.endswith("。") and len(title) > 30:
        return False
    return True
