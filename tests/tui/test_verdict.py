"""The verdict card and the summary as text: what a candidate reads after answers and at the end."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from interviewer.interview.turns import (
    GradedTurn,
    QuestionScore,
    ReviewItem,
    SessionNote,
    SessionSummary,
    TopicScore,
)
from interviewer.progress.insights import analyze
from interviewer.tui.screens.summary import headline, summary_content
from interviewer.tui.widgets.verdict import REFERENCE_CELLS, clip_cells, verdict_content
from interviewer.types.turn import Turn
from interviewer.types.verdict import KeyPoint, Label, PointStatus, Reference, Verdict
from interviewer.wording import say

TURN = Turn(7, 1, 3, "q-adam", "Adam和SGD的区别", "说说 Adam 和 SGD 的区别？", "优化器")


def verdict(**changes) -> Verdict:
    base = dict(
        score=6.5,
        label=Label.PARTIAL,
        points=[
            KeyPoint(text="偏差修正", status=PointStatus.MISSING),
            KeyPoint(text="• 动量\n（一阶矩）", status=PointStatus.COVERED, evidence="动量"),
        ],
        feedback="还可以讲讲偏差修正。",
        model_answer="Adam = 动量 + 自适应学习率 + 偏差修正。",
        references=[Reference(text="很长的参考段落。" * 40, source="csdn-dl-baguwen.txt:12-20")],
        grader="similarity",
        confidence=0.62,
        notes=["LLM grader unavailable (HTTP 500); graded offline by similarity"],
    )
    base.update(changes)
    return Verdict(**base)


def test_verdict_reads_score_first_then_points_feedback_answer_sources_notes() -> None:
    answer = "嗯，Adam 就是加了动量，然后学习率是自适应的。"
    graded = GradedTurn(TURN, answer, verdict(), analyze(answer, 30.0))
    lines = verdict_content(graded).plain.splitlines()
    assert lines[0].startswith(" 6.5/10  部分正确")
    assert "评分：离线 ·" in lines[0] and "62%" in lines[0]
    text = "\n".join(lines)
    assert text.index("✓ 动量 （一阶矩）") < text.index("✗ 偏差修正")  # covered first, flattened
    assert "点评 还可以讲讲偏差修正。" in text and "参考答案 Adam = 动量" in text
    assert "注意 LLM grader unavailable (HTTP 500)" in text
    source_line = next(line for line in lines if "csdn-dl-baguwen.txt:12-20" in line)
    assert cell_len(source_line) <= REFERENCE_CELLS and source_line.endswith("…")
    assert any("口头禅" in line and "嗯×1" in line for line in lines)  # delivery, counted
    assert any(line.strip().startswith("结构：") for line in lines)


def test_after_a_skip_the_feedback_introduces_the_points() -> None:
    """"这题跳过了，参考答案的要点在下面。" stood below the points it announces; an answer's
    feedback still follows its points (it comments on them)."""
    passed = verdict(
        score=0.0,
        label=Label.EMPTY,
        feedback="这题跳过了，参考答案的要点在下面。",
        points=[KeyPoint(text="偏差修正", status=PointStatus.MISSING)],
    )
    lines = verdict_content(GradedTurn(TURN, "", passed, None, skipped=True)).plain.splitlines()
    assert lines[1:4] == ["点评 这题跳过了，参考答案的要点在下面。", "要点", "  ✗ 偏差修正"]
    answered = verdict_content(GradedTurn(TURN, "x", verdict(), None)).plain
    assert answered.index("✗ 偏差修正") < answered.index("点评 还可以讲讲偏差修正。")


def test_the_llm_grader_is_named_and_a_hint_that_cost_nothing_is_not() -> None:
    """A hint whose answer then scored 0 took nothing off: the card said （用了提示，已扣分）."""
    graded = GradedTurn(TURN, "x", verdict(grader="llm:qwen2.5:7b", notes=[]), None, hint_used=True)
    text = verdict_content(graded).plain
    assert "LLM qwen2.5:7b" in text and "提示" not in text and "注意" not in text


def test_the_hint_penalty_is_said_once_under_the_score() -> None:
    """The card said "（用了提示，已扣分）" under the score and "注意 用了提示，扣 1.5 分…"
    below."""
    note = say("hint_used", True, penalty=1.5, before=8.0, after=6.5)
    graded = GradedTurn(TURN, "x", verdict(score=6.5, notes=[note]), None, hint_used=True)
    lines = verdict_content(graded).plain.splitlines()
    assert lines[1] == "用了提示，扣 1.5 分（8 → 6.5）。"
    assert sum("提示" in line for line in lines) == 1


def test_clip_cells_counts_wide_characters_twice() -> None:
    assert clip_cells("偏差修正偏差修正", 9) == "偏差修正…"
    assert clip_cells("short", 9) == "short"
    assert cell_len(clip_cells("混合 mixed 文本" * 10, 20)) <= 20


def test_summary_lists_scores_weak_topics_review_and_where_saved() -> None:
    summary = SessionSummary(
        session_id=4,
        scores=(
            QuestionScore(1, 1, "Adam和SGD的区别", "优化器", 6.5, "partial", False, True, False),
            QuestionScore(
                5, 4, "L1和L2的区别", "正则化", 8.0, "correct", False, False, False, own_score=True
            ),
            QuestionScore(
                2, 1, "偏差修正解决什么问题？", "优化器", 3.0, "incorrect", True, False, False
            ),
            QuestionScore(3, 2, "BN的作用", "归一化", 0.0, "empty", False, False, True, True),
            QuestionScore(4, 3, "dropout的作用", "正则化", 0.0, "empty", False, False, True),
        ),
        mean_score=3.2,
        averaged=2,
        passes=1,
        weakest_topics=(TopicScore("归一化", 0.0, 1), TopicScore("优化器", 4.8, 2)),
        to_review=(),
        db_path=Path("/home/me/.local/share/interviewer/history.sqlite3"),
        finished=False,
        notes=(
            SessionNote(("BN的作用",), "回答没有讲到这道题的任何一个要点。"),
            SessionNote(
                ("dropout在训练和测试时有什么不同？", "Adam和SGD的区别"),
                "LLM 评分不可用（超时）；已改为离线按答案要点评分",
            ),
        ),
    )
    head = headline(summary).plain
    assert "平均 3.2/10" in head and "history.sqlite3（session 4）" in head
    # an average says what it averages: a skip is no score, a follow-up is on another scale
    assert "2 道主问题的平均；1 个追问另计；跳过 1 道不算分" in head
    assert "interviewer practice --resume 4" in head  # unfinished: say how to go on
    body = summary_content(summary).plain.splitlines()
    assert "  1  6.5  Adam和SGD的区别  部分正确·提示" in body
    assert any(line.startswith("  ↳  3.0") for line in body)
    assert "  2    —  BN的作用  跳过" in body  # a pass has no score
    assert "  3  0.0  dropout的作用  不会" in body  # 不会 is an answer worth 0
    assert "  4  8.0  L1和L2的区别  答得好·你改的分" in body  # the candidate's score, said so
    assert "  归一化 0.0（1 个回答）" in body
    # a note names the questions it was about, short
    assert "注意 关于BN的作用：回答没有讲到这道题的任何一个要点。" in body
    assert (
        "注意 关于dropout在训练和测试时有…、Adam和SGD的区别："
        "LLM 评分不可用（超时）；已改为离线按答案要点评分"
    ) in body


def test_a_skipped_follow_up_is_said_as_a_skip_not_a_follow_up_counted_apart() -> None:
    """Answer Q1, skip its follow-up: the headline said 1 个追问另计, as if it were answered."""
    summary = SessionSummary(
        session_id=2,
        scores=(
            QuestionScore(1, 1, "Adam和SGD的区别", "优化器", 3.5, "partial", False, False, False),
            QuestionScore(
                2, 1, "偏差修正解决什么问题？", "优化器", 0.0, "empty", True, False, True, True
            ),
        ),
        mean_score=3.5,
        averaged=1,
        passes=1,
        weakest_topics=(),
        to_review=(),
        db_path=Path("/tmp/history.sqlite3"),
        finished=True,
    )
    head = headline(summary).plain
    assert "1 道主问题的平均；跳过 1 道不算分" in head and "追问" not in head


def test_typed_answer_shows_typing_time_not_a_speaking_rate() -> None:
    from interviewer.progress.insights import analyze
    from interviewer.tui.widgets.verdict import insight_lines

    typed = " · ".join(insight_lines(analyze("BN 对每个 batch 做标准化。" * 30, 30.0)))
    assert "作答用时 30 秒" in typed and "字/分" not in typed and "语速" not in typed
    spoken = " · ".join(insight_lines(analyze("BN 对每个 batch 做标准化。", 30.0, spoken=True)))
    assert "语速" in spoken and "字/分" in spoken


def test_a_turn_title_says_follow_up_retry_or_place() -> None:
    from interviewer.tui.screens.interview import turn_title
    from interviewer.types.turn import Turn

    main = Turn(1, 2, 5, "q", "BN的作用", "BN的作用？", "归一化")
    assert turn_title(main) == "第 2/5 题"
    assert (
        turn_title(Turn(2, 2, 5, "q", "还有呢", "还有呢？", "归一化", parent_turn_id=1)) == "追问"
    )
    # asked again after question 5: not "第 2/5 题", which read as a step back
    assert turn_title(Turn(3, 2, 5, "q", "BN的作用", "BN的作用？", "归一化", retry=True)) == (
        "再答 · 第 2 题"
    )


def test_an_answer_key_source_reads_as_who_wrote_it() -> None:
    """A key's own reference has no file; the card said "answer key 44ae19b2c2 (bank)", English
    and an id, in the Chinese interview."""
    refs = [
        Reference(text="MP 神经元模型……", source="answer key 44ae19b2c2 (bank)"),
        Reference(text="我的笔记……", source="answer key 1234567890 (user)"),
        Reference(text="笔记原文……", source="csdn-dl-baguwen.txt:12-20"),
    ]
    text = verdict_content(GradedTurn(TURN, "x", verdict(references=refs), None)).plain
    assert "答案要点（题库）" in text and "答案要点（你的）" in text
    assert "answer key" not in text and "csdn-dl-baguwen.txt:12-20" in text


def test_the_summary_says_which_points_were_got_wrong_and_which_missed() -> None:
    """A contradicted point is no missed one: the review says the candidate got it wrong."""
    item = ReviewItem(
        "正则化",
        "正则化/过拟合",
        2.5,
        missed=("从贝叶斯角度看，L1 对应拉普拉斯先验",),
        wrong=("广义上 Dropout、数据增强、早停也起到正则化的作用",),
    )
    summary = SessionSummary(
        session_id=1,
        scores=(
            QuestionScore(1, 1, "正则化", "正则化/过拟合", 2.5, "contradicts", False, False, False),
        ),
        mean_score=2.5,
        averaged=1,
        passes=0,
        weakest_topics=(TopicScore("正则化/过拟合", 2.5, 1),),
        to_review=(item,),
        db_path=Path("/tmp/history.sqlite3"),
        finished=True,
    )
    body = summary_content(summary).plain.splitlines()
    assert "    说错了，正确的是：广义上 Dropout、数据增强、早停也起到正则化的作用" in body
    assert "    漏了：从贝叶斯角度看，L1 对应拉普拉斯先验" in body
    assert not any(line.startswith("    漏了：广义上") for line in body)
