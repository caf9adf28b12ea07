"""The Markdown progress report a candidate sends to a mentor: what was practised, what is known,
what keeps being missed, and how the answers were delivered — with the numbers behind each."""

from __future__ import annotations

from datetime import datetime, tzinfo
from urllib.parse import quote

from interviewer.progress.charts import bar_chart
from interviewer.progress.insights import SessionDelivery
from interviewer.progress.mastery import HALF_LIFE_DAYS, QuestionMastery
from interviewer.progress.overview import Overview
from interviewer.progress.records import local_day
from interviewer.progress.svgchart import trend_svg
from interviewer.wording import INTERFACE_ZH, grader_name, part_name

REMOVED = "(removed from corpus)"
TREND_DAYS = 14


def _when(moment: datetime, tz: tzinfo | None) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _md(text: str) -> str:
    """One table cell / list item: no line breaks, no stray pipes."""
    return " ".join(text.split()).replace("|", "\\|")


ANSWER_CHARS = 400
"""A quoted answer longer than this is cut: the report is read, not replayed."""


def render_report(ov: Overview, *, tz: tzinfo | None = None, chart: str | None = None) -> str:
    """The whole report; call only when `ov.empty` is False. `chart`: the file name of the
    trend image written beside the report (trend_chart), shown above the text chart."""
    parts = [
        f"# 面试练习报告 · {ov.today.isoformat()}",
        "",
        *_summary(ov),
        *_trend(ov, chart),
        *_sessions(ov, tz),
        *_topics(ov),
        *_weakest(ov, tz),
        *_own_scored(ov, tz),
        *_delivery(ov),
        *_notes(),
    ]
    return "\n".join(parts).rstrip() + "\n"


def trend_chart(ov: Overview) -> str:
    """The daily mean scores as an SVG image (written beside the report as `chart`)."""
    days = ov.days[-TREND_DAYS:]
    return trend_svg(
        [d.day.strftime("%m-%d") for d in days],
        [d.mean_score for d in days],
        "每日平均分（主问题，跳过不计）",
    )


def _summary(ov: Overview) -> list[str]:
    mean = f"{ov.mean_score:.1f}/10" if ov.mean_score is not None else "—"
    span = f"{ov.first_day} → {ov.last_day}" if ov.first_day else "—"
    practised = sum(1 for s in ov.sessions if s.n_answered)
    others = "、".join(
        f"{what} {n} 道" for what, n in (("追问", ov.follow_ups), ("同场再答", ov.retried)) if n
    )
    extra = f"（另有{others}）" if others else ""
    skipped = ov.answered - ov.scored
    left_out = "、".join(
        p for p, n in (("跳过", skipped), ("追问", ov.follow_ups), ("同场再答", ov.retried)) if n
    )
    what = f"{ov.scored} 道主问题的平均" + (f"；{left_out}不计" if left_out else "")
    return [
        "## 概览",
        "",
        f"- 练习时间：{span}，连续练习 {ov.streak} 天",
        f"- 面试 {practised} 场，回答主问题 {ov.answered} 道{extra}",
        f"- 平均分：{mean}（{what}）",
        f"- 今天到期需要复习：{ov.due_today} 道（含今天稍后到期的）",
        "",
    ]


def _trend(ov: Overview, chart: str | None = None) -> list[str]:
    days = ov.days[-TREND_DAYS:]
    if not days:
        return []
    # a link target ends at a space: "my report-trend.svg" is written %-encoded
    image = [f"![每日平均分走势]({quote(chart)})", ""] if chart else []
    rows = [
        (d.day.strftime("%m-%d"), d.mean_score / 10, f"{d.mean_score:4.1f}  ({d.answers} 题)")
        for d in days
    ]
    return [
        f"## 分数走势（最近 {len(days)} 个练习日，每日平均分）",
        "",
        *image,
        "```",
        *bar_chart(rows, width=30, label_width=6),
        "```",
        "",
    ]


def _sessions(ov: Overview, tz: tzinfo | None) -> list[str]:
    rows = [s for s in ov.sessions if s.n_answered]
    if not rows:
        return []
    lines = [
        "## 历次面试",
        "",
        "| # | 日期 | 回答数（含追问、再答） | 平均分（主问题，跳过、追问、再答不计） | 评分 |",
        "|---|---|---|---|---|",
    ]
    for s in rows:
        mean = f"{s.mean_score:.1f}" if s.mean_score is not None else "—"
        state = "" if s.finished_at else "（未完成）"
        lines.append(
            f"| {s.id} | {_when(s.started_at, tz)}{state} | {s.n_answered} | {mean} "
            f"| {_md(grader_name(s.grader, INTERFACE_ZH))} |"
        )
    return [*lines, ""]


def _topics(ov: Overview) -> list[str]:
    if not ov.topics:
        return []
    lines = [
        "## 各主题掌握度",
        "",
        "| 主题 | 掌握度 | 练过的题 | 作答次数 | 平均分（主问题，跳过、再答不计） |",
        "|---|---|---|---|---|",
    ]
    for t in ov.topics:
        mean = f"{t.mean_score:.1f}（{t.scored} 个回答）" if t.mean_score is not None else "—"
        lines.append(
            f"| {_md(t.topic)} | {t.mastery:.0%} | {t.questions} | {t.attempts} | {mean} |"
        )
    chart = bar_chart([(t.topic, t.mastery, f"{t.mastery:4.0%}") for t in ov.topics])
    return [*lines, "", "```", *chart, "```", ""]


def _missed(q: QuestionMastery) -> list[str]:
    verdict = q.last_verdict
    if verdict is None:
        return []
    out = []
    for point in verdict.points:
        status = getattr(point.status, "value", point.status)
        if status == "missing":
            out.append(f"  - {_md(point.text)}")
        elif status == "partial":
            out.append(f"  - {_md(point.text)}（只答到一部分）")
        elif status == "contradicted" and not verdict.misconceptions:
            out.append(f"  - {_md(point.text)}（答反了）")
    return out


def _wrong(q: QuestionMastery) -> list[str]:
    verdict = q.last_verdict
    stated = getattr(verdict, "misconceptions", None) or []
    earlier = [(m, "（之前的回答）") for m in q.earlier_misconceptions]
    return [
        f"  - 你说“{_md(m.said)}”——{_md(m.correction)}{when}"
        for m, when in [*((m, "") for m in stated), *earlier]
    ]


def _due(q: QuestionMastery, ov: Overview, tz: tzinfo | None) -> str:
    due = ov.due_at.get(q.question_id)
    if due is None or q.removed:
        return ""
    if due <= ov.now:
        return "现在就该复习"
    hours = (due - ov.now).total_seconds() / 3600
    if hours < 1:
        return f"{max(1, round(hours * 60))} 分钟后复习"
    if hours < 24:
        return f"{round(hours)} 小时后复习（{_when(due, tz)}）"
    # calendar days, as the date beside it and the start screen count them: at 05:00, a review
    # at 21:00 tomorrow is 40 hours away, and "2 天后复习（tomorrow's date）" read wrong
    days = (local_day(due, tz) - local_day(ov.now, tz)).days
    when = "明天" if days == 1 else f"{days} 天后"
    return f"{when}复习（{_when(due, tz)[:10]}）"


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > ANSWER_CHARS:
        flat = flat[:ANSWER_CHARS] + "…"
    flat = flat.replace("<", "&lt;").replace("|", "\\|")  # the candidate's text, not markup
    return "> " + (flat or "（没有作答）")


def _weakest(ov: Overview, tz: tzinfo | None) -> list[str]:
    if not ov.weakest:
        return []
    lines = ["## 最薄弱的题目", ""]
    for n, q in enumerate(ov.weakest, 1):
        gone = f" {REMOVED}" if q.removed else ""
        due = _due(q, ov, tz)
        lines += [
            f"### {n}. {_md(q.question_text)}{gone}",
            "",
            f"- 主题：{_md(q.topic)} · 掌握度 {q.mastery:.0%} · 作答 {q.attempts} 次 · "
            f"最近一次 {q.last_score:.1f}/10（{_when(q.last_answered_at, tz)}）"
            + (f" · {due}" if due else ""),
            "- 最近一次的回答：",
            "",
            _quote(q.last_answer),
            "",
        ]
        wrong = _wrong(q)
        if wrong:
            lines += ["- 说错的地方：", *wrong]
        missed = _missed(q)
        if missed:
            lines += ["- 漏掉的要点：", *missed]
        feedback = getattr(q.last_verdict, "feedback", "") if q.last_verdict else ""
        if feedback.strip():
            lines.append(f"- 反馈：{_md(feedback)}")
        model = getattr(q.last_verdict, "model_answer", "") if q.last_verdict else ""
        if model.strip():
            lines.append(f"- 参考答案：{_md(model)}")
        lines.append("")
    return lines


def _own_scored(ov: Overview, tz: tzinfo | None) -> list[str]:
    """Answers whose grade the candidate changed, the grader's and their own score side by side,
    each with the command that edits the question's answer key so the next grade agrees."""
    if not ov.own_scored:
        return []
    lines = [
        "## 你改过分的回答",
        "",
        "判分和你不一致时，可以改这题的答案要点：把判分没认出的说法加进要点的 wordings，"
        "把判分放过的错误说法加进 misconceptions（`interviewer keys edit <题号>`）。",
        "",
    ]
    for t in ov.own_scored:
        graded = f"{t.graded_score:.1f}" if t.graded_score is not None else "—"
        edit = f" · `interviewer keys edit {t.question_id}`" if t.question_id else ""
        lines += [
            f"- {_md(t.question_text)}（{_when(t.answered_at, tz)}）：判分 {graded} → "
            f"你给 {t.own_score:g}{edit}",
            "",
            "  " + _quote(t.answer or ""),
            "",
        ]
    return lines


def _delivery_column(d: SessionDelivery) -> list[str]:
    top = "、".join(f"{w}×{n}" for w, n in d.top_fillers[:4]) or "—"
    pace = f"{d.chars_per_min:.0f}" if d.chars_per_min is not None else "—"
    parts = " ".join(f"{part_name(k, INTERFACE_ZH)} {v}/{d.answers}" for k, v in d.parts.items())
    return [
        str(d.answers),
        f"{d.mean_length:.0f}",
        pace,
        f"{d.fillers_per_100:.1f}",
        top,
        f"{d.structured}/{d.answers}",
        parts,
        f"{d.mean_repeated_ngram_ratio:.0%}",
    ]


def _delivery(ov: Overview) -> list[str]:
    if ov.delivery.answers == 0:
        return []
    names = [
        "回答数",
        "平均长度（字/词）",
        "语速（字/分）",
        "口头禅（每百字）",
        "最常见的口头禅",
        "结构完整（定义→原理→举例/权衡）",
        "各部分出现次数",
        "重复率（5 字片段）",
    ]
    columns = [_delivery_column(ov.delivery)]
    header = "| | 全部回答 |"
    rule = "|---|---|"
    last = ov.last_session_delivery
    if last is not None and last.answers and len(ov.sessions) > 1:
        columns.append(_delivery_column(last))
        header, rule = "| | 全部回答 | 最近一场 |", "|---|---|---|"
    lines = ["## 表达", "", header, rule]
    for i, name in enumerate(names):
        lines.append(f"| {name} | " + " | ".join(_md(col[i]) for col in columns) + " |")
    return [*lines, ""]


def _notes() -> list[str]:
    return [
        "## 数字怎么来的",
        "",
        f"- 掌握度 = 可信度 × 近期加权平均分 ÷ 10 + (1 − 可信度) × 50%；一道题的分数每 "
        f"{HALF_LIFE_DAYS:.0f} 天权重减半，可信度 = 1 − 0.5^作答次数"
        "（答一次只从 50% 往分数走一半）。主题掌握度是其中各题掌握度的平均。",
        "- 复习时间由 FSRS 间隔重复算法按每次评分推算：<3 分重来，<6 较难（已掌握的题算重来），"
        "<8.5 良好，其余简单；用过提示最多算“较难”。追问不重复计入。",
        "- 表达数据是对回答文本的计数（中文按字、英文按词），不是模型的判断。",
        "",
    ]
