"""Agreement with a fair interviewer on spoken answers to our own bank, graded the way the app
grades them offline: the question's answer key when it has one, else its references from the
shipped index.

    python bench/eval_interview.py bench/interview_dev.jsonl        # rules may be tuned on this
    python bench/eval_interview.py bench/interview_heldout.jsonl    # report only; never tuned on
    python bench/eval_interview.py FILE --no-keys                   # the grader without keys
    python bench/eval_interview.py FILE --no-keys --warm            # ...timed as the app grades
    python bench/eval_interview.py bench/interview_answers.jsonl    # older rows: 0..2 scale, no ids
    python bench/eval_interview.py bench/interview_team_tune.jsonl  # the team's probes, tuned on
    python bench/eval_interview.py bench/interview_team_check.jsonl # scored after the last change

Rows: {"id", "question_id", "question", "kind", "lang", "answer", "human" (0..10), "claim"}.
Prints Pearson r, MAE in points, the mean per kind and the shares the targets name (issue 13):
excellent answers labelled correct, false central claims at <= 3 with the claim named, don't-know /
off-topic / keyword lists at <= 2, and one-error answers with their error named and not labelled
correct.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.config import load_settings  # noqa: E402
from interviewer.corpus.normalize import question_id  # noqa: E402
from interviewer.embedding.model import load_embedder  # noqa: E402
from interviewer.errors import InterviewerError  # noqa: E402
from interviewer.grading.service import build_grader  # noqa: E402
from interviewer.index.references import references_for  # noqa: E402
from interviewer.index.search import open_retriever  # noqa: E402
from interviewer.keys.load import KeyBook  # noqa: E402
from interviewer.services.models import bank_keys  # noqa: E402
from interviewer.types.verdict import Label, Verdict  # noqa: E402

LOW_KINDS = ("dont_know", "off_topic", "keyword_list")
FULL_MARKS = 9.0
"""Rows a fair interviewer gave at least this: no rule may fire on them (a misconception named,
don't-know, off-topic or contradicts) — counted as misfires."""


def pearson(xs: list[float], ys: list[float]) -> float:
    """NaN for fewer than 3 rows or a constant side (a set of excellent answers only)."""
    if len(xs) <= 2 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return float("nan")
    return statistics.correlation(xs, ys)


@dataclass(frozen=True)
class Grading:
    """What grading needs, built once: the app's grader, its keys and the shipped index."""

    use_keys: bool
    embedder: Any
    keys: KeyBook
    grader: Any
    retriever: Any


def open_grading(use_keys: bool = True) -> Grading:
    """The grader as the app builds it offline (the bank's keys, or none)."""
    settings = load_settings(offline=True)
    embedder = load_embedder(settings.embed_model, settings.cache_dir)
    keys = bank_keys(settings) if use_keys else KeyBook()
    grader = build_grader(settings, embedder, keys=keys)
    retriever = open_retriever(settings.index_dir, embedder, settings.corpus_dir)
    return Grading(use_keys, embedder, keys, grader, retriever)


def read_rows(path: Path) -> list[dict]:
    return [
        _row(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line
    ]


@dataclass
class Graded:
    """One file's rows with the app's verdict on each, and the time each grade took."""

    out: list[tuple[dict, Verdict]]
    times: list[float]
    encode_times: list[float]


def grade_rows(
    rows: list[dict], grading: Grading, show: bool = False, warm: bool = False, encode: bool = True
) -> Graded:
    """Grade each row as the interview does; `encode` times one raw encode of each answer too."""
    graded = Graded([], [], [])
    for row in rows:
        refs = references_for(
            row["question"],
            grading.retriever,
            question_id=row["question_id"],
            k=4,
            keys=grading.keys,
        )
        if warm:  # the app's case: the question is prepared while the candidate reads it
            grading.grader.prepare(row["question"], refs)
        start = time.perf_counter()
        try:
            verdict = grading.grader.grade(row["question"], row["answer"], refs)
        except InterviewerError:  # as the interview does: saved, graded 0, said why
            verdict = Verdict(score=0.0, label=Label.INCORRECT, grader="none", confidence=0.0)
        graded.times.append(time.perf_counter() - start)
        graded.out.append((row, verdict))
        if encode:
            start = time.perf_counter()  # the same-run reference: one raw encode of the answer
            grading.embedder.embed_symmetric([row["answer"]])
            graded.encode_times.append(time.perf_counter() - start)
        if show:
            named = "; ".join(m.said for m in verdict.misconceptions)
            print(
                f"{row['id']:>8} {row['kind']:<13} human {row['human']:>4} ours {verdict.score:>4}"
                f" {verdict.label.value:<11} {named[:40]}"
            )
    return graded


def target_flags(out: list[tuple[dict, Verdict]]) -> dict[str, list[bool]]:
    """For each target of issue 13, one flag per row it is about (True: the row meets it); for
    `full_marks_misfire`, one per full-marks row (True: a rule fired on it)."""
    excellent = [v for r, v in out if r["kind"] == "excellent"]
    false_central = [v for r, v in out if r["kind"] == "false_central"]
    one_error = [v for r, v in out if r["kind"] == "one_error"]
    low = [v for r, v in out if r["kind"] in LOW_KINDS]
    full_marks = [v for r, v in out if float(r["human"]) >= FULL_MARKS]
    return {
        "excellent_correct": [v.label is Label.CORRECT for v in excellent],
        "false_central_le3_named": [v.score <= 3 and bool(v.misconceptions) for v in false_central],
        "false_central_le3": [v.score <= 3 for v in false_central],
        "one_error_named_not_correct": [
            bool(v.misconceptions) and v.label is not Label.CORRECT for v in one_error
        ],
        "low_le2": [v.score <= 2 for v in low],
        "full_marks_misfire": [
            bool(v.misconceptions)
            or v.label in (Label.EMPTY, Label.OFF_TOPIC, Label.CONTRADICTS)
            or any(f.kind == "key_keyword_list" for f in v.findings)
            for v in full_marks
        ],
    }


def summarize(path: Path, grading: Grading, graded: Graded) -> dict:
    out, times, encode_times = graded.out, graded.times, graded.encode_times
    keys = grading.keys
    humans = [float(r["human"]) for r, _ in out]
    ours = [v.score for _, v in out]
    by_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r, v in out:
        by_kind[r["kind"]].append((float(r["human"]), v.score))
    flags = target_flags(out)
    result = {
        "file": str(path),
        "keys": grading.use_keys,
        "rows": len(out),
        "keyed_rows": sum(1 for r, _ in out if r["question_id"] in keys),
        "pearson": round(pearson(humans, ours), 3),
        "mae": round(statistics.mean(abs(h - o) for h, o in zip(humans, ours, strict=True)), 2),
        "per_kind": {
            k: {
                "n": len(v),
                "human": round(statistics.mean(h for h, _ in v), 1),
                "ours": round(statistics.mean(o for _, o in v), 1),
            }
            for k, v in sorted(by_kind.items())
        },
        "excellent_correct": _share(flags["excellent_correct"]),
        "false_central_le3_named": _share(flags["false_central_le3_named"]),
        "false_central_le3": _share(flags["false_central_le3"]),
        "one_error_named_not_correct": _share(flags["one_error_named_not_correct"]),
        "low_le2": _share(flags["low_le2"]),
        "full_marks_rows": len(flags["full_marks_misfire"]),
        "full_marks_misfires": sum(flags["full_marks_misfire"]),
    }
    if times:
        result["grade_ms_p50"] = round(1000 * statistics.median(times), 1)
        result["grade_ms_p95"] = round(1000 * sorted(times)[int(0.95 * (len(times) - 1))], 1)
    if encode_times:
        result["raw_encode_ms_p50"] = round(1000 * statistics.median(encode_times), 1)
        result["raw_encode_ms_p95"] = round(
            1000 * sorted(encode_times)[int(0.95 * (len(encode_times) - 1))], 1
        )
    return result


def evaluate(
    path: Path, use_keys: bool, show: bool, warm: bool = False, grading: Grading | None = None
) -> dict:
    """One file's figures; pass `grading` to reuse a grader already built."""
    grading = grading or open_grading(use_keys)
    return summarize(path, grading, grade_rows(read_rows(path), grading, show, warm))


def _row(row: dict) -> dict:
    """A row of this file's format from any graded-answer row: `bench/interview_answers.jsonl`
    has no question id, kind or 0..10 scale (its human grade is 0..2)."""
    row = dict(row)
    if not row.get("question_id"):
        row["question_id"] = question_id(row["question"])
    scale = float(row.get("scale") or 10)
    row["human"] = float(row["human"]) * 10 / scale
    row.setdefault("kind", "answer")
    return row


def _share(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 3) if flags else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--no-keys", action="store_true", help="grade as if the bank had no keys")
    ap.add_argument("--show", action="store_true", help="print every row's grade")
    ap.add_argument(
        "--warm",
        action="store_true",
        help="prepare each question before its answer is timed, as the interview does",
    )
    args = ap.parse_args()
    result = evaluate(args.file, not args.no_keys, args.show, args.warm)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
