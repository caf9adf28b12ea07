"""Inline LaTeX in notes is read as plain text: what the interviewer says and shows, and what
grading reads, holds no dollar signs or backslashes."""

from __future__ import annotations

from random import Random

import pytest

from interviewer.corpus.clean import clean_lines, text_lines
from interviewer.corpus.latex import plain_math
from interviewer.grading.text import clean_text
from interviewer.interview.phrasing import spoken_question


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"为什么 Attention 要除以 $\sqrt{d_k}$？", "为什么 Attention 要除以 √d_k？"),
        (r"点积方差为 $d_k$", "点积方差为 d_k"),
        (r"$QK^T$", "QK^T"),
        (r"$QK^\top$", "QK^T"),
        (r"$\frac{a}{b}$", "a/b"),
        (r"$\frac{QK^T}{\sqrt{d_k}}$", "QK^T/√d_k"),
        (r"$\frac{a+b}{2}$", "(a+b)/2"),
        (r"$\text{softmax}(x)$", "softmax(x)"),
        (r"$\mathcal{O}(n^2)$", "O(n²)"),
        (r"$O(n \log n)$", "O(n log n)"),
        (r"$n\log n$", "n log n"),
        (r"$\alpha$ 和 $\beta_1$", "α 和 β₁"),
        (r"$a \cdot b \times c \le d \ge e$", "a · b × c ≤ d ≥ e"),
        (r"$\sum_{i=1}^{n} x_i$", "Σ_(i=1)ⁿ x_i"),
        (r"$2^{n-1}$", "2ⁿ⁻¹"),
        (r"$e^{-x}$", "e^(-x)"),
        (r"$x_{t-1}$", "x_(t-1)"),
        (r"$\sqrt{a+b}$", "√(a+b)"),
        (r"$\hat{y}$", "ŷ"),
        (r"$\lambda \|w\|_2^2$", "λ ‖w‖₂²"),
        (r"$W \in \mathbb{R}^{d \times r}$", "W ∈ R^(d × r)"),
        (r"\(x^2\)", "x²"),
        (r"$$E=mc^2$$", "E=mc²"),
        # outside $…$ only a known name is LaTeX
        (r"复杂度 O(n \log n)", "复杂度 O(n log n)"),
        (r"\text{softmax}(\frac{QK^T}{\sqrt{d_k}})V", "softmax(QK^T/√d_k)V"),
    ],
)
def test_inline_latex_reads_as_plain_text(latex: str, plain: str) -> None:
    assert plain_math(latex) == plain


@pytest.mark.parametrize(
    "text",
    [
        "costs $5 and $10 today",  # money, not math
        "`echo $HOME $PATH`",  # inline code
        r"C:\Users\text",  # a path: \text without its argument
        "$$",
        "\\",
        "O(n^2) 和 2^(n-1)",  # plain formulas are left to grading
        "没有公式的一行",
    ],
)
def test_text_that_is_not_latex_is_left_alone(text: str) -> None:
    assert plain_math(text) == text


def test_a_question_with_latex_is_asked_without_it() -> None:
    page = "### 1. 为什么 Attention 要除以 $\\sqrt{d_k}$？\n\n- 除以 $\\sqrt{d_k}$ 把方差拉回 1"
    lines = [line.text for line in clean_lines(text_lines(page)).lines]
    assert lines == ["### 1. 为什么 Attention 要除以 √d_k？", "- 除以 √d_k 把方差拉回 1"]
    spoken = spoken_question(lines[0], Random(0))
    assert "$" not in spoken and "\\" not in spoken and "√d_k" in spoken


def test_a_formula_on_lines_of_its_own_is_read_as_one() -> None:
    page = "公式：\n$$\n\\hat{x} = \\frac{x - \\mu}{\\sigma_B^2}\n$$\n之后 a_b 和 x^{2} 照写"
    assert [line.text for line in clean_lines(text_lines(page)).lines] == [
        "公式：",
        "x̂ = (x - μ)/σ_B²",
        "之后 a_b 和 x^{2} 照写",
    ]


def test_an_unclosed_formula_ends_at_a_blank_line() -> None:
    page = "$$\nx^{2}\n\n之后 a_b 和 x^{2} 照写"
    assert [line.text for line in clean_lines(text_lines(page)).lines] == [
        "x²",
        "之后 a_b 和 x^{2} 照写",
    ]


def test_grading_reads_the_plain_powers_as_its_own_formulas() -> None:
    """A key point from "$O(n^2)$" and an answer typed "O(n^2)" read alike."""
    assert clean_text(plain_math(r"$\mathcal{O}(n^2)$")) == clean_text("O(n^2)")
    assert clean_text(plain_math(r"$2^{n-1}$")) == clean_text("2^(n-1)")
    assert clean_text(plain_math(r"$\beta_1$")) == clean_text("β1")
