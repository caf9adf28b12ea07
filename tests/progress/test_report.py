"""The mentor report: its sections and the numbers in them, from a fixed history and clock."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from interviewer.progress.export import ExportError, atomic_write_text, turn_to_dict
from interviewer.progress.overview import build_overview, load_overview
from interviewer.progress.report import render_report
from interviewer.types.verdict import StatedMisconception
from tests.progress.synthetic import T0, fill_weeks, record

UTC = timezone.utc
NOW = T0 + timedelta(days=10)


@pytest.fixture
def report(tmp_path: Path) -> str:
    store = fill_weeks(tmp_path / "h.sqlite3")
    store.mark_removed_questions({"q-adam", "q-bn", "q-dropout"})
    overview = load_overview(store, NOW, tz=UTC)
    store.close()
    return render_report(overview, tz=UTC)


def section(text: str, title: str) -> str:
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_sections_in_order(report: str) -> None:
    titles = re.findall(r"^## (\S+)", report, flags=re.M)
    assert titles[:7] == [
        "概览",
        "分数走势（最近",
        "历次面试",
        "各主题掌握度",
        "最薄弱的题目",
        "表达",
        "数字怎么来的",
    ]
    assert report.startswith("# 面试练习报告 · 2024-05-11")


def test_summary_numbers(report: str) -> None:
    s = section(report, "概览")
    assert "2024-05-01 → 2024-05-10，连续练习 3 天" in s
    assert "面试 5 场，回答主问题 10 道（另有追问 1 道）" in s
    # main answers: 9 3 2 4 6 9.5 2.5 5 8 9 → 58 / 10
    assert "平均分：5.8/10" in s


def test_sessions_table(report: str) -> None:
    rows = [line for line in section(report, "历次面试").splitlines() if line.startswith("| 1 ")]
    assert rows == ["| 1 | 2024-05-01 08:59 | 3 | 4.7 | 离线 |"]
    assert "回答数（含追问、再答） | 平均分（主问题，跳过、追问、再答不计）" in report


def test_topic_table_and_chart(report: str) -> None:
    s = section(report, "各主题掌握度")
    assert "| 正则化 | 66% | 1 | 4 | 6.2（4 个回答） |" in s  # dropout 2, 6, 8, 9 → mean 6.25
    assert "| 优化器 | 82% | 1 | 2 | 9.2（2 个回答） |" in s  # Adam 9, 9.5 → 9.25
    assert "平均分（主问题，跳过、再答不计）" in s  # an average says what it averages
    chart = s.split("```")[1].strip().splitlines()
    assert [line.split()[0] for line in chart] == ["归一化", "正则化", "优化器"]  # weakest first
    assert chart[-1].rstrip().endswith("82%")


def test_weakest_questions_with_what_was_missed(report: str) -> None:
    s = section(report, "最薄弱的题目")
    # BN failed three times is weaker than LN answered once at 5.0 (removed since)
    assert "### 1. BN的作用" in s
    assert "### 2. LayerNorm和BatchNorm的区别 (removed from corpus)" in s
    bn = s[s.index("BN的作用") :]
    assert "作答 3 次 · 最近一次 2.5/10" in bn  # the follow-up is not a fourth attempt
    assert "- 漏掉的要点：\n  - 减少内部协变量偏移" in bn
    assert "- 反馈：补充BN在训练和推理时的区别。" in bn
    assert "Adam和SGD的区别" not in s  # answered well: not weak


def test_delivery_table(report: str) -> None:
    s = section(report, "表达")
    # 11 answers, each the same 26-unit answer given in 40 s (see synthetic.HistoryWriter)
    assert "| 回答数 | 11 | 1 |" in s
    assert "| 平均长度（字/词） | 26 | 26 |" in s
    assert "| 语速（字/分） | — | — |" in s  # typed answers: no speaking rate
    assert "| 结构完整（定义→原理→举例/权衡） | 11/11 | 1/1 |" in s


def test_empty_overview_is_flagged() -> None:
    assert build_overview([], [], NOW, tz=UTC).empty


def test_skip_exports_without_insights() -> None:
    skip = record(1, "q", 0.0, T0, answer="", label="empty")
    line = turn_to_dict(skip)
    assert line["insights"] is None and line["label"] == "empty" and line["answer"] == ""


def test_the_export_says_skipped_as_the_averages_count_it() -> None:
    """不会 (Ctrl+G: stored with the skip flag, answer 不知道) is an answer worth 0 in every
    mean, yet it was exported `skipped: true`; a pass (Ctrl+N) is skipped, with no score. The
    exported scores of the main questions average to the overview's mean."""
    turns = [
        record(1, "a", 9.0, T0),
        replace(record(2, "b", 0.0, T0 + timedelta(minutes=1), answer="不知道"), skipped=True),
        replace(record(3, "c", 0.0, T0 + timedelta(minutes=2), answer=""), skipped=True),
    ]
    lines = [turn_to_dict(t) for t in turns]
    assert [(line["skipped"], line["score"]) for line in lines] == [
        (False, 9.0),
        (False, 0.0),
        (True, None),
    ]
    assert lines[2]["graded_score"] is None and lines[2]["verdict"] is not None
    scores = [line["score"] for line in lines if line["score"] is not None]
    ov = build_overview(turns, [], T0 + timedelta(minutes=5), tz=UTC)
    assert ov.mean_score == pytest.approx(sum(scores) / len(scores)) == pytest.approx(4.5)


def test_atomic_write_failure_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match=r"^cannot write .*r\.md") as info:
        atomic_write_text(blocker / "r.md", "text")
    assert "\n" not in str(info.value)
    atomic_write_text(tmp_path / "ok.md", "第一行\n")
    assert (tmp_path / "ok.md").read_text(encoding="utf-8") == "第一行\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "ok.md"]  # no temp file left


def test_a_weak_question_shows_the_answer_the_wrong_claim_the_model_answer_and_when_due(
    tmp_path: Path,
) -> None:
    from interviewer.storage.db import HistoryStore
    from interviewer.types.turn import Turn
    from interviewer.types.verdict import KeyPoint, Label, PointStatus, StatedMisconception, Verdict
    from tests.progress.synthetic import HistoryWriter

    store = HistoryStore(tmp_path / "h.sqlite3")
    writer = HistoryWriter(store)
    session = writer.session(T0)
    asked = Turn(
        turn_id=0,
        index=1,
        total=1,
        question_id="q-l1",
        question="L1和L2的区别",
        spoken="L1和L2的区别",
        topic="正则化/过拟合",
    )
    turn = store.record_asked(session, asked, at=T0 - timedelta(seconds=30))
    wrong = Verdict(
        score=2.0,
        label=Label.CONTRADICTS,
        points=[
            KeyPoint(text="L1 正则让权重稀疏。", status=PointStatus.CONTRADICTED, evidence="L2"),
            KeyPoint(text="L2 正则让权重整体变小。", status=PointStatus.MISSING),
        ],
        misconceptions=[
            StatedMisconception(
                claim="L2 让权重稀疏",
                said="L2 会让权重稀疏",
                correction="让权重稀疏的是 L1。",
                central=True,
            )
        ],
        model_answer="L1 让权重稀疏，L2 让权重整体变小。",
        grader="similarity",
        confidence=0.9,
    )
    store.record_answer(turn, "嗯 L2 会让权重稀疏 <b>对</b>", 30.0, False, wrong, at=T0)
    overview = load_overview(store, T0 + timedelta(minutes=5), tz=UTC)
    store.close()
    text = render_report(overview, tz=UTC, chart="r-trend.svg")
    weak = section(text, "最薄弱的题目")
    assert "> 嗯 L2 会让权重稀疏 &lt;b>对&lt;/b>" in weak
    assert "- 说错的地方：\n  - 你说“L2 会让权重稀疏”——让权重稀疏的是 L1。" in weak
    assert "  - L2 正则让权重整体变小。" in weak
    assert "（答反了）" not in weak  # the stated misconception says it better
    assert "- 参考答案：L1 让权重稀疏，L2 让权重整体变小。" in weak
    assert "分钟后复习" in weak
    assert "![每日平均分走势](r-trend.svg)" in text
    spaced = render_report(overview, tz=UTC, chart="my report-trend.svg")
    assert "![每日平均分走势](my%20report-trend.svg)" in spaced  # a space would end the link


def test_a_session_with_misses_says_what_each_number_counts() -> None:
    """One session as a candidate lives it (issue 16): a good answer, a wrong one, a 不会, a
    skipped follow-up, a skipped question, and the missed ones asked again before the end. The
    summary counts the interview's questions once, says what its average leaves out, and the
    misses' relearning step (due in ten minutes) is due today, not "0 道". The skipped
    follow-up is no answer: it read 另有追问 1 道."""
    at = T0
    turns = [
        record(1, "good", 9.0, at),
        record(2, "wrong", 0.0, at + timedelta(minutes=1)),
        replace(
            record(3, "wrong", 0.0, at + timedelta(minutes=2), answer="", parent_turn_id=2),
            skipped=True,
        ),
        record(4, "dunno", 0.0, at + timedelta(minutes=3), answer="不知道", label="empty"),
        replace(record(5, "pass", 0.0, at + timedelta(minutes=4), answer=""), skipped=True),
        record(6, "wrong", 10.0, at + timedelta(minutes=5)),  # asked again: practice
        record(7, "dunno", 0.0, at + timedelta(minutes=6), answer="不知道", label="empty"),
    ]
    ov = build_overview(turns, [], at + timedelta(minutes=7), tz=UTC)
    assert (ov.answered, ov.scored, ov.retried, ov.follow_ups) == (4, 3, 2, 0)
    assert ov.mean_score == pytest.approx((9 + 0 + 0) / 3)
    # dunno and the skipped one come back within minutes; wrong, aced on its retry, in days
    assert ov.due_today == 2
    s = section(render_report(ov, tz=UTC), "概览")
    assert "回答主问题 4 道（另有同场再答 2 道）" in s
    assert "平均分：3.0/10（3 道主问题的平均；跳过、同场再答不计）" in s
    assert "今天到期需要复习：2 道" in s


def test_a_false_claim_stays_in_the_report_after_the_retry_got_it_right() -> None:
    """The report quoted only the latest verdict: "Transformer 里用的就是 BN", said in the
    interview and corrected on the in-session retry, vanished from the mentor's summary."""
    wrong = StatedMisconception(
        claim="Transformer 用 BN",
        said="Transformer 里用的就是 BN",
        correction="Transformer 用的是 LayerNorm，不是 BN。",
    )
    first = record(1, "t", 0.0, T0, answer="Transformer 里用的就是 BN")
    first = replace(first, verdict=first.verdict.model_copy(update={"misconceptions": [wrong]}))
    again = record(2, "t", 6.0, T0 + timedelta(minutes=5), answer="用 LayerNorm，和 batch 无关")
    ov = build_overview([first, again], [], T0 + timedelta(minutes=6), tz=UTC)
    s = section(render_report(ov, tz=UTC), "最薄弱的题目")
    said = "  - 你说“Transformer 里用的就是 BN”——Transformer 用的是 LayerNorm，不是 BN。"
    assert f"- 说错的地方：\n{said}（之前的回答）" in s
    assert "> 用 LayerNorm，和 batch 无关" in s  # the latest answer is the one quoted


def test_when_due_counts_calendar_days_like_the_date_beside_it(tmp_path: Path) -> None:
    """At 05:00, a question due at 21:00 tomorrow is 40 hours away: the weeks audit's report said
    "2 天后复习（tomorrow's date）" and "21 天后" where the start screen said 20."""
    from interviewer.progress.report import _due

    store = fill_weeks(tmp_path / "h.sqlite3")
    overview = load_overview(store, NOW, tz=UTC)
    store.close()
    (qid, q), *_ = [(q.question_id, q) for q in overview.weakest]
    now = T0.replace(hour=5, minute=0) + timedelta(days=10)
    for ahead, said in (
        (timedelta(days=1, hours=16), "明天"),
        (timedelta(days=20, hours=16), "20 天后"),
    ):
        due = now + ahead
        shown = _due(q, replace(overview, now=now, due_at={qid: due}), UTC)
        assert shown == f"{said}复习（{due:%Y-%m-%d}）"
    soon = _due(q, replace(overview, now=now, due_at={qid: now + timedelta(hours=6)}), UTC)
    assert soon.startswith("6 小时后复习")
