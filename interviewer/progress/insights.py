"""Delivery insights for spoken-style answers: counted from the text, never guessed by a model.

Interview coaches look at *how* something was said as well as what: verbal fillers, length and
pace, saying the same thing twice, and whether the answer had a shape (definition → why/how →
example or trade-off). Everything here is a plain count over the answer text, so a candidate can
check each number by reading their own answer.

Counting rules (kept deliberately simple and predictable; the fillers, and the words the rules
below check, are vocabulary/data/fillers.toml, shared with the graders that strip them):

* Units: every Chinese character is one unit and every English word / number (`Adam`, `L2`, `0.9`,
  `trade-off`) is one unit. `length` = Chinese characters + English words.
* 嗯 / 呃 / 啊: always fillers; a run (`嗯嗯嗯`) counts once.
* 就是说: a filler unless preceded by 也 (`也就是说` is the legitimate "that is to say").
* 就是: a filler when it opens a clause (start of text, after punctuation or after another
  filler), is followed by a pause (punctuation, space, end) or is repeated; mid-sentence it is a
  copula (`BN就是把…`, then it is a definition cue), and 也就是 is a connective.
* 那个: a filler at the very start of the answer, right after another filler, before a pause, or
  repeated (`那个那个`); elsewhere a demonstrative (`那个参数很重要`), not a filler.
* 然后: not counted when it is the tail of another word (`自然`+`后验`, `虽然`+`后者`); not counted
  for the first 然后 after 先/首先/第一 in the same sentence (a genuine "first …, then …"); every
  other 然后 is counted.
* 对吧: a filler unless it ends a word such as 相对/绝对/针对 (`相对吧` is not a tag question).
* um / uh (and umm, uhh, uhm, erm): always fillers.
* you know: a filler unless it is a real verb phrase — preceded by do/did/if/… or followed by an
  object word such as what/how/that/whether.
* like: a filler when set off by a pause (`it's, like, …`, `like, the …`), repeated (`like like`),
  or next to another filler (`um like`). After words that take "like" (`looks like`, `would like`,
  `something like`, …) or mid-sentence without a pause (`works like momentum`) it is a word.
* Speed: `length` per minute of `elapsed_s`; None when the time is unknown.
* Repetition: fillers and punctuation removed; the share of 5-unit n-grams that already occurred
  earlier in the answer, and the share of sentences (≥ 4 units) that repeat an earlier one.
* Structure: cue phrases for each part — flags, not a score (see `_CUES`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from interviewer.vocabulary.cjk import CJK
from interviewer.vocabulary.fillers import Filler, counted

NGRAM = 5
"""n-gram length for repetition: long enough that reusing a short term (BN, 动量) is no repeat."""
MIN_SENTENCE_UNITS = 4

_CJK_RE = re.compile(f"[{CJK}]")
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’.+\-][A-Za-z0-9]+)*")
_UNIT_RE = re.compile(f"[{CJK}]|[A-Za-z0-9]+(?:['’.+\\-][A-Za-z0-9]+)*")
_PAUSE_CHARS = set("，,。.！!？?；;：:、…—–-~～()（）[]【】「」『』\"'“”‘’/\\|")
_SENTENCE_END_RE = re.compile(r"[。！？!?；;\n]+|\.(?=\s|$)")

# The counted fillers and the words their context rules check: vocabulary/data/fillers.toml.
_ZH_COUNTED = {f"f{i}": f for i, f in enumerate(f for f in counted() if f.chinese)}
_ZH_FILLER_RE = re.compile(
    "|".join(
        f"(?P<{group}>{f.pattern})"
        for group, f in sorted(_ZH_COUNTED.items(), key=lambda item: -len(item[1].text))
    )
)
_EN_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_EN_SOUNDS = {form: f for f in counted() if f.sound and not f.chinese for form in f.forms}
_EN_PHRASES = tuple((f.text.split(), f) for f in counted() if not f.sound and not f.chinese)

FILLERS = tuple(f.text for f in counted())
"""Every filler that is counted, in display order."""

# Structure cue phrases. Chinese cues match anywhere; English cues on word boundaries.
_CUES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "definition": (
        ("是指", "指的是", "定义", "就是", "是一种", "是一类", "所谓", "意思是"),
        ("refers to", "defined as", "definition", "means", "a kind of", "a type of", "is when"),
    ),
    "reasoning": (
        ("因为", "原因", "所以", "通过", "由于", "为了", "目的是", "导致", "从而", "使得", "原理"),
        (
            "because",
            "since",
            "so that",
            "therefore",
            "the reason",
            "works by",
            "in order to",
            "due to",
            "thus",
        ),
    ),  # fmt: skip
    "example": (
        ("比如", "例如", "举个例子", "举例", "譬如", "比方说"),
        ("for example", "for instance", "e.g.", "such as"),
    ),
    "tradeoff": (
        (
            "但是",
            "缺点",
            "相比",
            "优点",
            "不足",
            "劣势",
            "优势",
            "代价",
            "权衡",
            "然而",
            "不过",
            "区别",
            "对比",
            "局限",
        ),
        (
            "trade-off",
            "tradeoff",
            "trade off",
            "however",
            "but",
            "downside",
            "drawback",
            "disadvantage",
            "advantage",
            "compared",
            "versus",
            "vs",
            "on the other hand",
        ),
    ),  # fmt: skip
}
PARTS = tuple(_CUES)
"""Structure parts in the order a well-shaped answer visits them."""


@dataclass(frozen=True)
class DeliveryInsights:
    """How one answer was delivered; every field is a count or a ratio derived from counts."""

    characters: int
    """Non-whitespace characters, punctuation included."""
    chinese_chars: int
    english_words: int
    fillers: dict[str, int] = field(default_factory=dict)
    """Filler -> occurrences; only fillers that occurred."""
    elapsed_s: float | None = None
    repeated_ngram_ratio: float = 0.0
    repeated_sentence_ratio: float = 0.0
    has_definition: bool = False
    has_reasoning: bool = False
    has_example: bool = False
    has_tradeoff: bool = False
    spoken: bool = False
    """The answer is a transcript of speech. Only then is units per minute a speaking rate:
    typed and pasted text gives figures like "1152 字/分" that describe nothing about speech.
    The app takes typed answers, so today its elapsed time is only ever typing time."""

    @property
    def length(self) -> int:
        """Chinese characters + English words: comparable across both languages."""
        return self.chinese_chars + self.english_words

    @property
    def filler_count(self) -> int:
        return sum(self.fillers.values())

    @property
    def fillers_per_100(self) -> float:
        """Fillers per 100 units, so long and short answers compare."""
        return 100.0 * self.filler_count / self.length if self.length else 0.0

    @property
    def chars_per_min(self) -> float | None:
        """Speaking rate in units per minute; None when the answer was not spoken or not timed."""
        if not self.spoken or not self.elapsed_s or self.elapsed_s <= 0:
            return None
        return self.length * 60.0 / self.elapsed_s

    @property
    def parts(self) -> dict[str, bool]:
        return {
            "definition": self.has_definition,
            "reasoning": self.has_reasoning,
            "example": self.has_example,
            "tradeoff": self.has_tradeoff,
        }

    @property
    def structured(self) -> bool:
        """Definition, a why/how, and an example or a trade-off: the shape interviewers expect."""
        closing = self.has_example or self.has_tradeoff
        return self.has_definition and self.has_reasoning and closing

    @property
    def missing_parts(self) -> list[str]:
        return [name for name, present in self.parts.items() if not present]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict including the derived figures (for export and reports)."""
        data = asdict(self)
        data.update(
            length=self.length,
            filler_count=self.filler_count,
            fillers_per_100=round(self.fillers_per_100, 2),
            chars_per_min=None if self.chars_per_min is None else round(self.chars_per_min, 1),
            structured=self.structured,
        )
        return data

    def describe(self) -> str:
        """One short line for beside a verdict."""
        bits = [f"{self.length} units"]
        if self.elapsed_s:
            bits.append(f"{self.elapsed_s:.0f}s")
        if self.chars_per_min is not None:
            bits.append(f"{self.chars_per_min:.0f}/min")
        if self.fillers:
            top = sorted(self.fillers.items(), key=lambda kv: (-kv[1], FILLERS.index(kv[0])))
            bits.append("fillers " + ", ".join(f"{w}×{n}" for w, n in top[:3]))
        else:
            bits.append("no fillers")
        if self.repeated_sentence_ratio > 0 or self.repeated_ngram_ratio >= 0.1:
            bits.append(f"repetition {self.repeated_ngram_ratio:.0%}")
        marks = " ".join(f"{name}{'✓' if ok else '✗'}" for name, ok in self.parts.items())
        bits.append(marks)
        return " · ".join(bits)


def analyze(
    answer: str, elapsed_s: float | None = None, *, spoken: bool = False
) -> DeliveryInsights:
    """Count fillers, length, pace, repetition and structure cues in one answer (`spoken`: a
    transcript of speech, the only kind whose pace is a speaking rate)."""
    text = answer or ""
    spans = _filler_spans(text)
    fillers = Counter(name for _, _, name in spans)
    masked = _mask(text, spans)
    units = [u.lower() for u in _UNIT_RE.findall(masked)]
    parts = _structure(masked)
    return DeliveryInsights(
        characters=sum(1 for ch in text if not ch.isspace()),
        chinese_chars=len(_CJK_RE.findall(text)),
        english_words=len(_WORD_RE.findall(text)),
        fillers={name: fillers[name] for name in FILLERS if fillers[name]},
        elapsed_s=elapsed_s if elapsed_s is not None and elapsed_s > 0 else None,
        repeated_ngram_ratio=_repeated_ngram_ratio(units),
        repeated_sentence_ratio=_repeated_sentence_ratio(masked),
        has_definition=parts["definition"],
        has_reasoning=parts["reasoning"],
        has_example=parts["example"],
        has_tradeoff=parts["tradeoff"],
        spoken=spoken,
    )


# --- fillers ---------------------------------------------------------------------------------


def _filler_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, filler) for every counted filler, left to right."""
    spans = _zh_filler_spans(text) + _en_filler_spans(text)
    return sorted(spans)


def _is_pause(ch: str) -> bool:
    return ch.isspace() or ch in _PAUSE_CHARS


def _prev_char(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _zh_filler_spans(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    matches = list(_ZH_FILLER_RE.finditer(text))
    last_filler_end = -1
    for pos, m in enumerate(matches):
        start, end = m.start(), m.end()
        filler = _ZH_COUNTED[str(m.lastgroup)]
        before = text[:start].rstrip()
        opens_clause = not before or _is_pause(before[-1]) or last_filler_end == len(before)
        after = text[end:]
        pause_after = not after or _is_pause(after[0])
        nxt = matches[pos + 1] if pos + 1 < len(matches) else None
        repeated = nxt is not None and nxt.start() == end
        if filler.sound:
            said = True
        elif filler.text == "就是":
            said = opens_clause or pause_after or repeated
        elif filler.text == "那个":
            after_filler = not before or last_filler_end == len(before)
            said = after_filler or pause_after or repeated
        else:  # a filler unless a word before makes it part of one (below), or 然后 answers 先
            said = not _answers_sequence(text, start, m.group(), filler.sequence_cues)
        if said and _prev_char(text, start) not in filler.not_after:
            found.append((start, end, filler.text))
            last_filler_end = end
    return found


def _answers_sequence(text: str, start: int, word: str, cues: tuple[str, ...]) -> bool:
    """True for the first `word` (at `start`) after one of the `cues` in its sentence (然后 after
    先/首先/第一): a real "then", not a tic."""
    if not cues:
        return False
    sentence_start = 0
    for m in _SENTENCE_END_RE.finditer(text, 0, start):
        sentence_start = m.end()
    sentence = text[sentence_start:start]
    cue_at = max(sentence.rfind(cue) for cue in cues)
    return cue_at >= 0 and word not in sentence[cue_at:]


def _en_filler_spans(text: str) -> list[tuple[int, int, str]]:
    words = list(_EN_WORD_RE.finditer(text))
    lower = [w.group().lower().replace("’", "'") for w in words]
    found: list[tuple[int, int, str]] = []

    def gap(a: int, b: int) -> str:
        """Text between word a's end and word b's start ('' at a text edge)."""
        lo = words[a].end() if a >= 0 else 0
        hi = words[b].start() if b < len(words) else len(text)
        return text[lo:hi]

    def adjacent(i: int) -> bool:
        """Separated only by spaces (no punctuation or Chinese text)."""
        return 0 <= i < len(words) and gap(min(i, i + 1), max(i, i + 1)).strip() == ""

    def sound(i: int) -> Filler | None:
        """The hesitation sound word i is (um, umm, erm, uh), if any."""
        if not 0 <= i < len(words):
            return None
        return _EN_SOUNDS.get(lower[i])

    def set_off(i: int) -> bool:
        """Whether word i stands apart from its sentence: a pause on either side, doubled, next
        to a hesitation sound or right after "you know" (the rule for "like")."""
        before, after = gap(i - 1, i), gap(i, i + 1)
        prev = lower[i - 1] if i > 0 and before.strip() == "" else ""
        pause_before = i > 0 and any(_is_pause(c) and not c.isspace() for c in before)
        pause_after = any(_is_pause(c) and not c.isspace() for c in after)
        doubled = (prev == lower[i]) or (i + 1 < len(words) and lower[i + 1] == lower[i])
        next_to_sound = (sound(i - 1) and adjacent(i - 1)) or (sound(i + 1) and adjacent(i))
        after_you_know = i >= 2 and lower[i - 2 : i] == ["you", "know"]
        return bool(pause_before or pause_after or doubled or next_to_sound or after_you_know)

    for i in range(len(words)):
        said = sound(i)
        if said is not None:
            found.append((words[i].start(), words[i].end(), said.text))
            continue
        for phrase, filler in _EN_PHRASES:
            last = i + len(phrase) - 1
            if lower[i : last + 1] != phrase or any(gap(j, j + 1).strip() for j in range(i, last)):
                continue
            prev = lower[i - 1] if i > 0 and gap(i - 1, i).strip() == "" else ""
            follows = last + 1 < len(words) and gap(last, last + 1).strip() == ""
            nxt = lower[last + 1] if follows else ""
            if prev in filler.not_after or nxt in filler.not_before:
                break
            if filler.text == "like" and not set_off(i):
                break
            found.append((words[i].start(), words[last].end(), filler.text))
            break
    return found


def _mask(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The text with fillers replaced by a pause, so they count neither as units nor as cues."""
    out, cursor = [], 0
    for start, end, _ in spans:
        out.append(text[cursor:start])
        out.append("，")
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


# --- repetition and structure --------------------------------------------------------------------


def _repeated_ngram_ratio(units: list[str]) -> float:
    grams = [tuple(units[i : i + NGRAM]) for i in range(len(units) - NGRAM + 1)]
    if not grams:
        return 0.0
    seen: set[tuple[str, ...]] = set()
    repeats = 0
    for gram in grams:
        if gram in seen:
            repeats += 1
        seen.add(gram)
    return repeats / len(grams)


def _repeated_sentence_ratio(masked: str) -> float:
    sentences = []
    for piece in _SENTENCE_END_RE.split(masked):
        units = _UNIT_RE.findall(piece.lower())
        if len(units) >= MIN_SENTENCE_UNITS:
            sentences.append(" ".join(units))
    if not sentences:
        return 0.0
    counts = Counter(sentences)
    repeats = sum(n - 1 for n in counts.values())
    return repeats / len(sentences)


def _structure(masked: str) -> dict[str, bool]:
    lowered = masked.lower()
    flags = {}
    for part, (zh, en) in _CUES.items():
        hit = any(cue in masked for cue in zh) or any(
            re.search(rf"(?<![a-z]){re.escape(cue)}(?![a-z])", lowered) for cue in en
        )
        flags[part] = hit
    return flags


# --- per session ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionDelivery:
    """Delivery over a session's answered turns (empty answers and skips left out)."""

    answers: int
    total_length: int
    total_fillers: int
    fillers: dict[str, int]
    timed_seconds: float
    """Total time of the spoken answers that were timed (typing time is no speaking rate)."""
    timed_length: int
    """Total units of the spoken answers that were timed (the numerator of the pace)."""
    mean_repeated_ngram_ratio: float
    structured: int
    """Answers that had the full definition → why/how → example/trade-off shape."""
    parts: dict[str, int]
    """Structure part -> answers that had it."""

    @property
    def mean_length(self) -> float:
        return self.total_length / self.answers if self.answers else 0.0

    @property
    def fillers_per_100(self) -> float:
        return 100.0 * self.total_fillers / self.total_length if self.total_length else 0.0

    @property
    def chars_per_min(self) -> float | None:
        return self.timed_length * 60.0 / self.timed_seconds if self.timed_seconds > 0 else None

    @property
    def structured_share(self) -> float:
        return self.structured / self.answers if self.answers else 0.0

    @property
    def top_fillers(self) -> list[tuple[str, int]]:
        return sorted(self.fillers.items(), key=lambda kv: (-kv[1], FILLERS.index(kv[0])))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(
            mean_length=round(self.mean_length, 1),
            fillers_per_100=round(self.fillers_per_100, 2),
            chars_per_min=None if self.chars_per_min is None else round(self.chars_per_min, 1),
            structured_share=round(self.structured_share, 3),
        )
        return data


def summarize(insights: Iterable[DeliveryInsights]) -> SessionDelivery:
    """Add up per-answer insights; pace is total units over total timed minutes."""
    items = [i for i in insights if i.length > 0]
    fillers: Counter[str] = Counter()
    for item in items:
        fillers.update(item.fillers)
    timed = [i for i in items if i.elapsed_s and i.spoken]
    return SessionDelivery(
        answers=len(items),
        total_length=sum(i.length for i in items),
        total_fillers=sum(i.filler_count for i in items),
        fillers={name: fillers[name] for name in FILLERS if fillers[name]},
        timed_seconds=float(sum(i.elapsed_s or 0.0 for i in timed)),
        timed_length=sum(i.length for i in timed),
        mean_repeated_ngram_ratio=(
            sum(i.repeated_ngram_ratio for i in items) / len(items) if items else 0.0
        ),
        structured=sum(1 for i in items if i.structured),
        parts={part: sum(1 for i in items if i.parts[part]) for part in PARTS},
    )


def summarize_session(turns: Iterable[Any]) -> SessionDelivery:
    """Summarise answered turns: anything with `.answer` and `.elapsed_s` (TurnRecord), or with a
    precomputed `.insights` (GradedTurn)."""
    collected = []
    for turn in turns:
        ready = getattr(turn, "insights", None)
        if isinstance(ready, DeliveryInsights):
            collected.append(ready)
            continue
        answer = getattr(turn, "answer", None)
        if answer and answer.strip():
            collected.append(analyze(answer, getattr(turn, "elapsed_s", None)))
    return summarize(collected)
