"""Text plumbing shared by the graders: normalise hostile or spoken input, strip fillers, and pull
out the technical terms used as a lexical signal (English words, Chinese bigrams).

Why a module of its own: every rule here is about *language*, none about scoring, so it can be
tested without the model.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

from interviewer.vocabulary.cjk import CJK
from interviewer.vocabulary.fillers import (
    STRIP_ANYWHERE,
    STRIP_BEFORE_COMMA,
    STRIP_CLAUSE_OPENING,
    STRIP_IN_CONTEXT,
    stripped,
)

_CJK_RE = re.compile(f"[{CJK}]")
_WORD_RE = re.compile(rf"[A-Za-z][A-Za-z0-9+#\-]*|\d+(?:\.\d+)?|[{CJK}]+")


def _filler_patterns() -> tuple[re.Pattern[str], ...]:
    """(English, Chinese, Chinese in context, Chinese clause-opening) patterns of the spoken fillers
    grading strips (vocabulary/data/fillers.toml): English ones as whole words, any case, "like"
    only before a comma; Chinese ones anywhere, longest first; then 那个 and 额 where their context
    allows; then the clause-opening ones (就是) where no content word comes right before them."""
    english = stripped(STRIP_ANYWHERE, chinese=False) + stripped(STRIP_IN_CONTEXT, chinese=False)
    before_comma = "|".join(f.strip_pattern for f in stripped(STRIP_BEFORE_COMMA, chinese=False))
    en = rf"(?<![A-Za-z])(?:{'|'.join(f.strip_pattern for f in english)})(?![A-Za-z])"
    if before_comma:
        en += rf"|(?<![A-Za-z]){before_comma}\s*,"
    anywhere = sorted(
        stripped(STRIP_ANYWHERE, chinese=True), key=lambda f: len(f.text), reverse=True
    )
    zh = "|".join(f.strip_pattern for f in anywhere)
    context = "|".join(f.strip_pattern for f in stripped(STRIP_IN_CONTEXT, chinese=True))
    opening = "|".join(f.strip_pattern for f in stripped(STRIP_CLAUSE_OPENING, chinese=True))
    # 就是 with no content word before it (start, punctuation, a pause after Chinese): a filler, not
    # a copula; after an English word a space only separates words ("precision 就是…")
    jiushi = rf"(?<![{CJK}A-Za-z0-9])(?<![A-Za-z0-9] )(?:{opening})"
    return (
        re.compile(en, re.IGNORECASE),
        re.compile(zh),
        re.compile(context),
        re.compile(jiushi),
    )


# Fillers of spoken answers: stripped before embedding so style never costs points.
_EN_FILLER_RE, _ZH_FILLER_RE, _ZH_CONTEXT_FILLER_RE, _FILLER_JIUSHI_RE = _filler_patterns()


SENTENCE_SPLIT_RE = re.compile(r"[。！？；;\n]+|[!?]+(?!=)|(?<=[a-z0-9)])\.\s+")
"""Sentence ends in Chinese and English text (the ! of != is none)."""

_ZH_STOP_CHARS = set("的了是在和与及或也都就而被把这那个一有为其之即等中上下对于以将从所")
EN_STOP_WORDS = frozenset(
    """a an the of to in on at by for with from as is are was were be been being it its this that
    these those and or but if then so than there their they them he she we you i me my our your his
    her what which who whom when where why how do does did can could would should will shall may
    might must has have had into out up down about over under again further once all any both each
    few more most other some such only own same too very just also because while until one
    two""".split()
)


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", "0123456789+-=()ni")
_SUPERSCRIPT_RUN_RE = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ]+")


def _superscript(match: re.Match[str]) -> str:
    """ "2ⁿ⁻¹" is 2^(n-1): NFKC alone would make it "2n-1", another formula."""
    power = match.group(0).translate(_SUPERSCRIPTS)
    return f"^{power}" if len(power) == 1 or power.startswith("(") else f"^({power})"


FORMULA_RE = re.compile(
    r"[A-Za-z0-9]+\s*\^\s*(?:\([^()\n]{1,30}\)|[A-Za-z0-9]+)"  # 2^(n-1), n ^ 2
    r"|(?<![A-Za-z])[A-Za-z]\([^()\n]{1,30}\)"  # O(n * log n), f(x)
    # (n - 1), (2 * k): operands a letter or a number, so "(sigmoid - tanh)" stays prose
    r"|\([^()\n]{0,30}?(?<![A-Za-z])(?:\d+|[A-Za-z])\s*[-+*/^=]\s*(?:\d+|[A-Za-z])(?![A-Za-z])"
    r"[^()\n]{0,30}?\)"
)
"""A formula written inline: a power, a function of something (big-O), bracketed arithmetic."""
_FORMULA_TERM_RE = re.compile(
    r"[A-Za-z0-9]+\^(?:\([^()]+\)|[A-Za-z0-9]+)|(?<![A-Za-z])[A-Za-z]\([^()]+\)"
)


def _tight_formula(match: re.Match[str]) -> str:
    """ "2 ^ (n - 1)" is "2^(n-1)": spacing around operators is style (only inside a formula,
    since " - " in prose is a dash)."""
    return re.sub(r"\s*([-+*/^=()])\s*", r"\1", match.group(0))


def clean_text(text: str) -> str:
    """NFKC, no control characters or emoji, single spaces: hostile input must not crash or skew.
    Formula characters stay: "2^(n-1)" read as "2 (n-1)" is another answer (ASCII ^ and ` are
    modifier symbols, like the emoji skin tones that are dropped)."""
    text = unicodedata.normalize("NFKC", _SUPERSCRIPT_RUN_RE.sub(_superscript, text))
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\n\t":
            out.append("\n" if ch == "\n" else " ")
        elif (
            cat[0] == "C"
            or cat == "So"
            or (cat == "Sk" and not ch.isascii())
            or 0x1F000 <= ord(ch) <= 0x1FAFF
        ):
            out.append(" ")
        else:
            out.append(ch)
    text = FORMULA_RE.sub(_tight_formula, "".join(out))
    text = re.sub(r"[ \u3000]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()


_REPEATED_PHRASE_RE = re.compile(r"(\S.{1,39}?)(?:\s*\1){3,}", re.DOTALL)
"""A phrase said four or more times running ("and so on and so on …"): padding, not content."""


def _once(match: re.Match[str]) -> str:
    """The repeated phrase once, unless it has no letter in it: 10000 and 1,1,1,1 are numbers."""
    phrase = match.group(1)
    return match.group(0) if not re.search(r"[^\d\W]", phrase) else phrase


def strip_fillers(text: str) -> str:
    """Drop spoken fillers (嗯, 那个, um, like, ...) and stutters so they cannot move the score.
    Only words that are never part of a claim go: 就是 only opening a clause ("对 就是…"), since
    between two content words it is the verb ("反向传播就是梯度下降"); 那个 not after 的 ("最大的
    那个类"); 额 not in 额外; "kind of" not after a determiner ("any kind of data"). 的话
    (a condition or topic: "回归的话用交叉熵") stays. 然后 and 其实 go: spoken, they are mostly
    discourse glue ("…再做拉普拉斯 然后最常用的是canny" is no sequence), so keys do not word
    claims with them. A phrase said four times running is said once (padding earns no length).
    The key check grades the stripped text, as the grader does, so a key wording that stripping
    would cut is caught."""
    text = _EN_FILLER_RE.sub(" ", text)
    text = _ZH_FILLER_RE.sub("", text)
    text = _ZH_CONTEXT_FILLER_RE.sub("", text)
    text = _FILLER_JIUSHI_RE.sub("", text)
    text = re.sub(rf"([{CJK}])\1{{2,}}", r"\1", text)  # 我我我 -> 我
    text = _REPEATED_PHRASE_RE.sub(_once, text)  # numbers stay: 10000, 1,1,1,1
    # the the -> the (a word, not a number: "-1 1" is a range)
    text = re.sub(r"\b([^\W\d_]\w*)(?:\s+\1\b)+", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*([,，])(?:\s*[,，])+", r"\1", text)
    text = re.sub(r"^[\s,，.。]+", "", text)
    return re.sub(r"[ ]{2,}", " ", text).strip()


def is_cjk(text: str) -> bool:
    """Whether the text is mostly Chinese (decides windows, templates and tokenisation)."""
    cjk = len(_CJK_RE.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return cjk >= max(1, latin // 4)


def terms(text: str) -> set[str]:
    """Technical terms as a lexical signal: lower-cased English words (light stemming, no stop
    words), numbers, Chinese bigrams within runs split at function characters, and formulas
    as written after `clean_text` ("o(n)", "2^(n-1)": their letters alone are no terms)."""
    found = {f.lower() for f in _FORMULA_TERM_RE.findall(text)}  # "O(n)", "2^(n-1)" as written
    for token in _WORD_RE.findall(text):
        if _CJK_RE.match(token):
            piece = ""
            for ch in token + "的":
                if ch in _ZH_STOP_CHARS:
                    if len(piece) == 1:
                        found.add(piece)
                    found.update(piece[i : i + 2] for i in range(len(piece) - 1))
                    piece = ""
                else:
                    piece += ch
        else:
            word = token.lower()
            if word in EN_STOP_WORDS or len(word) < 2 and not word.isdigit():
                continue
            found.add(stem(word))
    return found


_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball's English stem: "connected", "connection" and "connects" are one term (a light
    suffix-stripper kept "connection" apart, and answers say it one way, keys the other)."""
    return _STEMMER.stemWord(word)


_UNIT_WORD_RE = re.compile(r"[A-Za-z]+|\d+")
"""An English word or a number: one unit of what an answer says (not a term: _WORD_RE)."""


def content_units(text: str) -> int:
    """Length that counts knowledge, not characters: CJK chars + English words + numbers."""
    return len(_CJK_RE.findall(text)) + len(_UNIT_WORD_RE.findall(text))


WORD_UNITS = 1.5
"""An English word (or number) says about as much as one and a half Chinese characters."""


def spoken_length(text: str) -> float:
    """How much an answer says, in Chinese characters: comparable across Chinese, English and
    mixed answers (content_units counts a word and a character alike)."""
    return len(_CJK_RE.findall(text)) + WORD_UNITS * len(_UNIT_WORD_RE.findall(text))


TYPO_MIN_LETTERS = 6
"""English terms this long match a term one typing slip away ("conncted" for "connected");
shorter words are too often other words one letter apart ("later" / "layer")."""


class SlipTolerantTerms:
    """An answer's terms, where a long English term also matches the same term with one slip
    (a letter dropped, added, swapped or mistyped): candidates type fast in a terminal and
    dictate, and a misspelt term still shows they know it. Chinese bigrams and glossary concept
    tokens match exactly."""

    def __init__(self, answer_terms: set[str]):
        self.exact = answer_terms
        self._variants: set[str] = set()
        for term in answer_terms:
            if _typo_candidate(term):
                self._variants.add(term)
                self._variants.update(letter_dropped(term))

    def __contains__(self, term: object) -> bool:
        if term in self.exact:
            return True
        if not isinstance(term, str) or not _typo_candidate(term):
            return False
        return term in self._variants or any(d in self._variants for d in letter_dropped(term))

    def share(self, wanted: set[str]) -> float:
        """The share of `wanted` terms the answer uses (0 when there are none)."""
        return sum(t in self for t in wanted) / len(wanted) if wanted else 0.0


def _typo_candidate(term: str) -> bool:
    return len(term) >= TYPO_MIN_LETTERS and term.isascii() and term.isalpha()


def letter_dropped(term: str) -> set[str]:
    """The term with one letter left out, the first kept (slips rarely hit the first letter and
    keeping it rules out most look-alikes)."""
    return {term[:i] + term[i + 1 :] for i in range(1, len(term))}
