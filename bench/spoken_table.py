"""Every set of spoken answers to the bank in one table, graded the way the app grades them
offline (`bench/eval_interview.py`'s grader, figures and definitions, built once for all sets).

    python bench/spoken_table.py                  # every bench/interview_*.jsonl set, ~15 min
    python bench/spoken_table.py FILE [FILE ...]  # only these sets

Prints a markdown table, one row per set (the sets never read first), then a line for
`bench/interview_team_right.jsonl`: its right answers flagged the way the shipped-keys test
checks them (a misconception named, or a verdict other than graded).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.eval_interview import (  # noqa: E402
    Grading,
    grade_rows,
    open_grading,
    read_rows,
    summarize,
    target_flags,
)

BENCH = Path(__file__).resolve().parent
RIGHT = "interview_team_right.jsonl"

NEVER_READ = (
    "interview_heldout.jsonl",
    "interview_team_check.jsonl",
    "interview_team_claims_check6.jsonl",
    "interview_team_fresh10_check.jsonl",
    "interview_team_fresh11_check.jsonl",
    "interview_team_fresh12_check.jsonl",
    "interview_team_fresh13_check.jsonl",
    "interview_team_fresh15_check.jsonl",
)
"""Sets only ever scored: no key or rule was changed with their answers in sight. Every other
set was read while keys or rules were changed (its misses looked at, many of them keyed)."""

COLUMNS = (
    ("excellent_correct", "excellent → *correct*"),
    ("false_central_le3_named", "false central ≤ 3 and named"),
    ("one_error_named_not_correct", "one error named, not *correct*"),
    ("low_le2", "don't-know / off-topic / list ≤ 2"),
    ("full_marks_misfire", "full-marks misfires"),
)


def read_status(path: Path) -> str:
    return "never read" if path.name in NEVER_READ else "read"


def _order(path: Path) -> tuple[str, int, bool]:
    """A set's numbered siblings in order, each first half before its check half: fresh,
    fresh_check, fresh2, fresh2_check, ..., fresh14_check."""
    name, number, check = re.fullmatch(r"(.*?)(\d*)(_check)?", path.stem).groups()
    return name, int(number or 1), bool(check)


def sets(files: list[Path]) -> list[Path]:
    """The sets to grade, the never-read ones first; a listed set not yet written is skipped."""
    chosen = files or list(BENCH.glob("interview_*.jsonl"))
    chosen = [p for p in chosen if p.exists() and p.name != RIGHT]
    return sorted(chosen, key=lambda p: (read_status(p) != "never read", _order(p)))


def _count(flags: list[bool]) -> str:
    return f"{sum(flags)} / {len(flags)}" if flags else "—"


def table_row(path: Path, grading: Grading) -> str:
    graded = grade_rows(read_rows(path), grading, encode=False)
    result = summarize(path, grading, graded)
    flags = target_flags(graded.out)
    cells = [
        f"`{path.name}`",
        read_status(path),
        str(result["rows"]),
        f"{result['pearson']:.3f}",
        f"{result['mae']:.2f}",
        *(_count(flags[key]) for key, _ in COLUMNS),
    ]
    return "| " + " | ".join(cells) + " |"


def right_answers_flagged(grading: Grading) -> tuple[int, list[str]]:
    """The shipped-keys test's check of the right-answer set, over every row: the key's grade
    names a misconception or is not `graded`."""
    from interviewer.grading.keyed import grade

    rows = read_rows(BENCH / RIGHT)
    flagged = []
    for row in rows:
        result = grade(row["answer"], grading.keys[row["question_id"]], grading.keys)
        if result.verdict != "graded" or result.misconceptions:
            flagged.append(row["id"])
    return len(rows), flagged


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="sets to grade (default: every set)")
    args = ap.parse_args()
    grading = open_grading(use_keys=True)
    header = ["set", "read?", "rows", "Pearson", "MAE (points)", *(t for _, t in COLUMNS)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for path in sets(args.files):
        print(f"grading {path.name}", file=sys.stderr, flush=True)
        lines.append(table_row(path, grading))
    print("\n".join(lines))
    if not args.files or any(p.name == RIGHT for p in args.files):
        print(f"grading {RIGHT}", file=sys.stderr, flush=True)
        total, flagged = right_answers_flagged(grading)
        print(
            f"\n`{RIGHT}` (read): {len(flagged)} of {total:,} right answers flagged"
            f" (a misconception named or a verdict other than graded): {', '.join(flagged)}"
        )


if __name__ == "__main__":
    main()
