"""What an interview needs from the outside, as a typed contract rather than a concrete class.

The composition root (`interviewer.services`) satisfies it with the real parts, the tests with
fakes; the engine depends only on this, so it never imports the code that builds it.
"""

from __future__ import annotations

from typing import Protocol

from interviewer.grading.base import Grader
from interviewer.index.retriever import Retriever
from interviewer.interview.phrasing import Phraser
from interviewer.keys.load import KeyBook
from interviewer.storage.db import HistoryStore


class InterviewServices(Protocol):
    """The question bank and passages, the grader, the history store, the interviewer voice and
    the bank's answer keys."""

    retriever: Retriever
    grader: Grader
    store: HistoryStore
    phraser: Phraser
    keys: KeyBook
