"""The shared client against the scripted server, through the real openai client."""

import json

import pytest

from interviewer.llm.client import LLMBadOutput, LLMUnavailable, make_client
from interviewer.llm.retry import RetryPolicy
from tests.support import llm_server as srv

KEY = "sk-test-0123456789abcdefSECRET"
FAST = RetryPolicy(max_retries=2, base_delay=0.001, max_delay=0.01, retry_after_cap=0.05)
MESSAGES = [{"role": "system", "content": "TASK: none"}, {"role": "user", "content": "hi"}]
SCHEMA = {
    "type": "object",
    "properties": {"a": {"type": "integer"}},
    "required": ["a"],
    "additionalProperties": False,
}


def client_for(server: srv.ScriptedLLMServer, **overrides):
    settings = server.settings(llm_api_key=KEY, **overrides)
    return make_client(settings, policy=FAST)


def test_json_schema_is_asked_first_with_temperature_zero(llm_server) -> None:
    llm_server.script(srv.json_reply({"a": 1}))
    client = client_for(llm_server)
    assert json.loads(client.chat_json(MESSAGES, "thing", SCHEMA)) == {"a": 1}
    (request,) = llm_server.chat_requests
    assert request.body["temperature"] == 0
    assert request.response_format["type"] == "json_schema"
    assert request.response_format["json_schema"]["schema"] == SCHEMA


def test_rejected_json_schema_downgrades_to_json_mode_once_per_client(llm_server) -> None:
    llm_server.json_schema = False
    client = client_for(llm_server)
    llm_server.script(srv.json_reply({"a": 1}), srv.json_reply({"a": 2}))
    client.chat_json(MESSAGES, "thing", SCHEMA)
    client.chat_json(MESSAGES, "thing", SCHEMA)
    kinds = [r.response_format["type"] for r in llm_server.chat_requests]
    assert kinds == ["json_schema", "json_object", "json_object"]
    assert client.json_mode == "json_object"
    assert client.retries == 0


def test_a_server_rejecting_json_mode_too_gets_plain_requests(llm_server) -> None:
    client = client_for(llm_server)
    llm_server.script(
        srv.rejects_response_format("json_schema"),
        srv.rejects_response_format("json_object"),
        srv.completion('```json\n{"a": 3}\n```'),
    )
    assert '"a": 3' in client.chat_json(MESSAGES, "thing", SCHEMA)
    assert llm_server.chat_requests[-1].response_format is None
    assert client.json_mode == "none"


def test_other_bad_requests_are_not_mistaken_for_format_problems(llm_server) -> None:
    client = client_for(llm_server)
    llm_server.script(srv.error(400, "context length exceeded"))
    with pytest.raises(LLMUnavailable, match="HTTP 400: context length exceeded"):
        client.chat_json(MESSAGES, "thing", SCHEMA)
    assert client.json_mode == "json_schema"


def test_429_and_500_are_retried_then_succeed(llm_server) -> None:
    client = client_for(llm_server)
    llm_server.script(srv.rate_limited(0.01), srv.server_error(), srv.json_reply({"a": 1}))
    assert json.loads(client.chat_json(MESSAGES, "thing", SCHEMA)) == {"a": 1}
    assert client.retries == 2
    assert len(llm_server.chat_requests) == 3


def test_retries_are_bounded(llm_server) -> None:
    client = client_for(llm_server, llm_max_retries=5)  # FAST policy says 2
    llm_server.script(*[srv.server_error() for _ in range(10)])
    with pytest.raises(LLMUnavailable, match=r"server error \(HTTP 500\) after 2 retries"):
        client.chat_json(MESSAGES, "thing", SCHEMA)
    assert len(llm_server.chat_requests) == 3


def test_settings_max_retries_is_the_default_policy(llm_server) -> None:
    client = make_client(llm_server.settings(llm_max_retries=1), sleep=lambda s: None)
    llm_server.script(*[srv.server_error() for _ in range(3)])
    with pytest.raises(LLMUnavailable, match="after 1 retry$"):
        client.chat_text(MESSAGES)
    assert len(llm_server.chat_requests) == 2


def test_slow_server_times_out(llm_server) -> None:
    client = client_for(llm_server, llm_timeout=0.2)
    llm_server.script(srv.slow(3.0), srv.slow(3.0), srv.slow(3.0))
    with pytest.raises(LLMUnavailable, match="timed out after 2 retries"):
        client.chat_json(MESSAGES, "thing", SCHEMA)


def test_connection_refused() -> None:
    from interviewer.config import load_settings

    settings = load_settings(llm_base_url=srv.closed_port_url(), llm_model="m", llm_timeout=1.0)
    client = make_client(settings, policy=FAST)
    with pytest.raises(LLMUnavailable, match="connection failed after 2 retries"):
        client.chat_text(MESSAGES)


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (srv.truncated(), "truncated"),
        (srv.enormous(), "too long"),
        (srv.completion(""), "empty reply"),
        (srv.Reply(body="<html>gateway</html>"), "unreadable reply"),
    ],
)
def test_unusable_replies(llm_server, reply: srv.Reply, reason: str) -> None:
    llm_server.script(reply)
    with pytest.raises(LLMBadOutput, match=reason):
        client_for(llm_server).chat_json(MESSAGES, "thing", SCHEMA)


def test_the_key_travels_only_in_the_authorization_header(llm_server) -> None:
    client_for(llm_server).chat_text(MESSAGES)
    (request,) = llm_server.chat_requests
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert KEY.encode() not in request.raw
    assert all(KEY not in v for k, v in request.headers.items() if k != "authorization")


def test_error_text_echoing_the_key_is_redacted(llm_server) -> None:
    llm_server.script(srv.error(401, f"Incorrect API key provided: {KEY}"))
    with pytest.raises(LLMUnavailable) as info:
        client_for(llm_server).chat_text(MESSAGES)
    assert "HTTP 401" in str(info.value)
    assert KEY not in str(info.value)


def test_local_servers_get_a_placeholder_key(llm_server) -> None:
    make_client(llm_server.settings()).chat_text(MESSAGES)
    assert llm_server.chat_requests[0].headers["authorization"] == "Bearer not-needed"
