"""Odd answers through the whole core (real index, real similarity grader, history store): each
gets a sane verdict and is saved; attacks appended to a weak answer never score
above the weak answer alone.

tests/grading covers the similarity grader's own handling of long and odd text, and the LLM
grader against the attack set; here the same inputs go through Interview.answer and SQLite (a
lone surrogate, a NUL or 100k characters must survive the database too) and the attack set meets
the offline grader, which is what grades when no LLM is configured.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from interviewer.grading.similarity import SimilarityGrader
from interviewer.index.search import open_retriever
from interviewer.interview.phrasing import TemplatePhraser
from interviewer.services.root import Services
from interviewer.storage.db import HistoryStore
from interviewer.types.plan import InterviewPlan
from interviewer.types.verdict import Label, Reference

ATTACKS = Path(__file__).resolve().parents[1] / "grading" / "attacks.jsonl"

LABEL_RANK = {
    Label.EMPTY: 0,
    Label.OFF_TOPIC: 0,
    Label.CONTRADICTS: 0,
    Label.INCORRECT: 1,
    Label.PARTIAL: 2,
    Label.CORRECT: 3,
}
ODD_ANSWERS = {
    "empty": "",
    "whitespace": " \n\t\u3000 \n",
    "100k characters": ("Adam 结合了动量和自适应学习率，还有偏差修正。" * 5000)[:100_000],
    "one 50k-character token": "a" * 50_000,
    "only emoji": "🤔🤔🤔 😅 👍👍 🚀" * 20,
    "control characters": "Adam\x00\x01\x02 用\x1b[31m动量\x1b[0m\x07和\x7f自适应\r\n学习率\x0c",
    "lone surrogate": "Adam 用了动量\ud800和自适应学习率",
    "zero-width and bidi": "A\u200bd\u200ca\u200dm\u2060 \u202e用了动量\u202c和\ufeff自适应学习率",
    "mixed scripts": "Adam использует моментум, Adamは適応学習率、아담은 편향 보정을 한다, آدم",
    "full-width": "ＡＤＡＭ　用了　ＭＯＭＥＮＴＵＭ　和自适应学习率！！",
    "only punctuation": "。。。，，，？？？！！！……——",
    "markdown and html": "# Adam\n\n- **动量**\n- <b>自适应</b> `lr`\n```\ncode\n```",
    "one character": "嗯",
}


@pytest.fixture
def services(built_index, embedder, tmp_path) -> Services:  # noqa: ANN001
    from interviewer.config import load_settings

    _, index = built_index
    retriever = open_retriever(index, embedder)
    settings = load_settings(db_path=tmp_path / "h.db", offline=True)
    made = Services(
        settings,
        embedder,
        retriever,
        SimilarityGrader(embedder),
        HistoryStore(tmp_path / "h.db"),
        TemplatePhraser(),
    )
    yield made
    made.close()


def test_odd_answers_get_a_sane_verdict_and_are_saved(services: Services, tally) -> None:
    interview = services.new_interview(
        InterviewPlan(count=len(ODD_ANSWERS), follow_ups=False, seed=3)
    )
    graded = {}
    for name, text in ODD_ANSWERS.items():
        turn = interview.next_turn()
        if turn is None:  # fewer bank questions than answers: a new session, same store
            interview = services.new_interview(InterviewPlan(count=6, follow_ups=False))
            turn = interview.next_turn()
        verdict = interview.answer(turn, text, 30.0).verdict
        assert 0.0 <= verdict.score <= 10.0 and verdict.label in set(Label), name
        graded[name] = (turn.turn_id, verdict)
    for name in ("empty", "whitespace"):
        assert graded[name][1].label is Label.EMPTY and graded[name][1].score == 0.0
    for name in ("only emoji", "only punctuation", "one character", "one 50k-character token"):
        assert graded[name][1].score <= 3.0, (name, graded[name][1].score)

    conn = sqlite3.connect(services.store.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = dict(
            conn.execute(
                "SELECT id, score FROM turns WHERE answered_at IS NOT NULL AND verdict_json "
                "IS NOT NULL"
            ).fetchall()
        )
    finally:
        conn.close()
    lost = [name for name, (turn_id, _) in graded.items() if turn_id not in saved]
    assert not lost
    for name, (turn_id, verdict) in graded.items():
        assert saved[turn_id] == pytest.approx(verdict.score), name
    tally.add("answers: odd input (core+db)", len(ODD_ANSWERS), len(ODD_ANSWERS))


def load_attacks() -> tuple[list[dict], list[dict]]:
    rows = [json.loads(line) for line in ATTACKS.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["kind"] == "case"], [r for r in rows if r["kind"] != "case"]


MAX_RISE = 0.3
"""What appended attack text may still add to an offline score: leftover words around a cut
("这些我没背下来。", "stay consistent.") nudge similarity by a tenth or two."""


def attacked(case: dict, attack: dict) -> str:
    """The weak answer with the attack appended; `{reference}` in an attack is the case's
    reference, quoted back as someone else's words."""
    pad = attack.get("pad", "") * attack.get("pad_times", 0)
    return f"{case['weak']}\n{pad}" + attack["text"].replace("{reference}", case["references"][0])


@pytest.mark.slow
def test_attacks_never_lift_a_weak_answer_with_the_offline_grader(embedder, tally) -> None:
    """Every attack on every case: no label rises and no score by more than MAX_RISE (a pasted
    reference took a weak answer from 3.0 to 8.8). The tally counts an attack as survived
    when the score did not rise at all."""
    cases, attacks = load_attacks()
    grader = SimilarityGrader(embedder)
    tried = raised = 0
    rose = []
    for case in cases:
        refs = [Reference(text=t, source="attacks.jsonl") for t in case["references"]]
        clean = grader.grade(case["question"], case["weak"], refs)
        for attack in attacks:
            verdict = grader.grade(case["question"], attacked(case, attack), refs)
            assert 0.0 <= verdict.score <= 10.0 and verdict.label in set(Label)
            tried += 1
            raised += verdict.score > clean.score
            if (
                LABEL_RANK[verdict.label] > LABEL_RANK[clean.label]
                or verdict.score > clean.score + MAX_RISE
            ):
                rose.append((case["id"], attack["id"], clean.score, verdict.score, verdict.label))
    assert not rose, rose
    tally.add("answers: attack set (offline)", tried, tried - raised)
