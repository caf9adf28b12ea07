"""Grade replies to the bank's follow-ups the way the interview grades them: on the one key point
the follow-up asked about (`grounding.focused_references`), and report how many right replies
are credited (7 or more) and how many wrong ones are held at 3 or less, per kind.

Rows (`bench/followup_replies.jsonl`): {"qid", "point" (index in the key), "ask", "kind", "reply",
"grade" (0-10, the writer's)}, kinds right_zh, right_mix (mixed or English) and wrong; written
blind to the keys by helpers. `--show` prints every reply graded against its kind.

    python bench/eval_replies.py [FILE] [--show]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interviewer.config import load_settings  # noqa: E402
from interviewer.grading.keyed import grade  # noqa: E402
from interviewer.interview.grounding import focused_references  # noqa: E402
from interviewer.services.models import bank_keys  # noqa: E402
from interviewer.types.verdict import Reference  # noqa: E402

CREDITED = 7.0
HELD = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default="bench/followup_replies.jsonl")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    book = bank_keys(load_settings(offline=True))
    tally: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0, 0.0])
    for line in Path(args.file).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        key = book.get(row["qid"])
        point = key.points[row["point"]]
        home = Reference(text=point.text, source="key", question_id=row["qid"], key=key)
        focused = focused_references([home], [point.text], row["ask"])[0].key
        score = grade(row["reply"], focused, book).score
        wrong = row["kind"] == "wrong"
        ok = score <= HELD if wrong else score >= CREDITED
        for tag in (row["kind"], f"{row['kind']} ({'core' if point.core else 'bonus'})"):
            t = tally[tag]
            t[0] += 1
            t[1] += ok
            t[2] += abs(score - row["grade"])
        if args.show:
            where = f"{row['qid']}#{row['point']}"
            mark = "ok " if ok else "BAD"
            print(f"{mark} {row['kind']:9} {row['grade']:4.1f} {score:4.1f} {where} {row['reply']}")
    summary = {
        tag: {"n": int(n), "ok": round(ok / n, 3), "mae": round(ae / n, 2)}
        for tag, (n, ok, ae) in sorted(tally.items())
    }
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
