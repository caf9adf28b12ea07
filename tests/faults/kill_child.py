"""Run by test_process_kill.py: interviews answered as fast as possible until SIGKILL arrives.

    python -m tests.faults.kill_child DB [fake|real] SEED

Prints `ready` once the services are up, then `graded <turn_id>` after every answer (or skip)
has returned, i.e. once the candidate would see its verdict. The parent kills this process at a
random moment and checks that every printed turn is in the database and the database is sound.
Bounded in time, not in count: a fast machine must not finish the work before the parent's
random kill lands, so it keeps interviewing for up to RUN_SECONDS.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from random import Random

from interviewer.types.plan import InterviewPlan
from tests.interview.fakes import BANK, good_answer, make_services

RUN_SECONDS = 60.0


def main(db: str, grader_kind: str, seed: int) -> None:
    grader = None
    if grader_kind == "real":
        from interviewer.embedding.model import load_embedder, set_torch_threads
        from interviewer.grading.similarity import SimilarityGrader
        from tests.conftest import MODEL_CACHE

        embedder = load_embedder(None, MODEL_CACHE)
        set_torch_threads(1)
        grader = SimilarityGrader(embedder)
    services = make_services(Path(db), grader=grader)
    rng = Random(seed)
    answered = {qid for qid, _, _, answer in BANK if answer}
    print("ready", flush=True)
    deadline = time.monotonic() + RUN_SECONDS
    session = 0
    while time.monotonic() < deadline:
        session += 1
        plan = InterviewPlan(count=6, mode="new", follow_ups=True, seed=seed * 100 + session)
        interview = services.new_interview(plan)
        turn = interview.next_turn()
        while turn is not None:
            roll = rng.random()
            if roll < 0.15:
                interview.skip(turn, dont_know=roll < 0.05)
            elif roll < 0.25:
                interview.hint(turn)
                interview.answer(turn, "嗯，不太确定，可能和梯度有关。", 5.0)
            elif turn.question_id in answered:
                interview.answer(turn, good_answer(turn.question_id), 30.0)
            else:
                interview.answer(turn, "KL散度衡量两个分布的差异，不对称。", 12.0)
            print(f"graded {turn.turn_id}", flush=True)
            turn = interview.next_turn()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
