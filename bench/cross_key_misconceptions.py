"""Can one key's misconceptions name a slip said in an answer to another question? Measured.

Many slips are about a concept several questions touch ("recall = TP/(TP+FP)" in a PR-curve
answer, "tanh has no vanishing gradient" in an activation answer) and are listed under one key
only. Here every answer is also matched against the misconceptions of the other keys — all of
them, or only those of keys whose question names a concept in common with its own — each with
its owning key's subjects and terms, as the grader would. Printed per scope: in how many
false-claim answers nothing named (kinds false_central / one_error of the claims sets) another
key's misconception fires (not always the claim they make), against how many excellent right
answers (bench/interview_team_right.jsonl) it fires in.

With --copy, the other way to share them: each misconception is copied into the keys whose
question names its subject (a concept of its first wordings), on the point of that key whose
concepts its claim and correction name most, as a side error — kept only where its examples are
flagged there, `keys check` finds nothing new and no right answer to that question in the bench
sets is flagged. Printed: the claims named in the two fresh claims sets and the fresh right
answers (the last 120 rows of the right-answer set) flagged, with and without the copies.

    python bench/cross_key_misconceptions.py                 # ~10 min on 2 cores
    python bench/cross_key_misconceptions.py --right-rows 200
    python bench/cross_key_misconceptions.py --copy          # ~15 min
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.grading.keycheck import key_problems  # noqa: E402
from interviewer.grading.keyed import grade, spoken_core  # noqa: E402
from interviewer.grading.keymatch import (  # noqa: E402
    find,  # noqa: E402
    normalise,
    pairs_of,
    states,
    subjects_of,
    terms_of,
)
from interviewer.keys.load import load_keys  # noqa: E402
from interviewer.vocabulary.glossary import concepts_in  # noqa: E402

CLAIMS = [
    "interview_team_claims.jsonl",
    "interview_team_claims_check.jsonl",
    "interview_team_claims_check2.jsonl",
]
RIGHT = "interview_team_right.jsonl"
FRESH_CLAIMS = ["interview_team_claims_check2.jsonl", "interview_team_claims_check3.jsonl"]
FRESH_RIGHT = 120
"""The right-answer set's last batch, written after the keys were last widened."""
GUARDS = ["interview_team_tune.jsonl", "interview_team_check.jsonl", "interview_dev.jsonl"]


def rows(name: str, kinds: set[str], limit: int | None = None) -> list[dict]:
    lines = (ROOT / "bench" / name).read_text(encoding="utf-8").splitlines()
    found = [r for r in map(json.loads, lines) if r["kind"] in kinds]
    return found[:limit] if limit else found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--right-rows", type=int, default=None, help="only the first N right answers")
    ap.add_argument("--copy", action="store_true", help="measure copying them between keys")
    args = ap.parse_args()
    book = load_keys([ROOT / "corpus" / "keys"])
    if args.copy:
        copy_between_keys(book)
        return
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


def _names(book, answer: str, qid: str) -> bool:
    return bool(grade(answer, book[qid], book).misconceptions)


def _copies(book) -> list[tuple[str, int, object]]:
    """(key id, point index, misconception as a side error) for every copy that holds up."""
    keys = book.distinct()
    asked = {k.ids[0]: set(concepts_in(k.question)) for k in keys}
    right: dict[str, list[str]] = {}
    kinds = {"excellent", "thin", "english", "other_terms", "neg_correct"}
    guards = rows(RIGHT, kinds)[:-FRESH_RIGHT]  # the fresh batch measures, it does not guard
    for r in guards + [r for name in GUARDS for r in rows(name, kinds)]:
        right.setdefault(r["question_id"], []).append(r["answer"])
    found = []
    for owner in keys:
        for wrong in (w for p in owner.points for w in p.misconceptions):
            subject = {c for w in wrong.says[0] for c in concepts_in(w)}
            if not subject or not wrong.examples:
                continue
            for key in keys:
                if key is owner or not subject & asked[key.ids[0]]:
                    continue
                if any(grade(e, key, book).misconceptions for e in wrong.examples):
                    continue  # it already says so
                said = normalise(wrong.claim + " " + wrong.correction)
                hits = [sum(1 for g in p.concepts if find(said, g)) for p in key.points]
                if max(hits) == 0:
                    continue
                where = hits.index(max(hits))
                side = wrong.model_copy(update={"central": False})
                points = list(key.points)
                on = points[where]
                points[where] = on.model_copy(update={"misconceptions": [*on.misconceptions, side]})
                copy = key.model_copy(update={"points": points})
                if (
                    all(_flags(copy, book, e, wrong.claim) for e in wrong.examples)
                    and set(key_problems(copy)) <= set(key_problems(key))
                    and not any(
                        _flags(copy, book, a, wrong.claim)
                        for q in key.ids
                        for a in right.get(q, [])
                    )
                ):
                    found.append((key.ids[0], where, side))
    return found


def _flags(key, book, answer: str, claim: str) -> bool:
    found = grade(answer, key, book).misconceptions
    return any(r.misconception.claim == claim for r in found)


def _with(book, copies) -> object:
    """`book` with the copies added to their keys (every id of a shared key)."""
    changed = {}
    for qid, where, side in copies:
        key = changed.get(qid, book[qid])
        points = list(key.points)
        on = points[where]
        points[where] = on.model_copy(update={"misconceptions": [*on.misconceptions, side]})
        changed[qid] = key.model_copy(update={"points": points})
    book = type(book)(keys=dict(book.keys), problems=list(book.problems))
    for key in changed.values():
        for i in key.ids:
            book.keys[i] = key
    return book


def copy_between_keys(book) -> None:
    copies = _copies(book)
    shared = _with(book, copies)
    claims = [r for name in FRESH_CLAIMS for r in rows(name, {"false_central", "one_error"})]
    fresh = rows(RIGHT, {"excellent", "thin"})[-FRESH_RIGHT:]
    print(f"{len(copies)} copies that hold up")
    for name, b in (("keys as shipped", book), ("with the copies", shared)):
        named = sum(_names(b, r["answer"], r["question_id"]) for r in claims)
        flagged = sum(_names(b, r["answer"], r["question_id"]) for r in fresh)
        print(
            f"{name:16} names {named} of {len(claims)} fresh claims"
            f" · flags {flagged} of {len(fresh)} fresh right answers"
        )


if __name__ == "__main__":
    main()
