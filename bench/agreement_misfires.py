"""Count where the offline grader's rules misfire on answers humans gave FULL marks.

    python bench/agreement_misfires.py                      # le_zh all + 600 SemEval rows
    python bench/agreement_misfires.py --show 20            # ... and print up to 20 of each kind

Why: the contradiction rule (negation on one side of a matched point, opposite words) and the
hard gates cap or zero a score outright, so one misfire on a right answer costs more than any
calibration error. The similarity features cannot show it; only counting the rule's verdicts on
answers humans marked fully right can ("no contradicts label on a full-marks answer in more than
2%"). Rows are graded the way `interviewer eval --offline` grades them: the row's reference is the
user's reference, gates first, then the shipped calibration. Embeddings are memoised in a file
under /tmp (nothing is cached in the repo); with the memo of `bench/fit_calibration.py --memo`
the run embeds nothing new.

Counts, on full-marks answers (le_zh human = scale, SemEval `correct`):
* `contradicts`: verdicts labelled *contradicts* (score capped at 2);
* `points_contradicted`: answers with at least one key point marked contradicted (capped at 2 or
  at the partial cap);
* `repeats_question` (and every other gate): answers zeroed before scoring;
* `formula_low`: formula-ish answers (^ = + * / or O(…), 2^(n-1), a+b) scored below "correct".
Also the contradicts labels on answers humans did NOT give full marks (the rule's true
positives, which a fix must not lose wholesale) and SemEval `contradictory` rows it catches.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from grading_data import EVAL_DIR, Row, load_embedder, load_rows, progress, stratified_sample

from interviewer.grading import gates
from interviewer.grading.similarity import SimilarityGrader
from interviewer.types.verdict import Label, PointStatus, Reference

FORMULA_RE = re.compile(r"[\^=*/]|\bO\s*\(|\w\s*[-+]\s*\w\s*[)\]]|\d\s*[-+]\s*\d|\w\s*\+\s*\w")
"""An answer that writes a formula: operators, O(…), n-1 inside brackets, a+b."""


def full_marks(row: Row) -> bool:
    """Humans gave the answer full marks."""
    return row.label == "correct" if row.label is not None else row.target >= 1.0


def rows_to_grade(semeval_rows: int) -> list[Row]:
    """All of le_zh and a stratified SemEval sample drawn from fit_calibration's 1,500 rows
    (so its embedding memo covers them)."""
    le = load_rows(EVAL_DIR / "le_zh.jsonl", "le_zh")
    sem = stratified_sample(load_rows(EVAL_DIR / "semeval_train_3way.jsonl", "semeval"), 1500)
    return le + stratified_sample(sem, semeval_rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--semeval-rows", type=int, default=600)
    ap.add_argument("--memo", type=Path, default=Path("/tmp/interviewer-grading-embeddings.npz"))
    ap.add_argument("--show", type=int, default=0, help="print up to N examples of each misfire")
    ap.add_argument("--json", type=Path, help="also write the counts here")
    args = ap.parse_args()

    rows = rows_to_grade(args.semeval_rows)
    embedder = load_embedder(args.memo)
    grader = SimilarityGrader(embedder)
    cal = grader.calibration
    counts: dict[str, Counter] = {}
    examples: dict[str, list[str]] = {}

    def note(dataset: str, kind: str, row: Row, detail: str = "") -> None:
        counts.setdefault(dataset, Counter())[kind] += 1
        if len(examples.setdefault(kind, [])) < args.show:
            examples[kind].append(
                f"[{row.id}] Q: {row.question}\n  R: {row.reference}\n  A: {row.answer}\n  {detail}"
            )

    for i, row in enumerate(rows, 1):
        ref = Reference(text=row.reference, source="user")
        verdict = grader.grade(row.question, row.answer, [ref])
        full = full_marks(row)
        ds = row.dataset
        note(ds, "rows", row)
        contra = [p for p in verdict.points if p.status is PointStatus.CONTRADICTED]
        said = "; ".join(f"{p.text!r} <- {p.evidence!r}" for p in contra)
        if full:
            note(ds, "full_marks", row)
            if verdict.label is Label.CONTRADICTS:
                note(ds, "full_contradicts", row, f"score {verdict.score:.1f}: {said}")
            if contra:
                note(ds, "full_points_contradicted", row, f"score {verdict.score:.1f}: {said}")
            gate = gates.text_gate(row.question, row.answer, [row.reference])
            if gate is not None:
                note(ds, f"full_gate_{gate.reason}", row)
            elif verdict.label is Label.OFF_TOPIC:
                note(ds, "full_gate_off_topic", row)
            if FORMULA_RE.search(row.answer):
                note(ds, "full_formula", row)
                if verdict.score < cal.correct_at:
                    note(ds, "full_formula_low", row, f"score {verdict.score:.1f}")
        else:
            if verdict.label is Label.CONTRADICTS:
                note(ds, "notfull_contradicts", row, f"score {verdict.score:.1f}: {said}")
            if row.label == "contradictory":
                note(ds, "contradictory_rows", row)
                if verdict.label is Label.CONTRADICTS:
                    note(ds, "contradictory_caught", row)
        progress(i, len(rows))
    embedder.save()

    report = {ds: dict(sorted(c.items())) for ds, c in counts.items()}
    for ds, c in report.items():
        full = c.get("full_marks", 0)
        share = c.get("full_contradicts", 0) / full if full else 0.0
        print(f"{ds}: {json.dumps(c)}  full-marks contradicts share {share:.1%}")
    for kind, items in examples.items():
        if kind in ("rows", "full_marks", "full_formula", "contradictory_rows"):
            continue
        print(f"\n== {kind}")
        for item in items:
            print(item)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), "utf-8")


if __name__ == "__main__":
    main()
