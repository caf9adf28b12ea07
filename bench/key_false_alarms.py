"""Where the answer keys' misconceptions fire on right text: three scans of the shipped keys.

    python bench/key_false_alarms.py            # counts
    python bench/key_false_alarms.py --show     # and every firing

* one breath: every two of a key's points (and of their first examples), in either order, run
  together without punctuation, graded against that key (`interviewer keys check` and the
  shipped-keys test hold every key to this);
* bank passages: the notes' own answer to each keyed question, as written and without
  punctuation, graded against its key (a firing is a loose pattern or a wrong passage);
* neighbours: each key's points and first examples graded against every other key whose question
  names a concept in common (a central misconception firing there is worth a look: a candidate
  mentions neighbouring facts in passing).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.grading.keycheck import in_one_breath, unpunctuated
from interviewer.grading.keyed import grade
from interviewer.keys.load import KeyBook, load_keys
from interviewer.types.answer_key import AnswerKey
from interviewer.vocabulary.glossary import concepts_in

REPO = Path(__file__).resolve().parent.parent


def _fired(text: str, key: AnswerKey, book: KeyBook | None, central_only: bool = False) -> list:
    return [
        (key.ids[0], r.misconception.claim, r.claim_words)
        for r in grade(text, key, book).results
        if r.misconception and (r.misconception.central or not central_only)
    ]


def one_breath(book: KeyBook) -> tuple[int, list]:
    tried, fired = 0, []
    for key in book.distinct():
        for run in in_one_breath(key):
            tried += 1
            fired += _fired(run, key, book)
    return tried, fired


def bank_passages(book: KeyBook) -> tuple[int, list]:
    tried, fired = 0, []
    for line in (REPO / "index" / "questions.jsonl").read_text("utf-8").splitlines():
        question = json.loads(line)
        if question["id"] not in book:
            continue
        passage = "\n".join(item["answer"] for item in question["items"]).strip()
        if len(passage) < 20:
            continue
        for text in (passage, unpunctuated(passage)):
            tried += 1
            fired += _fired(text[:1500], book[question["id"]], book)
    return tried, fired


def neighbours(book: KeyBook) -> tuple[int, list]:
    keys = book.distinct()
    named = {k.ids[0]: set(concepts_in(k.question)) for k in keys}
    tried, fired = 0, []
    for judged in keys:
        for other in keys:
            if other is judged or not named[judged.ids[0]] & named[other.ids[0]]:
                continue
            for point in other.points:
                for text in [point.text, *point.examples[:1]]:
                    tried += 1
                    fired += _fired(text, judged, None, central_only=True)
    return tried, fired


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    book = load_keys([REPO / "corpus" / "keys"])
    for name, scan in (
        ("one breath", one_breath),
        ("bank passages", bank_passages),
        ("neighbours (central)", neighbours),
    ):
        tried, fired = scan(book)
        print(f"{name}: {len(fired)} firings in {tried} right texts")
        if args.show:
            for key_id, claim, words in fired:
                print(f"  {key_id} {claim[:40]} <- {words[:60]!r}")


if __name__ == "__main__":
    main()
