"""Speed and memory of the product, each figure beside a reference point measured in the same run.

    python bench/run.py                                   # everything (make bench)
    python bench/run.py --quick                           # a few minutes: fewer runs and sizes
    python bench/run.py --sections startup,grading --repeat 7
    python bench/run.py --sections search --sizes 1000,10000,100000

Sections (medians over --repeat runs, or percentiles over many answers/queries):
  help      `interviewer --help` wall time        ref: `python -c pass`, `python -c "import click"`
  startup   process start -> first question on screen (headless App.run_test, and a real
            terminal through tmux when installed)  ref: importing torch + sentence-transformers
  grading   offline (similarity) grading per answer: a warm question (prepared as the app does
            while it is read), a first answer with nothing cached, a first answer in a new process
            (references' vectors on disk); texts embedded per answer  ref: raw encode of the answer
  search    hybrid search per query at each size (synthetic growth of the real index), flat vs
            HNSW with recall@10  ref: raw FAISS search on the same vectors, raw query encode
  build     from-scratch index build (chunks/s), unchanged rebuild, one file changed
            ref: raw `SentenceTransformer.encode` of exactly the texts the build embedded
  memory    peak RSS of practice (model + index + 5 grades) and of a build, each in a fresh
            process (--batch-tokens 2048,8192: builds with other token budgets per encode call
            too)  ref: the model alone
  commands  wall time of each one-shot command in a fresh process, on scratch copies of the
            notes and index with a month of history: questions, keys, history, report, search
            and grade (a query no earlier command embedded, and one an earlier command did),
            build with nothing changed, add (a first note into an empty data folder)
            ref: a bare interpreter, importing torch + sentence-transformers, one raw encode
            (load the model, encode one query)
  bank      slow checks over the whole shipped bank that the test suite runs on a sample
            (every bank answer recited back is not graded as contradicting itself); pass/fail

Raw numbers go to bench/out/run-<time>.json (git-ignored) with the machine and load averages;
the machine is shared, so read figures with the load recorded beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from random import Random
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import (  # noqa: E402
    VENV_BIN,
    load_average,
    machine,
    median,
    percentile,
    run_child,
    summary_ms,
    timed,
)

SECTIONS = ("help", "startup", "grading", "search", "build", "memory", "commands", "bank")
INDEX = ROOT / "index"
CORPUS = ROOT / "corpus"


# -- shared ----------------------------------------------------------------------------------


class Context:
    """The loaded model (once per run) and the run's options."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._embedder: Any = None
        self.model_load_s: float | None = None

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from interviewer.config import load_settings
            from interviewer.embedding.model import load_embedder

            settings = load_settings()
            start = time.perf_counter()
            self._embedder = load_embedder(settings.embed_model, settings.cache_dir)
            self.model_load_s = round(time.perf_counter() - start, 2)
        return self._embedder

    def threads(self, interactive: bool) -> int:
        """Torch threads as the product uses them: the app's (interactive) or the build's."""
        import torch

        from interviewer.embedding.model import set_torch_threads
        from interviewer.services.models import interactive_threads

        set_torch_threads(interactive_threads() if interactive else None)
        return torch.get_num_threads()


def raw_encode(embedder: Any, texts: list[str], prefix: str, batch_size: int = 32) -> None:
    """The reference point: sentence-transformers itself, no product code around it."""
    embedder.model.encode(
        texts,
        prompt=prefix,
        batch_size=batch_size,
        normalize_embeddings=True,
        show_progress_bar=False,
    )


def fresh_home() -> Path:
    return Path(tempfile.mkdtemp(prefix="bench-home-"))


def child_env(home: Path) -> dict[str, str]:
    from interviewer.paths import cache_home

    return {"INTERVIEWER_HOME": str(home), "INTERVIEWER_CACHE": str(cache_home())}


# -- sections --------------------------------------------------------------------------------


def bench_help(ctx: Context) -> dict:
    exe = str(VENV_BIN / "interviewer")

    def wall(cmd: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        return time.perf_counter() - start

    runs = {"interviewer --help": [], "python -c pass": [], "python -c 'import click'": []}
    for _ in range(ctx.args.repeat):
        runs["interviewer --help"].append(wall([exe, "--help"]))
        runs["python -c pass"].append(wall([sys.executable, "-c", "pass"]))
        runs["python -c 'import click'"].append(wall([sys.executable, "-c", "import click"]))
    return {name: summary_ms(values) for name, values in runs.items()}


def bench_startup(ctx: Context) -> dict:
    count = 3
    headless: dict[str, list[float]] = {}
    for _ in range(ctx.args.repeat):
        home = fresh_home()
        try:
            out = run_child(
                ["bench/startup_child.py", repr(time.time()), str(count)], child_env(home)
            )
        finally:
            shutil.rmtree(home, ignore_errors=True)
        for line in out.splitlines():
            name, _, value = line.partition(" ")
            headless.setdefault(name, []).append(float(value))
    result: dict[str, Any] = {
        "headless_s": {k: round(median(v), 3) for k, v in headless.items()},
        "headless_runs_s": headless,
    }
    if shutil.which("tmux"):
        terminal = [_tmux_start(count) for _ in range(ctx.args.repeat)]
        result["tmux_runs_s"] = terminal
        result["tmux_s"] = {
            key: round(median([run[key] for run in terminal]), 3) for key in terminal[0]
        }
    imports = [
        timed(lambda: run_child(["-c", "import torch, sentence_transformers"]))
        for _ in range(ctx.args.repeat)
    ]
    result["ref_import_torch_st_s"] = round(median(imports), 3)
    return result


def _tmux_start(count: int) -> dict[str, float]:
    """A real terminal: seconds until `interviewer practice` shows its start screen, a question."""
    session = f"bench-{uuid.uuid4().hex[:8]}"
    home = fresh_home()
    env = " ".join(f"{k}={v}" for k, v in {**child_env(home), "HF_HUB_OFFLINE": "1"}.items())
    command = f"env {env} {VENV_BIN / 'interviewer'} practice --count {count}; sleep 60"
    marks: dict[str, float] = {}
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command], check=True
    )
    try:
        deadline = start + 120
        while time.perf_counter() < deadline:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            now = time.perf_counter() - start
            if "start_screen" not in marks and "模拟面试" in screen:
                marks["start_screen"] = round(now, 3)
            if f"第 1/{count} 题" in screen:
                marks["first_question"] = round(now, 3)
                break
            time.sleep(0.02)
        else:
            raise RuntimeError("tmux run: no first question within 120 s")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)
    return marks


class CountingEmbedder:
    """The real model, counting the texts grading asks it to embed."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.texts = 0

    def embed_symmetric(self, texts: list[str]) -> Any:
        self.texts += len(texts)
        return self.inner.embed_symmetric(texts)


def bench_grading(ctx: Context) -> dict:
    """Offline (similarity) grading of 3 answers per seed question, in three cases: the app's
    (the question and its references embedded by `prepare` while the candidate reads it: a warm
    question), a first answer with nothing cached anywhere, and a first answer in a new process
    that graded the question before (references' vectors from the disk cache). Beside each warm
    grade, a raw encode of the same answer."""
    from bench.answers import answers_for
    from interviewer.config import load_settings
    from interviewer.grading.service import build_grader
    from interviewer.index.search import open_retriever
    from interviewer.interview.grounding import grading_references

    embedder = ctx.embedder
    threads = ctx.threads(interactive=True)
    retriever = open_retriever(INDEX, embedder)
    rng = Random(11)
    answered = [q for q in retriever.questions() if q.has_answer]
    questions = rng.sample(answered, min(ctx.args.questions, len(answered)))
    for warm in answered[:2]:  # first-call overheads (allocations, lazy imports) off the clock
        grading_references(warm.text, retriever, warm.id)
    cases = []
    for question in questions:
        own = " ".join(c.text for c in retriever.chunks_for_question(question.id))
        cases.append((question, answers_for(own, rng)))
    counting = CountingEmbedder(embedder)
    scratch = Path(tempfile.mkdtemp(prefix="bench-grading-"))  # never the user's cache
    settings = load_settings(offline=True, cache_dir=scratch)
    first, later, from_disk, warm, raw, refs_time = [], [], [], [], [], []
    warm_cpu: list[float] = []
    raw_cpu: list[float] = []
    texts_first: list[int] = []
    texts_warm: list[int] = []
    scores: dict[str, list[float]] = {"good": [], "partial": [], "vague": []}
    try:
        grader = build_grader(settings, counting)  # nothing cached anywhere
        for question, answers in cases:
            references = grading_references(question.text, retriever, question.id)
            for n, answer in enumerate(answers):
                counting.texts = 0
                (first if n == 0 else later).append(
                    timed(grader.grade, question.text, answer.text, references)
                )
                if n == 0:
                    texts_first.append(counting.texts)
        grader = build_grader(settings, counting)  # a new process: references on disk
        for question, answers in cases:
            references = grading_references(question.text, retriever, question.id)
            from_disk.append(timed(grader.grade, question.text, answers[0].text, references))
        grader = build_grader(settings, counting)  # the app: each question prepared first
        for question, answers in cases:
            start = time.perf_counter()
            references = grading_references(question.text, retriever, question.id)
            refs_time.append(time.perf_counter() - start)
            grader.prepare(question.text, references)
            for answer in answers:
                counting.texts = 0
                start, cpu = time.perf_counter(), time.process_time()
                verdict = grader.grade(question.text, answer.text, references)
                warm.append(time.perf_counter() - start)
                warm_cpu.append(time.process_time() - cpu)
                texts_warm.append(counting.texts)
                scores[answer.style].append(verdict.score)
                start, cpu = time.perf_counter(), time.process_time()
                raw_encode(embedder, [answer.text], "query: ")
                raw.append(time.perf_counter() - start)
                raw_cpu.append(time.process_time() - cpu)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {
        "torch_threads": threads,
        "questions": len(questions),
        "answers": len(warm),
        "warm_question": summary_ms(warm),
        "ref_raw_encode_answer": summary_ms(raw),
        "ratio_median_to_raw_encode": round(median(warm) / median(raw), 2),
        "ratio_p95_to_raw_encode_p95": round(percentile(warm, 95) / percentile(raw, 95), 2),
        # CPU time of this process (1 torch thread): a busy machine's waiting left out
        "warm_question_cpu": summary_ms(warm_cpu),
        "ref_raw_encode_answer_cpu": summary_ms(raw_cpu),
        "texts_embedded_per_warm_answer": {
            "median": median(texts_warm),
            "p95": percentile(texts_warm, 95),
            "max": max(texts_warm),
        },
        "first_answer_nothing_cached": summary_ms(first),
        "texts_embedded_first_answer_median": median(texts_first),
        "later_answers_same_grader": summary_ms(later),
        "first_answer_new_process_references_on_disk": summary_ms(from_disk),
        "references_lookup": summary_ms(refs_time),
        "mean_score_by_style": {k: round(sum(v) / len(v), 2) for k, v in scores.items() if v},
    }


def bench_search(ctx: Context) -> dict:
    import faiss
    import numpy as np

    from bench.retrieval import load_paraphrases
    from bench.synthetic import exact_neighbours, recall_at, scaled_index
    from interviewer.index.search import CANDIDATES, HybridRetriever
    from interviewer.index.vectors import HNSW, build_faiss, stored_vectors
    from interviewer.vocabulary.glossary import expand_query

    embedder = ctx.embedder
    threads = ctx.threads(interactive=True)
    texts = [row.paraphrase for row in load_paraphrases(ROOT / "bench" / "paraphrases.jsonl")]
    texts = texts[: ctx.args.queries]
    queries = embedder.embed_queries([expand_query(t) for t in texts])
    results: dict[str, Any] = {
        "torch_threads": threads,
        "faiss_threads": faiss.omp_get_max_threads(),
        "queries": len(texts),
        "depth": CANDIDATES,
        "sizes": {},
    }
    for size in ctx.args.sizes:
        # a scratch folder, never the shipped index/: opening saves BM25 postings beside the index
        scratch = Path(tempfile.mkdtemp(prefix="bench-search-"))
        stored = scaled_index(INDEX, size, into=scratch)
        opened = time.perf_counter()
        retriever = HybridRetriever(stored, embedder)  # first open: builds and saves the postings
        open_s = time.perf_counter() - opened
        reopened = time.perf_counter()
        retriever = HybridRetriever(stored, embedder)  # a reopen: loads them
        reopen_s = time.perf_counter() - reopened
        vectors = stored_vectors(stored.faiss_index)
        cold, cached, flat, encode, lexical = [], [], [], [], []
        for text, vector in zip(texts, queries, strict=True):
            retriever.clear_query_cache()
            cold.append(timed(retriever.search, text, 5))
            cached.append(timed(retriever.search, text, 5))
            flat.append(timed(stored.faiss_index.search, vector.reshape(1, -1), CANDIDATES))
            lexical.append(timed(retriever._bm25.top, text, CANDIDATES))
            encode.append(timed(raw_encode, embedder, [text], "query: "))
        row: dict[str, Any] = {
            "open_retriever_s": round(open_s, 2),
            "reopen_retriever_s": round(reopen_s, 2),
            "hybrid_search_with_embedding": summary_ms(cold),
            "hybrid_search_cached_vector": summary_ms(cached),
            "bm25_top": summary_ms(lexical),
            "ref_raw_faiss_flat": summary_ms(flat),
            "ref_raw_encode_query": summary_ms(encode),
        }
        if size >= ctx.args.hnsw_from:
            built = time.perf_counter()
            hnsw = build_faiss(vectors, HNSW)
            build_s = time.perf_counter() - built
            approx = [timed(hnsw.search, v.reshape(1, -1), CANDIDATES) for v in queries]
            truth = exact_neighbours(vectors, np.asarray(queries), 10)
            _, found = hnsw.search(np.asarray(queries), 10)
            _, found_deep = hnsw.search(np.asarray(queries), CANDIDATES)
            truth_deep = exact_neighbours(vectors, np.asarray(queries), CANDIDATES)
            row["hnsw"] = {
                "build_s": round(build_s, 1),
                "search": summary_ms(approx),
                "recall_at_10": round(recall_at(found, truth), 4),
                f"recall_at_{CANDIDATES}": round(recall_at(found_deep, truth_deep), 4),
            }
        results["sizes"][str(size)] = row
        shutil.rmtree(scratch, ignore_errors=True)
        print(f"  search {size}: {json.dumps(row, ensure_ascii=False)}", flush=True)
    results["flat_limit"] = _flat_limit(ctx, queries, results)
    return results


def _flat_limit(ctx: Context, queries: Any, results: dict) -> dict:
    """Where exact search stops being cheap: raw flat search time at bigger sizes (vectors only),
    against the query encode it sits beside. 'Cheap' = at most half the encode time."""
    import numpy as np

    from bench.synthetic import scaled_vectors
    from interviewer.index.search import CANDIDATES
    from interviewer.index.store import load_index
    from interviewer.index.vectors import FLAT, build_faiss, stored_vectors

    base = stored_vectors(load_index(INDEX).faiss_index)
    points = {int(k): v["ref_raw_faiss_flat"]["median_ms"] for k, v in results["sizes"].items()}
    for size in ctx.args.flat_sizes:
        index = build_faiss(scaled_vectors(base, size)[0], FLAT)
        times = [timed(index.search, q.reshape(1, -1), CANDIDATES) for q in np.asarray(queries)]
        points[size] = summary_ms(times)["median_ms"]
        del index
    encode = median([row["ref_raw_encode_query"]["median_ms"] for row in results["sizes"].values()])
    ordered = sorted(points.items())
    large = [(n, ms) for n, ms in ordered if n >= 10_000] or ordered  # small runs: what there is
    per_million = median([ms / n * 1e6 for n, ms in large])
    return {
        "flat_median_ms_by_size": {str(n): ms for n, ms in ordered},
        "flat_ms_per_million_vectors": round(per_million, 1),
        "query_encode_median_ms": encode,
        "size_where_flat_is_half_the_encode": int(encode / 2 / per_million * 1e6),
    }


def bench_build(ctx: Context) -> dict:
    from interviewer.index.build import build_index
    from interviewer.index.store import load_index

    embedder = ctx.embedder
    threads = ctx.threads(interactive=False)
    recorder = _Recorder(embedder)
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        corpus, index = work / "corpus", work / "index"
        shutil.copytree(CORPUS, corpus)
        start = time.perf_counter()
        report = build_index(corpus, index, "multilingual-e5-small", lambda: recorder, force=True)
        scratch_s = time.perf_counter() - start
        passages = list(recorder.passages)
        other = list(recorder.symmetric)
        raw_passages = timed(raw_encode, embedder, passages, "passage: ")
        raw_other = timed(raw_encode, embedder, other, "query: ") if other else 0.0

        unchanged = [
            timed(lambda: build_index(corpus, index, "multilingual-e5-small", lambda: recorder))
            for _ in range(ctx.args.repeat)
        ]
        chunk = next(c for c in load_index(index).chunks if c.kind == "answer")
        path = corpus / chunk.source.path
        lines = path.read_text("utf-8").splitlines(keepends=True)
        line = chunk.source.line_start - 1
        lines[line] = lines[line].rstrip("\n") + "（补充：这一点面试常被追问。）\n"
        path.write_text("".join(lines), "utf-8")
        recorder.passages.clear()
        start = time.perf_counter()
        changed = build_index(corpus, index, "multilingual-e5-small", lambda: recorder)
        incremental_s = time.perf_counter() - start
        raw_changed = timed(raw_encode, embedder, list(recorder.passages), "passage: ")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "torch_threads": threads,
        "questions": report.questions,
        "chunks": report.chunks,
        "from_scratch_s": round(scratch_s, 2),
        "from_scratch_chunks_per_s": round(report.chunks / scratch_s, 1),
        "passages_embedded": len(passages),
        "grouping_texts_embedded": len(other),
        "ref_raw_encode_passages_s": round(raw_passages, 2),
        "ref_raw_encode_grouping_s": round(raw_other, 2),
        "ref_raw_passages_per_s": round(len(passages) / raw_passages, 1),
        "ratio_build_to_raw_encode": round(scratch_s / (raw_passages + raw_other), 2),
        "unchanged_rebuild": summary_ms(unchanged),
        "one_file_changed_s": round(incremental_s, 2),
        "one_file_changed_embedded": changed.embedded,
        "one_file_changed_reused": changed.reused,
        "ref_raw_encode_changed_s": round(raw_changed, 3),
    }


class _Recorder:
    """The real embedder, remembering what the build asked it to embed (for the reference)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.passages: list[str] = []
        self.symmetric: list[str] = []

    def passage_token_counts(self, texts: Any) -> Any:
        return self.inner.passage_token_counts(texts)

    def embed_passages(self, texts: Any, *args: Any, **kwargs: Any) -> Any:
        self.passages.extend(texts)
        return self.inner.embed_passages(texts, *args, **kwargs)

    def embed_symmetric(self, texts: Any, *args: Any, **kwargs: Any) -> Any:
        self.symmetric.extend(texts)
        return self.inner.embed_symmetric(texts, *args, **kwargs)

    def embed_queries(self, texts: Any, *args: Any, **kwargs: Any) -> Any:
        self.symmetric.extend(texts)
        return self.inner.embed_queries(texts, *args, **kwargs)


def bench_memory(ctx: Context) -> dict:
    results: dict[str, Any] = {}
    work = Path(tempfile.mkdtemp(prefix="bench-mem-"))
    try:
        shutil.copytree(CORPUS, work / "corpus")
        jobs = {
            "ref_model_only": lambda run: ["model"],
            "practice_5_grades": lambda run: ["practice", "5"],
            "build_from_scratch": lambda run: [  # a new folder each run: nothing to reuse
                "build",
                str(work / "corpus"),
                str(work / f"index-{run}"),
            ],
        }
        for tokens in ctx.args.batch_tokens:  # other token budgets per encode call, to compare
            jobs[f"build_from_scratch_{tokens}_tokens"] = lambda run, t=tokens: [
                "build",
                str(work / "corpus"),
                str(work / f"index-{t}-{run}"),
                str(t),
            ]
        for name, argv in jobs.items():
            runs = []
            for run in range(max(1, ctx.args.repeat // 2)):
                home = fresh_home()
                try:
                    out = run_child(["bench/memory_child.py", *argv(run)], child_env(home))
                finally:
                    shutil.rmtree(home, ignore_errors=True)
                runs.append(json.loads(out))
            peaks = [r["peak_rss_mb"] for r in runs]
            results[name] = {
                "peak_rss_mb": round(median(peaks), 1),
                "max_peak_rss_mb": max(peaks),
                "runs": runs,
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


NOTE = """## 什么是知识蒸馏？

知识蒸馏用一个大的教师模型的软标签训练一个小的学生模型，让学生学到类别之间的相似关系。

## 什么是梯度累积？

梯度累积把几个小 batch 的梯度加起来再更新一次参数，用小显存模拟大 batch。
"""


def bench_commands(ctx: Context, root: Path = ROOT) -> dict:
    """Each one-shot command as a user runs it: a fresh interpreter, `python -m interviewer`,
    the code under `root`, on scratch copies (never the repo's index/). Caches a previous
    command leaves (corpus hashes, parsed keys, kept query vectors) are warm, as they are after
    the first use; `search`/`grade` are timed on a query no command embedded before (the model
    loads) and on one an earlier command embedded."""
    from interviewer.config import load_settings
    from interviewer.embedding.model import resolve_model
    from interviewer.index.store import read_questions

    settings = load_settings()
    model_dir = resolve_model(settings.embed_model, settings.cache_dir)  # converted once
    work = Path(tempfile.mkdtemp(prefix="bench-commands-"))
    try:
        shutil.copytree(root / "corpus", work / "corpus", symlinks=True)
        shutil.copytree(root / "index", work / "index")
        cache = work / "cache"
        cache.mkdir()
        (cache / Path(model_dir).name).symlink_to(model_dir, target_is_directory=True)
        home = work / "home"
        env = {
            "PYTHONPATH": str(root),
            "INTERVIEWER_HOME": str(home),
            "INTERVIEWER_CACHE": str(cache),
            "INTERVIEWER_CORPUS_DIR": str(work / "corpus"),
            "INTERVIEWER_INDEX_DIR": str(work / "index"),
        }
        _, bank = read_questions(work / "index")
        _fill_history(home / "history.sqlite3", bank)
        note = work / "distill.md"
        note.write_text(NOTE, "utf-8")
        answered = [q for q in bank if q.has_answer]
        rng = Random(17)
        fresh = iter(rng.sample(answered, min(len(answered), 4 * ctx.args.repeat + 2)))
        asked = next(fresh).text

        def cmd(*args: str) -> list[str]:
            return [sys.executable, "-m", "interviewer", *args]

        def grade(question: str) -> list[str]:
            return cmd("grade", "-q", question, "-a", "就是用了动量和自适应学习率", "--offline")

        jobs: dict[str, Any] = {
            "ref_python_c_pass": lambda: [sys.executable, "-c", "pass"],
            "ref_import_torch_st": lambda: [
                sys.executable,
                "-c",
                "import torch, sentence_transformers",
            ],
            "ref_raw_encode": lambda: [
                sys.executable,
                "-c",
                "from sentence_transformers import SentenceTransformer\n"
                f"SentenceTransformer({str(model_dir)!r}, device='cpu')"
                ".encode(['query: Adam和SGD的区别'], normalize_embeddings=True)",
            ],
            "questions": lambda: cmd("questions"),
            "questions_json": lambda: cmd("questions", "--json"),
            "keys": lambda: cmd("keys"),
            "keys_show": lambda: cmd("keys", "show", bank[0].id),
            "history": lambda: cmd("history"),
            "report": lambda: cmd("report", "--out", str(work / "report.md")),
            "search_new_query": lambda: cmd("search", next(fresh).text + " 是什么", "--k", "5"),
            "search_asked_before": lambda: cmd("search", asked, "--k", "5"),
            "grade_new_question": lambda: grade(next(fresh).text),
            "grade_asked_before": lambda: grade(asked),
            "build_unchanged": lambda: cmd("build"),
        }
        for warm in (cmd("questions"), cmd("keys"), cmd("search", asked), grade(asked)):
            subprocess.run(warm, env={**os.environ, **env}, capture_output=True, check=True)
        runs: dict[str, list[float]] = {name: [] for name in [*jobs, "add_first_note"]}
        for _ in range(ctx.args.repeat):  # interleaved: load drifts over a run
            for name, argv in jobs.items():
                runs[name].append(_wall(argv(), env))
            add_home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
            runs["add_first_note"].append(
                _wall(cmd("add", str(note)), {**env, "INTERVIEWER_HOME": str(add_home)}, True)
            )
        result: dict[str, Any] = {
            name: {"median_s": round(median(v), 3), "runs_s": [round(x, 3) for x in v]}
            for name, v in runs.items()
        }
        result["history_sessions"] = 30
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _wall(argv: list[str], env: dict[str, str], own_notes: bool = False) -> float:
    """Seconds from starting `argv` to its exit (output captured, as when piped)."""
    env = {**os.environ, **env}
    if own_notes:  # `add` makes the user's corpus and index the default ones
        env.pop("INTERVIEWER_CORPUS_DIR")
        env.pop("INTERVIEWER_INDEX_DIR")
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=tempfile.gettempdir(), capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{argv[2:5]} failed: {done.stderr.decode()[-600:]}")
    return elapsed


def _fill_history(db: Path, bank: list) -> None:
    """A month of daily practice: 30 sessions of 5 graded answers on the real bank."""
    from datetime import datetime, timedelta, timezone

    from interviewer.storage.db import HistoryStore
    from interviewer.types.plan import InterviewPlan
    from interviewer.types.turn import Turn
    from interviewer.types.verdict import KeyPoint, Label, PointStatus, Verdict

    db.parent.mkdir(parents=True, exist_ok=True)
    store = HistoryStore(db)
    rng = Random(3)
    start = datetime.now(timezone.utc) - timedelta(days=30)
    for day in range(30):
        at = start + timedelta(days=day)
        session = store.start_session(InterviewPlan(count=5), "similarity", at=at)
        for n in range(5):
            q = rng.choice(bank)
            score = round(rng.uniform(0, 10), 1)
            label = (
                Label.CORRECT if score >= 8 else Label.PARTIAL if score >= 3 else Label.INCORRECT
            )
            turn = Turn(0, n + 1, 5, q.id, q.text, q.text, q.topic)
            asked = at + timedelta(minutes=2 * n)
            turn_id = store.record_asked(session, turn, at=asked)
            verdict = Verdict(
                score=score,
                label=label,
                points=[KeyPoint(text="要点", status=PointStatus.MISSING)],
                feedback="",
                grader="similarity",
                confidence=0.8,
            )
            answer = "BN就是把每一层的输入归一化，因为这样可以加速收敛。"
            store.record_answer(
                turn_id, answer, 40.0, False, verdict, at=asked + timedelta(seconds=40)
            )
        store.finish_session(session, at=at + timedelta(minutes=12))
    store.close()


def bench_bank(ctx: Context) -> dict:
    """The whole-bank checks: the suite samples the bank and the team's right answers (a test
    asserts behaviour, and speed on a shared machine is not behaviour); here every question and
    every right answer runs, and how long it took."""
    tests = [
        "tests/grading/test_similarity.py::"
        "test_no_shipped_bank_answer_recited_back_is_graded_as_contradicting_itself",
        "tests/keys/test_shipped_keys.py::test_no_misconception_is_named_in_the_teams_right_answers",
    ]
    env = {**os.environ, "INTERVIEWER_FULL_BANK": "1"}
    start = time.perf_counter()
    done = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    tail = done.stdout.strip().splitlines()[-1:] or [""]
    return {
        "passed": done.returncode == 0,
        "summary": tail[0],
        "whole_bank_s": round(time.perf_counter() - start, 1),
    }


RUNNERS = {
    "help": bench_help,
    "startup": bench_startup,
    "grading": bench_grading,
    "search": bench_search,
    "build": bench_build,
    "memory": bench_memory,
    "commands": bench_commands,
    "bank": bench_bank,
}


# -- driver ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated subset")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timed figure (median)")
    parser.add_argument("--questions", type=int, default=40, help="seed questions to grade")
    parser.add_argument("--queries", type=int, default=60, help="paraphrase queries per size")
    parser.add_argument("--sizes", default="1000,10000,100000", help="chunk counts for search")
    parser.add_argument(
        "--flat-sizes", default="200000,400000", help="bigger sizes timed for flat search only"
    )
    parser.add_argument("--hnsw-from", type=int, default=10_000, help="also try HNSW from here")
    parser.add_argument(
        "--batch-tokens",
        default="",
        help="memory: also build with these padded-token budgets per encode call (e.g. 2048,8192)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a few minutes: 3 runs per figure, 15 questions, 20 queries, sizes up to 10,000, "
        "no bigger flat sizes and no whole-bank section",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.questions, args.queries = 3, 15, 20
        args.sizes, args.flat_sizes = "1000,10000", ""
        if args.sections == ",".join(SECTIONS):
            args.sections = ",".join(s for s in SECTIONS if s != "bank")
    args.sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = sorted(set(args.sections) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    args.sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    args.flat_sizes = [int(s) for s in str(args.flat_sizes).split(",") if s.strip()]
    args.batch_tokens = [int(s) for s in str(args.batch_tokens).split(",") if s.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ctx = Context(args)
    record: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine(),
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "sections": {},
    }
    for name in args.sections:
        print(f"[{name}] load before {load_average()}", flush=True)
        before = load_average()
        start = time.perf_counter()
        result = RUNNERS[name](ctx)
        result["load_before"] = before
        result["load_after"] = load_average()
        result["section_s"] = round(time.perf_counter() - start, 1)
        record["sections"][name] = result
        shown = {k: v for k, v in result.items() if not k.endswith("runs_s")}
        print(f"[{name}] {json.dumps(shown, ensure_ascii=False, indent=1)}", flush=True)
    record["model_load_s"] = ctx.model_load_s
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"run-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1), "utf-8")
    print(f"raw numbers: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
