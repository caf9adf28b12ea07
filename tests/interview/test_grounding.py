"""Which passages an interview answer is graded against."""

from __future__ import annotations

from interviewer.interview import grounding
from tests.interview.fakes import FakeRetriever


def test_a_question_with_its_own_answer_is_graded_only_against_it() -> None:
    retriever = FakeRetriever()
    refs = grounding.references_for("3.Adam和SGD的区别?", retriever, "adam-sgd")
    assert refs, "the bank answer must be found"
    assert {r.question_id for r in refs} == {"adam-sgd"}
    # The shared lookup does add retrieved passages of other questions (e.g. 'adam'); they must
    # not reach the grader, or an answer about Adam alone would be measured against them.
    assert any(h.chunk.question_id == "adam" for h in retriever.search("3.Adam和SGD的区别?", 8))


def test_a_question_only_entry_falls_back_to_retrieved_passages() -> None:
    refs = grounding.references_for("KL散度", FakeRetriever(), "kl")
    assert refs, "retrieved passages stand in when the bank has no answer"
    assert all(r.score is not None for r in refs)
    assert any("KL散度" in r.text for r in refs)
