"""Which grader runs: the LLM grader backed by the similarity grader, or similarity alone, plus
the start screen's "is the LLM reachable?" check. The one place that wires grading together."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from interviewer.errors import GradingError
from interviewer.grading.base import Grader
from interviewer.keys.load import KeyBook
from interviewer.llm.client import LLMBadOutput, LLMUnavailable
from interviewer.llm.redact import redact
from interviewer.llm.retry import RetryPolicy
from interviewer.types.verdict import Finding, Reference, Verdict

log = logging.getLogger(__name__)


_CAUSES = {
    "llm_unavailable": "unavailable",
    "llm_bad_output": "gave unusable output",
    "llm_failed": "failed",
}
"""Why the primary grader gave no verdict: the 'cause' of the 'fallback' finding, as logged."""


class FallbackGrader:
    """Grades with `primary`; when it fails for any reason, grades with `fallback` and says why
    (a 'fallback' finding first in the verdict). No answer is ever lost or left ungraded."""

    def __init__(self, primary: Grader, fallback: Grader, *, secret: str | None = None) -> None:
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name
        self._secret = secret

    def prepare(self, question: str, references: Sequence[Reference]) -> None:
        """Warm the primary grader (the LLM one has nothing to warm)."""
        self.primary.prepare(question, references)

    def grade(self, question: str, answer: str, references: Sequence[Reference]) -> Verdict:
        try:
            return self.primary.grade(question, answer, references)
        except LLMUnavailable as exc:
            key, reason = "llm_unavailable", str(exc)
        except LLMBadOutput as exc:
            key, reason = "llm_bad_output", str(exc)
        except Exception as exc:  # noqa: BLE001 - a grader bug must not lose the answer
            trace = "".join(traceback.format_exception(exc))
            log.error("LLM grader failed unexpectedly:\n%s", redact(trace, self._secret))
            key, reason = "llm_failed", f"{type(exc).__name__}: {exc}"
        reason = redact(reason, self._secret)
        why, name = _CAUSES[key], self.fallback.name
        log.warning("LLM grader %s (%s); falling back to %s", why, reason, name)
        verdict = self.fallback.grade(question, answer, references)
        fell_back = Finding(kind="fallback", values={"cause": key, "why": reason})
        return verdict.model_copy(update={"findings": [fell_back, *verdict.findings]})


def build_grader(
    settings: Any,
    embedder: Any,
    *,
    retriever: Any = None,
    policy: RetryPolicy | None = None,
    keys: KeyBook | None = None,
) -> Grader:
    """The grader the settings ask for: LLM with similarity fallback when an LLM model is
    configured and offline mode is off, else similarity alone. `policy` overrides the retry
    backoff (tests use tiny delays); `retriever` is accepted for callers that have one."""
    from interviewer.grading.reference_cache import ReferenceVectors
    from interviewer.grading.similarity import SimilarityGrader

    judge = offline_judge(embedder) if settings.judge else None
    vectors = ReferenceVectors(settings.cache_dir / "reference-vectors")
    similarity: Grader = SimilarityGrader(
        embedder, answer_judge=judge, keys=keys, reference_vectors=vectors
    )
    if not settings.llm_enabled:
        return similarity
    from interviewer.grading.keypoint_cache import KeypointCache
    from interviewer.grading.llm import LLMGrader
    from interviewer.llm.client import make_client

    client = make_client(settings, policy=policy)
    cache = KeypointCache(settings.cache_dir / "keypoints")
    secret = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    primary = LLMGrader(client, cache, grade_timeout=settings.llm_grade_timeout)
    return FallbackGrader(primary, similarity, secret=secret)


def offline_judge(embedder: Any) -> Any:
    """The shipped answer judge on top of `embedder`, or None (said once in the log) when it
    can't be used — another embedding model, or a damaged file: grading goes on without it."""
    from interviewer.grading.judge import load_judge

    try:
        return load_judge(embedder)
    except GradingError as exc:
        log.warning("%s", exc)
        return None


@dataclass(frozen=True)
class LLMStatus:
    """What the start screen shows about the configured LLM."""

    enabled: bool
    reachable: bool = False
    model_listed: bool | None = None
    """None when the server does not list models (some proxies don't)."""
    latency_ms: float | None = None
    message: str = ""
    """One line for the user, e.g. 'qwen2.5:7b at http://127.0.0.1:11434/v1 (35 ms)'."""


def check_llm(settings: Any, *, timeout: float = 5.0) -> LLMStatus:
    """Probe the endpoint with GET /models. Never raises: every failure is a status line."""
    if not settings.llm_enabled:
        why = "offline mode" if settings.llm_model else "no LLM model configured"
        return LLMStatus(enabled=False, message=f"LLM grading off ({why}); grading by similarity")
    secret = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    where = settings.llm_base_url or "https://api.openai.com/v1"
    try:
        import openai

        from interviewer.llm.client import PLACEHOLDER_KEY

        client = openai.OpenAI(
            base_url=settings.llm_base_url or None,
            api_key=secret or PLACEHOLDER_KEY,
            timeout=min(timeout, settings.llm_timeout),
            max_retries=0,
        )
        start = time.perf_counter()
        models = client.models.list()
        latency = (time.perf_counter() - start) * 1000
        ids = {m.id for m in models.data}
    except Exception as exc:  # noqa: BLE001 - a status check reports, never raises
        detail = redact(_describe(exc), secret)
        return LLMStatus(
            enabled=True, message=f"{settings.llm_model} at {where} unreachable ({detail})"
        )
    listed = (settings.llm_model in ids) if ids else None
    message = f"{settings.llm_model} at {where} ({latency:.0f} ms)"
    if listed is False:
        message += "; model not listed by the server"
    return LLMStatus(
        enabled=True,
        reachable=True,
        model_listed=listed,
        latency_ms=round(latency, 1),
        message=message,
    )


def _describe(exc: BaseException) -> str:
    status = getattr(exc, "status_code", None)
    if status is not None:
        return f"HTTP {status}"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
