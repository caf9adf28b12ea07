"""Realistic candidate answers to real seed questions, made from the questions' own references.

Speed benchmarks need answers of a candidate's length and style, not grading-quality labels:
a spoken rewrite of the reference (filler words, clipped like someone talking for ~30 s), a
half-remembered one (only the first points), and a vague one. Deterministic for a seed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from random import Random

OPENERS = ("嗯，我理解是这样的，", "这个我说一下，", "我记得是，", "好的，", "嗯……")
CLOSERS = ("大概就是这些。", "差不多是这样吧。", "", "嗯，就这些。")
VAGUE = (
    "这个我记得好像是为了让训练更稳定一点，收敛更快，具体细节不太确定了。",
    "嗯，主要是和梯度有关系吧，然后效果会更好，别的我想不起来了。",
    "I think it is mainly about making the model generalize better, 具体公式记不清了。",
)
_SENTENCE = re.compile(r"(?<=[。！？；;!?\n])")


@dataclass(frozen=True)
class Answer:
    style: str
    """'good' (most of the reference, spoken), 'partial' (its first points) or 'vague'."""
    text: str


def answers_for(reference: str, rng: Random, max_chars: int = 400) -> list[Answer]:
    """Three answers of different quality to the question `reference` answers."""
    sentences = [s.strip() for s in _SENTENCE.split(reference) if s.strip()]
    if not sentences:
        sentences = [reference.strip()]
    good = _spoken(sentences, rng)[:max_chars]
    half = _spoken(sentences[: max(1, len(sentences) // 2)], rng)[: max_chars // 2]
    return [Answer("good", good), Answer("partial", half), Answer("vague", rng.choice(VAGUE))]


def _spoken(sentences: list[str], rng: Random) -> str:
    joined = "，然后".join(s.rstrip("。；;") for s in sentences)
    return f"{rng.choice(OPENERS)}{joined}。{rng.choice(CLOSERS)}"
