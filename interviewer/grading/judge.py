"""A learned answer judge: reads (question + reference, answer) as ONE sequence.

Why: the similarity grader embeds answer and reference separately, so an answer that reuses the
reference's words with the relation flipped or the wrong object named ("the bulb is NOT in a
closed path") looks as close as a right one. A cross-encoder sees both texts in every attention
layer and can tell. It is e5's own lower layers and embeddings (shared in memory with the loaded
embedder, so no second model is loaded) plus the top layers fine-tuned, a mean-pool and a 2-way
head — P(correct) and P(contradicts the reference). The fine-tuned weights (`judge.safetensors`,
fp16) are fitted by `bench/train_judge.py` on the human-graded development sets and only work on
top of the model they were trained with (checked at load).
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from interviewer.errors import GradingError

JUDGE_FILE = "judge.safetensors"
FORMAT = "interviewer-judge-1"
MAX_TOKENS = 320
"""Question + reference + answer, in tokens; the reference side is cut first."""


@dataclass(frozen=True)
class JudgeScore:
    correct: float
    """P(the answer is a correct answer to the question), 0..1."""
    contradicts: float
    """P(the answer states the opposite of the reference), 0..1."""


def pair_texts(question: str, reference: str, answer: str) -> tuple[str, str]:
    """The two segments the judge was trained on: the question above its reference, the answer."""
    return f"{question.strip()}\n{reference.strip()}", answer.strip()


def _torch():
    import torch

    return torch


def additive_mask(attention_mask: Any, dtype: Any) -> Any:
    """[B, L] 0/1 mask → [B, 1, 1, L] additive mask, accepted by eager and SDPA attention."""
    torch = _torch()
    return (1.0 - attention_mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


def build_net(base: Any, split: int, labels: int = 2) -> Any:
    """The judge network around a loaded BertModel (the embedder's own, not copied)."""
    torch = _torch()
    nn = torch.nn

    class JudgeNet(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.split = split
            self._base = [base]  # in a list: not a submodule, so not trained and not saved
            layers = base.encoder.layer
            if not 0 < split < len(layers):
                raise GradingError(f"judge split {split} outside 1..{len(layers) - 1}")
            self.top = nn.ModuleList(copy.deepcopy(layers[i]) for i in range(split, len(layers)))
            self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(base.config.hidden_size, labels))

        def lower(self, input_ids: Any, attention_mask: Any) -> Any:
            """Hidden states after the shared, frozen layers."""
            b = self._base[0]
            h = b.embeddings(input_ids=input_ids)
            m = additive_mask(attention_mask, h.dtype)
            for layer in b.encoder.layer[: self.split]:
                h = layer(h, m)
            return h

        def upper(self, hidden: Any, attention_mask: Any) -> Any:
            """Logits [B, 2] from the lower hidden states."""
            m = additive_mask(attention_mask, hidden.dtype)
            h = hidden
            for layer in self.top:
                h = layer(h, m)
            w = attention_mask.unsqueeze(-1).to(h.dtype)
            pooled = (h * w).sum(1) / w.sum(1).clamp(min=1.0)
            return self.head(pooled)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.upper(self.lower(input_ids, attention_mask), attention_mask)

    return JudgeNet()


def transformer_parts(embedder: Any) -> tuple[Any, Any]:
    """(BertModel, tokenizer) inside a loaded sentence-transformers model."""
    st = embedder.model
    first = st[0]
    model = getattr(first, "auto_model", None) or getattr(first, "model", None)
    tokenizer = getattr(first, "tokenizer", None) or getattr(st, "tokenizer", None)
    if model is None or tokenizer is None or not hasattr(model, "encoder"):
        raise GradingError("the embedding model is not a BERT-style transformer: no judge for it")
    return model, tokenizer


class AnswerJudge:
    """Scores (question, reference, answer) triples with the fitted judge network."""

    def __init__(self, net: Any, tokenizer: Any, max_tokens: int = MAX_TOKENS) -> None:
        self.net = net.eval()
        self.tokenizer = tokenizer
        self.max_tokens = max_tokens

    def encode(self, triples: Sequence[tuple[str, str, str]]) -> dict:
        firsts, seconds = zip(*(pair_texts(*t) for t in triples), strict=True)
        return self.tokenizer(
            list(firsts),
            list(seconds),
            truncation="longest_first",
            max_length=self.max_tokens,
            padding=True,
            return_tensors="pt",
        )

    def logits(self, triples: Sequence[tuple[str, str, str]]) -> list[tuple[float, float]]:
        if not triples:
            return []
        torch = _torch()
        enc = self.encode(triples)
        with torch.inference_mode():
            out = self.net(enc["input_ids"], enc["attention_mask"])
        return [(float(a), float(b)) for a, b in out.tolist()]

    def score(self, triples: Sequence[tuple[str, str, str]]) -> list[JudgeScore]:
        return [JudgeScore(sigmoid(a), sigmoid(b)) for a, b in self.logits(triples)]


def sigmoid(x: float) -> float:
    """A judge logit as a probability (clipped: logits of an overconfident head can be huge)."""
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, x))))


def save_judge(net: Any, path: Path, embed_model: str, meta: dict | None = None) -> None:
    """fp16 weights of the trained layers and head, with what they were trained on top of."""
    from safetensors.torch import save_file

    tensors = {k: v.detach().half().contiguous() for k, v in net.state_dict().items()}
    info = {
        "format": FORMAT,
        "split": str(net.split),
        "embed_model": embed_model,
        "meta": json.dumps(meta or {}, ensure_ascii=False),
    }
    save_file(tensors, str(path), metadata=info)


def judge_path() -> Path:
    return Path(str(resources.files("interviewer.grading").joinpath(JUDGE_FILE)))


def load_judge(embedder: Any, path: Path | None = None) -> AnswerJudge:
    """The shipped judge on top of `embedder`; a one-line `GradingError` when it can't be used."""
    from safetensors import SafetensorError, safe_open

    path = path or judge_path()
    try:
        with safe_open(str(path), framework="pt") as f:
            info = f.metadata() or {}
            tensors = {k: f.get_tensor(k) for k in f.keys()}
    except (OSError, SafetensorError, ValueError) as exc:
        raise GradingError(f"cannot read the answer judge {path}: {exc}") from None
    if info.get("format") != FORMAT:
        raise GradingError(f"{path} is not an answer-judge file ({info.get('format')!r})")
    trained_on = info.get("embed_model", "")
    if trained_on != getattr(embedder, "model_id", None):
        raise GradingError(
            f"the answer judge was trained on {trained_on!r}, not {embedder.model_id!r}: "
            "similarity-only grading"
        )
    base, tokenizer = transformer_parts(embedder)
    net = build_net(base, int(info["split"]))
    dtype = next(base.parameters()).dtype
    try:
        net.load_state_dict({k: v.to(dtype) for k, v in tensors.items()})
    except RuntimeError as exc:
        first = str(exc).strip().splitlines()[0]
        raise GradingError(f"the answer judge {path} does not fit the model: {first}") from None
    return AnswerJudge(net, tokenizer)
