"""build_grader, FallbackGrader and check_llm, wired as the app wires them (real similarity
grader with the real embedding model; the LLM is the scripted server)."""

import json
import logging

import pytest

from interviewer.config import load_settings
from interviewer.grading.service import FallbackGrader, build_grader, check_llm
from interviewer.interview.explain import explain
from interviewer.llm.retry import RetryPolicy
from interviewer.types.verdict import Label, Reference
from tests.support import llm_server as srv

KEY = "sk-live-SECRET0123456789abcdefXYZ"
QUESTION = "BN的作用"
REFS = [
    Reference(
        text="BN 对每层输入做归一化，缓解内部协变量偏移。BN 让训练更稳定，允许更大的学习率。"
        "BN 还有轻微的正则化效果。",
        source="notes.md:10-12",
    )
]
ANSWER = "BN 就是对每层的输入做归一化，这样训练更稳定，可以用更大的学习率。"
FAST = RetryPolicy(max_retries=2, base_delay=0.001, max_delay=0.01, retry_after_cap=0.02)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch) -> None:
    """Key points are cached under cache_dir: keep each test's rubric to itself."""
    monkeypatch.setenv("INTERVIEWER_CACHE", str(tmp_path / "cache"))


def llm_grader(server: srv.ScriptedLLMServer, embedder, **settings):
    return build_grader(server.settings(llm_api_key=KEY, **settings), embedder, policy=FAST)


def test_offline_or_unconfigured_means_similarity_alone(embedder, llm_server) -> None:
    assert build_grader(load_settings(), embedder).name == "similarity"
    offline = build_grader(llm_server.settings(offline=True), embedder)
    assert offline.name == "similarity"


def test_the_offline_grader_keeps_reference_vectors_in_the_cache_folder(embedder, tmp_path) -> None:
    grader = build_grader(load_settings(offline=True, cache_dir=tmp_path), embedder)
    grader.grade(QUESTION, ANSWER, REFS)
    assert list((tmp_path / "reference-vectors").glob("*/*.npz"))


def test_configured_llm_grades_with_fallback_behind_it(embedder, llm_server) -> None:
    grader = llm_grader(llm_server, embedder)
    assert isinstance(grader, FallbackGrader)
    verdict = grader.grade(QUESTION, ANSWER, REFS)
    assert verdict.grader == "llm:scripted-judge"
    assert verdict.notes == []
    assert verdict.label in (Label.CORRECT, Label.PARTIAL)


FAILURES = [
    ("timeout", [srv.slow(3.0)] * 3, "LLM 评分不可用（timed out after 2 retries）"),
    (
        "429",
        [srv.rate_limited(0.01)] * 3,
        "LLM 评分不可用（rate limited (HTTP 429) after 2 retries）",
    ),
    (
        "500",
        [srv.server_error()] * 3,
        "LLM 评分不可用（server error (HTTP 500) after 2 retries）",
    ),
    (
        "malformed",
        [srv.json_reply({"points": [{"text": "p", "weight": 1}]}), srv.malformed()],
        "LLM 评分返回了无法使用的结果（reply is not a JSON object）",
    ),
    (
        "truncated",
        [srv.json_reply({"points": [{"text": "p", "weight": 1}]}), srv.truncated()],
        "LLM 评分返回了无法使用的结果（reply truncated",
    ),
    (
        "enormous",
        [srv.json_reply({"points": [{"text": "p", "weight": 1}]}), srv.enormous()],
        "LLM 评分返回了无法使用的结果（reply too long",
    ),
    (
        "missing fields",
        [
            srv.json_reply({"points": [{"text": "p", "weight": 1}]}),
            srv.json_reply({"feedback": "fine"}),
        ],
        "LLM 评分返回了无法使用的结果（invalid verdict JSON (points: Field required)）",
    ),
    (
        "401",
        [srv.error(401, f"Incorrect API key provided: {KEY}")],
        "LLM 评分不可用（HTTP 401: Incorrect API key provided: [redacted]",
    ),
]


@pytest.mark.parametrize(("case", "replies", "reason"), FAILURES, ids=[f[0] for f in FAILURES])
def test_each_failure_is_graded_by_similarity_with_the_reason(
    embedder, llm_server, caplog, case, replies, reason
) -> None:
    grader = llm_grader(llm_server, embedder, llm_timeout=0.2)
    llm_server.script(*replies)
    with caplog.at_level(logging.DEBUG):
        verdict = explain(grader.grade(QUESTION, ANSWER, REFS), QUESTION)
    assert verdict.grader == "similarity"
    assert verdict.notes[0].startswith(reason), verdict.notes[0]
    assert verdict.notes[0].endswith("；已改为离线相似度评分"), (
        "a Chinese question gets a Chinese note"
    )
    assert verdict.score > 0
    assert KEY not in verdict.model_dump_json()
    assert KEY not in caplog.text
    assert all(KEY not in r.getMessage() for r in caplog.records)


def test_connection_refused_falls_back(embedder) -> None:
    settings = load_settings(llm_base_url=srv.closed_port_url(), llm_model="m", llm_api_key=KEY)
    verdict = build_grader(settings, embedder, policy=FAST).grade(QUESTION, ANSWER, REFS)
    verdict = explain(verdict, QUESTION)
    assert verdict.grader == "similarity"
    assert verdict.notes[0].startswith("LLM 评分不可用（connection failed after 2 retries）")


def test_an_unexpected_bug_in_the_llm_grader_still_gets_a_verdict(embedder, caplog) -> None:
    class Broken:
        name = "llm:broken"

        def grade(self, question, answer, references):
            raise RuntimeError(f"boom with {KEY}")

    from interviewer.grading.similarity import SimilarityGrader

    grader = FallbackGrader(Broken(), SimilarityGrader(embedder), secret=KEY)
    with caplog.at_level(logging.DEBUG):
        verdict = explain(grader.grade(QUESTION, ANSWER, REFS), QUESTION)
    assert verdict.grader == "similarity"
    assert "RuntimeError" in verdict.notes[0] and KEY not in json.dumps(verdict.notes)
    assert verdict.notes[0].startswith("LLM 评分出错（RuntimeError: boom with [redacted]")
    assert "Traceback" in caplog.text and KEY not in caplog.text


def test_check_llm_reports_reachable_and_listed(llm_server) -> None:
    status = check_llm(llm_server.settings())
    assert status.enabled and status.reachable and status.model_listed
    assert status.latency_ms is not None and "scripted-judge" in status.message


def test_check_llm_notices_an_unlisted_model(llm_server) -> None:
    status = check_llm(llm_server.settings(llm_model="qwen2.5:72b"))
    assert status.reachable and status.model_listed is False
    assert "not listed" in status.message


def test_check_llm_never_raises(llm_server) -> None:
    down = check_llm(
        load_settings(llm_base_url=srv.closed_port_url(), llm_model="m", llm_api_key=KEY)
    )
    assert down.enabled and not down.reachable and "unreachable" in down.message
    llm_server.models = ()
    llm_server.script()
    assert check_llm(llm_server.settings(llm_model="m")).model_listed is None
    off = check_llm(load_settings())
    assert not off.enabled and "no LLM model configured" in off.message


def test_check_llm_rejected_key_is_reported_without_the_key(llm_server) -> None:
    llm_server.on_chat = None
    real_reply = llm_server._reply_for

    def deny(request):
        if request.path.endswith("/models"):
            return srv.error(401, f"Incorrect API key provided: {KEY}")
        return real_reply(request)

    llm_server._reply_for = deny
    status = check_llm(llm_server.settings(llm_api_key=KEY))
    assert not status.reachable and "HTTP 401" in status.message
    assert KEY not in status.message


def test_an_english_question_gets_the_fallback_note_in_english(embedder) -> None:
    class Down:
        name = "llm:down"

        def grade(self, question, answer, references):
            from interviewer.llm.client import LLMUnavailable

            raise LLMUnavailable("connection failed after 2 retries")

    from interviewer.grading.similarity import SimilarityGrader

    grader = FallbackGrader(Down(), SimilarityGrader(embedder))
    question = "What does batch normalization do?"
    verdict = grader.grade(
        question,
        "It normalizes each layer's inputs, so training is more stable.",
        [Reference(text="BN normalizes layer inputs; training is more stable.", source="user")],
    )
    assert verdict.findings[0].kind == "fallback"  # a fact; the interview words it
    verdict = explain(verdict, question)
    assert verdict.notes[0] == (
        "LLM grader unavailable (connection failed after 2 retries); graded offline by similarity"
    )
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in note) for note in verdict.notes)


def test_the_fallback_note_names_what_graded_instead(embedder) -> None:
    """Graded against the answer key, the note says so (it said 'by similarity' for every fallback,
    though most questions are graded against keys)."""
    from interviewer.grading.similarity import SimilarityGrader
    from interviewer.keys.load import parse_key
    from interviewer.llm.client import LLMUnavailable

    class Down:
        name = "llm:down"

        def prepare(self, question, references):
            pass

        def grade(self, question, answer, references):
            raise LLMUnavailable("connection failed after 2 retries")

    key, problem = parse_key(
        'ids = ["bn"]\nquestion = "BN的作用"\n[[points]]\n'
        'text = "BN 对每层输入做归一化。"\nconcepts = [["归一化", "标准化"]]\n',
        "bn.toml",
    )
    assert key is not None, problem
    keyed = [Reference(text="notes", source="x", question_id="bn", key=key)]
    grader = FallbackGrader(Down(), SimilarityGrader(embedder))
    verdict = explain(grader.grade(QUESTION, ANSWER, keyed), QUESTION)
    assert verdict.grader == "similarity" and verdict.notes[0] == (
        "LLM 评分不可用（connection failed after 2 retries）；已改为离线按答案要点评分"
    )
    english = explain(grader.grade("What does BN do?", "It normalizes inputs.", keyed), "What?")
    assert english.notes[0].endswith("; graded offline against the answer key")
    plain = explain(grader.grade(QUESTION, ANSWER, REFS), QUESTION)
    assert plain.notes[0].endswith("；已改为离线相似度评分")
