"""Negation cues, opposite words and the contradiction rule of the offline grader.

Similarity of embeddings barely sees "not": "Adam 不需要偏置修正" sits close to "Adam 需要偏置修正",
and "收敛更慢" close to "收敛更快". So a clause that repeats a key point's words with a negation on
one side only, or with one word swapped for its opposite (增大/减小, faster/slower), is taken to
state its opposite; compounds that are not negations (不同, 非常) and if-clauses are left out.

A rule that caps a score must not fire on agreement, and held-out full-marks answers showed how it
did (issue 13): the same denial in other words on both sides (没有 vs 不存在, "no more than two"
vs "maximum two"), a hedge (不一定) against a denial (而非), a contrast that denies the foil
("而不是像全连接那样" against a "相比于全连接 …" point), two flips that cancel ("connected to the
positive terminal" vs "not connected to the negative one"), and a negation said of another subject
("the bulb is not connected" against a point about the motor). A one-sided negation therefore
needs the other side to assert plainly, about the same subject.
"""

from __future__ import annotations

import re

from interviewer.grading.text import (
    EN_STOP_WORDS,
    TYPO_MIN_LETTERS,
    content_units,
    letter_dropped,
    terms,
)
from interviewer.vocabulary.load import any_of
from interviewer.vocabulary.negation import (
    conditional_words,
    contrast_words,
    hedge_words,
    negation_cues,
    opposites,
    restriction_words,
)

# The words of the rule (vocabulary/data/negation.toml); compounds that are not negations are
# removed before cues are counted.
_CUES = negation_cues()
_ZH_NOT_NEGATION = _CUES.not_negation
_ZH_NEG_RE = re.compile(any_of(_CUES.chinese))
_EN_NEG_RE = re.compile(any_of(_CUES.english, whole_words=True) + r"|n['’\"]t\b", re.IGNORECASE)

_CONDITIONAL_RE = re.compile(conditional_words().pattern(), re.IGNORECASE)

# A bound "no more than two" / "does not have more than two" says "at most two" (= "maximum two"):
# a limit, not a denial; and "whether or not" asks, it does not deny.
_EN_NOT_NEGATION_RE = re.compile(
    rf"\b(?:no|not|\w+n['’]?t)\s+(?:\w+\s+)?(?:{any_of(_CUES.bound_comparatives)})\s+than\b|"
    r"\bnot\s+(?:as|so)\s+\w+(?:\s+\w+)?\s+as\b|"  # "not as fast as": a comparison
    + any_of(_CUES.not_negation_english, whole_words=True, spaces=r"\s+"),
    re.IGNORECASE,
)
# "A 没有 B 那么大" says A is smaller than B: a comparison, not a denial (its cue is taken out).
_ZH_COMPARISON_RE = re.compile(
    rf"没有?(?=[^，,。；;！？!?]{{1,12}}?(?:{any_of(_CUES.comparison_chinese)})[^\s，,。；;！？!?])"
)
# "X，而不是 Y" / "X rather than Y" / "unlike Y" deny the OTHER thing (the foil), and a point
# that opens with "相比于 Y" / "unlike Y" describes the foil: their negation is no denial of the
# point unless the point plainly asserts the foil.
_CONTRAST_RE = re.compile(contrast_words().pattern(), re.IGNORECASE)
# Hedges deny the claim's certainty ("不一定有序" vs "而非有序"): a side that hedges is not
# plainly asserting, so it never contradicts a denial.
_HEDGE_RE = re.compile(hedge_words().pattern(), re.IGNORECASE)
# Implicit denials ("can only be accessed by members", "stops calling itself", 只需部分装入): a
# side that restricts agrees with a denial more often than it is contradicted by one.
_RESTRICTION_RE = re.compile(restriction_words().pattern(), re.IGNORECASE)


def _plain(text: str) -> str:
    """The text without the compounds that look like negations but are none (不同, 非常, no more
    than, 没有 B 那么大, not as fast as)."""
    for compound in _ZH_NOT_NEGATION:
        text = text.replace(compound, " ")
    text = _ZH_COMPARISON_RE.sub(lambda m: " " * len(m.group(0)), text)
    return _EN_NOT_NEGATION_RE.sub(" ", text)


def negations(text: str) -> int:
    """How many negation cues the text has (not/no/never, 不/没有/无法/...)."""
    text = _plain(text)
    return len(_ZH_NEG_RE.findall(text)) + len(_EN_NEG_RE.findall(text))


def denies_too(text: str, other_terms: set[str]) -> bool:
    """Whether the text also negates, hedges or contrasts what the other side talks about (a
    cue within 8 characters / 2 content words of a shared word, or said of a shared subject):
    then it is not the plain
    assertion a one-sided negation needs ("快速排序中没有这种现象" vs "快速排序不存在这种现象"
    negate the same thing with different words; "not direct connection" vs "not connected")."""
    plain = _plain(text)
    zh_cues = (*_ZH_NEG_RE.finditer(plain), *_HEDGE_RE.finditer(text))  # 不一定 is not in plain
    for match in zh_cues:
        if terms(match.string[match.end() : match.end() + 8]) & other_terms:
            return True
        if terms(match.string[max(0, match.start() - 6) : match.start()]) & other_terms:
            return True  # said of a shared subject: "快速排序不存在…" against "快速排序中没有…"
    for match in (*_EN_NEG_RE.finditer(plain), *_HEDGE_RE.finditer(text)):
        phrase = _negated_phrase(match.string[match.end() : match.end() + 60])
        phrase.append(_subject(match.string[: match.start()]))  # "the bulb is not in …"
        if terms(" ".join(phrase)) & other_terms:
            return True
    return bool(_CONTRAST_RE.search(text) or _RESTRICTION_RE.search(text))


def _negated_phrase(after: str) -> list[str]:
    """Up to 2 content words after an English negation, ending at an article right after one:
    "not direct connection", "none of the tools", "not contained in a closed path", but "not
    connected | the terminals …" (a run-on key's next alternative is not negated)."""
    content: list[str] = []
    last = ""
    for word in re.findall(r"[A-Za-z0-9]+", after):
        low = word.lower()
        if content and last == content[-1] and low in ("the", "a", "an"):
            break
        if low not in EN_STOP_WORDS:
            content.append(word)
            if len(content) == 2:
                break
        last = word
    return content


def scoped_negations(
    text: str,
    other_terms: set[str],
    other_words: set[str],
    before: str = "",
    answer: bool = False,
    other_text: str = "",
) -> int:
    """Negation cues whose negated word (the next content word / 4 characters) occurs on the other
    side: "are not connected" only counts against a text that talks about being connected, and
    (English) only when the word it is said of, if any, is on the other side too (`other_words`:
    its lower-cased words; "B is not in their paths" says nothing of bulbs A and C). A
    Chinese word the text also says un-negated is no denial: "定期运输市场、不定期运输市场" lists
    both kinds (not-words are prefixes there); so is an English one in an `answer` clause ("the
    material that did not go through was too big to go through"), but not in a key point, where
    run-on alternatives say "gap" in many clauses, negated or not."""
    text = _plain(text)
    scopes = [(m.start(), m.end()) for m in _ZH_NEG_RE.finditer(text)]
    rest = list(text)
    for start, cue_end in scopes:
        rest[start : cue_end + 4] = " " * (min(cue_end + 4, len(text)) - start)
    said_plainly = terms("".join(rest))
    count = 0
    for start, cue_end in scopes:
        negated = terms(text[cue_end : cue_end + 4]) & other_terms
        if not _conditional(text, start, before) and negated - said_plainly:
            count += 1
    en_scopes = []  # (cue, end of its negated word)
    for match in _EN_NEG_RE.finditer(text):
        words = re.finditer(r"[A-Za-z0-9]+", text[match.end() : match.end() + 40])
        word = next((w for w in words if w.group(0).lower() not in EN_STOP_WORDS), None)
        en_scopes.append((match, match.end() + word.end() if word else match.end()))
    rest = list(text)
    for match, end in en_scopes:
        rest[match.start() : end] = " " * (end - match.start())
    said_in_answer = terms("".join(rest)) if answer else set()
    for match, _ in en_scopes:
        if _conditional(text, match.start(), before):
            continue
        subject = _subject(text[: match.start()])
        if (
            subject
            and subject not in other_words
            and not terms(subject) & other_terms
            and not other_words & _REFERRING
        ):
            continue  # "the bulb is not connected" denies nothing about the motor
        if _another_kind(text[: match.start()], other_text):
            continue  # "the test set is never used to choose" denies nothing of the validation set
        words = [w for w in re.findall(r"[A-Za-z0-9]+", text[match.end() : match.end() + 40])]
        content = [w for w in words if w.lower() not in EN_STOP_WORDS][:1]
        if (terms(" ".join(content)) & other_terms) - said_in_answer:
            count += 1
    return count


_AUXILIARIES = frozenset(
    "is are was were be been am do does did can could will would shall should may might must has "
    "have had still also just really simply actually definitely certainly".split()
)


def _clause_words(before: str) -> list[str]:
    """The lower-cased words of the clause an English negation ends, auxiliaries left out: its
    subject is the last of them."""
    clause = re.split(r"[,.;:!?()\n]", before)[-1]
    return [w for w in re.findall(r"[a-z0-9]+", clause.lower()) if w not in _AUXILIARIES]


def _subject(before: str) -> str:
    """The word an English negation is said of: the last word before it, skipping auxiliaries
    ("bulb" in "the bulb is not connected", "b" in "B is not in their paths"); "" when that is a
    pronoun or another function word (nothing to compare) or the clause starts with the cue."""
    words = _clause_words(before)
    if not words or words[-1] in EN_STOP_WORDS or words[-1] in _PRONOUNS:
        return ""
    return words[-1]


def _another_kind(before: str, other: str) -> bool:
    """Whether an English negation's subject is qualified ("test set") where the other side
    qualifies the same noun otherwise ("validation set"): two kinds of one thing, so the negation
    denies nothing the other side says."""
    words = _clause_words(before)
    if len(words) < 2:
        return False
    qualifier, head = words[-2], words[-1]
    if {qualifier, head} & (EN_STOP_WORDS | _PRONOUNS):
        return False
    theirs = set(re.findall(rf"\b([a-z0-9]+)\s+{re.escape(head)}\b", other.lower()))
    theirs -= EN_STOP_WORDS | _PRONOUNS
    return bool(theirs) and qualifier not in theirs and qualifier not in _words(other)


_PRONOUNS = frozenset("it its they them he she we you i this that these those there one".split())
_REFERRING = frozenset("it they them he she this these those".split())
"""A side that says "they are connected …" may mean whatever the other side's negation is of."""


def _conditional(text: str, at: int, before: str = "") -> bool:
    """Whether the negation at `at` sits in an if-clause: "如果没有激活函数, 网络只是线性的" states
    what happens without one, it does not deny anything. `before`: what precedes the text in its
    sentence (a window "you cannot …" cut from "… and if you cannot …" keeps its "if")."""
    clause = re.split(r"[，,。；;：:!?！？\n]", before + text[:at])[-1]
    return bool(_CONDITIONAL_RE.search(clause))


def without_negations(text: str) -> str:
    """The text with its negation cues removed: compares what two statements are about."""
    for compound in _ZH_NOT_NEGATION:
        text = text.replace(compound, compound.replace("不", "\0").replace("无", "\1"))
    text = _EN_NEG_RE.sub(" ", _ZH_NEG_RE.sub(" ", _EN_NOT_NEGATION_RE.sub(" ", text)))
    return text.replace("\0", "不").replace("\1", "无")


def contradicts(statement: str, point: str, sentence: str = "") -> bool:
    """The same claim flipped: most of the statement's words are in the point, and either a
    negation whose scope is shared sits on one side only, or (neither side negated) one side
    says a word whose opposite the other says. `sentence`: the answer sentence the statement
    was cut from, if any (its words before the statement can make it an if-clause)."""
    at = sentence.find(statement) if statement else -1
    before = sentence[:at] if at > 0 else ""
    if content_units(point) > 40:
        return False  # a run-on point (alternatives glued together) has no usable locality
    point = _clause_about(statement, point)
    s_terms = terms(without_negations(statement))
    p_terms = terms(without_negations(point))
    shared = s_terms & p_terms
    if len(shared) >= 2 and len(shared) >= 0.5 * len(s_terms):
        # presence, not parity: double negatives are rare, and a clause cut off its "No," would
        # flip a parity count. The side without a scoped negation must assert plainly: one that
        # negates with another cue word (没有 vs 不存在), hedges (不一定) or contrasts (而非,
        # 相比于 Y, rather than) agrees with a denial more often than not.
        s_words, p_words = _words(statement), _words(point)
        s_flipped = (
            scoped_negations(statement, p_terms, p_words, before, answer=True, other_text=point)
            > 0
        )
        p_flipped = scoped_negations(point, s_terms, s_words, other_text=statement) > 0
        if s_flipped != p_flipped and swapped_opposites(statement, point) % 2:
            # two flips cancel: "connected to the positive terminal" says what "not connected
            # to the negative terminal" says, and "not in the same path" what "a separate path"
            return False
        if s_flipped and not p_flipped and not denies_too(point, s_terms):
            return True
        if p_flipped and not s_flipped and not denies_too(before[-40:] + statement, p_terms):
            return True
    if negations(statement) or negations(point) or swapped_opposites(statement, point) % 2 == 0:
        # "not closed" vs "open" agree: with a negation about, opposites are moot; and two swaps
        # are the converse ("the closer …, the more effort" vs "farther …, less effort")
        return False
    s_terms = terms(without_opposites(statement))
    shared = s_terms & terms(without_opposites(point))
    # the swapped pair itself says both are about the same quantity, so one more shared word
    # ("voltage increases" / "voltage decreases") is enough
    return bool(shared) and len(shared) >= 0.5 * len(s_terms)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


_POINT_CLAUSE_RE = re.compile(r"[，,；;：:]")


def _clause_about(statement: str, point: str) -> str:
    """The clause of a multi-clause point that the statement is about: "它不会压缩数据值，所以数据值
    会不断变大" holds its "不会" for the first clause only, so an answer saying the second must be
    compared with the second."""
    clauses = [c for c in _POINT_CLAUSE_RE.split(point) if content_units(c) >= 2]
    if len(clauses) <= 1 or _POINT_CLAUSE_RE.search(statement.strip(" ，,；;：:")):
        return point  # a statement of several clauses is weighed against the whole point
    s_terms = terms(without_negations(without_opposites(statement)))
    return max(clauses, key=lambda c: len(s_terms & terms(without_negations(without_opposites(c)))))


# Opposite words (vocabulary/data/negation.toml): English as whole words (inflections listed),
# Chinese as substrings (only words of two or more characters: 快/慢 alone hide in too many
# compounds), plus a degree word before either pole ("很快" against "更慢").
_OPPOSITES = opposites()
_EN_OPPOSITES = _OPPOSITES.english
_ZH_DEGREE = "".join(_OPPOSITES.chinese_degree)
_ZH_OPPOSITES: tuple[tuple[str, str], ...] = (
    *((re.escape(a), re.escape(b)) for a, b in _OPPOSITES.chinese),
    *((f"[{_ZH_DEGREE}]{a}", f"[{_ZH_DEGREE}]{b}") for a, b in _OPPOSITES.chinese_poles),
)
_ZH_SIDES = [(re.compile(a), re.compile(b)) for a, b in _ZH_OPPOSITES]
_EN_SIDES = [(frozenset(a), frozenset(b)) for a, b in _EN_OPPOSITES]
OPPOSITE_WORDS_RE = re.compile(
    r"\b(?:"
    + "|".join(w for a, b in _EN_OPPOSITES for w in (*a, *b))
    + r")\b|"
    + "|".join(w for pair in _ZH_OPPOSITES for w in pair),
    re.IGNORECASE,
)
"""Any word of the opposites lists."""


def says_opposites(text: str) -> bool:
    """Whether the text has any word of the opposites lists (a cheap pre-check)."""
    return bool(OPPOSITE_WORDS_RE.search(text))


_OPPOSITE_VOCABULARY = frozenset(w for a, b in _EN_OPPOSITES for w in (*a, *b))
_OPPOSITE_BY_SLIP = {
    d: w
    for w in sorted(_OPPOSITE_VOCABULARY)
    if len(w) >= TYPO_MIN_LETTERS
    for d in letter_dropped(w)
    if d != w[:-1] and d not in _OPPOSITE_VOCABULARY  # "close" is a word, not "closed" misspelt
}
"""A long opposite word with one inner letter dropped ("postive", "positve"): still said."""


def _opposite_words(text: str) -> set[str]:
    """The text's English words, a long opposite word misspelt by one dropped letter mended."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return {_OPPOSITE_BY_SLIP.get(w, w) for w in words}


def swapped_opposites(statement: str, point: str) -> int:
    """How many pairs of opposites are swapped: one text says a word, the other its opposite
    (and neither says both)."""
    s_words = _opposite_words(statement)
    p_words = _opposite_words(point)
    swaps = 0
    for a, b in _EN_SIDES:
        s_a, s_b, p_a, p_b = (
            bool(s_words & a),
            bool(s_words & b),
            bool(p_words & a),
            bool(p_words & b),
        )
        swaps += (s_a and p_b and not s_b and not p_a) or (s_b and p_a and not s_a and not p_b)
    for ra, rb in _ZH_SIDES:
        s_a, s_b = bool(ra.search(statement)), bool(rb.search(statement))
        p_a, p_b = bool(ra.search(point)), bool(rb.search(point))
        swaps += (s_a and p_b and not s_b and not p_a) or (s_b and p_a and not s_a and not p_b)
    return swaps


def states_converse(sentence: str, point: str) -> bool:
    """Whether the sentence swaps an even number (2, 4) of opposites against the point: "the
    closer the effort, the more effort it takes" is the converse of "farther …, less effort",
    so neither of its clauses contradicts the point, though each alone swaps one pair."""
    if not sentence or negations(sentence) or negations(point):
        return False
    swaps = swapped_opposites(sentence, point)
    return swaps > 0 and swaps % 2 == 0


def without_opposites(text: str) -> str:
    """The text with its opposite words removed: compares what two statements are about."""
    return OPPOSITE_WORDS_RE.sub(" ", text)
