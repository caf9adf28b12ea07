"""Can the embedding model name a false claim the key's patterns miss? Measured, not assumed.

For each answer, each clause (and each two adjacent clauses) is embedded; for each misconception
of the question's key, the clause nearest to its claim and examples is found, and its margin over
the nearest correct phrasing of the same point (the point, its examples, the corrections) is
taken. A detector would flag an answer when that nearest similarity and margin both clear a
threshold. Printed: for each threshold pair, how many false-claim answers the patterns missed it
would catch (kinds false_central / one_error in the tuning sets, nothing named) against how many
right answers it would flag (full-marks rows of those sets and bench/interview_team_right.jsonl).

    python bench/misconception_neighbours.py          # ~3 min on 2 cores
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.config import load_settings  # noqa: E402
from interviewer.embedding.model import load_embedder  # noqa: E402
from interviewer.grading.keyed import grade  # noqa: E402
from interviewer.keys.load import load_keys  # noqa: E402

TUNING = ["interview_team_claims.jsonl", "interview_team_tune.jsonl", "interview_dev.jsonl"]
RIGHT = "interview_team_right.jsonl"
FULL_MARKS = 8.5
_CLAUSE = re.compile(r"[。！？!?；;\n，,]|(?<=[a-z])\.\s")


def clauses(text: str) -> list[str]:
    parts = [p.strip() for p in _CLAUSE.split(text) if len(p.strip()) >= 4]
    return parts + [f"{a}，{b}" for a, b in zip(parts, parts[1:], strict=False)] or [text]


class Vectors:
    def __init__(self, embedder) -> None:
        self.embedder, self.seen = embedder, {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if new:
            self.seen.update(zip(new, self.embedder.embed_symmetric(new), strict=True))
        return np.stack([self.seen[t] for t in texts])


def nearest_claim(answer: str, key, vectors: Vectors) -> tuple[float, float]:
    """(similarity, margin over the point's correct phrasings) of the best-matching claim."""
    found = vectors(clauses(answer))
    best = (-1.0, -1.0)
    for point in key.points:
        right = [point.text, *point.examples, *(m.correction for m in point.misconceptions)]
        right_sim = (found @ vectors(right).T).max(1)
        for wrong in point.misconceptions:
            sim = (found @ vectors([wrong.claim, *wrong.examples]).T).max(1)
            i = int(np.argmax(sim))
            if sim[i] > best[0]:
                best = (float(sim[i]), float(sim[i] - right_sim[i]))
    return best


def main() -> None:
    settings = load_settings()
    vectors = Vectors(load_embedder(settings.embed_model, settings.cache_dir))
    book = load_keys([ROOT / "corpus" / "keys"])
    missed, right = [], []
    for name in [*TUNING, RIGHT]:
        for line in (ROOT / "bench" / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            key = book.get(row["question_id"])
            if key is None or grade(row["answer"], key, book).misconceptions:
                continue
            human = float(row["human"]) * 10 / float(row.get("scale") or 10)
            if row["kind"] in ("false_central", "one_error"):
                missed.append(nearest_claim(row["answer"], key, vectors))
            elif human >= FULL_MARKS:
                right.append(nearest_claim(row["answer"], key, vectors))
    print(f"{len(missed)} false claims the patterns miss, {len(right)} right answers")
    for floor in (0.90, 0.93, 0.95):
        for margin in (0.0, 0.01, 0.02, 0.05):
            caught = sum(s >= floor and m >= margin for s, m in missed)
            flagged = sum(s >= floor and m >= margin for s, m in right)
            print(
                f"similarity >= {floor:.2f}, margin >= {margin:.2f}: catches {caught}, "
                f"flags {flagged} right answers"
            )


if __name__ == "__main__":
    main()
