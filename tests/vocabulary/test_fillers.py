"""One filler file for both readers: what delivery insights count, grading strips."""

from __future__ import annotations

import pytest

from interviewer.grading.text import strip_fillers
from interviewer.progress.insights import FILLERS, analyze
from interviewer.vocabulary.fillers import (
    STRIP_ANYWHERE,
    STRIP_BEFORE_COMMA,
    STRIP_CLAUSE_OPENING,
    STRIP_IN_CONTEXT,
    counted,
    fillers,
)

STRIPPED = (STRIP_ANYWHERE, STRIP_BEFORE_COMMA, STRIP_IN_CONTEXT, STRIP_CLAUSE_OPENING)


@pytest.mark.parametrize(
    "filler", [f for f in fillers() if f.strip in STRIPPED], ids=lambda f: f.text
)
def test_grading_strips_every_filler_where_it_opens_the_answer(filler):
    said = (
        f"{filler.text}, dropout"
        if filler.strip == STRIP_BEFORE_COMMA
        else f"{filler.text} dropout"
    )
    assert strip_fillers(said).strip(" ,，") == "dropout"


@pytest.mark.parametrize("filler", counted(), ids=lambda f: f.text)
def test_insights_count_every_counted_filler_where_it_opens_a_clause(filler):
    for form in filler.forms:
        assert analyze(f"{form}，dropout 防止过拟合").fillers == {filler.text: 1}, form


def test_insights_show_the_counted_fillers_in_file_order():
    assert FILLERS[:3] == ("嗯", "啊", "呃") and FILLERS[-2:] == ("like", "you know")


def test_each_reader_keeps_its_own_rules():
    # insights count the listed spellings of a sound; grading strips its letters repeated
    assert analyze("ummm uhm erm uhh, dropout").fillers == {"um": 3, "uh": 1}
    assert strip_fillers("ummmm errm uhh dropout") == "dropout"
    assert strip_fillers("uhm dropout") == "uhm dropout"
    # grading's context words: the demonstrative, 额外, "any kind of", the copula 就是
    assert strip_fillers("最大的那个类") == "最大的那个类"
    assert strip_fillers("额外的参数") == "额外的参数"
    assert strip_fillers("any kind of data") == "any kind of data"
    assert strip_fillers("反向传播就是梯度下降") == "反向传播就是梯度下降"
    assert strip_fillers("对，就是梯度下降") == "对，梯度下降"
    assert strip_fillers("回归的话用交叉熵") == "回归的话用交叉熵"
