"""The lexical identity of a question: what is left after case, punctuation and filler words.

Two pages that ask "简单介绍一下Batch Normalization以及它的作用" and "bn的作用" ask the same thing;
their normalised forms are equal, which both groups them and gives the bank a stable id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Spellings of one concept, mapped to one token (longest first when applied).
SYNONYMS: dict[str, str] = {
    "batch normalization": "bn",
    "batch normalizaion": "bn",
    "batch normalizaton": "bn",
    "batch norm": "bn",
    "batchnorm": "bn",
    "批量归一化": "bn",
    "批归一化": "bn",
    "批量标准化": "bn",
    "批标准化": "bn",
    "layer normalization": "ln",
    "layernorm": "ln",
    "层归一化": "ln",
    "group normalization": "gn",
    "卷积神经网络": "cnn",
    "循环神经网络": "rnn",
    "长短期记忆网络": "lstm",
    "随机梯度下降": "sgd",
    "反向传播算法": "bp",
    "反向传播": "bp",
    "backpropagation": "bp",
    "bp算法": "bp",
    "池化": "pooling",
    "注意力机制": "attention",
    "注意力": "attention",
    "交叉熵": "ce",
    "cross entropy": "ce",
    "激励函数": "激活函数",
}
# Words that frame a question without changing what is asked (longest first when applied).
FILLERS: tuple[str, ...] = (
    "简单介绍一下",
    "简单介绍下",
    "详细讲一下",
    "详细介绍一下",
    "详细介绍",
    "简单介绍",
    "介绍一下",
    "介绍下",
    "讲一下",
    "讲讲",
    "说一下",
    "说说",
    "谈谈你对",
    "谈谈",
    "请问",
    "什么是",
    "如何理解",
    "怎么理解",
    "怎样理解",
    "你对",
    "的理解",
    "简述",
    "解释一下",
    "解释",
    "是什么",
    "有什么",
    "有哪些",
    "是怎样的",
    "一下",
    "以及",
    "它的",
    "的",
    "吗",
    "呢",
)
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def _ordered(words: list[str]) -> list[str]:
    return sorted(words, key=len, reverse=True)


_SYN_ORDER = _ordered(list(SYNONYMS))
_FILLER_ORDER = _ordered(list(FILLERS))


def canonical_terms(text: str) -> str:
    """NFKC, lower case, synonyms unified: still readable, used for embedding and keywords."""
    text = unicodedata.normalize("NFKC", text).lower()
    for word in _SYN_ORDER:
        text = text.replace(word, f" {SYNONYMS[word]} ")
    return re.sub(r"\s+", " ", text).strip()


def normalise(question: str) -> str:
    """The lexical key: canonical terms without fillers, punctuation or spaces."""
    text = canonical_terms(question)
    for word in _FILLER_ORDER:
        text = text.replace(word, " ")
    key = _PUNCT.sub("", text)
    return key or _PUNCT.sub("", question.lower())


def question_id(question: str) -> str:
    """Ten hex characters of the hash of the normalised question: stable across rebuilds."""
    return hashlib.sha256(normalise(question).encode("utf-8")).hexdigest()[:10]


# ---- what a question asks about, for guarding embedding merges --------------------------------

# What a question asks (its intent). Two questions about one subject with different intents are
# different questions ("梯度消失的原因" vs "梯度消失的解决办法"), however close their embeddings.
# Definition-style wording (是什么/原理/介绍/理解) is not an intent: it is how any question starts.
FACETS: tuple[tuple[str, str], ...] = (
    (
        "解决",
        r"(?:解决|防止|缓解|避免|处理|应对|克服|改进)(?:的)?(?:方法|办法|方案|方式|措施)?"
        r"|办法|方案|怎么办",
    ),
    ("原因", r"原因|为什么|为何|引起|导致|造成"),
    ("优缺点", r"优缺点|优点|缺点|缺陷|不足|局限|优劣"),
    ("作用", r"作用|意义|好处|用途|优势|目的|用处|效果"),
    ("特点", r"特点|特性|特征"),
    ("区别", r"区别|比较|对比|异同|差异|不同|联系|关系|\bvs\b"),
    ("方法", r"方法|方式|种类|类型|几种|哪几种"),
    ("计算", r"计算|推导|求导|公式|手推|感受野多大|多少"),
    ("流程", r"流程|步骤|过程|怎么做|实现"),
    ("选择", r"选择|怎么选|如何选|设置|调整|选用"),
    ("判断", r"判断|判定|确定|检测是否|是否"),
    # "BN 有哪些参数？" under "什么是批归一化？" in Markdown notes: the same subject, a narrower ask
    ("参数", r"参数"),
)
_FACET_RES = tuple((name, re.compile(pattern)) for name, pattern in FACETS)
_LATIN = re.compile(r"[a-z][a-z0-9\-]*|\d+x\d+")
_LATIN_STOP = frozenset({"and", "or", "the", "of", "in", "a", "an", "vs", "with", "to", "is"})


def facets(question: str) -> frozenset[str]:
    """The intents a question asks for: {'原因'}, {'原因', '解决'}; empty for a bare subject."""
    text = canonical_terms(question)
    found = set()
    for name, pattern in _FACET_RES:
        if pattern.search(text):
            found.add(name)
            text = pattern.sub(" ", text)
    return frozenset(found)


def subject_terms(question: str, vocabulary: tuple[str, ...]) -> frozenset[str]:
    """Latin words and known domain terms: what a question is about ('bn', '梯度消失', ...)."""
    text = canonical_terms(question)
    latin = {w for w in _LATIN.findall(text) if w not in _LATIN_STOP}
    cjk = {term for term in vocabulary if not term.isascii() and term in text}
    # keep the longest of overlapping terms ('梯度消失' not also '梯度')
    cjk = {t for t in cjk if not any(t != o and t in o for o in cjk)}
    return frozenset(latin | cjk)
