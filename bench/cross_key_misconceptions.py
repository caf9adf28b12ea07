"""Can one key's misconceptions name a slip said in an answer to another question? Measured.

Many slips are about a concept several questions touch ("recall = TP/(TP+FP)" in a PR-curve
answer, "tanh has no vanishing gradient" in an activation answer) and are listed under one key
only. Here every answer is also matched against the misconceptions of the other keys — all of
them, or only those of keys whose question names a concept in common with its own — each with
its owning key's subjects and terms, as the grader would. Printed per scope: in how many
false-claim answers nothing named (kinds false_central / one_error of the claims sets) another
key's misconception fires (not always the claim they make), against how many excellent right
answers (bench/interview_team_right.jsonl) it fires in.

    python bench/cross_key_misconceptions.py                 # ~10 min on 2 cores
    python bench/cross_key_misconceptions.py --right-rows 200
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.grading.keyed import grade, spoken_core  # noqa: E402
from interviewer.grading.keymatch import normalise, pairs_of, states, subjects_of, terms_of  # noqa: E402
from interviewer.keys.load import load_keys  # noqa: E402
from interviewer.vocabulary.glossary import concepts_in  # noqa: E402

CLAIMS = [
    "interview_team_claims.jsonl",
    "interview_team_claims_check.jsonl",
    "interview_team_claims_check2.jsonl",
]
RIGHT = "interview_team_right.jsonl"


def rows(name: str, kinds: set[str], limit: int | None = None) -> list[dict]:
    lines = (ROOT / "bench" / name).read_text(encoding="utf-8").splitlines()
    found = [r for r in map(json.loads, lines) if r["kind"] in kinds]
    return found[:limit] if limit else found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--right-rows", type=int, default=None, help="only the first N right answers")
    args = ap.parse_args()
    book = load_keys([ROOT / "corpus" / "keys"])
    keys = book.distinct()
    named = {k.ids[0]: set(concepts_in(k.question)) for k in keys}
    context = {k.ids[0]: (subjects_of(k), terms_of(k), pairs_of(k)) for k in keys}

    def scopes_hit(answer: str, qid: str) -> dict[str, bool]:
        own = book[qid]
        text = normalise(spoken_core(answer))
        hit = {"all keys": False, "keys sharing a concept": False}
        for other in keys:
            if other is own:
                continue
            near = bool(named[other.ids[0]] & set(concepts_in(own.question)))
            if hit["all keys"] and (hit["keys sharing a concept"] or not near):
                continue
            subjects, terms, pairs = context[other.ids[0]]
            wrongs = [w for p in other.points for w in p.misconceptions]
            if any(states(text, w, subjects, terms, pairs) for w in wrongs):
                hit["all keys"] = True
                hit["keys sharing a concept"] |= near
        return hit

    missed = [
        r
        for name in CLAIMS
        for r in rows(name, {"false_central", "one_error"})
        if not grade(r["answer"], book[r["question_id"]], book).misconceptions
    ]
    right = rows(RIGHT, {"excellent"}, args.right_rows)
    caught = [scopes_hit(r["answer"], r["question_id"]) for r in missed]
    flagged = [scopes_hit(r["answer"], r["question_id"]) for r in right]
    for scope in ("all keys", "keys sharing a concept"):
        print(
            f"{scope:24} fires in {sum(h[scope] for h in caught):3} of {len(missed)} missed claims"
            f" · flags {sum(h[scope] for h in flagged):3} of {len(right)} right answers"
        )


if __name__ == "__main__":
    main()
