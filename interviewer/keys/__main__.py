"""`python -m interviewer.keys check FILE…`: validate answer-key files while writing them."""

import sys
from pathlib import Path

from interviewer.grading.keycheck import key_problems
from interviewer.keys.load import read_key


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check":
        print("usage: python -m interviewer.keys check FILE…", file=sys.stderr)
        return 2
    bad = 0
    for name in argv[1:]:
        key, problem = read_key(Path(name))
        if key is None:
            print(problem)
            bad += 1
            continue
        problems = key_problems(key)
        for line in problems:
            print(f"{name}: {line}")
        bad += bool(problems)
        if not problems:
            print(
                f"{name}: ok ({len(key.points)} points, {len(key.misconceptions)} misconceptions)"
            )
    return 1 if bad else 0


sys.exit(main(sys.argv[1:]))
