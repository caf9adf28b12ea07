"""A scripted OpenAI-compatible chat server on 127.0.0.1, reached through the real `openai` client.

It is a fake and says so: replies come from a script (a queue of `Reply`s, or a callback that sees
each parsed request), and when the script is empty a rule-following judge answers: it extracts key
points by splitting the references into sentences and marks a point covered when the fenced answer
contains most of the point's terms. That gives multi-turn flows sensible verdicts without a model,
and it cannot be talked into anything, so injection tests against it check the plumbing (fence,
neutralisation, evidence, scoring), not a model's resistance.

Every request is recorded (method, path, headers, parsed body) so tests can assert what was sent.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

MODEL = "scripted-judge"


@dataclass
class Reply:
    """One scripted HTTP response."""

    status: int = 200
    body: Any = None
    """dict/list -> JSON; str/bytes sent as-is."""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (a slow server)."""
    drip: float = 0.0
    """> 0: send the headers at once, then the body one byte every `drip` seconds (a server
    that never trips a per-read timeout)."""


def completion(content: str, *, finish_reason: str = "stop", model: str = MODEL) -> Reply:
    """A well-formed chat completion whose message is `content`."""
    return Reply(
        body={
            "id": "chatcmpl-scripted",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": finish_reason,
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
    )


def json_reply(obj: Any) -> Reply:
    """A completion whose content is `obj` as JSON (e.g. a verdict)."""
    return completion(json.dumps(obj, ensure_ascii=False))


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    """An OpenAI-style error body."""
    return Reply(
        status=status,
        headers=headers or {},
        body={"error": {"message": message, "type": "scripted", "code": None}},
    )


def rate_limited(retry_after: float = 0.01) -> Reply:
    return error(429, "Rate limit reached", {"Retry-After": f"{retry_after:g}"})


def server_error() -> Reply:
    return error(500, "The server had an error while processing your request")


def rejects_response_format(kind: str = "json_schema") -> Reply:
    """What servers without structured output say (OpenAI-style 400)."""
    return error(400, f"Invalid parameter: 'response_format' of type '{kind}' is not supported")


def malformed() -> Reply:
    return completion("Sure! Here is the verdict: {points: [covered, covered], oops")


def truncated() -> Reply:
    return completion('{"points": [{"id": 1, "status": "cov', finish_reason="length")


def enormous(chars: int = 300_000) -> Reply:
    return completion(json.dumps({"points": [], "feedback": "ha" * (chars // 2)}))


def dripping(every: float, reply: Reply) -> Reply:
    """`reply`, its headers sent at once and its body one byte every `every` seconds."""
    return Reply(status=reply.status, body=reply.body, headers=reply.headers, drip=every)


def slow(seconds: float, reply: Reply | None = None) -> Reply:
    base = reply or completion("{}")
    return Reply(status=base.status, body=base.body, headers=base.headers, delay=seconds)


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    """Lower-cased names."""
    raw: bytes
    body: Any

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list((self.body or {}).get("messages", []))

    def content(self, role: str) -> str:
        """All message text of one role, joined."""
        return "\n".join(str(m.get("content", "")) for m in self.messages if m.get("role") == role)

    @property
    def response_format(self) -> dict[str, Any] | None:
        return (self.body or {}).get("response_format")

    @property
    def task(self) -> str:
        system = self.content("system")
        match = re.search(r"TASK: ([a-z-]+)", system)
        return match.group(1) if match else "text"


class ScriptedLLMServer:
    """The chat-completions protocol on a random free port, served from a thread."""

    def __init__(self, *, models: tuple[str, ...] = (MODEL,), json_schema: bool = True) -> None:
        self.models = models
        self.json_schema = json_schema
        """False: reject response_format json_schema with a 400, like servers without it."""
        self.requests: list[RecordedRequest] = []
        self.on_chat: Callable[[RecordedRequest], Reply | None] | None = None
        """Called for chat requests when the queue is empty; None falls through to the judge."""
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> ScriptedLLMServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                server._handle(self, "GET")

            def do_POST(self) -> None:
                server._handle(self, "POST")

        class Quiet(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # clients that time out and hang up are part of the script

        self._httpd = Quiet(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> ScriptedLLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # -- scripting ---------------------------------------------------------------------------
    def script(self, *replies: Reply) -> None:
        """Queue replies for the next chat requests, in order."""
        with self._lock:
            self._queue.extend(replies)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def settings(self, **overrides: Any) -> Any:
        """Settings pointing the LLM grader at this server (model, URL, short timeout)."""
        from interviewer.config import load_settings

        given: dict[str, Any] = {
            "llm_base_url": self.base_url,
            "llm_model": self.models[0] if self.models else MODEL,
            "llm_timeout": 5.0,
        }
        given.update(overrides)
        return load_settings(**given)

    # -- serving -----------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        headers = {k.lower(): v for k, v in handler.headers.items()}
        request = RecordedRequest(method, handler.path, headers, raw, body)
        with self._lock:
            self.requests.append(request)
        reply = self._reply_for(request)
        if reply.delay and self._stopping.wait(reply.delay):
            return
        self._send(handler, reply, self._stopping)

    def _reply_for(self, request: RecordedRequest) -> Reply:
        path = request.path.rstrip("/")
        if request.method == "GET" and path.endswith("/models"):
            return Reply(
                body={
                    "object": "list",
                    "data": [
                        {"id": m, "object": "model", "created": 0, "owned_by": "scripted"}
                        for m in self.models
                    ],
                }
            )
        if request.method != "POST" or not path.endswith("/chat/completions"):
            return error(404, f"no route {request.method} {request.path}")
        if not isinstance(request.body, dict):
            return error(400, "body is not JSON")
        fmt = request.response_format or {}
        if fmt.get("type") == "json_schema" and not self.json_schema:
            return rejects_response_format()
        with self._lock:
            queued = self._queue.popleft() if self._queue else None
        if queued is not None:
            return queued
        if self.on_chat is not None:
            scripted = self.on_chat(request)
            if scripted is not None:
                return scripted
        return judge(request)

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler, reply: Reply, stopping: threading.Event | None = None
    ) -> None:
        if isinstance(reply.body, (dict, list)):
            payload = json.dumps(reply.body, ensure_ascii=False).encode("utf-8")
            ctype = "application/json"
        elif isinstance(reply.body, str):
            payload, ctype = reply.body.encode("utf-8"), "text/plain; charset=utf-8"
        else:
            payload, ctype = reply.body or b"", "application/octet-stream"
        try:
            handler.send_response(reply.status)
            handler.send_header("Content-Type", ctype)
            handler.send_header("Content-Length", str(len(payload)))
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            if not reply.drip:
                handler.wfile.write(payload)
                return
            handler.wfile.flush()
            for i in range(len(payload)):
                if stopping is not None and stopping.wait(reply.drip):
                    return
                handler.wfile.write(payload[i : i + 1])
                handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def closed_port_url() -> str:
    """A base URL nobody listens on (connection refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


# -- the rule-following judge ------------------------------------------------------------------
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+\-]*")
_STOP = set(
    """a an the of to in on at by for with from as is are was were be been it its this that these
    those and or but if then so than all each every any some can could will would may might must
    has have had do does did i you he she we they me my your our their them his her also only
    more most less very such which what when where who how there here into out up down
    over""".split()
)
_CJK_STOP = re.compile(
    "[的了是在和与及或也都就而被把这那个一有为其之即等中上下对于以将从所吗呢吧啊嗯]"
)
_SPLIT = re.compile(r"(?<=[。！？；;!?])|\n|(?<=[a-z0-9)][.])\s+")
COVERED_AT = 0.6
PARTIAL_AT = 0.25


def terms(text: str) -> set[str]:
    """English words and Chinese character bigrams (not across function characters like 的/了):
    the judge's notion of a point's key terms."""
    found = {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 1}
    runs = [r for chunk in _CJK_RUN.findall(text) for r in _CJK_STOP.split(chunk) if r]
    for run in runs:
        if len(run) == 1:
            found.add(run)
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SPLIT.split(text) if s and len(s.strip()) >= 4]


def judge(request: RecordedRequest) -> Reply:
    """Answer like a diligent, literal-minded model that follows the task in the system prompt."""
    user = request.content("user")
    if request.task == "extract-key-points":
        refs = re.findall(r"<reference-(\d+)>\n(.*?)\n</reference-\1>", user, re.DOTALL)
        points = [s for _, body in refs for s in sentences(body)][:8]
        if not points:
            question = re.search(r"<question>\n(.*?)\n</question>", user, re.DOTALL)
            points = [question.group(1) if question else "the question"]
        return json_reply({"points": [{"text": p, "weight": 1} for p in points]})
    if request.task == "grade-answer":
        return json_reply(grade(user))
    last = user.strip().splitlines()[-1] if user.strip() else ""
    return completion(f"(scripted) {last}")


def fenced_answer(user: str) -> str:
    """The text between the first <answer-NONCE> tag and its own closing tag."""
    opening = re.search(r"<answer-([0-9a-f]+)>\n", user)
    if not opening:
        return ""
    closing = user.find(f"\n</answer-{opening.group(1)}>", opening.end())
    return user[opening.end() : closing if closing >= 0 else len(user)]


def grade(user: str) -> dict[str, Any]:
    rubric = user.split("Key points:", 1)[-1].split("<answer-", 1)[0]
    points = re.findall(r"^\[(\d+)\] (.+)$", rubric, re.MULTILINE)
    answer = fenced_answer(user)
    answer_terms = terms(answer)
    answer_sentences = [s for s in _SPLIT.split(answer) if s.strip()] or [answer]
    judged, missing = [], []
    for pid, text in points:
        wanted = terms(text)
        share = len(wanted & answer_terms) / len(wanted) if wanted else 0.0
        status = (
            "covered" if share >= COVERED_AT else "partial" if share >= PARTIAL_AT else "missing"
        )
        evidence = ""
        if status != "missing":
            evidence = max(answer_sentences, key=lambda s: len(terms(s) & wanted)).strip()
        else:
            missing.append(text)
        judged.append({"id": int(pid), "status": status, "evidence": evidence})
    hit = sum(1 for p in judged if p["status"] != "missing")
    return {
        "points": judged,
        "off_topic": hit == 0,
        "feedback": f"Scripted judge: {hit} of {len(judged)} key points addressed.",
        "model_answer": "；".join(text for _, text in points),
        "follow_up": f"能再讲讲这一点吗：{missing[0]}" if missing else None,
    }


@pytest.fixture
def llm_server() -> Iterator[ScriptedLLMServer]:
    """A started scripted server, stopped after the test."""
    server = ScriptedLLMServer().start()
    try:
        yield server
    finally:
        server.stop()
