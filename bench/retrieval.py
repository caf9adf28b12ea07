"""Retrieval quality on the seed corpus: do paraphrased questions find their bank question?

    python bench/retrieval.py [--index DIR] [--corpus DIR] [--json] [--misses]

Reads `bench/paraphrases.jsonl` (hand-written colloquial paraphrases keyed by bank question id;
`equivalent` lists bank entries that ask the very same thing but the corpus pipeline kept apart)
and reports, for dense only, lexical only and hybrid:

* paraphrase top-1 / top-3: the target question is first / among the first three questions
  ranked by `HybridRetriever.rank_questions` (strict: the target id only; lenient: or an
  equivalent);
* own passages first: searching a bank question's own text, the first hit, and the first answer
  passage, belong to that question (over every question that has an answer);
* mean query latency (embedding included), over the paraphrases.

Rows are reported for the whole set and per split (see `Paraphrase.split`).

Uses the index as built (run `interviewer build` first); it refuses a stale one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODES = ("dense", "lexical", "hybrid")


@dataclass(frozen=True)
class Paraphrase:
    id: str
    question: str
    paraphrase: str
    equivalent: tuple[str, ...]
    split: str
    """'dev': written first, and seen while choosing the fusion weights and the glossary;
    'heldout': written after those choices and never used to make one."""


def load_paraphrases(path: Path) -> list[Paraphrase]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            rows.append(
                Paraphrase(
                    data["id"],
                    data["question"],
                    data["paraphrase"],
                    tuple(data.get("equivalent", ())),
                    data.get("split", "dev"),
                )
            )
    return rows


def paraphrase_scores(retriever, rows: list[Paraphrase], mode: str) -> tuple[dict, list]:
    """top-1/top-3, strict and lenient, and the misses (for --misses)."""
    counts = {"top1": 0, "top3": 0, "top1_lenient": 0, "top3_lenient": 0}
    misses = []
    for row in rows:
        ranked = [q.id for q, _ in retriever.rank_questions(row.paraphrase, 3, mode)]
        accepted = {row.id, *row.equivalent}
        counts["top1"] += ranked[:1] == [row.id]
        counts["top3"] += row.id in ranked
        counts["top1_lenient"] += bool(ranked[:1]) and ranked[0] in accepted
        counts["top3_lenient"] += bool(accepted & set(ranked))
        if row.id not in ranked:
            texts = [retriever.question(qid).text for qid in ranked]
            misses.append({"paraphrase": row.paraphrase, "target": row.question, "got": texts})
    return {k: v / len(rows) for k, v in counts.items()}, misses


def time_queries(retriever, texts: list[str]) -> dict[str, float]:
    """Milliseconds per query, embedding included (each text embedded afresh)."""
    for text in texts[:5]:  # warm-up: the first calls into torch are several times slower
        retriever.search_mode(text, 5, "dense")
    out = {}
    for mode in MODES:
        retriever.clear_query_cache()
        start = time.perf_counter()
        for text in texts:
            retriever.search_mode(text, 5, mode)
        out[mode] = (time.perf_counter() - start) / len(texts) * 1000
    return out


def own_passage_scores(retriever, mode: str) -> dict:
    """Searching a question's own text: is the first hit / first answer passage its own?"""
    answered = [q for q in retriever.questions() if retriever.chunks_for_question(q.id)]
    first = first_answer = 0
    for question in answered:
        hits = retriever.search_mode(question.text, 10, mode)
        first += bool(hits) and hits[0].chunk.question_id == question.id
        answers = [h for h in hits if h.chunk.kind == "answer"]
        first_answer += bool(answers) and answers[0].chunk.question_id == question.id
    n = len(answered)
    return {"questions": n, "first_hit": first / n, "first_answer": first_answer / n}


def main() -> int:
    from interviewer.config import load_settings
    from interviewer.embedding.model import load_embedder
    from interviewer.index.search import open_retriever

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--paraphrases", type=Path, default=ROOT / "bench" / "paraphrases.jsonl")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--misses", action="store_true", help="list hybrid top-3 misses")
    args = parser.parse_args()

    settings = load_settings(index_dir=args.index, corpus_dir=args.corpus)
    embedder = load_embedder(settings.embed_model, settings.cache_dir)
    retriever = open_retriever(settings.index_dir, embedder, settings.corpus_dir)
    if retriever.stale:
        print(f"error: {retriever.stale}: run `interviewer build` first", file=sys.stderr)
        return 2
    rows = load_paraphrases(args.paraphrases)
    known = {q.id for q in retriever.questions()}
    unknown = [r.id for r in rows if r.id not in known]
    if unknown:
        print(f"error: paraphrase targets not in the bank: {', '.join(unknown)}", file=sys.stderr)
        return 2

    results: dict = {
        "paraphrases": len(rows),
        "questions": len(known),
        "chunks": retriever.manifest.count,
        "model": retriever.manifest.model_id,
    }
    splits = {"all": rows, **{s: [r for r in rows if r.split == s] for s in ("dev", "heldout")}}
    results["splits"] = {name: len(subset) for name, subset in splits.items()}
    latency = time_queries(retriever, [r.paraphrase for r in rows])
    misses = []
    for mode in MODES:
        results[mode] = {"own": own_passage_scores(retriever, mode), "ms_per_query": latency[mode]}
        for name, subset in splits.items():
            scores, mode_misses = paraphrase_scores(retriever, subset, mode)
            results[mode][name] = scores
            if mode == "hybrid" and name == "all":
                misses = mode_misses

    if args.json:
        print(json.dumps({**results, "hybrid_misses": misses}, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{results['paraphrases']} paraphrases, {results['questions']} bank questions, "
        f"{results['chunks']} chunks, model {results['model']}"
    )
    print(
        "| ranker | split (n) | top-1 | top-3 | top-1 (+equiv.) | top-3 (+equiv.) |"
        "\n|---|---|---|---|---|---|"
    )
    for mode in MODES:
        for name, n in results["splits"].items():
            r = results[mode][name]
            print(
                f"| {mode} | {name} ({n}) | {r['top1']:.1%} | {r['top3']:.1%} "
                f"| {r['top1_lenient']:.1%} | {r['top3_lenient']:.1%} |"
            )
    own = results["hybrid"]["own"]["questions"]
    print(f"\n| ranker | own first hit | own first answer | ms/query |  ({own} answered questions)")
    print("|---|---|---|---|")
    for mode in MODES:
        r = results[mode]
        print(
            f"| {mode} | {r['own']['first_hit']:.1%} | {r['own']['first_answer']:.1%} "
            f"| {r['ms_per_query']:.1f} |"
        )
    if args.misses:
        for miss in misses:
            print(f"MISS {miss['paraphrase']!r} -> want {miss['target']!r}, got {miss['got']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
