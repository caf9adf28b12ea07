"""Grading against an answer key: which of the key's points the answer makes, which of its known
misconceptions it states, and the score that follows by a fixed rule.

Why a rule and not the calibration: the key already says what a full answer is (its core points)
and what a fail is (a central misconception), so the grade needs no fit — a spoken answer that
makes the core points is a full answer however long the key, a thin one earns a share, and a
stated misconception zeroes the point it contradicts and caps the score.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from interviewer.corpus.normalize import facets
from interviewer.grading.gates import ITEM_SPLIT, hedged_dont_know
from interviewer.grading.keymatch import (
    PAUSE,
    ConceptMatch,
    Normalised,
    find,
    match_concepts,
    normalise,
    pairs_of,
    said_of_other,
    states,
    subjects_of,
    swapped_claim,
    terms_of,
)
from interviewer.grading.negation import negations
from interviewer.grading.quotes import quote
from interviewer.grading.text import (
    CJK,
    EN_STOP_WORDS,
    content_units,
    is_cjk,
    spoken_length,
    strip_fillers,
)
from interviewer.keys.load import KeyBook
from interviewer.types.answer_key import AnswerKey, AnswerPoint, Misconception
from interviewer.vocabulary.glossary import concepts_in, is_kind_of
from interviewer.vocabulary.load import any_of
from interviewer.vocabulary.questions import definition_frame
from interviewer.vocabulary.relations import (
    keyword_list_endings,
    keyword_list_glue,
    keyword_list_steps,
    keyword_list_terms,
    relation_words,
)

BONUS_CREDIT = 0.5
"""A bonus point is worth half a core point: it can make up for a thin core, never exceed full."""
CURVE = 0.7
"""score = 10 * share ** CURVE: interviewers give a correct answer that makes half the core
points about 6, not 5 (the first ideas are worth more than the last); chosen on the dev rows
(bench/interview_dev.jsonl), never on the held-out ones."""
CENTRAL_CAP = 2.5
"""Highest score of an answer stating a central misconception: it fails the question."""
CORE_ERROR_CAP = 5.0
"""Highest score of an answer with a false claim about a core point: a main idea stated wrong is
below a pass even when the rest is right (the error is named). Interviewers gave such answers
5.4 on average (14 rows of the team's claim sets, where 4.0 was a point and a half too harsh)."""
ERROR_CAP = 5.5
"""Highest score of an answer with one false claim about a bonus point: not a pass either."""
MOSTLY_GOOD_SHARE = 0.5
"""An answer with a false claim is 'mostly good with one error' (capped at ERROR_CAP or
CORE_ERROR_CAP) only when it makes at least half the core; below that the false claim is most of
what it says and it fails like a central one (a quarter of the core plus a false claim was 3.8)."""
MANY_ERRORS_CAP = 3.0
"""Two or more distinct false claims."""
KEYWORD_LIST_CAP = 2.0
BRIEF_LENGTH = 60
"""An answer that makes every core point in fewer words than this (`spoken_length`: Chinese
characters, an English word as 1.5) and none of the bonus points is brief: "就是引入非线性 没有激活
函数的话 多层网络叠起来跟一层线性变换是一样的" is right, and interviewers gave such answers 5–7
(mean 5.9 over 30 rows of the team's read sets) where the key's core gave 10; none of the sets'
2,108 answers rated 9 or more that make every core point is that short without a bonus point."""
BRIEF_CAP = 6.5
"""Highest score of a brief answer: partial, below a pass, so it is worth saying more."""
THIN_CAP = 5.5
"""Highest score of an answer as short as a brief one that leaves out part of the core: a core
point or two in a sentence each. Interviewers gave such answers 4.8 on average where the share of
the key gave 7.6 (31 rows of the team's read sets, none rated 9 or more)."""
OFF_TOPIC_OWN_AT = 0.35
"""An answer covering less than this share of its own key ..."""
OFF_TOPIC_OTHER_AT = 0.6
"""... and at least this share of another question's key ..."""
OFF_TOPIC_MARGIN = 0.4
"""... and that much more of it than of its own answers that other question (a thin answer to
an overlapping question, e.g. causes-and-fixes answered with the fixes only, is not off-topic)."""
TOUCHED_POINTS = 3
"""... unless it touches (in part or in full) every one of its own key's points, and the key has
at least this many: that is a weak reading of an answer to its own question in words the key
lacks (an English "dynamical systems" account of RNN gradient spikes), not an answer to the
neighbouring question on fixing exploding gradients."""
HEDGED_SHARE = 0.34
"""A short answer that says it doesn't know and makes at most a third of the core is a don't-know
("一个是绝对值一个是平方？呃不对 我记混了 不瞎说了"): a guess withdrawn is not an answer."""

_RELATION = re.compile(relation_words("keyword_list").pattern(), re.IGNORECASE)
_TERM_WITH_RELATION = re.compile(any_of(keyword_list_terms()))
"""Terms with a relation character inside (更 in 参数更新, 比 in 比例, 去 in 去中心化): masked
like the key's own wordings before a listed answer's items are read for relations."""
DENSE_MIN_WORDS = 5
EN_FUNCTION_SHARE = 0.1
"""An English answer of at least DENSE_MIN_WORDS words with at most this share of function words
(the, is, to, by, ...) is a list of terms, however it is separated (a sentence has ~40%)."""
LIST_ITEMS_PER_SLIP = 6
"""A list of terms may have one item in this many that reads like a relation ("不是zero-centered"
in a list of ReLU's properties) and still be a bare list."""
ITEM_UNITS = 8
"""An item of a list longer than this (characters, English words) may be a statement ..."""
FREE_UNITS = 2
"""... when more than this many of its units are not the key's own wordings."""
_CJK = re.compile(rf"[{CJK}]")
_CJK_RUN = re.compile(rf"[{CJK}]+")
_OPENERS, _ACTIONS = keyword_list_steps()
_STEP = re.compile(rf"(?:{any_of(_OPENERS)})\s?(?:{any_of(_ACTIONS)})")
"""A step of a procedure said in order ("然后算梯度"): it relates the items around it."""
_ZH_GLUE = re.compile(any_of(keyword_list_glue()))
"""Chinese words that join English terms into a sentence ("用 batch mean 和 batch variance 做
normalization"); the Chinese words of a mixed list are terms ("… PR curve 阈值")."""
_PREDICATE = re.compile(
    r"太|很|也(?!算(?:吧|是吧)?(?=\s|$))|都|没|它|(?<![性功技智万])能(?![力量])"
)
"""Adverbs, pronouns and modals no term contains that make a short item a statement ("模型太简单",
"训练集上效果也差", "没学到规律", "它能完全替代"; not 拟合能力, 性能, 万能逼近定理): a thin spoken
answer is not a list of terms. An item closing on 也算 ("softmax 也算") only adds itself to the
list."""
_LIST_ENDING = re.compile(
    rf"(?:[\s,，。.!！]*(?:{keyword_list_endings().pattern()}))+[\s,，。.!！]*$", re.IGNORECASE
)
"""Closing words at the end of an answer ("… multi-head 对", "… 就这些"), which tie nothing."""
RUN_ON_RELATIONS = 3
"""Relation words or predicates in an unpunctuated mixed answer that make it a sentence, however
its spaced English terms cut it into tiny items ("用 CE 因为 sigmoid 配 MSE 的时候 gradient 里会
乘一个 activation 的 derivative … CE 的 gradient 就是 p − y")."""


def _relations(text: str) -> int:
    return len(_RELATION.findall(text.replace("_", " "))) + len(_PREDICATE.findall(text))


_EN_ITEM_SPLIT = re.compile(r"[、,，;；/|\n]+")
_CLAUSE_SPLIT = re.compile(r"[、,，;；。！？!?\n]+")
"""Clauses as punctuation marks them, spaces kept (a mixed answer spaces its English terms)."""


@dataclass(frozen=True)
class PointResult:
    """How the answer did on one key point."""

    point: AnswerPoint
    match: ConceptMatch
    evidence: str
    misconception: Misconception | None = None
    """The false claim the answer states about this point (it then earns nothing)."""
    claim_words: str = ""
    """The candidate's own words stating it."""
    swap: tuple[str, str] | None = None
    """When the false claim is the point said of the other side of a swap pair of the key: (the
    side the candidate named, the side the point is about), e.g. ("L2", "L1")."""
    concept_words: tuple[str, ...] = ()
    """The answer's words for each concept `match` counted, as said ("直接" of "最直接就是…")."""

    @property
    def covered(self) -> bool:
        return self.misconception is None and self.match.complete

    @property
    def partial(self) -> bool:
        return self.misconception is None and not self.match.complete and self.match.said >= 2

    @property
    def credit(self) -> float:
        full = 1.0 if self.covered else 0.5 if self.partial else 0.0
        return full if self.point.core else BONUS_CREDIT * full


@dataclass
class KeyGrade:
    """The facts of grading one answer against one key, before any wording."""

    key: AnswerKey
    results: list[PointResult]
    share: float
    """Credit over the core points, 0..1."""
    score: float
    verdict: str
    """'graded', 'dont_know', 'off_topic' or 'keyword_list'."""
    other: AnswerKey | None = None
    """For 'off_topic': the bank question the answer seems to answer."""
    caps: list[str] = field(default_factory=list)
    """Which caps applied: 'central', 'error', 'errors', 'brief', 'thin', 'keyword_list'."""

    @property
    def misconceptions(self) -> list[PointResult]:
        return [r for r in self.results if r.misconception is not None]

    @property
    def central(self) -> bool:
        return any(r.misconception.central for r in self.misconceptions if r.misconception)


def warm(key: AnswerKey) -> None:
    """Compile now the wordings `key` is matched with (its points' concepts, its claims and their
    vetoes): called while the candidate reads the question, so that a key's first answer does not
    pay for it (the slowest answers graded against a key are the first on theirs)."""
    nothing = normalise("")
    for point in key.points:
        for group in point.concepts:
            find(nothing, group)
        for wrong in point.misconceptions:
            for pattern in wrong.patterns:
                for group in pattern:
                    find(nothing, group)
            find(nothing, [*wrong.unless, *wrong.unless_before, *wrong.unless_after])


def assess(answer: str, key: AnswerKey) -> list[PointResult]:
    """Each point's concept match and the misconception (if any) the answer states about it: a
    known one first, then the point said of the other side of one of the key's swap pairs (one
    claim is one misconception: a swap said where a known one was found is that one)."""
    text = normalise(answer)
    subjects, terms, pairs = subjects_of(key), terms_of(key), pairs_of(key)
    results, spans, aways = [], [], []
    question = normalise(key.question)
    for point in key.points:
        away = said_of_other(text, point, key) if key.swaps else []
        aways.append(away)
        said = match_concepts(text, point.concepts, away, _carried(question, point))
        evidence, words = _said(text, said, point)
        found = [
            (w, where)
            for w in point.misconceptions
            if (where := states(text, w, subjects, terms, pairs))
        ]
        found = _one_reading(text.text, found)
        if found:
            # a central claim over a side one, then the earliest said, then the longest match
            wrong, where = min(found, key=lambda f: (not f[0].central, f[1][0], f[1][0] - f[1][1]))
            results.append(
                PointResult(
                    point, said, evidence, wrong, quote(text, *where), concept_words=words
                )
            )
            spans.append(where)
        else:
            results.append(PointResult(point, said, evidence, concept_words=words))
    if key.swaps:
        _read_swaps(text, key, results, spans)
    return _without_claim_words(text, results, spans, aways, question)


def _said(
    text: Normalised, match: ConceptMatch, point: AnswerPoint
) -> tuple[str, tuple[str, ...]]:
    """The quote of what `match` found, read to the end of its phrase, and each wording's words,
    the longest wording said there (逐元素相加, not the 相加 inside it)."""
    if not match.said:
        return "", ()
    said = [span for group in point.concepts for span in find(text, group)]
    widest = [
        min((w for w in said if w[0] <= s and e <= w[1]), key=lambda w: w[0] - w[1])
        for s, e in match.spans
    ]
    start = min(match.start, *(s for s, _ in widest))
    return quote(text, start, match.end), tuple(text.quote(s, e) for s, e in widest)


def _carried(question: Normalised, point: AnswerPoint) -> frozenset[int]:
    """The concept groups of `point` its question names: the answer's subject throughout, said
    once anywhere ("IOU就是交集除以并集 … 常用来做NMS")."""
    return frozenset(i for i, group in enumerate(point.concepts) if _given(question, group))


def _one_reading(
    text: str, found: list[tuple[Misconception, tuple[int, int]]]
) -> list[tuple[Misconception, tuple[int, int]]]:
    """Of two claims about one point where one starts inside the other, the one said: the outer
    one ("gamma和beta在推理的时候也会根据测试数据重新算" is about gamma and beta, not about
    recomputing the statistics), unless the inner one opens a clause of its own after a pause
    ("高方差就加正则 dropout 减小模型 加数据主要是降偏差的" says more data lowers bias, not that
    regularisation does)."""

    def paused(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
        """Whether the inner claim opens a clause: a pause right before it, after the outer's
        start ("…to drop at test time too, you randomly drop…" is still the outer claim)."""
        pauses = [m.end() for m in PAUSE.finditer(text, outer[0], inner[0] + 1)]  # +1: lookahead
        return bool(pauses) and not text[pauses[-1] : inner[0]].strip()

    kept = []
    for wrong, where in found:
        inside = [w for _, w in found if w[0] < where[0] < w[1]]
        if any(not paused(w, where) for w in inside):
            continue  # read off the tail of the claim it starts in
        if any(where[0] < w[0] < where[1] and paused(where, w) for _, w in found):
            continue  # a later claim opens after a pause inside this one
        kept.append((wrong, where))
    return kept or found


def _without_claim_words(
    text: Normalised,
    results: list[PointResult],
    spans: list[tuple[int, int]],
    aways: list[list[tuple[int, int]]],
    question: Normalised,
) -> list[PointResult]:
    """A point's wording said in the clause that ends a false claim is not said: "梯度弥散的话 主要
    靠把学习率调大" names the wrong remedy and covers no point about the learning rate (the claim's
    subject, often said clauses before, still counts where it is said). `aways`: per point, the
    spans `assess` already keeps out of its match (statements about the other side of a pair)."""
    if not spans:
        return results
    spans = [_last_clause(text.text, s, e) for s, e in spans]
    out = []
    for result, away in zip(results, aways, strict=True):
        if result.misconception is not None or not result.match.said:
            out.append(result)
            continue
        said = match_concepts(
            text, result.point.concepts, [*away, *spans], _carried(question, result.point)
        )
        evidence, words = _said(text, said, result.point)
        out.append(PointResult(result.point, said, evidence, concept_words=words))
    return out


def _last_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of [start, end) after its last pause."""
    edges = [m.end() for m in PAUSE.finditer(text, start, end)]
    return (edges[-1] if edges else start), end


def _read_swaps(
    text: Normalised, key: AnswerKey, results: list[PointResult], spans: list[tuple[int, int]]
) -> None:
    """The points said of the other side of a swap pair, as misconceptions (in place)."""
    for i, result in enumerate(results):
        swapped = None if result.misconception else swapped_claim(text, result.point, key)
        if swapped is None or any(s < swapped.end and swapped.start < e for s, e in spans):
            continue
        point = result.point
        wrong = Misconception(
            claim=point.text.replace(swapped.right, swapped.said, 1),
            says=[[swapped.said]],
            correction=point.text,
            central=point.core,
        )
        words = quote(text, swapped.start, swapped.end)
        swap = (swapped.said, swapped.right)
        results[i] = PointResult(
            point, result.match, result.evidence, wrong, words, swap, result.concept_words
        )
        spans.append((swapped.start, swapped.end))


def as_asked(point: AnswerPoint) -> AnswerPoint:
    """`point` as its own follow-up's reply is held to it: a concept group the `ask` already
    names is given ("那 RMSprop 是怎么改进的？" is answered by "把累加换成滑动平均", without saying
    RMSprop again); a group the ask does not name always stays, so the reply still has to make
    the claim. A group of negations (没有, 缺乏) is never given: the reply's own 没有 is what makes
    "没有局部相关性" the point."""
    if not point.ask:
        return point
    asked = normalise(point.ask)
    kept = [group for group in point.concepts if not _given(asked, group)]
    if not kept or len(kept) == len(point.concepts):
        return point
    return point.model_copy(update={"concepts": kept})


def _given(asked: Normalised, group: list[str]) -> bool:
    """Whether the follow-up `asked` names a wording of `group`, and the group is no negation."""
    return bool(find(asked, group)) and not any(negations(w) for w in group)


def share_of(key: AnswerKey, results: list[PointResult]) -> float:
    """Credit over the core points (bonus points make up for missed core ones), capped at 1."""
    core = sum(1 for p in key.points if p.core)
    return min(1.0, sum(r.credit for r in results) / max(1, core))


def spoken_core(answer: str) -> str:
    """The words of an answer the grader matches: spoken fillers stripped (the key check reads a
    key's examples through this too, so an example passes the check only if it is graded so)."""
    return strip_fillers(answer) or answer


Leaning = Callable[[str, AnswerKey, AnswerKey], float]
"""How much nearer in meaning an answer is to the second key's question than to the first's
(cosine of answer and question, the grader's embedder): the grading core has no model."""


def grade(
    answer: str, key: AnswerKey, book: KeyBook | None = None, leaning: Leaning | None = None
) -> KeyGrade:
    """Grade `answer` (already cleaned of directives) against `key`; `book` lets an answer to a
    different bank question be recognised as such, and `leaning` one that says a little of its
    own question too."""
    core_text = spoken_core(answer)
    results = assess(core_text, key)
    share = share_of(key, results)
    erred = any(r.misconception for r in results)
    said_any = erred or any(r.match.said for r in results)
    if hedged_dont_know(core_text, key.question) and share <= HEDGED_SHARE and not erred:
        return KeyGrade(key, results, 0.0, 0.0, "dont_know")
    # a follow-up's reply answers one narrow question: a few short items can be all of it, and
    # what it says may be the gist of another bank question ("loss 突然变成 NaN" for "how does
    # a gradient explosion show"): it answers the question it was asked, right or wrong
    listed = said_any and not key.focused and is_keyword_list(core_text, key, spoken=answer)
    if not (listed or key.focused or erred) and book is not None:
        # side points alone do not answer a question: a tour of activation functions makes the
        # bonus points of "why introduce non-linearity" (ReLU is cheap, softmax at the output)
        own = share if any(r.credit for r in results if r.point.core) else 0.0
        other = _off_topic(core_text, key, book, results, own, leaning)
        if other is not None:
            return KeyGrade(key, results, share, 0.0, "off_topic", other=other)
    score = 10.0 * share**CURVE
    caps: list[str] = []
    wrong = {id(r.misconception) for r in results if r.misconception}
    if any(r.misconception and r.misconception.central for r in results):
        score, caps = min(score, CENTRAL_CAP), ["central"]
    elif len(wrong) >= 2:
        score, caps = min(score, MANY_ERRORS_CAP), ["errors"]
    elif wrong and share < MOSTLY_GOOD_SHARE:
        score, caps = min(score, CENTRAL_CAP), ["error"]
    elif any(r.misconception and r.point.core for r in results):
        score, caps = min(score, CORE_ERROR_CAP), ["error"]
    elif wrong:
        score, caps = min(score, ERROR_CAP), ["error"]
    elif _brief(core_text, key, results):
        score, caps = min(score, BRIEF_CAP), ["brief"]
    elif score > THIN_CAP and _thin(core_text, key, results):
        score, caps = THIN_CAP, ["thin"]
    if listed and score > KEYWORD_LIST_CAP:
        score, caps = KEYWORD_LIST_CAP, [*caps, "keyword_list"]
        return KeyGrade(key, results, share, round(score, 1), "keyword_list", caps=caps)
    return KeyGrade(key, results, share, round(score, 1), "graded", caps=caps)


def _brief(text: str, key: AnswerKey, results: list[PointResult]) -> bool:
    """Every core point made, none of the bonus ones touched, in a sentence or two and in fewer
    words than the key's own core points (a formula question's whole answer is short: "o =
    (i-1)×s - 2p + k" and where it comes from). Only for a key with bonus points: a follow-up's
    reply is graded on the points it asked, all core."""
    if not any(not r.point.core for r in results):
        return False
    if any(r.credit for r in results if not r.point.core):
        return False
    if not all(r.covered for r in results if r.point.core):
        return False
    return _said_briefly(text, key)


def _thin(text: str, key: AnswerKey, results: list[PointResult]) -> bool:
    """Part of the core made, in as few words as a brief answer (`_brief`); never a follow-up's
    reply, which answers the one point it was asked."""
    if key.focused or all(r.covered for r in results if r.point.core):
        return False
    return _said_briefly(text, key)


def _said_briefly(text: str, key: AnswerKey) -> bool:
    """In a sentence or two (BRIEF_LENGTH) and in fewer words than the key's own core points."""
    said = spoken_length(text)
    return said < BRIEF_LENGTH and said < sum(spoken_length(p.text) for p in key.core_points)


def _touches_all(results: list[PointResult]) -> bool:
    return len(results) >= TOUCHED_POINTS and all(r.match.said for r in results)


def _item_spans(split: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where the items `split` separates lie in `text`."""
    edges = [0, *(x for m in split.finditer(text) for x in m.span()), len(text)]
    return [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=True) if b > a]


def _long_item(item: str, masked: str) -> bool:
    """An item too long for a term: more than ITEM_UNITS, more than FREE_UNITS of them not the
    key's own wordings. "局部极小接近全局最优" in a list of terms is the key's words run
    together, no statement of the candidate's."""
    return content_units(item) > ITEM_UNITS and content_units(masked) > FREE_UNITS


def names_subject(text: str, key: AnswerKey, other: AnswerKey | None = None) -> bool:
    """Whether the answer is about what the question asks, by name: it names every concept the
    question is about (by the glossary, any spelling: "梯度消失和梯度爆炸的原因" -> 梯度消失,
    梯度爆炸) and opens with one of them, and it does not also name all of `other`'s, the question
    it seems to answer. "梯度消失是因为batch size太小 梯度爆炸是因为数据没有做归一化" answers its
    question with false causes; it is no answer to "why does a network not converge". One naming
    only part of it ("LSTM" of "LSTM 如何缓解梯度消失", answered with GRU vs LSTM), mentioning it in
    passing ("…不容易过拟合" of an answer about weight decay) or naming the other question's
    subjects too can still be an answer to another question. An answer naming its own question's
    subject and nothing the other question asks about answers its own, however it opens ("it's
    because of the chain rule … the gradient vanishes … for exploding, use clipping"); so does one
    opening with the name its own question leads with (`_own_names`: canny, unet)."""
    said = concepts_in(text)
    opening = set(concepts_in(_opening(text)))
    theirs = [set(concepts_in(w)) for w in other.question.split(" / ")] if other else []
    if any(t and t <= set(said) for t in theirs):
        return False
    asked_any = _question_concepts(key)
    if any(theirs) and asked_any & set(said) and not set().union(*theirs) & set(said):
        return True
    if other is not None and _own_names(key, other) & set(_NAME.findall(_opening(text).lower())):
        return True
    for wording in key.question.split(" / "):
        asked = set(concepts_in(wording))
        if len(asked) >= SUBJECTS_NAMED and asked <= set(said) and asked & opening:
            return True
    return False


_NAME = re.compile(r"(?<![a-z0-9])[a-z][a-z0-9-]{2,}")
"""An English word or model name (canny, unet, r-cnn)."""


def _own_names(key: AnswerKey, other: AnswerKey) -> set[str]:
    """The name each wording of `key`'s question leads with, when no glossary concept covers it
    and `other`'s question lacks it (canny of "canny算子是怎么做的" beside "边缘检测算子有哪些"):
    an answer opening with it is about what was asked ("canny就是先用高斯平滑…" is a thin answer,
    not one to the other). Only the lead name: the question's other English words are as often
    generic ("size", "rate" of "batch_size 和 learning rate 的关系")."""
    named = _NAME.findall(other.question.lower())
    theirs = {*named, *(part for name in named for part in name.split("-"))}  # mini-batch: batch
    leads = (_NAME.search(wording.lower()) for wording in key.question.split(" / "))
    return {
        lead.group()
        for lead in leads
        if lead is not None
        and lead.group() not in theirs
        and lead.group() not in EN_STOP_WORDS
        and not concepts_in(lead.group())
    }


SUBJECTS_NAMED = 2
"""A question about one concept is not told apart this way: its concept (loss, 卷积, 归一化) is
named in passing by answers to many other questions."""
OPENING_UNITS = 20
"""The opening of an answer, in which it names its subject ("梯度消失主要是因为…",
"pooling的作用是…", "用 relu 代替 sigmoid 可以缓解梯度消失…")."""


def _opening(text: str) -> str:
    cut, units = len(text), 0
    for m in re.finditer(r"[a-zA-Z0-9]+|[^\sa-zA-Z0-9]", text):
        if re.match(r"[a-zA-Z0-9]|" + f"[{CJK}]", m.group()):
            units += 1
        if units > OPENING_UNITS:
            cut = m.start()
            break
    return text[:cut]


def _off_topic(
    text: str,
    key: AnswerKey,
    book: KeyBook,
    results: list[PointResult],
    share: float,
    leaning: Leaning | None,
) -> AnswerKey | None:
    """The bank question `text` answers instead of its own, or None. Saying little of its own key
    and much of another's is enough below OFF_TOPIC_OWN_AT; up to LEANING_OWN_AT (a sigmoid-vs-ReLU
    answer to "why activation functions" makes half of that key too) the answer must also be
    nearer in meaning to the other question than to its own, by LEANING_MARGIN (Chinese answers
    only: an excellent English answer on RNN gradient spikes leaned 0.01 to "causes of vanishing
    and exploding gradients")."""
    lexical = share < OFF_TOPIC_OWN_AT and not _touches_all(results)
    if not lexical and (leaning is None or share >= LEANING_OWN_AT or not is_cjk(text)):
        return None  # in English, cosines to the (Chinese) questions are too close to read
    other = _answers_other(text, key, book, share)
    if (
        other is None
        or names_subject(text, key, other)
        or (_broader(other, key) and any(r.point.core and r.match.complete for r in results))
        or _defines_subject(other, key)
    ):
        return None
    if lexical or (leaning is not None and leaning(text, key, other) >= LEANING_MARGIN):
        return other
    return None


LEANING_OWN_AT = 0.6
"""Below this share of its own key an answer covering another key much better may be off-topic,
if its meaning leans to that question ..."""
LEANING_MARGIN = 0.015
"""... by at least this cosine. Answers to the neighbouring question lean 0.02-0.06 its way;
thin and English answers to their own question lean -0.05-0.01 (e5 cosines are compressed)."""


def _question_concepts(key: AnswerKey) -> set[str]:
    """The glossary concepts `key`'s question names, over all its wordings ("A / B")."""
    return {c for wording in key.question.split(" / ") for c in concepts_in(wording)}


def _broader(other: AnswerKey, key: AnswerKey) -> bool:
    """Whether `other` asks about a family `key`'s subject belongs to ("为什么要进行归一化" for
    "BN的作用": BN is 批量归一化): an answer to the broader question that makes a core point of
    the narrower one in full ("加快训练收敛 可以用更大的学习率…") is a thin answer to the question
    asked, not an answer to another one."""
    asked, theirs = _question_concepts(key), _question_concepts(other)
    return bool(theirs) and all(any(is_kind_of(a, t) for a in asked) for t in theirs)


def _defines_subject(other: AnswerKey, key: AnswerKey) -> bool:
    """Whether `other` only asks what the subject of `key`'s question is ("什么是反向传播算法" for
    "在草稿纸上手推BP算法", "简单介绍一下Batch Normalization" for "BN为什么有效"): an answer to it
    is a thin answer on the subject asked about, not an answer to another question. Not when
    `other` asks something of the subject (为什么, 不适用的场景 is no definition)."""
    theirs = other.question.lower()
    if facets(other.question) or not any(frame in theirs for frame in definition_frame()):
        return False
    asked = _question_concepts(key)
    return bool(asked) and _question_concepts(other) == asked


def _answers_other(text: str, key: AnswerKey, book: KeyBook, own: float) -> AnswerKey | None:
    """The bank question whose key this answer covers well, when it covers its own key hardly."""
    best: tuple[float, AnswerKey] | None = None
    folded = normalise(text)  # once, not once per key: this scans the whole bank
    for other in book.distinct():
        if other is key or set(other.ids) & set(key.ids):
            continue
        # concepts only: whether it addresses that question, not whether it errs about it
        said = [PointResult(p, match_concepts(folded, p.concepts), "") for p in other.points]
        share = share_of(other, said)
        if share < max(OFF_TOPIC_OTHER_AT, own + OFF_TOPIC_MARGIN):
            continue
        if best is None or share > best[0]:
            best = (share, other)
    return best[1] if best else None


def is_keyword_list(text: str, key: AnswerKey, spoken: str = "") -> bool:
    """A bare list of the key's terms: short items, no relation between them. The key's own
    wordings are masked first, so a relation character inside a term (能 in 拟合能力, 则 in 链式
    法则) does not pass for a sentence. An all-English answer counts however it is separated when
    it has hardly a function word. Closing words at its end ("就这些", "对") are read past.
    `spoken` is the answer before its fillers were stripped: 然后 is a filler there, and a step's
    opener here ("先高斯滤波去噪 然后算梯度 然后用双阈值筛边缘")."""
    text = _LIST_ENDING.sub("", text) or text
    folded = normalise(text)
    masked = list(folded.text)
    for point in key.points:
        for group in point.concepts:
            for start, end in find(folded, group):
                masked[start:end] = "_" * (end - start)
    rest_text = _TERM_WITH_RELATION.sub(lambda m: "_" * len(m.group()), "".join(masked))
    if not is_cjk(text):  # English, or English terms with a Chinese one or two ("阈值")
        words = re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower())  # two-stage is one term
        function = sum(1 for w in words if w in EN_STOP_WORDS)
        chinese = _CJK_RUN.findall(rest_text)  # a mixed answer's function words are Chinese
        if (
            len(words) + len(_CJK_RUN.findall(text)) >= DENSE_MIN_WORDS  # 分组 通道 are terms too
            and function <= len(words) * EN_FUNCTION_SHARE
            and not any(_RELATION.search(run) or _ZH_GLUE.search(run) for run in chinese)
            and not _PREDICATE.search(folded.text)
        ):
            return True
    if is_cjk(text):  # spaces around English terms cut a mixed sentence into tiny "items"
        pieces = [p for p in _CLAUSE_SPLIT.split(rest_text) if p.strip()]
        said = sum(
            1 for p in pieces if _RELATION.search(p.replace("_", " ")) or _PREDICATE.search(p)
        )
        if len(pieces) >= 2 and said > len(pieces) // LIST_ITEMS_PER_SLIP:
            return False  # clause after clause relating things: "BN 是 across the batch，…"
        if len(pieces) == 1 and _relations(pieces[0]) >= RUN_ON_RELATIONS:
            return False  # one unpunctuated run relating things: "因为 … 的时候 … 就是 p − y"
    split = ITEM_SPLIT if is_cjk(text) else _EN_ITEM_SPLIT  # English words are not items
    items = [i for i in split.split(text) if i.strip()]
    spans = _item_spans(split, folded.text)
    if len(items) < 3 or any(_long_item(folded.text[a:b], rest_text[a:b]) for a, b in spans):
        return False
    rest = [i for i in split.split(rest_text) if i.strip()]
    related = sum(1 for item in rest if _RELATION.search(item.replace("_", " ")))
    steps = _TERM_WITH_RELATION.sub("_", normalise(spoken).text) if spoken else rest_text
    related += max(len(_STEP.findall(rest_text)), len(_STEP.findall(steps)))  # steps, not terms
    stated = sum(1 for item in items if _PREDICATE.search(item))  # the key's words unmasked
    return max(related, stated) <= len(rest) // LIST_ITEMS_PER_SLIP
