"""Finding an answer key's concepts and misconceptions in a spoken answer, by their wordings.

Why wordings and not embeddings: the offline embedder puts a right paraphrase only 0.01-0.03
above the question itself, while an interviewer's key can simply list how candidates say a thing
(weight decay = L2 正则 = 权重衰减). So a point counts when every one of its concept groups is said
within a short span, and a misconception when its groups are said in order within one sentence,
without a negation in front of the claim.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

from interviewer.grading.negation import negations
from interviewer.grading.numerals import spoken_digits
from interviewer.grading.text import CJK, stem
from interviewer.types.answer_key import AnswerKey, AnswerPoint, Misconception
from interviewer.vocabulary.glossary import (
    comparison_adverbs,
    concepts_in,
    contracted,
    equivalent,
    spelled_parts,
    spellings,
)
from interviewer.vocabulary.load import any_of
from interviewer.vocabulary.negation import claim_negation, negation_cues

POINT_SPAN = 40
"""Units (CJK characters or English words) within which a point's concept groups must all be
said: far enough for a spoken run-on sentence, near enough that a list of unrelated terms spread
over an answer does not make a point."""
CLAIM_SPAN = 24
"""Units within which a misconception's groups must be said, in order, in one sentence."""
TOPIC_SPAN = 40
"""Units a claim may run over when its subject is set up as the topic ("average pooling的话 前向
是取平均 反向就是把梯度原封不动地复制给每个位置", or as the label of a list item: "HOG：cell 里
统计梯度方向直方图再做 block 归一化，对光照和旋转都不敏感"): what follows is said of it, up to the
next topic."""
_TOPIC = re.compile(r"[a-z0-9]*\s?(?:的话|[:：])")
"""The topic marker after a claim's subject (the rest of its word first: "average pool|ing的话")."""
_NEXT_TOPIC = re.compile(r"的话|[:：]")
RESULT_SPAN = 40
"""Units a claim may run over when its last part is said as the result of what its first part
does ("梯度裁剪 给梯度设一个范围 小于阈值的时候就把它拉到阈值 这样梯度就不会消失了"): the
explanation between is how, and 这样 takes the claim back to its subject."""
_RESULT = re.compile(
    r"(?:这样一来|这么一来|这样的话|这样|从而|\bso that|\bthat way)[^\s，,。；;]{0,6}$"
)
"""Right before a claim's last part: it is the result of what was just described."""
RESULT_REACH = 12
"""Characters before a claim's last part searched for `_RESULT`."""
GAP_CHARS = 12
"""What a `…` inside a wording may skip (within a sentence)."""
NEGATION_REACH = 4
"""Characters before a claim's last group in which a negation vetoes it."""
_LONG_NEGATION = re.compile(r"\b(?:without|never)\s(?:being\s|getting\s)?$")
"""An English negation too long for NEGATION_REACH right before a later part: "adds depth
without enlarging the receptive field" does not say it enlarges it."""

_STOPS = "。！？!?;；\n"
_SENTENCE_BREAK = re.compile(rf"[{_STOPS}]|\.(?:\s|$)")
_SEPARATORS = re.compile(r"[-_/\\|·•]+")
_ASCII_ALNUM = re.compile(r"[a-z0-9]")
_CJK_CHAR = re.compile(rf"[{CJK}]")
_FREE_WORDS = re.compile(r"就是|的话")
"""Words that take no room in a span: the spans were set when filler stripping still removed
them (就是 as a verb and 的话 as a topic marker now stay, see `text.strip_fillers`)."""


@dataclass(frozen=True)
class Normalised:
    """An answer folded for matching (NFKC, lower case, separators as spaces), with each folded
    character's position in the original and its unit index (CJK char or English word)."""

    text: str
    origin: list[int]
    units: list[int]
    original: str

    def quote(self, start: int, end: int) -> str:
        """The original words behind folded span [start, end)."""
        if start >= end:
            return ""
        first, last = self.origin[start], self.origin[end - 1] + 1
        while (
            last < len(self.original)
            and self.original[last].isascii()
            and (self.original[last].isalnum())
        ):
            last += 1  # a wording matched as a word start ("drop") quotes the whole word
        return self.original[first:last].strip()

    def span_units(self, start: int, end: int) -> int:
        return self.units[max(end - 1, start)] - self.units[start] + 1

    def one_sentence(self, start: int, end: int) -> bool:
        """No sentence ends in [start, end): read on past `end`, so the dot of "model.eval" at
        the edge is no full stop."""
        found = _SENTENCE_BREAK.search(self.text, start)
        return found is None or found.start() >= end


def fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).lower()
    return _SEPARATORS.sub(" ", folded)


def normalise(text: str) -> Normalised:
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(spoken_digits(text)):  # as long as `text`: offsets stay its own
        for f in fold_char(ch):
            if f.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    origin.append(i)
                continue
            chars.append(f)
            origin.append(i)
    folded = "".join(chars)
    units: list[int] = []
    unit = -1
    prev_word = False
    free = {i for m in _FREE_WORDS.finditer(folded) for i in range(*m.span())}
    for i, ch in enumerate(folded):
        word = bool(_ASCII_ALNUM.match(ch))
        if word and not prev_word or re.match(rf"[{CJK}]", ch) and i not in free:
            unit += 1
        prev_word = word
        units.append(max(unit, 0))
    return Normalised(folded, origin, units, text)


@functools.lru_cache(maxsize=65536)
def wording_pattern(wording: str) -> re.Pattern[str]:
    """The regex for one wording: spaces optional, `…` a short gap, English at word starts (a
    wording under 4 letters must be a whole word, plural allowed: `lr`, `bn`, `box(es)`). Cached
    for every wording of the bank (~42,000 with their spellings, ~50 MiB): a smaller cache is
    cycled through by each answer's scan of every key and compiles them all again."""
    folded = fold_text(wording)
    pieces = [p.strip() for p in re.split(r"…+|\.{3,}", folded) if p.strip()]
    body = rf"[^{_STOPS}]{{0,{GAP_CHARS}}}?".join(_piece(p) for p in pieces)
    if not pieces:
        return re.compile(r"(?!x)x")
    if _ASCII_ALNUM.match(pieces[0][0]):
        body = r"(?<![a-z0-9])" + body
    if pieces[0][0].isdigit():
        body = r"(?<!\d\.)" + body  # "0-1" is not the "01" of "0.01"
    last_word = re.search(r"[a-z0-9]+$", pieces[-1])
    if last_word and len(last_word.group()) < 4:
        body += r"(?:e?s)?(?![a-z0-9])"  # "box" is "boxes" too, but "lr" never "lrate"
    if last_word:
        body += _NOT_CONTRACTED  # "can" is not the can of "can't"
    if pieces[-1][-1].isdigit():
        body += r"(?!\.\d|\s\d)"  # "是1" is not the 1 of "是1.5" or of "是1/4" (folded "1 4")
    return re.compile(body)


_NOT_CONTRACTED = r"(?!n?['’]t\b)"
"""After an English wording: not the start of a contracted negation (can't, doesn't, isn't)."""


def _piece(text: str) -> str:
    """One `…`-free piece of a wording; a concept named inside it matches in any of its spellings
    (the key writes 学习率, the candidate says "learning rate")."""
    parts = spelled_parts(text)
    if not any(alternatives for _, alternatives in parts):
        return _characters(text)
    out: list[str] = []
    for k, (run, alternatives) in enumerate(parts):
        before = parts[k - 1][0].rstrip()[-1:] if k else ""
        if not alternatives:
            out.append(_characters(run.strip(), before) if run.strip() else r"\s*")
            continue
        after = parts[k + 1][0].lstrip()[:1] if k + 1 < len(parts) else ""
        spelled = sorted({fold_text(a) for a in alternatives}, key=len, reverse=True)
        out.append(
            "(?:"
            + "|".join(
                _joined(before, a[0]) + _bounded(_characters(a), a) + _joined(a[-1], after)
                for a in spelled
            )
            + ")"
        )
    return "".join(out)


def _joined(left: str, right: str) -> str:
    """The optional space between two runs: none between two Chinese characters (越大 学习率 is not
    大学习率), one between a Chinese character and an English word (BN层 / BN 层)."""
    if not left or not right or (_CJK_CHAR.match(left) and _CJK_CHAR.match(right)):
        return ""
    if _CJK_CHAR.match(left) and _ASCII_ALNUM.match(right) and left not in "了的":
        return r"[了的]?\s?"  # an attribute's 的 before an English term: 当前的 batch
    return r"\s?"


def fold_text(text: str) -> str:
    """A wording folded as answers are (`fold_char`, spoken numbers as digits), ends stripped."""
    return "".join(fold_char(c) for c in spoken_digits(text)).strip()


def _bounded(pattern: str, spelling: str) -> str:
    """An English spelling at word starts, as a wording is; one under 4 letters as a whole word,
    plural allowed ("lr" never inside "clr", "cnn" also "cnns")."""
    if _ASCII_ALNUM.match(spelling[0]):
        pattern = r"(?<![a-z0-9])" + pattern
    last_word = re.search(r"[a-z0-9]+$", spelling)
    if last_word and len(last_word.group()) < 4:
        pattern += r"(?:e?s)?(?![a-z0-9])"
    return pattern


_TOKEN = re.compile(r"[a-z]+|.", re.DOTALL)
_INFLECTED_FROM = (
    *("ations", "ation", "ions", "ion", "ives", "ive", "ings", "ing"),
    *("ed", "es", "s", "e", ""),
)
"""Endings cut from a wording's English word to find the verb it is a form of ("adaptive",
"saturation", "vanishing", "gates"; or none: "shrink" inside "shrink the input")."""
_INFLECTIONS = {"": ("", "s", "es", "ed", "ing"), "e": ("", "s", "d")}
_MIN_BASE = 4


@functools.lru_cache(maxsize=8192)
def _inflections(word: str) -> tuple[str, ...]:
    """Other inflections of an English wording word that are the same word to Snowball: a key
    says "adaptive", "saturation" or "gates", the candidate "adapts", "saturates" or "gate".
    Derived forms are not added ("posit" is not "position"): only a stem's plain inflections."""
    if len(word) <= _MIN_BASE:
        return ()
    own = stem(word)
    forms: set[str] = set()
    for ending in _INFLECTED_FROM:
        base = word[: len(word) - len(ending)]
        if not word.endswith(ending) or len(base) < _MIN_BASE:
            continue
        for e, tails in _INFLECTIONS.items():
            forms.update(base + e + tail for tail in tails)
    forms.discard(word)
    same = (f for f in forms if stem(f) == own)
    return tuple(sorted(same, key=len, reverse=True))


_COMPARED_IN_WORDING = re.compile(rf"(?<=[{CJK}])(?:更(?![新换改])|比(?!例)|越|[快慢大小多少高低])")
"""A comparison or a gradable word (快, 小, 多, …) inside a Chinese wording, where speech may put
an adverb (`comparison_adverbs`): "计算快" is said "计算也快", "梯度小" "梯度很小"."""


@functools.cache
def _adverb() -> str:
    return "(?:" + "|".join(map(re.escape, comparison_adverbs())) + ")?"


_SIZE_SIGN = re.compile(r"(?<![a-z0-9.])(?:\d+|[a-z])\s?([乘×*x])\s?(?=\d|[a-z](?![a-z]))")
"""The product sign of a size inside a wording, between two sides that are each a whole number or
a lone letter (3x3, k×1, n乘n; not 0.5乘3, lr乘梯度 or max)."""
_ANY_SIZE_SIGN = r"\s?(?:乘以?|[×*x])\s?"
"""What a size's product sign hears: candidates say 3乘3 or 3 x 3 where keys write 3×3 or 3x3."""


def _tokens(text: str) -> list[tuple[int, str]]:
    """`_TOKEN`s of `text` with their offsets, a size's product sign a token of its own (the x of
    kxk included)."""
    signs = {m.start(1) for m in _SIZE_SIGN.finditer(text)}
    out = []
    for m in _TOKEN.finditer(text):
        start, token = m.start(), m.group()
        cuts = [c for i in sorted(signs) if start < i < m.end() for c in (i - start, i - start + 1)]
        for a, b in itertools.pairwise([0, *cuts, len(token)]):
            if a < b:
                out.append((start + a, token[a:b]))
    return out


def _characters(text: str, lead: str = "") -> str:
    """The regex for a run of a wording; `lead`: the character said before it, if any."""
    out: list[str] = []
    prev = ""
    compared = {m.start() - len(lead) for m in _COMPARED_IN_WORDING.finditer(lead + text)}
    signs = {m.start(1) for m in _SIZE_SIGN.finditer(text)}
    for here, token in _tokens(text):
        ch = token[0]
        if here in signs:
            out.append(_ANY_SIZE_SIGN)  # "3 乘 3" says 3x3
            prev = " "
            continue
        if ch == " ":
            out.append(r"\s*")
            prev = ch
            continue
        if prev and prev != " ":
            prev_ascii = bool(_ASCII_ALNUM.match(prev))
            this_ascii = bool(_ASCII_ALNUM.match(ch))
            both_cjk = bool(_CJK_CHAR.match(prev) and _CJK_CHAR.match(ch))
            if _CJK_CHAR.match(prev) and this_ascii and prev not in "了的":
                out.append("[了的]?")  # 截断的 BPTT is 截断 BPTT (and 换成了 ReLU)
            elif _CJK_CHAR.match(prev) and prev != "了" and ch != "了":
                out.append("了?")  # 换成了 ReLU, 变成了 0: the aspect particle changes no claim
            if not both_cjk and not (prev_ascii and this_ascii):
                out.append(r"\s?")  # BN层 / BN 层, 数×k / 数 × k; but 越大 学习率 is not 大学习率
        if here in compared:
            out.append(_adverb())  # "泛化一般更好" says 泛化更好
        forms = _inflections(token)
        if forms:
            other = "|".join(map(re.escape, forms))
            out.append(_either_spelling(f"(?:{re.escape(token)}|(?:{other})(?![a-z]))"))
        else:
            out.append(_either_spelling(re.escape(token)))
        prev = token[-1]
    return "".join(out)


_IZE = re.compile(r"(?<=[a-z]{3})i[sz](?![b-df-hj-z])")


def _either_spelling(pattern: str) -> str:
    """British and American spellings alike: a key's "generalizes" hears "generalises", its
    "normalisation" "normalization"."""
    return _IZE.sub("i[sz]", pattern)


def find(answer: Normalised, wordings: list[str]) -> list[tuple[int, int]]:
    """Every (start, end) where one of `wordings` is said; a wording naming a glossary concept
    also matches the concept's other spellings (a key saying 批归一化 accepts "batch norm")."""
    spans: list[tuple[int, int]] = []
    for wording in _with_spellings(tuple(wordings)):
        spans.extend(m.span() for m in wording_pattern(wording).finditer(answer.text))
    return sorted(set(spans))


@functools.lru_cache(maxsize=8192)
def _with_spellings(wordings: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(s for w in wordings for s in (*spellings(w), *contracted(w), *equivalent(w)))
    )


@dataclass(frozen=True)
class ConceptMatch:
    """How many of a point's concept groups are said together, and where."""

    groups: int
    said: int
    """The most groups said within one POINT_SPAN."""
    start: int = 0
    end: int = 0
    spans: tuple[tuple[int, int], ...] = ()
    """Where each group counted in the window is said (one wording per group)."""

    @property
    def complete(self) -> bool:
        return self.said == self.groups


def match_concepts(
    answer: Normalised,
    groups: list[list[str]],
    away: list[tuple[int, int]] = (),
    carried: frozenset[int] = frozenset(),
) -> ConceptMatch:
    """The tightest window of the answer saying the most of `groups` (all of them, ideally). A
    wording said right after a negation is not said there (`_affirmed`), nor one inside a span of
    `away` (a statement about something else: `said_of_other`). The groups at `carried` name the
    question's own subject: said anywhere in the answer, they count with a window that says
    another group ("IOU就是交集除以并集 … 常用来做NMS" says IoU is used in NMS)."""
    found = [
        [(s, e) for s, e in find(answer, wordings) if not any(a <= s < b for a, b in away)]
        for wordings in groups
    ]
    hits = sorted(
        (start, end, g)
        for g, wordings in enumerate(groups)
        for start, end in _affirmed(answer.text, found[g], wordings, found)
    )
    if not hits:
        return ConceptMatch(len(groups), 0)
    best = _window(answer, hits, len(groups))
    subject = {g for g in carried if any(h[2] == g for h in hits)}
    if subject and not best.complete and len(subject) < len(groups):
        rest = [(s, e, g) for s, e, g in hits if g not in subject]
        if rest:
            window = _window(answer, rest, len(groups) - len(subject))
            said = window.said + len(subject)
            if said > best.said:
                return ConceptMatch(len(groups), said, window.start, window.end, window.spans)
    return best


def _window(answer: Normalised, hits: list[tuple[int, int, int]], groups: int) -> ConceptMatch:
    """The tightest window of POINT_SPAN units holding the most groups of `hits` (start, end,
    group), of `groups` in all."""
    best = ConceptMatch(groups, 0)
    for i, (start, _end, _g) in enumerate(hits):
        seen: dict[int, tuple[int, int]] = {}
        end = start
        for s, e, g in hits[i:]:
            if answer.units[s] - answer.units[start] >= POINT_SPAN:
                break
            if g not in seen:
                seen[g] = (s, e)
                end = max(end, e)
            if len(seen) == groups:
                break
        if len(seen) > best.said or (
            len(seen) == best.said and end - start < best.end - best.start
        ):
            best = ConceptMatch(groups, len(seen), start, end, tuple(sorted(seen.values())))
        if best.complete and best.end - best.start <= 12:
            break
    return best


def _affirmed(
    text: str,
    spans: list[tuple[int, int]],
    wordings: list[str],
    found: list[list[tuple[int, int]]],
) -> list[tuple[int, int]]:
    """`spans` of one concept group less those denied (`denial_cue`), and less any overlapping a
    denied one ("不会改变通道数" denies 通道数 along with 改变通道) unless it carries its own
    negation. A wording is not denied when its group lists it negated too (饱和 and 非饱和: the
    group names the topic either way), nor when the cue is a wording of the point ("不需要 bias"
    says the point "偏置可以去掉" whose other group has 不需要)."""
    negated = _negated_wordings(tuple(wordings))
    denied = []
    for start, end in spans:
        if any(text[start:end].strip() in wording for wording in negated):
            continue
        cue = denial_cue(text, start, end)
        if cue is not None and not any(s <= cue < e for group in found for s, e in group):
            denied.append((start, end))
    return [
        (s, e)
        for s, e in spans
        if (s, e) not in denied
        and (_own_negation(text[s:e]) or not any(s < de and ds < e for ds, de in denied))
    ]


@functools.lru_cache(maxsize=4096)
def _negated_wordings(wordings: tuple[str, ...]) -> tuple[str, ...]:
    """The wordings of a group that carry a negation, folded as answers are."""
    folded = (normalise(w).text.strip() for w in wordings)
    return tuple(w for w in folded if _own_negation(w))


_CUES = negation_cues()
_CHINESE_CUE = re.compile(
    "(?:" + any_of(_CUES.chinese) + ")(?:" + any_of(claim_negation().modals) + r")?\s?$"
)
_ENGLISH_CUE = re.compile(r"(?:\b(?:" + any_of(_CUES.english) + r")|[a-z]n't)\s*$")
_NOT_A_DENIAL = tuple(dict.fromkeys((*_CUES.not_negation, *claim_negation().set_phrases)))
_OWN_NEGATION = re.compile(
    "(?:" + any_of(_CUES.chinese) + ")|" + any_of(_CUES.english, whole_words=True) + r"|n't\b"
)
_BOUND = re.compile(any_of(_CUES.bound_comparatives, whole_words=True))


def denial_cue(text: str, start: int, end: int) -> int | None:
    """Where the negation starts that denies the wording said at `text[start:end]`, or None: a
    negation cue right before it, nothing between but a space or one modal character
    ("各类概率加起来不等于1", "不会增大感受野", "doesn't sum to one"). None when the wording carries
    a negation itself (不为0, 没有上界), the cue is part of a word that denies nothing (不仅,
    差不多, 类别, 非线性), is itself negated (不是不会, 不得不), asks (是不是, 会不会), denies only
    using a thing (不用 sigmoid), or bounds ("no more than")."""
    said = text[start:end]
    if _own_negation(said):
        return None
    lead = text[max(0, start - 12) : start]
    offset = start - len(lead)
    chinese = _CHINESE_CUE.search(lead)
    if chinese:
        cue = offset + chinese.start()
        if chinese.group().strip() in claim_negation().negated_use:
            return None
        if _in_set_phrase(text, cue, start):
            return None
        before = text[max(0, cue - 2) : cue]
        if " " not in before and _own_negation(before):
            return None  # 不是不会饱和, 不得不, 没有不
        if cue and text[cue - 1] == text[cue + 1 : cue + 2]:
            return None  # 是不是, 会不会: a question
        return cue
    english = _ENGLISH_CUE.search(lead)
    if not english or _BOUND.match(said):
        return None
    before = text[max(0, start - 24) : start]
    if any(phrase in before for phrase in _CUES.not_negation_english):
        return None
    return offset + english.start()


def _own_negation(said: str) -> bool:
    """Whether a wording as said carries a negation itself (不为0, 没有上界, not zero-centered)."""
    return bool(_OWN_NEGATION.search(_strip_set_phrases(said)))


def _strip_set_phrases(text: str) -> str:
    for phrase in _NOT_A_DENIAL:
        text = text.replace(phrase, " ")
    return text


def _in_set_phrase(text: str, cue: int, start: int) -> bool:
    """Whether the cue at `cue` is inside a word that denies nothing (不仅, 差不多, 类别)."""
    window = text[max(0, cue - 3) : start + 4]
    base = max(0, cue - 3)
    for phrase in _NOT_A_DENIAL:
        i = window.find(phrase)
        while i != -1:
            if base + i <= cue < base + i + len(phrase):
                return True
            i = window.find(phrase, i + 1)
    return False


def states(
    answer: Normalised,
    wrong: Misconception,
    subjects: tuple[str, ...] = (),
    terms: tuple[str, ...] = (),
    pairs: Pairs = (),
) -> tuple[int, int] | None:
    """Where the answer states the misconception by any of its patterns, or None. `subjects`:
    the wordings of the key's swap pairs, the things its answers compare (`subjects_of`);
    `terms`: the things its statements are about (`terms_of`); `pairs`: the swap pairs
    (`pairs_of`)."""
    for pattern in wrong.patterns:
        where = match_claim(answer, pattern, wrong.unless, subjects, terms, pairs)
        if where is None or _scoped(answer, where, wrong.unless_before, wrong.unless_after):
            continue
        return where
    return None


SCOPE_REACH = 30
"""Characters before or after a claim, within its sentence, in which an `unless_before` or
`unless_after` wording scopes it."""


_TURN = re.compile(r"而是|但是|可是|\bbut\b|\binstead\b(?!\s+of)|\brather\b(?!\s+than)")
"""A turn between an `unless_before` wording and the claim: what follows is asserted ("不像FCN
那样搞跳跃连接 … 而是记下池化的位置索引" claims the indices)."""


def _scoped(
    answer: Normalised, where: tuple[int, int], before: list[str], after: list[str]
) -> bool:
    """Whether one of `before` is said in the SCOPE_REACH characters before the claim, or one of
    `after` in those after it, in the same sentence: the claim is then said of the case it
    names, where it is right — unless a turn (`_TURN`) comes between."""
    start, end = where
    lo, hi = max(0, start - SCOPE_REACH), end + SCOPE_REACH
    return any(
        lo <= s and e <= start and answer.one_sentence(s, start)
        and not _TURN.search(answer.text, e, start)
        for s, e in (find(answer, list(before)) if before else [])
    ) or any(
        end <= s and e <= hi and answer.one_sentence(end, e)
        for s, e in (find(answer, list(after)) if after else [])
    )


Pairs = tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]


def pairs_of(key: AnswerKey) -> Pairs:
    """`key`'s swap pairs as tuples."""
    return tuple((tuple(a), tuple(b)) for a, b in key.swaps)


def subjects_of(key: AnswerKey) -> tuple[str, ...]:
    """The wordings of `key`'s swap pairs (L1 and L2, 过拟合 and 欠拟合)."""
    return tuple(dict.fromkeys(w for pair in key.swaps for side in pair for w in side))


def terms_of(key: AnswerKey) -> tuple[str, ...]:
    """What `key`'s statements are about: the wordings of its swap pairs, the first part of each
    misconception pattern (a claim's subject: 偏差大, 太复杂, pooling) and the key's wordings the
    glossary knows as concepts (梯度消失, dropout)."""
    words = list(subjects_of(key))
    for point in key.points:
        for wrong in point.misconceptions:
            words += [w for pattern in wrong.patterns for w in pattern[0]]
        words += [w for group in point.concepts for w in group if concepts_in(w)]
    return tuple(dict.fromkeys(w for w in words if _term_like(w)))


def _term_like(word: str) -> bool:
    """A wording that can be a subject: two or more CJK characters or an English word, no gap."""
    folded = fold_text(word)
    if "…" in folded or "..." in folded:
        return False
    return len(_CJK_CHAR.findall(folded)) >= 2 or bool(re.fullmatch(r"[a-z0-9 ]{2,}", folded))


def match_claim(
    answer: Normalised,
    groups: list[list[str]],
    unless: list[str] = (),
    subjects: tuple[str, ...] = (),
    terms: tuple[str, ...] = (),
    pairs: Pairs = (),
) -> tuple[int, int] | None:
    """Where the answer states the claim `groups` describe (in order, one sentence, one short
    span), or None. Only the words between the matched parts can veto it — a negation right
    before its last part or governing its verb, an `unless` wording — plus an if-clause or a
    denial just before it: a negation inside a wording of the claim ("不需要") is the claim.
    A claim of cause and effect is also read with its effect said first as a purpose ("想提升召回
    可以把阈值调高" states "提高阈值可以提高召回率")."""
    spans = [find(answer, g) for g in groups]
    if terms and len(groups) > 1:
        spans[0] = sorted(set(spans[0]) | set(_stand_ins(answer, groups[0], terms)))
    if any(not s for s in spans):
        return None
    vetoes = find(answer, list(unless)) if unless else []
    vetoes = [(s, e) for s, e in vetoes if not _set_phrase(answer.text, s, e)]
    found = _read_in_order(answer, spans, vetoes, subjects, terms, pairs)
    if found is not None or len(spans) < 2:
        return found
    aims = [(s, e) for s, e in spans[-1] if _aim(answer.text, s)]
    return _read_in_order(answer, [aims, *spans[:-1]], vetoes, subjects, terms, pairs)


_PURPOSE = re.compile(r"(?:想要|要想|想|为了|希望|\bin order to|\bso as to)\s*$")
"""What leads an effect said as the aim of the action after it ("为了提升召回 把阈值调高")."""
PURPOSE_REACH = 12
"""Characters before the effect searched for the purpose word right before it."""
_TO_CHANGE = re.compile(
    r"(?<![a-z])to\s+(?=(?:improve|increase|boost|raise|reduce|lower|decrease|speed up|avoid|"
    r"prevent|get (?:a )?(?:higher|lower|better))\b)"
)
"""English "to" is a purpose only before a verb of change ("to improve recall, raise the
threshold"); before anything else it is a preposition ("shrinks them to exactly zero")."""


def _aim(text: str, start: int) -> bool:
    """Whether the words at `start` are said as an aim (led by a purpose word)."""
    return bool(
        _PURPOSE.search(text, max(0, start - PURPOSE_REACH), start)
        or _TO_CHANGE.match(text, max(0, start - 3))
    )


def _read_in_order(
    answer: Normalised,
    spans: list[list[tuple[int, int]]],
    vetoes: list[tuple[int, int]],
    subjects: tuple[str, ...],
    terms: tuple[str, ...],
    pairs: Pairs,
) -> tuple[int, int] | None:
    """`match_claim` for the parts found at `spans`, said in this order."""
    for first in spans[0]:
        chosen = [first]
        for group_spans in spans[1:]:
            nxt = next(((s, e) for s, e in group_spans if s >= chosen[-1][1]), None)
            if nxt is None:
                break
            chosen.append(nxt)
        if len(chosen) < len(spans):
            continue
        chosen = _tightest(answer.text, chosen, spans)
        if any(_compound(answer.text, e, chosen[0][0], s) for s, e in vetoes):
            continue  # "leaky relu …": the wording is the tail of another term the key excludes
        start, last_end = chosen[0][0], chosen[-1][1]
        reach = _reach(answer.text, chosen)
        if answer.units[last_end - 1] - answer.units[start] >= reach:
            continue
        if not answer.one_sentence(start, last_end):
            continue
        gaps = [(chosen[i][1], chosen[i + 1][0]) for i in range(len(chosen) - 1)]
        if any(_NEXT_ITEM.search(answer.text, a, b) for a, b in gaps):
            continue  # "beta1一般0.9 另一个是二阶矩": the next item of a list is another statement
        if _item_again(answer, start, gaps):
            continue  # "一个是轻量化网络 像MobileNet 一个是模型压缩": the next item, said alike
        if (
            _DISPOSED.search(answer.text, max(0, start - DISPOSED_REACH), start)
            and any(_CHANGED.search(answer.text, a, b) for a, b in gaps)
            and _named_thing(answer.text[start : chosen[0][1]])
        ):
            continue  # "tanh 只是把sigmoid平移缩放 变成零均值": sigmoid is what is changed
        if any(_BASELINE.match(answer.text, e) for _, e in chosen):
            continue  # "CNN相当于在全连接的基础上加了先验": a part is what it builds on
        if len(chosen) > 1 and _EQUATED.search(answer.text, max(0, start - EQUATED_REACH), start):
            continue  # "matmul 二维的时候就等于mm 高维的时候…": mm is what is equated, no subject
        if any(
            a <= s and e <= b
            and not _side_object(answer, chosen[0], (s, e), pairs)
            and not _said_of_all(answer.text, (s, e), chosen[-1][0])
            for s, e in vetoes
            for a, b in gaps
        ):
            continue
        if any(
            s <= a and b <= e and e - s > b - a and (s, e) not in group_spans
            and sum(x < e and s < y for x, y in chosen) == 1
            for s, e in vetoes
            for (a, b), group_spans in zip(chosen, spans, strict=True)
        ):
            continue  # "average pooling": the part (average) is said inside a term the key
            # excludes (not one of its own wordings, 召回 inside 召回率, nor the claim's own
            # words run together, 权重 and 标准化 as "权重归一化")
        if gaps:
            # a negation right before any later part denies it: "relu … no saturation for
            # positive inputs" says the opposite of "relu saturates for positive inputs"
            right_before = [answer.text[max(a, b - NEGATION_REACH) : b] for a, b in gaps]
            governing = " ".join(_clause_tail(answer.text[x:y]) for x, y in gaps)
            if (
                any(negations(text) for text in right_before)
                or _negated_predicate(governing)
                or any(_LONG_NEGATION.search(answer.text, a, b) for a, b in gaps)
            ):
                continue
        lead = max(0, start - LONG_LEAD_REACH)
        if _led_by(answer.text, start, _HYPOTHETICAL) and not _CONSEQUENT.search(
            answer.text, chosen[0][1], chosen[-1][0]
        ):
            continue  # "如果 L2 让权重稀疏的话…": the claim is all inside the condition
        if _new_condition(answer.text, chosen, vetoes):
            continue  # "NLL推出来就是MSE 假设是Laplace分布 就是MAE": 假设 opens the next rule
        if _IF_YOU.search(answer.text, 0, start) and not (
            _CONSEQUENT.search(answer.text, chosen[0][1], chosen[-1][0])
            or _EN_CONSEQUENT.search(answer.text, chosen[0][1], chosen[-1][0])
        ):
            continue  # "if you used tanh for the gates, …" (not "if you train longer it won't…")
        if any(_OTHERWISE_INSIDE.search(answer.text, a, b) for a, b in gaps):
            continue  # "推理时要 model.eval()，否则还在用测试 batch 的统计": after 否则, a warning
        if _OTHERWISE.search(answer.text, lead, start) or _LAPSE.search(
            answer.text, max(0, start - LAPSE_REACH), start
        ):
            continue  # "记得 model.eval()，不然推理的时候还会更新 running 统计量"
        if _NOT_THAT.search(answer.text, max(0, start - NOT_THAT_REACH), start):
            continue  # "it's not that each step has its own weights"
        if _led_by(answer.text, start, _DENIAL_LEAD):
            continue  # "并不是 L2 让权重稀疏"
        if _REFUTED_LEAD.search(answer.text, max(0, start - 40), start):
            continue  # "a common misconception is that Adam is a second-order method"
        if any(_MIX_UP.search(answer.text, a, b) for a, b in gaps):
            continue  # "很多人把开运算和闭运算顺序记反，开是先腐蚀后膨胀"
        if _NEGATED_START.search(answer.text, max(0, start - 9), start):
            continue  # "没有bn的时候…", "1x1卷积不会增大感受野": it governs the first part
        if (
            _COMPARED_START.search(answer.text, max(0, start - FOIL_REACH), start)
            or _foil_again(answer.text, chosen)
            or any(
                _COMPARED_START.search(answer.text, max(end, begin - FOIL_REACH), begin)
                and not answer.text[begin].isdigit()  # "一共要比 50 场": 比 the verb, to play
                for (_, end), (begin, _) in itertools.pairwise(chosen)
            )
            or any(
                _FRAMED_AFTER.match(answer.text, end)
                and _FRAMED_BEFORE.search(answer.text, max(lower, begin - FOIL_REACH), begin)
                for lower, (begin, end) in zip(
                    [0, *(e for _, e in chosen)], chosen, strict=False
                )
            )
        ):
            continue  # "L1 比 L0 范数要容易优化", "解耦比 softmax 好": a part is the foil
        if _ASKED.match(answer.text, last_end):
            continue  # "ReLU 存在梯度消失吗？不存在": a question the candidate then answers
        if _UNRELATED.match(answer.text, last_end):
            continue  # "GN 跟 batch 维度无关": what the claim links is said to be unrelated
        if (
            _REMOVED.match(answer.text, last_end)
            and "把" in answer.text[max(start, chosen[-1][0] - REMOVED_REACH) : chosen[-1][0]]
        ):
            continue  # "ROI Align 把所有取整都去掉": what the claim says is done is removed
        if _DENIAL_TRAIL.match(answer.text, last_end):
            continue  # "…说加数据就能解决欠拟合，这是错的", "…呃不对，说反了"
        if _EVEN.search(answer.text, max(0, chosen[-1][0] - 2), chosen[-1][0]) and _EVEN_NOT.match(
            answer.text, last_end
        ):
            continue  # "KL散度更是连对称都不满足": not even that
        if _identity(answer.text, chosen) and _MORE_TO_IT.match(answer.text, last_end):
            continue  # "adam is sgd with momentum plus rmsprop": not "Adam is just SGD+momentum"
        if any(_named_after(answer.text, last_end, s) for s, _ in vetoes):
            continue  # "绝对值之和是L1 平方和开根号是L2": the 平方 is said of L2
        if pairs and _names_side_again(answer, chosen[-1], pairs):
            continue  # "可以做特征选择 L2就是weight decay": L2 is the subject of 是, not 特征选择
        if subjects and _opens_statement(answer, chosen[-1], subjects, terms):
            continue  # "…太复杂 把噪声也学了 欠拟合是模型太简单": 欠拟合 opens the next statement
        opening = subjects if reach == TOPIC_SPAN else terms
        if opening and _new_statement(answer, chosen, opening):
            continue  # "方差是…波动 偏差是…差距": the claim runs into the next statement
            # (under a topic only another subject opens one: "X的话 前向是… 反向就是…")
        return start, last_end
    return None


_PRONOUN = re.compile(r"它们|它")
_CLAUSE_OPENING = re.compile(
    r"(?:^|[\s，,。！？!?；;：:]|而且|并且|所以|因此|然后|但是|不过|其实|因为|另外|同时|[而但也就那])$"
)
"""What may come right before a pronoun that opens a clause (as its subject)."""
_FOIL_BEFORE = re.compile(
    r"(?:比|不像|不同于|跟|和|与|或|等于|相当于|unlike|than|or|and|vs)\s?(?:一个|一|a|one)?\s?$"
)


def _stand_ins(
    answer: Normalised, subject: list[str], terms: tuple[str, ...]
) -> list[tuple[int, int]]:
    """Pronouns standing for `subject`: 它 opening a clause (not an object: "噪声能帮它逃离鞍点",
    "Gy 是它的转置") whose antecedent, the nearest thing the key talks about said before it in the
    same sentence and not as a foil (比 X, 不像 X, unlike X), is one of `subject`'s wordings ("tanh
    是零中心的 收敛比 sigmoid 好一点 它的导数最大值是 0.25"). English "it" is left alone: it is as
    often a dummy subject ("it's not that …") or a whole process ("it is O(n^3)")."""
    pronouns = list(_PRONOUN.finditer(answer.text))
    if not pronouns:
        return []
    mine = find(answer, subject)
    things = sorted(set(find(answer, list(terms))) | set(mine))
    out = []
    for p in pronouns:
        opening = _CLAUSE_OPENING.search(answer.text, max(0, p.start() - 2), p.start())
        if not opening and not any(p.start() - 1 <= e <= p.start() for _, e in things):
            continue  # an object ("帮它逃离"), unless right after its antecedent ("relu它输出")
        before = [
            (s, e)
            for s, e in things
            if e <= p.start()
            and answer.one_sentence(s, p.start())
            and not _FOIL_BEFORE.search(answer.text, max(0, s - 7), s)
        ]
        if not before:
            continue
        last_end = max(e for _, e in before)
        nearest = [t for t in before if t[1] == last_end]
        if any(t in mine or any(ms <= t[0] and t[1] <= me for ms, me in mine) for t in nearest):
            out.append(p.span())
    return out


_IDENTITY = re.compile(r"(?:就|只|不过|无非|也)?是|等于|相当于|is|are|just|simply|only")
_MORE_TO_IT = re.compile(
    r"\s?(?:(?:再|又|还)?加上|再加|外加|加(?=\s?[a-z])|plus|\+|together with|combined with"
    r"|as well as|and)\s?(?=\w)"
)
"""Words that go on with what a claim of identity ("X 就是 A") says X is: "adam就是sgd加上动量再加上
rmsprop", "adam is sgd with momentum plus rmsprop style scaling" say more than A."""


def _identity(text: str, chosen: list[tuple[int, int]]) -> bool:
    """Whether a claim is one of identity: a middle part of it is a copula ("adam | 就是 |
    sgd加动量")."""
    return any(_IDENTITY.fullmatch(text[s:e].strip()) for s, e in chosen[1:-1])


_NOT_A_NEGATION = re.compile(any_of(claim_negation().set_phrases))
"""Set phrases with 不 that deny nothing of a claim ("区别不大", "差不多", "不仅…还")."""


def _set_phrase(text: str, start: int, end: int) -> bool:
    """Whether a one-character `unless` wording at [start, end) is part of a set phrase that is
    no negation: a bare 不 vetoes "不融合", not "roi align跟roi pooling区别不大 它也是…"."""
    if end - start != 1:
        return False
    return any(
        m.start() <= start and end <= m.end()
        for m in _NOT_A_NEGATION.finditer(text, max(0, start - 1), end + 1)
    )


_NEXT_COPULA = re.compile(
    r"\s?(?:(?:就|也|一般|通常|往往|则)?(?:是(?!因为|由于|为了|说|吧|的|不是|否|啊|呀|嘛|么)|对应|说明"
    r"|意味着|代表)|(?:is|are|means|indicates|corresponds to|implies)\b)"
)
"""A copula opening a statement about the word before it ("方差是", "欠拟合就是", "high variance
means"), not one giving a reason (是因为) or denying (是不是, 不是)."""
SUBJECT_GAP = 4
"""Characters after a copula in which a compared thing names what a term opening a statement is
said to be ("太复杂就是高方差")."""


_SAME_AGAIN = re.compile(r"\s?(?:就|也|其实|都|又)?\s?")
"""What may stand between a wording and a copula saying it is another wording of its side."""


def _names_side_again(answer: Normalised, last: tuple[int, int], pairs: Pairs) -> bool:
    """Whether a claim's last part names one side of a swap pair right after another wording of
    the same side ("L2就是weight decay"): a definition whose subject is that wording, not the
    claim's first part."""
    start, end = last
    for side in (side for pair in pairs for side in pair):
        found = find(answer, list(side))
        if any(start <= s and e <= end for s, e in found) and any(
            e <= start and _SAME_AGAIN.fullmatch(answer.text, e, start) for _, e in found
        ):
            return True
    return False


def _opens_statement(
    answer: Normalised,
    last: tuple[int, int],
    subjects: tuple[str, ...],
    terms: tuple[str, ...] = (),
) -> bool:
    """Whether a claim's last part opens the next statement instead of ending this one: one of the
    compared things with a copula after it ("过拟合是模型太复杂 … 欠拟合是模型太简单", "high bias
    means underfitting and high variance means overfitting"), or another term of the key said to
    be one of them ("…也就是欠拟合 模型太复杂就是高方差": 太复杂 is said of 高方差, not 欠拟合)."""
    copula = _NEXT_COPULA.match(answer.text, last[1])
    if copula is None:
        return False
    if any(s <= last[0] and last[1] <= e for s, e in find(answer, list(subjects))):
        return True
    if not any(s <= last[0] and last[1] <= e for s, e in find(answer, list(terms))):
        return False
    return any(
        copula.end() <= s <= copula.end() + SUBJECT_GAP for s, _ in find(answer, list(subjects))
    )


def _new_statement(
    answer: Normalised, chosen: list[tuple[int, int]], terms: tuple[str, ...]
) -> bool:
    """Whether a term of the key opens a statement between a claim's first part and its last
    (the term, then a copula): "偏差是预测的期望和真实值的差距 方差是…的波动" reads 方差 as the
    subject of 波动, and "也就是欠拟合 模型太复杂就是高方差" the 就是 as 太复杂's, not 欠拟合's. A
    term that goes on the subject before it is no new subject: "xavier初始化是", "hinge loss is",
    "skip connections in U-Net are", "l2正则和weight decay是"."""
    lo, hi = chosen[0][1], chosen[-1][0]
    for s, e in find(answer, list(terms)):
        if s < lo or e > hi or any(a < e and s < b for a, b in chosen):
            continue  # outside the claim, or a part of it
        before = max(b for _, b in chosen if b <= s)
        gap = answer.text[before:s]
        if not gap.strip() or _JOINS_SUBJECT.search(gap):
            continue
        if not PAUSE.search(answer.text, lo, s) and not _IN_GAP_COPULA.search(gap):
            continue  # "均衡化之后直方图就是…": no statement ended before the term
        copula = _NEXT_COPULA.match(answer.text, e)
        if copula is not None and copula.end() <= hi + 1:
            return True
    return False


PAUSE = re.compile(rf"[{_STOPS},，:：]|(?<=[{CJK}])\s(?=[{CJK}])")
"""A pause in speech: punctuation, or a space between Chinese words (not beside an English one)."""
_IN_GAP_COPULA = re.compile(r"是|\b(?:is|are|means)\b")
"""A copula of the statement the claim's first part opens, before the term opens another."""
_JOINS_SUBJECT = re.compile(
    r"(?:的|之|和|与|跟|及|或|每个?|各个?|所有|\b(?:in|of|for|on|at|to|per|across|over|and|or|with|from"
    r"|the|a|an|every|each|all))\s*$"
)
"""Words before a term that make it part of the subject before it (…的 T, … 和 T, … in T)."""


_COPULA_END = re.compile(r"(?:(?:是|为|叫|\b(?:is|are)\b)\s*|(?<![作费效功])用)$")
"""Also 用 with no pause after it: "二分类或者多标签用sigmoid" says what multi-label uses
("测试的时候用 训练的时候不用" is two clauses)."""


def _named_after(text: str, end: int, veto: int) -> bool:
    """Whether an `unless` wording at `veto`, right after a claim and in the same breath, is what
    the claim's last words are said of ("…平方和开根号是L2"): nothing but a copula-ending phrase
    between, no pause ("鞍点其实很少 主要是局部最优" starts a new clause)."""
    gap = text[end:veto]
    # a space before an English term is typing, not a pause ("多标签用 sigmoid")
    tail = gap.rstrip() if text[veto : veto + 1].isascii() else gap
    return (
        0 <= veto - end <= GAP_CHARS
        and not re.search(rf"[{_STOPS},，:：\s]", gap.rstrip())
        and bool(_COPULA_END.search(tail))
    )


_CLAUSE_PUNCT = re.compile(r"[,，:：;；]")


def _tightest(
    text: str, chosen: list[tuple[int, int]], spans: list[list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """The in-order match with each part moved out of an earlier clause to its last occurrence
    before the next part: "L2 让权重变小，很多人以为 L2 也会稀疏" is read from the second L2 (and
    its 以为). Within one clause the first occurrence stays ("连乘的时候要是权重小于1…爆炸" is read
    from 连乘, before the 要是), unless the same word is said again after a pause: "牛顿法会被吸到
    鞍点上 牛顿法的更新是…" is read from the second 牛顿法, the subject said anew."""
    tight = list(chosen)
    for i in range(len(tight) - 2, -1, -1):
        floor = tight[i - 1][1] if i else 0
        later = [(s, e) for s, e in spans[i] if s >= floor and e <= tight[i + 1][0]]
        if not later:
            continue
        s, e = tight[i]
        if _CLAUSE_PUNCT.search(text, e, later[-1][0]):
            tight[i] = later[-1]
            continue
        again = [(a, b) for a, b in later if a >= e and text[a:b] == text[s:e]]
        if again and PAUSE.search(text, e, again[-1][0] + 1):  # +1: the space needs what follows
            tight[i] = again[-1]
    return tight


_ALL_OF = re.compile(
    r"(?:不管|无论|不论)是?[^，。,.;；!?！？]{0,30}?(?:还是|或者?|和|跟|与)[^，。,.;；!?！？]{0,30}?都"
    r"|(?:和|跟|与|同)[^，。,.;；!?！？]{1,30}?(?<!不)一样\s?[，,]?\s?(?:也|都)"
    r"|\bboth\b[^.,;!?]{0,40}?\band\b"
)
"""A claim said of every side named ("不管是max pooling还是average pooling 都是把梯度平均分",
"max pooling和average pooling一样 都是…", "both max and average pooling split it"): the other
side is no contrast there."""


def _said_of_all(text: str, veto: tuple[int, int], last: int) -> bool:
    """Whether `veto` is a side named inside an `_ALL_OF` frame that ends before the claim's last
    part (at `last`)."""
    return any(
        m.start() <= veto[0] and veto[1] <= m.end() <= last
        for m in _ALL_OF.finditer(text, 0, last)
    )


def _reach(text: str, chosen: list[tuple[int, int]]) -> int:
    """How far a claim's parts may spread: `TOPIC_SPAN` when its subject is the topic (的话 or a
    label's ： right after a part before its last, "X的话 …", "学习率太小的话 …", "HOG：…", and no
    other topic set up before its last part), `RESULT_SPAN` when its last part is said as the
    result of the rest (这样, so that), else `CLAIM_SPAN`."""
    for _, end in chosen[:-1]:
        topic = _TOPIC.match(text, end)
        if topic and not _NEXT_TOPIC.search(text, topic.end(), chosen[-1][0]):
            return TOPIC_SPAN
    last = chosen[-1][0]
    if len(chosen) > 1 and _RESULT.search(text, max(chosen[-2][1], last - RESULT_REACH), last):
        return RESULT_SPAN
    return CLAIM_SPAN


def _compound(text: str, end: int, start: int, begin: int | None = None) -> bool:
    """Whether a word ending at `end` modifies the word starting at `start` as one term: English
    ("leaky relu", "leaky-relu": a word of 4+ letters, then only a space; "l1 l2" is a list), or
    Chinese run straight on ("多层感知机": two or more characters right before, so a lone 而 or 但
    before a claim's subject is no modifier, nor a connector: "所以高方差对应的是欠拟合")."""
    chinese = begin is not None and end - begin >= 2 and end == start
    if chinese and _CLAUSE_OPENING.search(text[begin:end]):
        return False
    if chinese and _CJK_CHAR.match(text[end - 1]) and _CJK_CHAR.match(text[start]):
        return True
    word = re.search(r"[a-z0-9]+$", text[:end])
    return (
        0 < start - end <= 1
        and text[end:start].isspace()
        and word is not None
        and len(word.group()) >= 4
        and bool(_ASCII_ALNUM.match(text[start]))
    )


LEAD_REACH = 6
"""Characters before a claim in which an if-clause or a denial shows it is not being asserted."""
_HYPOTHETICAL = re.compile(
    r"如果|假如|假设|(?<![主还就只也])要是|若是|万一|\bif\b|\bsuppose|\bwhether\b"
)
_LAPSE_WORDS = (
    r"(?<!遗)忘(?:记|了)(?!说|讲|提)[^。！？!?，,；;]{1,20}?的话"
    r"|\bforg(?:et|ot|etting)\s+(?:to|about)\b"
)
"""A lapse as a condition: 忘记切 eval 的话, forget to call eval() ("我忘了" alone is none)."""
_OTHERWISE_WORDS = r"不然|否则|\botherwise\b|\bor else\b"
_OTHERWISE_INSIDE = re.compile(_OTHERWISE_WORDS + "|" + _LAPSE_WORDS)
"""What leads a counterfactual: what follows is what happens when the advice before it is not
followed (or is forgotten), said to warn against it, not claimed — between a claim's parts
("推理时一定要 model.eval()，否则还在用测试 batch 的统计") or, as `_OTHERWISE`, in the same
sentence before it (a lapse there: `_LAPSE`)."""
_OTHERWISE = re.compile(rf"(?:{_OTHERWISE_WORDS})[^。！？!?.]*$")
_LAPSE = re.compile(rf"(?:{_LAPSE_WORDS})(?:[^。！？!?.]|\.(?=[a-z]))*$")
"""Earlier in the sentence, a lapse whose consequence the claim is: "忘记切 model.eval() 的话推理会
用测试 batch 的统计", "if you forget to call eval(), inference uses the batch stats"."""
LAPSE_REACH = 40
"""Characters before a claim searched for `_LAPSE` (an English lapse runs long)."""
_IF_YOU = re.compile(r"\bif\s+(?:you|we|they|one|i)\s+(?:\w+\s+){0,3}$")
"""An English if-clause whose subject is the speaker or a generic you ("if you used tanh for the
gates", "if we were to use"): longer than LEAD_REACH; its own pattern bounds its length."""
_CONDITION_OPENS = re.compile(rf"(?:^|(?<=[\s，,。；;]))(?:{_HYPOTHETICAL.pattern})")
_THEN_AFTER = re.compile(r"[^\s，,。；;！？!?]{0,4}?\s?(?:就是(?!说)|就|那就|那么|则)")
_PAUSED_AFTER = re.compile(r"[^\s，,。；;！？!?]{0,4}?[\s，,]\s?$")


def _new_condition(
    text: str, chosen: list[tuple[int, int]], vetoes: list[tuple[int, int]]
) -> bool:
    """Whether a condition opens after a pause inside the claim and its consequent follows the
    claim's last part (就是/就/则, or after a pause a thing the claim excludes, its 就是 dropped as
    a filler): the claim's first part ends the statement before ("高斯分布 NLL 推出来就是 MSE
    假设是 Laplace 分布 就是 MAE" says nothing of MSE and Laplace)."""
    lo, hi, end = chosen[0][1], chosen[-1][0], chosen[-1][1]
    if not any(m.start() >= lo for m in _CONDITION_OPENS.finditer(text, lo, hi + 4)):
        return False
    if _THEN_AFTER.match(text, end):
        return True
    return any(end < s <= end + 6 and _PAUSED_AFTER.match(text[end:s]) for s, _ in vetoes)


_EN_CONSEQUENT = re.compile(r"\s(?:it|they|you|we|that|this|there)\s")
"""Where an unpunctuated English if-clause ends: a new subject ("if you train longer it won't
overfit" claims the consequent)."""
_UNRELATED = re.compile(
    r"\s?\w{0,2}\s?(?:无关|没关系|没有关系|不相关|is independent|are independent)"
)
"""Right after a claim's last part: the link it draws is denied ("跟 batch 维度无关")."""
_REMOVED = re.compile(
    r"[^\s，,。；;的]{0,4}?\s?(?:全都|都|也|全部|全|给)?\s?(?:去掉|去除|拿掉|取消|消除|省掉|省去|干掉|避免了|避免掉)"
)
"""Right after a claim's last part (a word or two between, no 的: "把阈值以下的点去掉" removes the
points, it is the claim), with 把 shortly before it: the thing is removed, not done."""
REMOVED_REACH = 8
"""Characters before a claim's last part in which its 把 must be said."""
_NOT_THAT = re.compile(
    r"(?:\bnot|n't)\s+(?:that|as if)\s+(?:(?:the|a|an|all|every|each|its|their)\s+)?$"
)
"""An English denial of what follows ("it's not that each step has its own weights"), too long
for LEAD_REACH."""
LONG_LEAD_REACH = 12
"""Characters before a claim in which 'otherwise' leads it (English words are long)."""
NOT_THAT_REACH = 20
"""Characters before a claim in which 'not that' leads it, an article between ("it's not that
the whole gradient goes to zero")."""
_CONSEQUENT = re.compile(
    rf"就|则|那么|那|便|的话|[，,:：]|(?<=[{CJK}])\s(?=[{CJK}])|\b(?:then|you should|we should)\b"
)
"""Where an if-clause ends and its consequent starts: a claim read across it is the conditional
itself ("连乘的时候如果权重小于1 乘多了梯度就会爆炸", "如果过拟合了就把weight decay设小"), not a
supposition inside the condition ("如果 L2 让权重稀疏的话…"). A pause between Chinese words counts;
a space next to an English word does not."""
_DENIAL_LEAD = re.compile(
    r"(?:(?<=但是)|(?<![是还]))不是|并非|而非|并不|不能说|不代表|误以为|(?<![可所难])以为|\bnot\b|n't\b"
    r"|\bmyth\b"
    r"|(?:很多人|有人)(?:会|都|常|经常|总|总是)?把|容易把|别把|不要把|区分|分清"
    r"|\bwrongly\b|不像|不同于"
)


_MYTH_REST = r"(?:(?!\b(?:but|however|actually|instead|in fact)\b)[^.!?;。！？；]){0,60}"
"""The rest of a myth's sentence before the claim ("a common misconception is that at test time BN
…"): all of it is the myth, up to a turn ("but actually …")."""
_REFUTED_LEAD = re.compile(
    r"\b(?:myth|misconception|misunderstanding|confusion|mistake|mix[\s-]?up|pitfall|slip|trap"
    r"|objection)\s+(?:is\s+)?"
    r"(?:that|to(?:\s+(?:think|say|believe|assume))?(?:\s+that)?)\b" + _MYTH_REST + "$"
    r"|\b(?:people|many|some|candidates)\s+(?:(?:often|sometimes|wrongly|mistakenly|commonly)\s+)?"
    r"(?:think|say|believe|assume)\b" + _MYTH_REST + "$"
    r"|(?:很多人|有人|不少人|好多人|常有人)(?:都|会)?(?:以为|误以为|觉得|说)[^。！？!?；;，,]{0,24}$"
    r"|\b(?:(?:myth|misconception|mistake|pitfall|slip|error|trap)|gets?\s+wrong)\s+is\s+(?:using"
    r"|to use|treating|thinking|saying|assuming|believing)\b" + _MYTH_REST + "$"
    r"|(?:mistake|错误|误区|误解)\s?(?:是|就是)[^。！？!?；;，,]{0,24}$"
    r"|\bunlike\s+(?:the\s+|a\s+)?$",  # the foil of a contrast: "unlike YOLOv1 it uses anchors"
    re.IGNORECASE,
)
"""Right before a claim, words naming it as a myth to refute ("it's a common myth that…", "a common
slip is using…", "很多人以为…", "常见的误区是…"), or as the foil of a contrast ("unlike YOLOv1…":
English words run past LEAD_REACH)."""
_MIX_UP = re.compile(
    r"记反|搞反|弄反|说反|搞混|弄混|混淆|(?<![可所难])以为|mixed up|mix up|confuse"
)
"""Between a claim's parts, a word saying the two are mixed up or wrongly believed ("很多人一听
second moment 以为是二阶方法"): the speaker is naming the error."""

_COMPARISON = r"(?:比起|比|不会像|不像|不同于|than|unlike)\s?"
"""What puts the word after it as the foil of a comparison ("不会像 sigmoid 那样每层乘一个小于1的数
这就是 ReLU 能缓解梯度消失的原因" says nothing of sigmoid's fixing it)."""
_COMPARED_START = re.compile(
    _COMPARISON
    + r"(?:纯|单纯|直接用|普通的?|原始的?|(?:just|simply|plain|pure|vanilla|using)\s+){0,2}$"
)
"""Right before a claim's part, the foil of a comparison, perhaps qualified ("比纯 L1 好", "than
just using linear regression"): the claim is not said of it."""
FOIL_REACH = 20
"""Characters before a part searched for `_COMPARED_START` (its own pattern bounds the length)."""
_FRAMED_BEFORE = re.compile(r"(?:跟|和|与|同)[^，。,.;；!?！？]{0,12}$")
_FRAMED_AFTER = re.compile(r"(?:对比|相比|比较|比起来)")
"""A part framed as what is compared with ("转成图 跟PyTorch的动态图对比"): 跟/和/与 before it,
对比/相比 right after it; the claim is not said of it."""


def _foil_again(text: str, chosen: list[tuple[int, int]]) -> bool:
    """Whether the claim's first part comes back as the foil of a comparison before its end: "L0
    范数的最优凸近似 而且它比 L0 范数要容易优化" says the other thing is easier than L0."""
    first = re.escape(text[chosen[0][0] : chosen[0][1]])
    return bool(re.search(_COMPARISON + first, text[chosen[0][1] : chosen[-1][0]]))


_NEXT_ITEM = re.compile(claim_negation().next_item.pattern(), re.IGNORECASE)
"""Words opening the next item of a list (另一个, the other): a claim is not read across them."""
ITEM_REACH = 40
"""Characters before a claim, in its sentence, searched for the first of two alike list openers."""


def _item_again(answer: Normalised, start: int, gaps: list[tuple[int, int]]) -> bool:
    """Whether a list opener (一个是) said shortly before the claim is said again inside it."""
    lead = max(0, start - ITEM_REACH)
    for opener in claim_negation().repeated_item:
        said = answer.text.rfind(opener, lead, start)
        if said >= 0 and answer.one_sentence(said, start):
            if any(opener in answer.text[a:b] for a, b in gaps):
                return True
    return False


_DISPOSED = re.compile(r"把\s?$")
"""Right before a claim's first part that names a thing (`_named_thing`): it is the object of 把,
what something else is done to ("softmax 把最大的那个变成1" is still softmax's claim: 最大的 is
no named thing)."""
DISPOSED_REACH = 3
"""Characters before a claim's first part searched for `_DISPOSED`."""


def _named_thing(words: str) -> bool:
    """Whether `words` name a method or model: an English term (sigmoid, roi pooling) or a
    concept of the glossary."""
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9 .+_-]*", words.strip())) or bool(concepts_in(words))


_CHANGED = re.compile(r"变成|变为|转成|转换成|换成|改成|改用|换用|去掉|替换|代替|取代|平移|缩放")
"""Between a claim's parts, after 把 X: X is changed into something else, not said to be it
("RoI Align就是把RoI Pooling的取整去掉 改用双线性插值")."""
_BASELINE = re.compile(r"\s?的?基础上")
"""Right after a part: what the claim's subject builds on ("在全连接的基础上"), not what it is."""
_EQUATED = re.compile(r"(?:(?<!大于)(?<!小于)(?<!不)等于|相当于|等价于|等同于)\s?$")
"""Right before a claim's first part: it is the complement of an equation, not its subject."""
EQUATED_REACH = 5
"""Characters before a claim's first part searched for `_EQUATED` (就等于 and a space fit)."""

_NEGATED_START = re.compile(
    "(?:"
    + "|".join(
        (
            *map(re.escape, claim_negation().negated_start.chinese),
            *(rf"\b{re.escape(w)}" for w in claim_negation().negated_start.english),
        )
    )
    + r")\s?$"
)
"""A negation right before a claim's first part (nothing between but a space): it governs it."""


_CONNECTOR = re.compile(r"所以|因此|因为|于是|但是|不过|[，,]|\b(?:so|because|but|thus|hence)\b")


_CALLED_A_MYTH = (
    r"[^.!?;。！？；\n]{0,80}?\bbut\s+(?:that's|that is|this is|it's)\s+(?:a\s+|an\s+)?"
    r"(?:common\s+)?(?:misunderstanding|misconception|myth|mistake)"
    r"|[^。！？；;\n]{0,40}?(?:但|不过)(?:这|这个|那)?(?:其实)?是(?:个|一个)?(?:常见的)?(?:误解|误区|错觉)"
)
"""Later in the claim's sentence, the speaker calling it a myth ("it looks like it does nothing
because …, but that's a common misunderstanding")."""
_TAKEN_BACK = (
    r"[^。！？!?;；\n]{0,12}?(?:说反了|说错了|口误|搞错了|(?<!对)不对[，,\s]*(?:说反|应该|是)"
    r"|\bno wait\b|\bwait,? no\b|\bsorry,? i mean\b|\bscratch that\b)"
)
"""Right after a claim, the speaker taking it back ("梯度是从输入层往……呃不对，说反了，应该是
从输出层", "…the deep maps, no wait, the shallow ones"): a slip corrected at once is no claim."""
_EVEN = re.compile(r"连\s*$")
_EVEN_NOT = re.compile(r"\s*(?:都|也)(?:不|没)")
"""连 right before a claim's last part and 都不 / 也没 right after it: "连对称都不满足" denies
it."""
_DENIAL_TRAIL = re.compile(
    _CALLED_A_MYTH
    + "|"
    + _TAKEN_BACK
    + r"|[^。！？!?;；\n]{0,6}?(?:这是错的|是错的|是错误的|就错了|就不对了|不对|不成立"
    r"|是误区|是个误区|其实没用|没用的|并没有用"
    r"|只会更糟|只会更差|反而更糟|反而更差|适得其反|混为一谈|makes it worse|混淆"
    r"|is wrong|is not true|isn't true|is a myth|is a misconception)"
    r"|(?:[，,\s]|其实|但是?|可是|实际上|这个|这种|说法|这么说|这样说)*"
    r"(?:并?不是这样|并非如此|不正确|是误解|是个误解|说反了|搞反了)"
    r"|\s*[;；]\s*(?:that's\s+|which is\s+)?(?:not true|wrong|false)\b"
    r"|(?:\s*[a-z0-9]+){0,3}?[,\s]+(?:but |and )?(?:which|that|this)(?:'s|\s+is|\s+was)?\s+"
    r"(?:actually\s+)?"
    r"(?:wrong|not true|not right|not correct|incorrect|false|a myth|a (?:common )?misconception"
    r"|not the case)"
)
"""Right after a claim (or a swapped statement), the speaker denying it, calling it a myth or taking
it back: the candidate quotes the misconception to reject it, or corrects a slip at once."""


_ASKED = re.compile(r"[^。！？!?;；，,\n]{0,3}?(?:吗|[?？])")
"""A question mark or 吗 right after a claim: it is asked, not stated."""


def _led_by(text: str, start: int, pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` occurs in the LEAD_REACH characters before `start` (seen with two more
    characters of context, so 主要是 is not 要是 and 所以为 is not 以为)."""
    context = max(0, start - LEAD_REACH - 2)
    window = start - LEAD_REACH
    return any(m.start() >= window - context for m in pattern.finditer(text[context:start]))


def _clause_tail(gap: str) -> str:
    """The part of a gap after its last clause connector: "池化层没有参数 所以 | 不需要反向传播"
    — the 没有 belongs to the clause before, not to the claim."""
    return _CONNECTOR.split(gap)[-1]


_NEGATED_PREDICATE = re.compile(any_of(claim_negation().negated_predicate))


def _negated_predicate(between: str) -> bool:
    """A negation that governs the claim's verb ("L2 并不会让权重稀疏", "doesn't make")."""
    return bool(_NEGATED_PREDICATE.search(between))


# --- swapped concepts ------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    rf"[{_STOPS},:：]|\.(?:\s|$)|而|但是?|不过(?!拟合)|然而|可是|还有就是|另外就是|再就是"
    r"|\b(?:whereas|while|but|however)\b"
)
"""Where one clause of an answer ends: a swap is read within one clause, so "L1 稀疏 而 L2 让权重
变小" is two statements, each about its own subject; so is "L2 相当于高斯先验 还有就是 L1 在 0 点
不可导" (还有就是 opens the next statement, its 是 makes L1 no object)."""
_NOT_PLAIN = re.compile(
    r"也|都|同样|一样|还|更|比|较|那么|弱|(?<![误偏方])差(?![异别距])|难|不如|类似|相似|吗"
    r"|\b(?:also|too|as well|both|either|less|fewer|weaker|lower|more|than|hardly|rarely|barely"
    r"|similar|like|same)\b"
)
"""Words that make a clause something other than a plain claim about its subject alone: "L1 也会
让权重变小" adds to the other side, "L2 稀疏性弱一些" compares, "L2 会稀疏吗" asks."""
_LEVEL = re.compile(
    r"\s*(?:(?:is|are|gets?|很|挺|非常|比较|特别|太)\s*)?(?:大|小|高|低|多|少"
    r"|(?:high|low|large|small|big)\b)"
)
"""A level said right after the subject or a concept ("偏差小", "bias is low when you overfit"):
the point's words say which thing, not how much of it, so the claim may well be right."""
SWAP_TRAIL = 4
"""Characters after a swapped claim still read with it ("L2 稀疏不了")."""


@dataclass(frozen=True)
class Swapped:
    """A clause stating a key point of one side of a swap pair about the other side."""

    start: int
    end: int
    said: str
    """The candidate's word for the side they named ("L2")."""
    right: str
    """The side the point is about, as the point's text names it ("L1")."""


def swapped_claim(answer: Normalised, point: AnswerPoint, key: AnswerKey) -> Swapped | None:
    """Where the answer states `point` with one side of a swap pair of `key` replaced by the other
    ("L2 让权重稀疏" against "L1 让权重稀疏"), or None.

    Read only where it is unambiguous: in one clause, the swapped side said before the point's
    other concepts and the point's own side not said in that clause (nor both sides of another
    pair); no negation, comparison, "also" or question about it; none of those concept words also
    a concept of a point about the side named (sigmoid's 梯度消失 is not ReLU's). And only when the
    answer says nothing right of that side and does not state `point` rightly elsewhere (subjects
    carried over a sentence's clauses): one who swaps two things swaps them throughout, while
    "softmax 对每个类别输出概率，加起来等于1" is right about softmax."""
    for side, other in _sides(point, key):
        rest = [g for i, g in enumerate(point.concepts) if i != side.group]
        theirs = _side_points(key, other.words, side.words)
        found = _attributed(answer, other.words, side.words, [rest], key, theirs)
        if found is None or _attributed(answer, side.words, other.words, [rest], key, carry=True):
            continue
        own = [their_rest for _, their_rest in theirs]
        if _attributed(answer, other.words, side.words, own, key, carry=True):
            continue
        start, end, said = found
        if _reversed(answer.text[start:end], point.text):
            continue  # "欠拟合的话要减少正则化": the opposite advice, not the point swapped
        return Swapped(start, end, answer.quote(*said), side.name)
    return None


def _reversed(said: str, point: str) -> bool:
    """Whether `said` undoes what it names with a verb `point` does not use (减少 of 减少正则化
    against the point's 加正则; an English verb as a whole word: "less" is not in "unless")."""
    point = point.lower()
    return any(verb.search(said) and not verb.search(point) for verb in _REVERSAL)


_REVERSAL = tuple(
    re.compile(re.escape(v) if not v.isascii() else rf"\b{re.escape(v)}\b")
    for v in claim_negation().reversal_verbs
)
"""The reversal verbs of data/negation.toml, English ones as whole words."""


_OBJECT_LEAD = re.compile(
    r"(?:做|(?<![作费效功])用|套|加|接|过|把|当|成|是|个|\b(?:apply|applies|applied|applying|use|uses|used|using"
    r"|takes?|runs?|is|are|just|an?))\s?$"
)
"""Words right before a side that make it what a statement about the thing before does or is
("softmax 就是对每个类别单独做 sigmoid", "softmax just applies a sigmoid"), not a new subject
(用 as a verb, not the tail of 作用 or 费用: "L2正则化的作用 L1正则化可以…")."""
_SET_BESIDE = re.compile(
    r"和|跟|与|及|或|还是|比(?!例)|像|似|不同|相同|一样|区别|差别|对应|\b(?:and|or|than|like|unlike|compared|versus|vs"
    r"|from|to|with|instead)\b|[()（）\[\]【】]"
)
"""Words between the two sides that put them side by side ("softmax 跟 sigmoid 不同", "softmax
相比 sigmoid", "softmax 不像 sigmoid 那样", "softmax is like a sigmoid"): the second is still
said of itself. A bracket too: the first side is an aside ("两层全连接（中间 ReLU）加 sigmoid 得到
0 到 1 的权重" says 0 到 1 of sigmoid)."""


_SPOKEN_PAUSE = re.compile(rf"(?<=[{CJK}\d])\s+(?=[{CJK}])|(?<=[{CJK}])\s+(?=\d)")
"""PAUSE's spaces, counting a number as a word ("输出0到1 表示…"), without its punctuation: what
is left of a pause inside one clause."""
OBJECT_PAUSES = 2
"""Spoken pauses between the other side and the object that end the statement the other side
opened: an unpunctuated answer is one clause."""


def said_of_other(answer: Normalised, point: AnswerPoint, key: AnswerKey) -> list[tuple[int, int]]:
    """Spans of the answer that are statements about the other side of a swap pair `point` is
    about, with `point`'s own side in them as an object: "softmax 其实就是对每个类别单独做 sigmoid
    每个类是独立的" says 独立 of softmax, not sigmoid. The statement runs from the other side to the
    next side said after the object (or the clause's end); in it `point`'s words are not said. Read
    only where the other side is the nearest side before the object, within one clause, with a
    verb, copula or article right before the object and nothing setting the two side by side."""
    out = []
    for side, other in _sides(point, key):
        if side.group < 0:
            continue
        mine = _subject_hits(answer, side.words, key)
        theirs = _subject_hits(answer, other.words, key)
        for lo, hi, _ in _clauses(answer):
            said = sorted(
                [(s, e, True) for s, e in mine if lo <= s and e <= hi]
                + [(s, e, False) for s, e in theirs if lo <= s and e <= hi]
            )
            for j in range(1, len(said)):
                (s0, e0, first_mine), (s, e, is_mine) = said[j - 1], said[j]
                if first_mine or not is_mine or s < e0:
                    continue
                gap = answer.text[e0:s]
                if answer.units[e - 1] - answer.units[s0] >= CLAIM_SPAN:
                    continue
                if _SET_BESIDE.search(gap) or not _OBJECT_LEAD.search(gap):
                    continue
                if len(_SPOKEN_PAUSE.findall(gap)) >= OBJECT_PAUSES:
                    continue  # "门用sigmoid 因为输出0到1 表示比例 候选记忆用tanh": a new statement
                if _HYPOTHETICAL.search(gap):
                    continue  # "分类用交叉熵 原因是 如果用MSE…": a condition opens a new statement
                end = next((t for t, _, _ in said[j + 1 :] if t >= e), hi)
                out.append((s0, end))
    return out


def _side_object(
    answer: Normalised, first: tuple[int, int], veto: tuple[int, int], pairs: Pairs
) -> bool:
    """Whether an `unless` wording inside a claim is a compared thing said as the object of the
    statement the claim's first part (another compared thing) opens: "softmax just applies a
    sigmoid to each class independently" still says softmax's outputs are independent, the
    sigmoid no contrast that vetoes it (`said_of_other` reads the same shape). The two are the
    two sides of one swap pair of `pairs`."""
    for a, b in pairs:
        for this, that in ((a, b), (b, a)):
            if first in find(answer, list(this)) and any(
                s <= veto[0] and veto[1] <= e for s, e in find(answer, list(that))
            ):
                return _object_gap(answer.text[first[1] : veto[0]])
    return False


def _object_gap(gap: str) -> bool:
    """Whether the words between two sides make the second the first one's object (one clause, a
    verb, copula or article right before it, no negation or condition, nothing setting them side
    by side)."""
    if _CLAUSE_BREAK.search(gap) or _SET_BESIDE.search(gap) or _HYPOTHETICAL.search(gap):
        return False
    return bool(_OBJECT_LEAD.search(gap)) and not negations(gap)


@dataclass(frozen=True)
class _Side:
    words: tuple[str, ...]
    group: int
    """The point's concept group that names this side."""
    name: str


def _sides(point: AnswerPoint, key: AnswerKey) -> tuple[tuple[_Side, _Side], ...]:
    """(the side `point` is about, the other side) for each swap pair it is about one side of."""
    concepts = tuple(tuple(g) for g in point.concepts)
    swaps = tuple((tuple(a), tuple(b)) for a, b in key.swaps)
    return _point_sides(point.text, concepts, swaps)


@functools.lru_cache(maxsize=4096)
def _point_sides(
    text: str,
    concepts: tuple[tuple[str, ...], ...],
    swaps: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
) -> tuple[tuple[_Side, _Side], ...]:
    folded = normalise(text)
    out = []
    for a, b in swaps:
        for this, that in ((a, b), (b, a)):
            group = _about_point(text, concepts, this, that)
            if group is None:
                continue
            hits = find(folded, list(this))
            name = folded.quote(*hits[0]) if hits else this[0]
            out.append((_Side(this, group, name), _Side(that, -1, that[0])))
    return tuple(out)


SUBJECT_AT = 4
"""A point whose concepts do not name a side is about it when its text opens with it (within
this many characters: "随机梯度下降每次只取一个样本…"); a side named later is a predicate
("…偏差大说明欠拟合")."""


def _about(point: AnswerPoint, side: tuple[str, ...], other: tuple[str, ...]) -> int | None:
    """Whether `point` is about `side` and not `other`: the index of its concept group naming
    `side`, -1 when only its text opens with `side`, None when it is not about it."""
    return _about_point(point.text, tuple(tuple(g) for g in point.concepts), side, other)


@functools.lru_cache(maxsize=4096)
def _about_point(
    text: str,
    concepts: tuple[tuple[str, ...], ...],
    side: tuple[str, ...],
    other: tuple[str, ...],
) -> int | None:
    folded = normalise(text)
    if _naming(concepts, other) is not None or find(folded, list(other)):
        return None
    group = _naming(concepts, side)
    if group is not None:
        return group if len(concepts) > 1 else None
    hits = find(folded, list(side))
    return -1 if hits and hits[0][0] <= SUBJECT_AT else None


@functools.lru_cache(maxsize=4096)
def _naming(concepts: tuple[tuple[str, ...], ...], side: tuple[str, ...]) -> int | None:
    """The concept group that names `side`: its first wording, or half its wordings, are the
    side's (a group that merely lists 欠拟合 among its predicates does not name it)."""
    for i, group in enumerate(concepts):
        named = [bool(find(normalise(w), list(side))) for w in group]
        if named[0] or sum(named) * 2 >= len(group):
            return i
    return None


def _side_points(
    key: AnswerKey, side: tuple[str, ...], other: tuple[str, ...]
) -> list[tuple[AnswerPoint, list[list[str]]]]:
    """The key's points that say something of `side` (its concepts or its text name it, even
    beside `other`: "ReLU 缓解梯度消失，收敛比 sigmoid 快"), each with its concepts other than
    the side's."""
    out = []
    for p in key.points:
        concepts = tuple(tuple(g) for g in p.concepts)
        group = _naming(concepts, side)
        if group is not None or find(normalise(p.text), list(side)):
            out.append((p, [g for i, g in enumerate(p.concepts) if i != group]))
    return out


def _clauses(answer: Normalised) -> list[tuple[int, int, bool]]:
    """The answer's clauses: (start, end, whether a new sentence starts with it)."""
    out, start, new = [], 0, True
    for m in _CLAUSE_BREAK.finditer(answer.text):
        if m.start() > start:
            out.append((start, m.start(), new))
            new = False
        start = m.end()
        new = new or bool(_SENTENCE_BREAK.match(m.group()))
    if start < len(answer.text):
        out.append((start, len(answer.text), new))
    return out


def _attributed(
    answer: Normalised,
    subject: tuple[str, ...],
    not_subject: tuple[str, ...],
    claims: list[list[list[str]]],
    key: AnswerKey,
    theirs: list[tuple[AnswerPoint, list[list[str]]]] = (),
    carry: bool = False,
) -> tuple[int, int, tuple[int, int]] | None:
    """The first clause saying one of `claims` (each a list of concept groups) of `subject` as a
    plain claim: (start, end, subject span). With `carry`, a clause naming neither side keeps the
    subject of the clause before it in the same sentence ("softmax 输出概率，加起来等于1")."""
    pair = set(subject) | set(not_subject)
    others = [(a, b) for a, b in key.swaps if set(a) | set(b) != pair]
    mine = _subject_hits(answer, subject, key)
    not_mine = find(answer, list(not_subject))
    current: tuple[int, int] | None = None
    for lo, hi, new_sentence in _clauses(answer):
        if new_sentence:
            current = None  # no subject is carried into a new sentence
        hits = [h for h in mine if lo <= h[0] and h[1] <= hi]
        if any(lo <= s and e <= hi for s, e in not_mine):
            current = None
            continue
        if any(_in(answer, a, lo, hi) and _in(answer, b, lo, hi) for a, b in others):
            continue  # "欠拟合 偏差大 方差小" compares both sides of another pair
        subjects = list(reversed(hits))
        if not hits and carry and current is not None:
            subjects = [(lo, lo)]
        if hits:
            current = hits[-1]
        for subj in subjects:
            for rest in claims:
                found = _claim_in_clause(answer, subj, rest, hi, theirs, strict=not carry)
                if found is not None:
                    return subj[0], found, subj if subj[1] > subj[0] else current or subj
    return None


def _claim_in_clause(
    answer: Normalised,
    subj: tuple[int, int],
    rest: list[list[str]],
    hi: int,
    theirs: list[tuple[AnswerPoint, list[list[str]]]],
    strict: bool = True,
) -> int | None:
    """Where a plain claim of `rest` about the subject at `subj` ends in its clause, or None (not
    `strict`: any un-negated statement of it, "L1 … 很多直接变成0" is right about L1)."""
    said = _said_after(answer, rest, subj[1], hi)
    if said is None:
        return None
    end = max([subj[1], *(e for _, e in said)])
    if answer.units[end - 1] - answer.units[subj[0]] >= CLAIM_SPAN:
        return None
    if not _plain_claim(answer, subj, said, end, strict):
        return None
    if any(_overlaps(answer, said, their_rest) for _, their_rest in theirs):
        return None  # 梯度消失 is also said of sigmoid: which side it belongs to is unclear
    return end


def _subject_hits(
    answer: Normalised, side: tuple[str, ...], key: AnswerKey
) -> list[tuple[int, int]]:
    """Where `side` is said as a term of its own: not the tail of a longer term of the key
    ("小批量梯度下降" is no 批量梯度下降, "leaky relu" no relu)."""
    words = list(dict.fromkeys(w for p in key.points for g in p.concepts for w in g))
    words += [w for m in (m for p in key.points for m in p.misconceptions) for w in m.unless]
    terms = find(answer, words)
    out = []
    for s, e in find(answer, list(side)):
        if any(ts < s < te < e for ts, te in terms):
            continue  # a key wording cuts into it from the left
        if any(_compound(answer.text, te, s) and ts < s for ts, te in terms):
            continue  # an English word of the key modifies it
        out.append((s, e))
    return out


def _in(answer: Normalised, side: list[str], lo: int, hi: int) -> bool:
    return any(lo <= s and e <= hi for s, e in find(answer, list(side)))


def _said_after(
    answer: Normalised, groups: list[list[str]], after: int, hi: int
) -> list[tuple[int, int]] | None:
    said = []
    for group in groups:
        hit = next(((s, e) for s, e in find(answer, group) if s >= after and e <= hi), None)
        if hit is None:
            return None
        said.append(hit)
    return said


def _plain_claim(
    answer: Normalised,
    subj: tuple[int, int],
    said: list[tuple[int, int]],
    end: int,
    strict: bool = True,
) -> bool:
    """No negation, comparison, "also", if-clause, denial or question about the claim (the claim's
    own words masked: "不依赖 batch" is a claim, not a denial of one)."""
    tail = min(len(answer.text), end + SWAP_TRAIL)
    masked = list(answer.text[subj[0] : tail])
    for s, e in [subj, *said]:
        masked[s - subj[0] : e - subj[0]] = " " * (e - s)
    words = "".join(masked)
    if negations(words) or _negated_predicate(words):
        return False
    if strict and (
        _NOT_PLAIN.search(words) or any(_LEVEL.match(answer.text, e) for _, e in [subj, *said])
    ):
        return False
    if _led_by(answer.text, subj[0], _HYPOTHETICAL) or _led_by(answer.text, subj[0], _DENIAL_LEAD):
        return False
    if _DENIAL_TRAIL.match(answer.text, end):
        return False
    return "?" not in answer.text[end : end + SWAP_TRAIL + 2]


def _overlaps(answer: Normalised, said: list[tuple[int, int]], groups: list[list[str]]) -> bool:
    """Whether a word of `said` is also one of `groups`' wordings."""
    theirs = find(answer, [w for g in groups for w in g])
    return any(s < e2 and s2 < e for s, e in said for s2, e2 in theirs)
