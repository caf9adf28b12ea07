"""Can a claim checker trained on the keys' own phrasings name false claims the patterns miss?
Measured (issue 13 proposed it): no.

The model: a late-joining cross-encoder on the loaded e5 (PreTTR-style, so it could share the
embedder). The lower `--split` layers encode a misconception's claim and an answer window apart
(frozen, shared); copies of the upper layers read the two joined, with a segment embedding, and
a one-logit head says "this window states this claim".

Training pairs come from the shipped keys and the right-answer set only, never from a claims
set: positives are each misconception's claim and examples (misconceptions with the same claim
or correction pooled); negatives are the key's point texts and examples, its corrections, its
other misconceptions' examples, and windows of right answers to the question (those that say
two of the misconception's pattern groups — the hard ones — and a few others).

Scored: every answer of the claims sets and the team's probe and dev sets is cut into windows
(1–3 punctuation pieces, at most 90 characters); each window saying two of a misconception's
pattern groups is checked against it; the answer's checker score is the highest. Printed per
threshold: of the false claims (kinds false_central / one_error) no pattern names, how many the
checker would add, and in how many full-marks answers (excellent, English, other terms, or
human >= 9) it fires where no pattern does; the separation (AUC) of the two; time per answer.

    python bench/claim_checker.py              # ~25 min on 2 cores (cache, 1 epoch, scoring)
    python bench/claim_checker.py --epochs 2
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.config import load_settings  # noqa: E402
from interviewer.embedding.model import load_embedder  # noqa: E402
from interviewer.grading.judge import additive_mask, transformer_parts  # noqa: E402
from interviewer.grading.keymatch import (  # noqa: E402
    find,
    normalise,
    pairs_of,
    states,
    subjects_of,
    terms_of,
)
from interviewer.keys.load import load_keys  # noqa: E402

BENCH = ROOT / "bench"
SCORED = [
    "interview_team_claims",
    "interview_team_claims_check",
    "interview_team_claims_check2",
    "interview_team_claims_check3",
    "interview_team_claims_check4",
    "interview_team_tune",
    "interview_team_check",
    "interview_dev",
]
CAPS = {"right": 16000, "point": 8000, "corr": 6000, "other": 8000, "right_easy": 3000}
"""Negatives kept per kind (all positives are kept): ~46,600 pairs."""
_PIECE = re.compile(r"[^。！？!?；;，,、\n]+[。！？!?；;，,、\n]*")
_ENDS_PUNCT = re.compile(r"[。！？!?；;，,、]$")


def pieces(text: str) -> list[str]:
    out: list[str] = []
    for p in (p.strip() for p in _PIECE.findall(text)):
        if not p:
            continue
        if len(p) <= 60:
            out.append(p)
            continue
        words = p.split()
        if len(words) > 1:
            cur = ""
            for w in words:
                if cur and len(cur) + len(w) > 45:
                    out.append(cur)
                    cur = w
                else:
                    cur = f"{cur} {w}".strip()
            if cur:
                out.append(cur)
        else:
            out += [p[i : i + 45] for i in range(0, len(p), 30)]
    return out


def windows(text: str, longest: int = 90) -> list[str]:
    ps = pieces(text)
    found: list[str] = []
    for i in range(len(ps)):
        w = ps[i]
        found.append(w)
        for j in range(i + 1, min(i + 3, len(ps))):
            w = w + ("" if _ENDS_PUNCT.search(w) else " ") + ps[j]
            if len(w) > longest:
                break
            found.append(w)
    return list(dict.fromkeys(found))


def anchored(wrong, window: str) -> bool:
    """The window says two groups of one of the misconception's patterns (any order)."""
    text = normalise(window)
    return any(
        sum(1 for g in pattern if find(text, g)) >= min(2, len(pattern))
        for pattern in wrong.patterns
    )


def misconceptions(key) -> list:
    return [w for p in key.points for w in p.misconceptions]


def training_pairs(book, rng: random.Random) -> list[tuple[str, str, int, str]]:
    right: dict[int, list[str]] = {}
    for line in (BENCH / "interview_team_right.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        if (key := book.get(row["question_id"])) is not None:
            right.setdefault(id(key), []).append(row["answer"])
    pairs = []
    for key in book.distinct():
        wrongs = misconceptions(key)
        said_right = [e for p in key.points for e in p.examples] + [p.text for p in key.points]
        corrections = list(dict.fromkeys(w.correction for w in wrongs))
        answer_windows = [w for a in right.get(id(key), []) for w in windows(a)]
        for wrong in wrongs:
            twins = [
                x for x in wrongs if x.claim == wrong.claim or x.correction == wrong.correction
            ]
            for text in dict.fromkeys([wrong.claim, *(e for x in twins for e in x.examples)]):
                pairs.append((wrong.claim, text, 1, "pos"))
            pairs += [(wrong.claim, t, 0, "point") for t in said_right]
            others = [x for x in wrongs if x not in twins]
            other_said = [e for x in others for e in x.examples] + [x.claim for x in others]
            pairs += [
                (wrong.claim, t, 0, "other")
                for t in rng.sample(other_said, min(8, len(other_said)))
            ]
            pairs += [(wrong.claim, t, 0, "corr") for t in corrections]
            hard = [w for w in answer_windows if anchored(wrong, w)]
            pairs += [(wrong.claim, w, 0, "right") for w in hard]
            easy = [w for w in answer_windows if w not in set(hard)]
            pairs += [
                (wrong.claim, w, 0, "right_easy") for w in rng.sample(easy, min(3, len(easy)))
            ]
    by_kind: dict[str, list] = {}
    for pair in pairs:
        by_kind.setdefault(pair[3], []).append(pair)
    kept = []
    for kind, some in by_kind.items():
        rng.shuffle(some)
        kept += some[: CAPS.get(kind, len(some))]
    rng.shuffle(kept)
    return kept


def build_net(base, split: int):
    import torch
    from torch import nn

    class Checker(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.split = split
            self._base = [base]
            layers = base.encoder.layer
            self.top = nn.ModuleList(copy.deepcopy(layers[i]) for i in range(split, len(layers)))
            self.seg = nn.Parameter(torch.zeros(2, base.config.hidden_size))
            self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(base.config.hidden_size, 1))

        @torch.no_grad()
        def lower(self, ids, mask):
            b = self._base[0]
            h = b.embeddings(input_ids=ids)
            m = additive_mask(mask, h.dtype)
            for layer in b.encoder.layer[: self.split]:
                out = layer(h, m)
                h = out[0] if isinstance(out, tuple) else out
            return h

        def upper(self, h, mask, seg):
            h = h + self.seg[seg]
            m = additive_mask(mask, h.dtype)
            for layer in self.top:
                out = layer(h, m)
                h = out[0] if isinstance(out, tuple) else out
            w = mask.unsqueeze(-1).to(h.dtype)
            return self.head((h * w).sum(1) / w.sum(1).clamp(min=1.0)).squeeze(-1)

    return Checker()


def joined(claims: list, said: list):
    import torch

    size = claims[0].shape[1]
    longest = max(a.shape[0] + b.shape[0] for a, b in zip(claims, said, strict=True))
    h = torch.zeros(len(claims), longest, size)
    mask = torch.zeros(len(claims), longest, dtype=torch.long)
    seg = torch.zeros(len(claims), longest, dtype=torch.long)
    for i, (a, b) in enumerate(zip(claims, said, strict=True)):
        h[i, : len(a)], h[i, len(a) : len(a) + len(b)] = a.float(), b.float()
        mask[i, : len(a) + len(b)] = 1
        seg[i, len(a) : len(a) + len(b)] = 1
    return h, mask, seg


class Lower:
    """The frozen lower layers' output per text, computed once."""

    def __init__(self, net, tokenizer) -> None:
        self.net, self.tokenizer, self.seen = net, tokenizer, {}

    def __call__(self, texts: list[str]) -> list:
        todo = sorted({t for t in texts if t not in self.seen}, key=len)
        for i in range(0, len(todo), 128):
            chunk = todo[i : i + 128]
            enc = self.tokenizer(
                chunk, truncation=True, max_length=64, padding=True, return_tensors="pt"
            )
            h = self.net.lower(enc["input_ids"], enc["attention_mask"])
            for j, text in enumerate(chunk):
                n = int(enc["attention_mask"][j].sum())
                self.seen[text] = h[j, :n].half().clone()
        return [self.seen[t] for t in texts]


def train(net, lower: Lower, pairs, epochs: int, rng: random.Random) -> None:
    import torch

    lower([p[0] for p in pairs] + [p[1] for p in pairs])
    opt = torch.optim.AdamW(net.parameters(), lr=3e-5, weight_decay=0.01)
    batch = 32
    steps = epochs * (len(pairs) // batch)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / 200) * max(0.0, 1 - s / steps)
    )
    net.train()
    for epoch in range(epochs):
        rng.shuffle(pairs)
        started = time.time()
        for i in range(0, len(pairs) - batch + 1, batch):
            some = pairs[i : i + batch]
            h, mask, seg = joined(lower([p[0] for p in some]), lower([p[1] for p in some]))
            y = torch.tensor([float(p[2]) for p in some])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                net.upper(h, mask, seg), y, pos_weight=torch.tensor(2.0)
            )
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch + 1}: {time.time() - started:.0f} s", flush=True)
    net.eval()


def score(net, lower: Lower, book) -> list[dict]:
    import torch

    torch.set_num_threads(1)
    rows = []
    for name in SCORED:
        path = BENCH / f"{name}.jsonl"
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            key = book.get(row["question_id"])
            if key is None:
                continue
            started = time.perf_counter()
            text = normalise(row["answer"])
            wrongs = misconceptions(key)
            s, t, p = subjects_of(key), terms_of(key), pairs_of(key)
            named = any(states(text, w, s, t, p) for w in wrongs)
            checked = [(w, x) for w in wrongs for x in windows(row["answer"]) if anchored(w, x)]
            best = 0.0
            if checked:
                h = joined(lower([w.claim for w, _ in checked]), lower([x for _, x in checked]))
                with torch.inference_mode():
                    best = 1 / (1 + math.exp(-max(net.upper(*h).tolist())))
            rows.append(
                {
                    "kind": row.get("kind"),
                    "human": row.get("human") or 0,
                    "named": named,
                    "p": best,
                    "ms": (time.perf_counter() - started) * 1000,
                }
            )
    return rows


def report(rows: list[dict]) -> None:
    missed = [r for r in rows if r["kind"] in ("false_central", "one_error") and not r["named"]]
    claims = sum(1 for r in rows if r["kind"] in ("false_central", "one_error"))
    full = [
        r
        for r in rows
        if (r["kind"] in ("excellent", "english", "other_terms") or r["human"] >= 9)
        and not r["named"]
    ]
    print(
        f"false claims {claims}, named by no pattern {len(missed)}; full-marks answers {len(full)}"
    )
    for at in (0.5, 0.7, 0.8, 0.9, 0.95):
        added = sum(1 for r in missed if r["p"] >= at)
        fired = sum(1 for r in full if r["p"] >= at)
        print(f"  p >= {at}: names {added} more; fires in {fired} full-marks answers")
    auc = sum((a["p"] > b["p"]) + 0.5 * (a["p"] == b["p"]) for a in missed for b in full)
    print(f"  AUC missed claims vs full-marks answers: {auc / max(1, len(missed) * len(full)):.2f}")
    mid_missed = statistics.median(r["p"] for r in missed)
    mid_full = statistics.median(r["p"] for r in full)
    print(f"  median p: missed claims {mid_missed:.2f}, full-marks answers {mid_full:.2f}")
    ms = sorted(r["ms"] for r in rows)
    print(
        f"  ms per answer (1 thread): p50 {ms[len(ms) // 2]:.0f}, p95 {ms[int(0.95 * len(ms))]:.0f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--split", type=int, default=9, help="frozen lower layers")
    args = ap.parse_args()
    import torch

    torch.set_num_threads(2)
    rng = random.Random(5)
    book = load_keys([ROOT / "corpus" / "keys"])
    settings = load_settings(offline=True)
    base, tokenizer = transformer_parts(load_embedder(settings.embed_model, settings.cache_dir))
    base.eval()
    net = build_net(base, args.split)
    lower = Lower(net, tokenizer)
    pairs = training_pairs(book, rng)
    print(f"{len(pairs)} training pairs, {sum(p[2] for p in pairs)} positive", flush=True)
    train(net, lower, pairs, args.epochs, rng)
    report(score(net, lower, book))


if __name__ == "__main__":
    main()
