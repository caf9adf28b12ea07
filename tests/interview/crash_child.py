"""Run by test_crash.py in a subprocess: an interview that answers on cue and can be SIGKILLed.

Protocol on stdout, one line each: `asked <turn_id>` once a question is saved, `answered <n>` once
answer n has returned. After each answer the next question is asked (saved), then the child waits
for a line on stdin before answering it — so the parent can kill it with a question open. A line
`draft TEXT` saves TEXT as the answer being typed (`drafted` once saved) and waits again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from interviewer.types.plan import InterviewPlan
from tests.interview.fakes import make_services


def main(db_path: str) -> None:
    services = make_services(Path(db_path))
    interview = services.new_interview(InterviewPlan(count=6, follow_ups=False, seed=1))
    answered = 0
    turn = interview.next_turn()
    while turn is not None:
        print(f"asked {turn.turn_id}", flush=True)
        line = sys.stdin.readline()
        while line.startswith("draft "):
            interview.save_draft(turn, line[len("draft ") :].rstrip("\n"))
            print("drafted", flush=True)
            line = sys.stdin.readline()
        if not line:
            return
        interview.answer(turn, f"第 {answered + 1} 个回答：Adam 用了动量和自适应学习率", 3.0)
        answered += 1
        print(f"answered {answered}", flush=True)
        turn = interview.next_turn()


if __name__ == "__main__":
    main(sys.argv[1])
