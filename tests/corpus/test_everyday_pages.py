"""Pages of the shapes users save every day (written for these tests, not scraped): a blog page
with a code sample and a comment section, and public Markdown 八股 notes with sub-questions,
reference links, LaTeX and TODO placeholders."""

from __future__ import annotations

from interviewer.corpus.clean import clean_lines, strip_inline, text_lines
from interviewer.corpus.topics import pick_topic
from tests.corpus.helpers import PAGES, by_question, items_of


def test_comment_section_is_not_a_question() -> None:
    items = items_of(PAGES, "blog-comments-code.html")
    assert [i.question for i in items] == [
        "Label smoothing 的作用是什么？",
        "权重衰减和 L2 正则化有什么关系？",
        "Early stopping 为什么能防止过拟合？",
    ]
    last = items[-1]
    assert last.answer.endswith("效果类似 L2 正则。")
    assert not any("用户" in i.answer or "评论" in i.answer for i in items)


def test_pre_code_block_never_reaches_an_answer() -> None:
    decay = by_question(
        items_of(PAGES, "blog-comments-code.html"), "权重衰减和 L2 正则化有什么关系？"
    )
    assert "optimizer" not in decay.answer and "loss.backward" not in decay.answer
    assert decay.answer.endswith("把权重衰减从梯度更新里解耦出来。")  # prose after the code stays


def test_comment_headers_end_the_article() -> None:
    page = "## 1. BN 的作用？\nBN 让训练更稳定，可以用更大的学习率。\n### 评论 (3)\n用户A：好"
    kept = [line.text for line in clean_lines(text_lines(page)).lines]
    assert kept == ["## 1. BN 的作用？", "BN 让训练更稳定，可以用更大的学习率。"]
    for header in ("评论（12）", "3 条评论", "评论 [3]"):
        lines = text_lines(f"## 1. BN 的作用？\nBN 让训练更稳定。\n{header}\n用户B：学到了")
        assert len(clean_lines(lines).lines) == 2, header


def test_label_smoothing_is_regularisation_not_activation() -> None:
    assert pick_topic(["Label smoothing 的作用是什么？"], []) == "正则化/过拟合"
    assert pick_topic(["标签平滑有什么用？"], []) == "正则化/过拟合"


MD = "md-baguwen-subquestions.md"


def test_markdown_sub_questions_are_questions_of_their_own() -> None:
    items = items_of(PAGES, MD)
    assert [i.question for i in items] == [
        "什么是批归一化？",
        "BN 有哪些参数？",
        "BN 原理",
        "归一化含义？",
        "归一化有哪些类型？",
        "指数衰减",
        "自然指数衰减",
        "Xavier 初始化的思想？",
        "交叉熵损失的公式是什么？",
    ]
    bn = by_question(items, "什么是批归一化？")
    assert "有哪些参数" not in bn.answer and "协变量偏移" not in bn.answer  # not folded in
    params = by_question(items, "BN 有哪些参数？")
    assert params.headings[-1] == "什么是批归一化？"  # the parent question is its context
    assert params.answer.startswith("可学习的缩放参数")
    assert "归一化有哪些类型" not in by_question(items, "归一化含义？").answer
    assert by_question(items, "指数衰减").answer != by_question(items, "自然指数衰减").answer


def test_a_non_question_sub_heading_stays_in_the_answer() -> None:
    principle = by_question(items_of(PAGES, MD), "BN 原理")
    assert principle.answer.endswith("训练阶段\n用当前 batch 的均值和方差。")


def test_markdown_links_and_footnotes_leave_only_their_words() -> None:
    items = items_of(PAGES, MD)
    for item in items:
        assert "](" not in item.answer and "][" not in item.answer, item.answer
        assert "[^" not in item.answer and "http" not in item.answer, item.answer
        assert "Ioffe" not in item.answer  # a footnote definition is not an answer
    assert "见 原论文：" in by_question(items, "什么是批归一化？").answer
    assert by_question(items, "归一化有哪些类型？").answer.endswith("详见 这篇博客。")
    assert strip_inline("a[i][j] 表示第 i 行，f(x)[0](1)") == "a[i][j] 表示第 i 行，f(x)[0](1)"


def test_latex_formulas_are_kept_as_plain_text() -> None:
    """Formulas stay in the answer, without the dollars and backslashes no one would say."""
    items = items_of(PAGES, MD)
    bn = by_question(items, "什么是批归一化？")
    assert "x̂ = (x - μ_B)/√(σ_B² + ε), y = γ x̂ + β" in bn.answer
    assert "$$" not in bn.answer
    assert "缩放参数 γ 和平移参数 β" in by_question(items, "BN 有哪些参数？").answer
    assert "η_t = η₀ · γ^t" in by_question(items, "指数衰减").answer
    ce = by_question(items, "交叉熵损失的公式是什么？")
    assert "L = -[y log p + (1 - y) log (1 - p)]" in ce.answer


def test_todo_placeholders_are_neither_questions_nor_answers() -> None:
    items = items_of(PAGES, MD)
    assert not any("todo" in i.question.lower() for i in items)
    assert by_question(items, "Xavier 初始化的思想？").answer == ""


def test_a_question_label_in_a_heading_is_not_read_aloud(tmp_path) -> None:
    """'## 问题：什么是双塔模型？' was asked as '我想问一下，问题：什么是双塔模型？'."""
    (tmp_path / "rec.md").write_text(
        "# 推荐系统八股\n\n## 问题：什么是双塔模型？\n用户塔和物品塔分别编码，内积算相似度。\n\n"
        "## Q: 召回和排序有什么区别？\n召回追求速度和覆盖率，排序追求准确。\n",
        encoding="utf-8",
    )
    assert [i.question for i in items_of(tmp_path, "rec.md")] == [
        "什么是双塔模型？",
        "召回和排序有什么区别？",
    ]
