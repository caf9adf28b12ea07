"""Services.load wires the real pieces: index, model, grader, store. Cheap failures come first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interviewer.config import Settings
from interviewer.errors import IndexStateError, StorageError
from interviewer.services.root import Services
from interviewer.types.plan import InterviewPlan

REPO = Path(__file__).resolve().parents[2]


def test_missing_index_is_a_one_line_error_before_the_model_loads(
    tmp_path: Path, monkeypatch
) -> None:
    import interviewer.embedding.model as model

    def no_model(*args, **kwargs):
        raise AssertionError("the model must not load when the index is missing")

    monkeypatch.setattr(model, "load_embedder", no_model)
    settings = Settings(index_dir=tmp_path / "no-index", db_path=tmp_path / "h.db")
    with pytest.raises(IndexStateError) as err:
        Services.load(settings)
    assert "\n" not in str(err.value)


def test_unreadable_history_is_a_one_line_error(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("interviewer.index.store")
    import interviewer.services.root as services_module

    monkeypatch.setattr("interviewer.index.store.read_manifest", lambda path: None)
    db = tmp_path / "h.db"
    db.write_text("not a database " * 100)
    with pytest.raises(StorageError) as err:
        Services.load(Settings(index_dir=tmp_path, db_path=db))
    assert "\n" not in str(err.value) and services_module is not None


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory, embedder) -> Path:
    """One seed notes file built into a real index with the real model (one file keeps it quick)."""
    build = pytest.importorskip("interviewer.index.build")
    pytest.importorskip("interviewer.corpus.pipeline")
    root = tmp_path_factory.mktemp("seed")
    (root / "corpus").mkdir()
    notes = "csdn-dl-baguwen.txt"
    (root / "corpus" / notes).write_bytes((REPO / "corpus" / notes).read_bytes())
    build.build_index(root / "corpus", root / "index", "multilingual-e5-small", lambda: embedder)
    return root


@pytest.mark.slow
def test_load_and_run_an_interview_on_the_seed_corpus(
    tmp_path: Path, seed_index: Path, embedder, monkeypatch
) -> None:
    import interviewer.embedding.model as model

    monkeypatch.setattr(
        model, "load_embedder", lambda *a, **k: embedder
    )  # the same real model, loaded once
    db = tmp_path / "h.db"
    settings = Settings(
        index_dir=seed_index / "index", corpus_dir=seed_index / "corpus", db_path=db
    )
    services = Services.load(settings)
    assert services.grader.name == "similarity" and services.phraser.name == "templates"
    bank = services.retriever.questions()
    assert len(bank) > 20 and {"优化器", "归一化"} <= {q.topic for q in bank}

    interview = services.new_interview(
        InterviewPlan(topics=("优化器",), count=2, follow_ups=False, seed=1)
    )
    first = interview.next_turn()
    assert first is not None and first.topic == "优化器" and first.spoken
    reference = services.retriever.chunks_for_question(first.question_id)
    answer = "".join(c.text for c in reference if c.kind == "answer")[:600] or "不知道"
    graded = interview.answer(first, answer, 60.0)
    assert graded.verdict.grader == "similarity" and graded.verdict.references
    second = interview.next_turn()
    interview.skip(second)
    assert interview.next_turn() is None
    summary = interview.summary()
    assert [s.turn_id for s in summary.scores] == [first.turn_id, second.turn_id]
    assert summary.db_path == db

    conn = sqlite3.connect(db)
    assert (
        conn.execute("SELECT COUNT(*) FROM turns WHERE answered_at IS NOT NULL").fetchone()[0] == 2
    )
    dump = "\n".join(conn.iterdump())
    assert "llm_api_key" not in dump and str(settings.cache_dir) not in dump
    services.close()


def test_open_asks_the_first_question_before_the_model_is_loaded(
    tmp_path: Path, seed_index: Path, embedder, monkeypatch
) -> None:
    """Start-up doesn't wait for torch: the bank and store are enough to ask; grading waits."""
    import threading

    import interviewer.embedding.model as model

    release = threading.Event()

    def slow_model(*args, **kwargs):
        assert release.wait(30), "test never released the model"
        return embedder

    monkeypatch.setattr(model, "load_embedder", slow_model)
    settings = Settings(
        index_dir=seed_index / "index", corpus_dir=seed_index / "corpus", db_path=tmp_path / "h.db"
    )
    services = Services.open(settings)
    try:
        interview = services.new_interview(InterviewPlan(count=1, follow_ups=False, seed=2))
        turn = interview.next_turn()
        assert turn is not None and turn.spoken and not release.is_set()
        release.set()
        graded = interview.answer(turn, "不太清楚，大概和梯度有关", 10.0)
        assert graded.verdict.grader == "similarity" and graded.verdict.references
    finally:
        release.set()
        services.close()


def test_a_model_failing_in_the_background_is_one_line_and_loses_no_answer(
    tmp_path: Path, seed_index: Path, monkeypatch
) -> None:
    import interviewer.embedding.model as model
    from interviewer.errors import ModelError

    def broken(*args, **kwargs):
        raise ModelError("cannot load the embedding model in /nowhere (gone)")

    monkeypatch.setattr(model, "load_embedder", broken)
    settings = Settings(
        index_dir=seed_index / "index", corpus_dir=seed_index / "corpus", db_path=tmp_path / "h.db"
    )
    with pytest.raises(ModelError) as err:  # load() still fails fast, as before
        Services.load(settings)
    assert "\n" not in str(err.value)
    services = Services.open(settings)
    try:
        interview = services.new_interview(InterviewPlan(count=1, follow_ups=False, seed=2))
        turn = interview.next_turn()
        with pytest.raises(ModelError):
            services.wait_ready()
        with pytest.raises(ModelError):  # the UI keeps the answer in its box and says why
            interview.answer(turn, "答案", 5.0)
    finally:
        services.close()


def test_interactive_threads_leave_a_core_for_the_ui(monkeypatch) -> None:
    from interviewer.services import models as module

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(module.os, "cpu_count", lambda: 2)
    assert module.interactive_threads() == 1
    monkeypatch.setattr(module.os, "cpu_count", lambda: 8)
    assert module.interactive_threads() == module.INTERACTIVE_THREADS
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    assert module.interactive_threads() == 3
