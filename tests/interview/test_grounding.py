"""Which passages an interview answer is graded against."""

from __future__ import annotations

from interviewer.interview import grounding
from tests.interview.fakes import FakeRetriever


def test_a_question_with_its_own_answer_is_graded_only_against_it() -> None:
    retriever = FakeRetriever()
    refs = grounding.grading_references("3.Adam和SGD的区别?", retriever, "adam-sgd")
    assert refs, "the bank answer must be found"
    assert {r.question_id for r in refs} == {"adam-sgd"}
    # The shared lookup does add retrieved passages of other questions (e.g. 'adam'); they must
    # not reach the grader, or an answer about Adam alone would be measured against them.
    assert any(h.chunk.question_id == "adam" for h in retriever.search("3.Adam和SGD的区别?", 8))


def test_a_question_only_entry_falls_back_to_retrieved_passages() -> None:
    refs = grounding.grading_references("KL散度", FakeRetriever(), "kl")
    assert refs, "retrieved passages stand in when the bank has no answer"
    assert all(r.score is not None for r in refs)
    assert any("KL散度" in r.text for r in refs)


def test_a_follow_up_is_graded_on_the_gap_it_asked_about() -> None:
    from interviewer.types.verdict import Reference

    passage = Reference(
        text="IOU是交集与并集的比值。用IOU阈值判定bounding box是否有效。阈值一般设为0.5。",
        source="notes.md:3-4",
        question_id="iou",
    )
    gaps = ["用IOU阈值判定bounding box是否有效", "阈值一般设为0.5"]
    asked = "你刚才没怎么提到bounding box，能说说它在这里起什么作用吗？"
    focused = grounding.focused_references([passage], gaps, asked)
    assert [r.text for r in focused] == ["用IOU阈值判定bounding box是否有效"]
    assert focused[0].source == "notes.md:3-4" and focused[0].question_id == "iou"
    # a follow-up that names nothing ("what else?") is about every gap
    what_else = "这道题还有哪些要点你没讲到？能再补充一下吗？"
    plain = grounding.focused_references([passage], gaps, what_else)
    assert plain[0].text == "用IOU阈值判定bounding box是否有效\n阈值一般设为0.5"
    assert plain[0].expected_points is None  # two gaps: both are the answer
    many = [f"要点{i}" for i in range(8)]
    listed = Reference(text="；".join(many), source="notes.md:9")
    (wide,) = grounding.focused_references([listed], many, what_else)
    assert wide.expected_points == grounding.WHAT_ELSE_POINTS
    # points from nowhere (an old record of another passage): the passages as they are
    assert grounding.focused_references([passage], ["别的要点"], asked) == [passage]
