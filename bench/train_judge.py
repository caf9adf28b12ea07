"""Fit the answer judge (`interviewer/grading/judge.py`) on the human-graded dev sets, honestly.

    python bench/train_judge.py                # CV + transfer + final, writes the shipped file
    python bench/train_judge.py --plan cv            # only the held-out figures
    python bench/train_judge.py --plan final --epochs 3

Data: le_zh (Chinese, 0/0.5/1) and SemEval-2013 3-way (English, all 8,910 rows). Targets: head 0 =
correct (le_zh: human/scale; SemEval: 1 for correct, 0 otherwise), head 1 = contradicts (SemEval
only; masked out for le_zh). The lower `--split` layers of e5 are frozen, so their outputs are
computed once and cached; only the upper layers and the head train.

Held-out protocol (every figure printed is on rows the judge never saw):
- cv: 5 folds grouped by question over both sets pooled; out-of-fold logits for every row go to
  `bench/judge_logits/judge_oof.json`, which `bench/fit_calibration.py --judge` uses so the
  calibration is fitted on judge outputs of rows the judge was not trained on;
- transfer: trained on SemEval only, scored on le_zh (another language, another domain — the best
  guess at a set nobody here has seen), and trained on le_zh only, scored on SemEval; their
  logits go to `bench/judge_logits/judge_transfer.json` for the calibration's cross-set figures.
- final: trained on all rows, written to `interviewer/grading/judge.safetensors`.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / "bench" / "out"
LOGITS = ROOT / "bench" / "judge_logits"
"""Held-out judge logits, committed: refitting the calibration must not need 80 minutes."""


def load_rows(eval_dir: Path) -> list[dict]:
    rows = []
    for name, tag in (("le_zh.jsonl", "le_zh"), ("semeval_train_3way.jsonl", "semeval")):
        for line in (eval_dir / name).read_text("utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            r["set"] = tag
            if tag == "semeval":
                r["y"] = 1.0 if r["label"] == "correct" else 0.0
                r["c"] = 1.0 if r["label"] == "contradictory" else 0.0
            else:
                r["y"] = float(r["human"]) / float(r["scale"])
                r["c"] = -1.0  # unknown: masked
            r["group"] = f"{tag}:{r['question']}"
            rows.append(r)
    return rows


def grouped_folds(rows: list[dict], k: int, seed: int = 7) -> list[np.ndarray]:
    groups = sorted({r["group"] for r in rows})
    random.Random(seed).shuffle(groups)
    fold_of = {g: i % k for i, g in enumerate(groups)}
    return [np.array([i for i, r in enumerate(rows) if fold_of[r["group"]] == f]) for f in range(k)]


class Cache:
    """Token ids and frozen lower-layer outputs of every row, computed once."""

    def __init__(
        self, judge_mod, net, tokenizer, rows: list[dict], max_tokens: int, batch: int = 32
    ):
        import torch

        self.ids: list = []
        self.hidden: list = []
        texts = [judge_mod.pair_texts(r["question"], r["reference"], r["answer"]) for r in rows]
        enc = tokenizer(
            [a for a, _ in texts],
            [b for _, b in texts],
            truncation="longest_first",
            max_length=max_tokens,
        )
        self.ids = [torch.tensor(x) for x in enc["input_ids"]]
        self.hidden = [None] * len(rows)
        order = sorted(range(len(rows)), key=lambda i: len(self.ids[i]))
        t0 = time.time()
        with torch.inference_mode():
            for s in range(0, len(order), batch):
                idx = order[s : s + batch]
                ids, mask = pad([self.ids[i] for i in idx])
                h = net.lower(ids, mask)
                for j, i in enumerate(idx):
                    self.hidden[i] = h[j, : len(self.ids[i])].to(torch.float16).clone()
                if s // batch % 20 == 0:
                    print(
                        f"  lower layers: {s + len(idx)}/{len(rows)} rows, "
                        f"{time.time() - t0:.0f} s",
                        flush=True,
                    )


def pad(seqs: list):
    import torch

    n = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), n), 1, dtype=torch.long)  # 1 = <pad> in XLM-R's vocabulary
    mask = torch.zeros((len(seqs), n), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = s
        mask[i, : len(s)] = 1
    return ids, mask


def pad_hidden(hs: list):
    import torch

    n = max(h.shape[0] for h in hs)
    out = torch.zeros((len(hs), n, hs[0].shape[1]), dtype=torch.float32)
    mask = torch.zeros((len(hs), n), dtype=torch.long)
    for i, h in enumerate(hs):
        out[i, : h.shape[0]] = h.float()
        mask[i, : h.shape[0]] = 1
    return out, mask


def batches(idx: np.ndarray, cache: Cache, size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (little padding, so each step costs what it must)."""
    idx = list(idx)
    rng.shuffle(idx)
    out = []
    for s in range(0, len(idx), size * 40):
        chunk = sorted(idx[s : s + size * 40], key=lambda i: cache.hidden[i].shape[0])
        out += [chunk[j : j + size] for j in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


def train(judge_mod, base, split, rows, cache, idx, args, seed=0):
    import torch

    torch.manual_seed(seed)
    net = judge_mod.build_net(base, split)
    for p in net.parameters():  # the copied layers inherit the frozen base's flag
        p.requires_grad_(True)
    net.train()
    params = [
        {"params": net.top.parameters(), "lr": args.lr},
        {"params": net.head.parameters(), "lr": args.head_lr},
    ]
    opt = torch.optim.AdamW(params, weight_decay=0.01)
    rng = random.Random(seed)
    steps_per_epoch = math.ceil(len(idx) / args.batch)
    total = steps_per_epoch * args.epochs
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    y = torch.tensor([r["y"] for r in rows])
    c = torch.tensor([r["c"] for r in rows])
    w = torch.tensor([args.le_weight if r["set"] == "le_zh" else 1.0 for r in rows])
    step = 0
    t0 = time.time()
    for epoch in range(args.epochs):
        total_loss = 0.0
        for b in batches(idx, cache, args.batch, rng):
            h, mask = pad_hidden([cache.hidden[i] for i in b])
            logits = net.upper(h, mask)
            bi = torch.tensor(b)
            yb, cb, wb = y[bi], c[bi], w[bi]
            bce = torch.nn.functional.binary_cross_entropy_with_logits
            loss_y = (bce(logits[:, 0], yb, reduction="none") * wb).sum() / wb.sum()
            known = cb >= 0
            loss_c = (
                bce(logits[known, 1], cb[known], reduction="mean")
                if known.any()
                else logits.sum() * 0
            )
            loss = loss_y + 0.5 * loss_c
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total_loss += float(loss.detach())
            step += 1
        print(
            f"  epoch {epoch + 1}/{args.epochs}: loss {total_loss / steps_per_epoch:.4f}, "
            f"{time.time() - t0:.0f} s",
            flush=True,
        )
    net.eval()
    return net


def predict(net, cache, idx, batch=64) -> np.ndarray:
    import torch

    out = np.zeros((len(idx), 2), np.float32)
    order = sorted(range(len(idx)), key=lambda j: cache.hidden[idx[j]].shape[0])
    with torch.inference_mode():
        for s in range(0, len(order), batch):
            js = order[s : s + batch]
            h, mask = pad_hidden([cache.hidden[idx[j]] for j in js])
            out[js] = net.upper(h, mask).numpy()
    return out


def report(rows, idx, logits, name) -> dict:
    from scipy.stats import pearsonr, spearmanr

    res = {}
    for tag in ("le_zh", "semeval"):
        sel = [k for k, i in enumerate(idx) if rows[i]["set"] == tag]
        if len(sel) < 3:
            continue
        p = 1 / (1 + np.exp(-logits[sel, 0]))
        pc = 1 / (1 + np.exp(-logits[sel, 1]))
        if tag == "semeval":
            human = np.array(
                [rows[idx[k]]["human"] for k in sel]
            )  # 0 contra, 1 incorrect, 2 correct
            pred = p * 2 - pc * (1 - p)  # correctness, pushed down by contradiction
        else:
            human = np.array([rows[idx[k]]["y"] for k in sel])
            pred = p
        res[tag] = {
            "n": len(sel),
            "pearson": float(pearsonr(pred, human)[0]),
            "pearson_p_correct": float(pearsonr(p, human)[0]),
            "spearman": float(spearmanr(pred, human)[0]),
        }
        res[tag]["correct_vs_wrong"] = correct_vs_wrong([rows[idx[k]] for k in sel], p)
    print(f"{name}: {json.dumps(res, indent=None)}", flush=True)
    return res


def correct_vs_wrong(rs: list[dict], scores: np.ndarray) -> list:
    by_q: dict = {}
    for r, s in zip(rs, scores, strict=True):
        by_q.setdefault(r["group"], []).append((r["y"], s))
    wins = n = 0
    for items in by_q.values():
        good = [s for y, s in items if y >= 1.0]
        bad = [s for y, s in items if y <= 0.0]
        for g in good:
            for b in bad:
                n += 1
                wins += g > b
    return [wins / n if n else None, n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plan", default="cv,transfer,final")
    ap.add_argument("--eval-dir", type=Path, default=EVAL)
    ap.add_argument("--split", type=int, default=8)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--le-weight", type=float, default=3.0)
    ap.add_argument("--max-tokens", type=int, default=256)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--out", type=Path, default=ROOT / "interviewer" / "grading" / "judge.safetensors"
    )
    args = ap.parse_args()
    plan = set(args.plan.split(","))

    import torch

    from interviewer.config import load_settings
    from interviewer.embedding.model import load_embedder
    from interviewer.grading import judge as judge_mod

    torch.set_num_threads(args.threads)
    settings = load_settings()
    embedder = load_embedder(settings.embed_model, settings.cache_dir, threads=args.threads)
    base, tokenizer = judge_mod.transformer_parts(embedder)
    for p in base.parameters():
        p.requires_grad_(False)
    base.eval()
    rows = load_rows(args.eval_dir)
    print(f"{len(rows)} rows; caching the lower {args.split} layers", flush=True)
    cache = Cache(
        judge_mod, judge_mod.build_net(base, args.split), tokenizer, rows, args.max_tokens
    )
    OUT.mkdir(parents=True, exist_ok=True)
    results: dict = {"args": {k: str(v) for k, v in vars(args).items()}}

    if "cv" in plan:
        oof = np.zeros((len(rows), 2), np.float32)
        for f, test in enumerate(grouped_folds(rows, args.folds)):
            train_idx = np.setdiff1d(np.arange(len(rows)), test)
            print(
                f"fold {f + 1}/{args.folds}: train {len(train_idx)}, test {len(test)}", flush=True
            )
            net = train(judge_mod, base, args.split, rows, cache, train_idx, args, seed=f)
            oof[test] = predict(net, cache, test)
            report(rows, test, oof[test], f"fold {f + 1}")
        results["cv"] = report(rows, np.arange(len(rows)), oof, "CV (out of fold)")
        LOGITS.mkdir(exist_ok=True)
        (LOGITS / "judge_oof.json").write_text(
            json.dumps({r["id"]: [float(a), float(b)] for r, (a, b) in zip(rows, oof, strict=True)})
        )
    if "transfer" in plan:
        transfer: dict = {}
        for src, dst in (("semeval", "le_zh"), ("le_zh", "semeval")):
            tr = np.array([i for i, r in enumerate(rows) if r["set"] == src])
            te = np.array([i for i, r in enumerate(rows) if r["set"] == dst])
            print(f"transfer: train on {src} ({len(tr)}), score {dst} ({len(te)})", flush=True)
            net = train(judge_mod, base, args.split, rows, cache, tr, args, seed=11)
            pred = predict(net, cache, te)
            results[f"fit_{src}_report_{dst}"] = report(rows, te, pred, f"{src}→{dst}")
            transfer.update(
                {rows[i]["id"]: [float(a), float(b)] for i, (a, b) in zip(te, pred, strict=True)}
            )
        LOGITS.mkdir(exist_ok=True)
        (LOGITS / "judge_transfer.json").write_text(json.dumps(transfer))
    if "final" in plan:
        print(f"final: train on all {len(rows)} rows", flush=True)
        net = train(judge_mod, base, args.split, rows, cache, np.arange(len(rows)), args, seed=0)
        meta = {
            "rows": len(rows),
            "sets": ["le_zh", "semeval"],
            "fitted_by": "bench/train_judge.py",
        }
        meta.update({k: results[k] for k in results if k != "args"})
        judge_mod.save_judge(net, args.out, embedder.model_id, meta)
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    (OUT / "judge_train.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
