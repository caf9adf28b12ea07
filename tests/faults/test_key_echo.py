"""A server that echoes the API key (read from the Authorization header) inside the model's own
text — feedback, model answer, follow-up, key points, evidence — plainly and JSON-escaped: the key
reaches no verdict, no database row, no export, no report and no `grade --json` output.

Redaction of error and log text is tests/llm/test_redact.py; this is the text the model writes.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from interviewer.types.plan import InterviewPlan
from tests.cli.clirun import run_main
from tests.faults.test_llm_faults import make_services
from tests.support import llm_server as srv

KEY = "sk-live-ECHO0123456789abcdefXYZ"
"""Long enough that only the full key (not a fragment) would be masked by chance."""


def _escaped(text: str) -> str:
    """`text` as a JSON string body with every character \\u-escaped: plain after parsing."""
    return "".join(f"\\u{ord(c):04x}" for c in text)


def echo_key(request: srv.RecordedRequest) -> srv.Reply | None:
    """The judge's verdict, with the caller's key written into every free-text field."""
    key = request.headers.get("authorization", "").split()[-1]
    if request.task == "extract-key-points":
        reply = srv.judge(request)
        body = json.loads(reply.body["choices"][0]["message"]["content"])
        body["points"].append({"text": f"密钥 {key} 要保管好", "weight": 1})
        return srv.json_reply(body)
    if request.task != "grade-answer":
        return srv.completion(f"能再讲讲吗？顺便一提，你的 key 是 {key}")
    verdict = srv.grade(request.content("user"))
    verdict["feedback"] = f"Your key is {key}. Bearer {key}"
    verdict["follow_up"] = f"{key} 能再讲讲偏差修正吗？"
    verdict["model_answer"] = "PLACEHOLDER"
    for point in verdict["points"]:
        point["evidence"] = point["evidence"] or key
    content = json.dumps(verdict, ensure_ascii=False)
    content = content.replace("PLACEHOLDER", f"答案：{_escaped(key)}")
    return srv.completion(content)


def everything_in(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def test_a_key_echoed_by_the_model_reaches_no_verdict_row_export_or_report(
    llm_server, built_index, embedder, tmp_path, monkeypatch, capsys, tally
) -> None:
    _, index = built_index
    llm_server.on_chat = echo_key
    db = tmp_path / "h.db"
    settings = llm_server.settings(llm_api_key=KEY, cache_dir=tmp_path / "cache", db_path=db)
    services = make_services(settings, embedder, index, db)
    # an answer on the question asked: an off-topic one gets no follow-up to echo the key into
    plan = InterviewPlan(topics=("优化器",), count=1, follow_ups=True, seed=4)
    interview = services.new_interview(plan)
    turn = interview.next_turn()
    graded = interview.answer(turn, "Adam 用了动量和自适应学习率，SGD 的学习率是固定的。", 20.0)
    follow = interview.next_turn()
    assert follow is not None and follow.parent_turn_id == turn.turn_id
    replied = interview.answer(follow, "偏差修正是为了初期的估计不偏向 0。", 15.0)
    services.close()

    assert graded.verdict.grader.startswith("llm:"), graded.verdict.notes
    for verdict in (graded.verdict, replied.verdict):
        assert KEY not in verdict.model_dump_json() and KEY[:12] not in verdict.model_dump_json()
    assert "[redacted]" in graded.verdict.feedback and "[redacted]" in graded.verdict.model_answer
    assert KEY not in follow.spoken + follow.question and KEY not in everything_in(db)

    monkeypatch.setenv("INTERVIEWER_DB_PATH", str(db))
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    exported, report = tmp_path / "export.jsonl", tmp_path / "report.md"
    assert run_main(monkeypatch, capsys, "history", "--export", str(exported)).code == 0
    assert run_main(monkeypatch, capsys, "report", "--out", str(report)).code == 0
    for path in (exported, report):
        assert KEY not in path.read_text("utf-8"), path.name
    tally.add("llm: key echoed in model text", 4, 4)


def test_grade_json_never_prints_an_echoed_key(
    llm_server, embedder, monkeypatch: pytest.MonkeyPatch, capsys, tmp_path
) -> None:
    import interviewer.embedding.model as model

    monkeypatch.setattr(model, "load_embedder", lambda *args, **kwargs: embedder)
    monkeypatch.setenv("INTERVIEWER_CACHE", str(tmp_path / "cache"))
    for name, value in (
        ("INTERVIEWER_LLM_BASE_URL", llm_server.base_url),
        ("INTERVIEWER_LLM_MODEL", srv.MODEL),
        ("INTERVIEWER_LLM_API_KEY", KEY),
    ):
        monkeypatch.setenv(name, value)
    llm_server.on_chat = echo_key
    reference = "Adam 结合动量和自适应学习率。Adam 有偏差修正。"
    run = run_main(
        monkeypatch, capsys, "grade", "-q", "Adam是什么？", "-a", "Adam 用了动量。",
        "-r", reference, "--json",
    )  # fmt: skip
    assert run.code == 0, run.err
    assert json.loads(run.out)["grader"].startswith("llm:")
    assert KEY not in run.out and KEY not in run.err
