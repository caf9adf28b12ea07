"""Why the similarity grader embeds each answer clause on its own: clause vectors pooled from one
forward pass over the whole answer ("late chunking", ~1x a raw encode instead of ~2.4x) would meet
the latency target but lose most of the signal.

    python bench/late_chunking.py

For 200 le_zh rows, 200 SemEval rows and the team's 120 short answers: the mean over the
reference's points of the best cosine to the answer (its own vector and its embedded segments),
with the segments embedded on their own vs pooled from the whole answer's token vectors, each
correlated with the human grades.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from grading_data import EVAL_DIR, load_rows, stratified_sample

from interviewer.config import load_settings
from interviewer.embedding.model import Embedder, load_embedder
from interviewer.grading.keypoints import reference_points
from interviewer.grading.segments import answer_segments
from interviewer.grading.text import strip_fillers


def pooled(embedder: Embedder, text: str, segments: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The whole text's vector and each segment's, pooled from one pass over the text."""
    model, prefix = embedder.model, embedder.query_prefix
    tokens = model.encode(
        [text], prompt=prefix, output_value="token_embeddings", convert_to_numpy=False
    )[0]
    offsets = model.tokenizer(
        prefix + text, return_offsets_mapping=True, truncation=True, max_length=512
    )["offset_mapping"]
    shift = len(prefix)
    vectors = []
    for segment in segments:
        found = re.search(r"\s*".join(re.escape(c) for c in segment.replace(" ", "")), text)
        start, end = found.span() if found else (0, len(text))
        picked = [
            k for k, (a, b) in enumerate(offsets) if b > a and b > start + shift and a < end + shift
        ]
        vector = tokens[picked].mean(0) if picked else tokens.mean(0)
        vectors.append((vector / vector.norm()).numpy())
    whole = tokens.mean(0)
    whole = (whole / whole.norm()).numpy()
    return whole, np.array(vectors, np.float32).reshape(len(segments), whole.shape[0])


def main() -> None:
    settings = load_settings(offline=True)
    embedder = load_embedder(settings.embed_model, settings.cache_dir)
    sets = {
        "le_zh (200)": random.Random(3).sample(load_rows(EVAL_DIR / "le_zh.jsonl", "le_zh"), 200),
        "SemEval (200)": stratified_sample(
            load_rows(EVAL_DIR / "semeval_train_3way.jsonl", "semeval"), 200
        ),
        "team short answers (120)": load_rows(
            Path(__file__).resolve().parent / "shortanswer_team_check.jsonl", "team"
        ),
    }
    for name, rows in sets.items():
        alone, late, human = [], [], []
        for row in rows:
            answer = strip_fillers(row.answer) or row.answer
            segments = [s.text for s in answer_segments(answer) if s.embedded]
            points = reference_points(row.reference, row.question).points
            if not points:
                continue
            point_vecs = embedder.embed_symmetric(points)
            own = embedder.embed_symmetric([answer, *segments])
            whole, parts = pooled(embedder, answer, segments)
            together = np.vstack([whole[None], parts])
            alone.append(float((point_vecs @ own.T).max(1).mean()))
            late.append(float((point_vecs @ together.T).max(1).mean()))
            human.append(row.target)
        print(
            f"{name}: segments embedded alone r={np.corrcoef(alone, human)[0, 1]:.3f}, "
            f"pooled from one pass r={np.corrcoef(late, human)[0, 1]:.3f}"
        )


if __name__ == "__main__":
    main()
