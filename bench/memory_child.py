"""Peak memory of one workload, measured in a fresh process (so nothing else is counted).

    python bench/memory_child.py model            # reference: the model alone, one encode
    python bench/memory_child.py practice N       # Services.load + N graded answers (offline)
    python bench/memory_child.py build CORPUS OUT [TOKENS]
                                                  # a from-scratch `build_index` into OUT
                                                  # (TOKENS: another padded-token budget per
                                                  # encode call than the product's)

Prints one JSON line: {"mode", "peak_rss_mb", "seconds", ...}. Peak RSS is the kernel's
high-water mark for this process image (VmHWM in /proc/self/status).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_rss_mb() -> float:
    """VmHWM: this process image's high-water RSS. (`ru_maxrss` is no good here: Linux carries
    the parent's peak across fork+exec, so every child would report the benchmark's own size.)"""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def model_only() -> dict:
    from interviewer.config import load_settings
    from interviewer.embedding.model import load_embedder

    settings = load_settings()
    embedder = load_embedder(settings.embed_model, settings.cache_dir)
    embedder.embed_symmetric(["Adam 和 SGD 的区别是什么？"])
    return {}


def practice(answers: int) -> dict:
    from bench.answers import answers_for
    from interviewer.config import load_settings
    from interviewer.services.root import Services
    from interviewer.types.plan import InterviewPlan

    settings = load_settings(offline=True)
    services = Services.load(settings)
    interview = services.new_interview(InterviewPlan(count=answers, follow_ups=False, seed=5))
    rng = Random(5)
    graded = 0
    turn = interview.next_turn()
    while turn is not None and graded < answers:
        chunks = services.retriever.chunks_for_question(turn.question_id)
        reference = " ".join(c.text for c in chunks) or turn.question
        interview.answer(turn, answers_for(reference, rng)[graded % 3].text, 30.0)
        graded += 1
        turn = interview.next_turn()
    services.close()
    return {"graded": graded}


def build(corpus: str, out: str, tokens: int | None = None) -> dict:
    from interviewer.config import load_settings
    from interviewer.embedding.model import load_embedder
    from interviewer.index import build as index_build
    from interviewer.index.build import build_index

    if tokens is not None:
        index_build.EMBED_BATCH_TOKENS = tokens

    settings = load_settings()
    report = build_index(
        Path(corpus),
        Path(out),
        settings.embed_model,
        lambda: load_embedder(settings.embed_model, settings.cache_dir),
        force=True,
    )
    return {
        "chunks": report.chunks,
        "embedded": report.embedded,
        "batch_tokens": index_build.EMBED_BATCH_TOKENS,
    }


def main(argv: list[str]) -> None:
    start = time.perf_counter()
    mode = argv[0]
    if mode == "model":
        extra = model_only()
    elif mode == "practice":
        extra = practice(int(argv[1]))
    elif mode == "build":
        extra = build(argv[1], argv[2], int(argv[3]) if len(argv) > 3 else None)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    seconds = round(time.perf_counter() - start, 2)
    print(json.dumps({"mode": mode, "peak_rss_mb": peak_rss_mb(), "seconds": seconds, **extra}))


if __name__ == "__main__":
    main(sys.argv[1:])
