"""How the texts of one grade are cut into forward passes of the embedding model.

A batch is padded to its longest text, so one long text (the whole answer, a reference) in a batch
of short clauses makes every clause pay for its length; and every forward pass has a fixed cost
(on 1 CPU thread, a 10-token text takes ~2/3 of the time of a 40-token one). Sorted by length, the
texts are split where the padding saved is worth another pass: the cut that minimises the padded
tokens plus PASS_TOKENS per pass (dynamic programming over the sorted lengths, n <= ~100 texts).
Lengths are estimated without the tokenizer (the grader only knows `embed_symmetric`); the
estimate is within ~10% of e5's XLM-R tokenizer on the dev answers, which is all a cut needs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from interviewer.grading.text import CJK

PASS_TOKENS = 32.0
"""The fixed cost of one forward pass, in tokens' worth of compute (multilingual-e5-small, 1 CPU
thread: ~15 ms, and each further token ~0.5 ms)."""

MAX_TOKENS = 512.0
"""e5 truncates longer texts."""

_CJK_RE = re.compile(f"[{CJK}]")
_WORD_RE = re.compile(r"[A-Za-z]+")
_NUMBER_RE = re.compile(r"\d+")
_OTHER_RE = re.compile(rf"[^\sA-Za-z0-9{CJK}]")


def token_estimate(text: str) -> float:
    """Tokens e5 gives `text` with its prefix and special tokens (fitted on dev answers: 0.8 per
    Chinese character, 1.3 per English word, 0.8 per number, 0.5 per other symbol, 5 fixed); the
    model reads at most MAX_TOKENS."""
    return min(
        MAX_TOKENS,
        5.0
        + 0.8 * len(_CJK_RE.findall(text))
        + 1.3 * len(_WORD_RE.findall(text))
        + 0.8 * len(_NUMBER_RE.findall(text))
        + 0.5 * len(_OTHER_RE.findall(text)),
    )


def plan_batches(texts: Sequence[str], pass_tokens: float = PASS_TOKENS) -> list[list[int]]:
    """Indices of `texts` grouped into forward passes, shortest texts first: the grouping of the
    length-sorted texts with the least padded tokens plus `pass_tokens` per pass."""
    order = sorted(range(len(texts)), key=lambda i: (token_estimate(texts[i]), i))
    lengths = [token_estimate(texts[i]) for i in order]
    n = len(order)
    best = [0.0] + [float("inf")] * n
    start = [0] * (n + 1)
    for end in range(1, n + 1):
        longest = lengths[end - 1]  # sorted: the last text of a group is its longest
        for begin in range(end):
            cost = best[begin] + pass_tokens + (end - begin) * longest
            if cost < best[end]:
                best[end], start[end] = cost, begin
    groups: list[list[int]] = []
    end = n
    while end:
        groups.append(order[start[end] : end])
        end = start[end]
    return groups[::-1]
