"""Distinct bank questions whose answers overlap are not asked in one session (issue 16:
"梯度消失有哪些解决办法" right after "梯度爆炸有哪些解决办法"), unless the bank is too small for
the count."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from random import Random

import pytest

from interviewer.index.store import read_questions
from interviewer.index.text_cache import question_vectors
from interviewer.interview.engine import Interview
from interviewer.interview.overlap import kept_apart
from interviewer.interview.selection import History, select
from interviewer.keys.load import KeyBook, load_keys
from interviewer.types.answer_key import AnswerKey, AnswerPoint
from interviewer.types.bank import Question
from interviewer.types.plan import InterviewPlan
from tests.interview.fakes import make_services

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped() -> tuple[list[Question], frozenset[frozenset[str]]]:
    manifest, bank = read_questions(REPO / "index")
    keys = load_keys([REPO / "corpus" / "keys"])
    vectors = question_vectors(REPO / "index", manifest.model_id, bank)
    assert len(vectors) == len(bank)  # the shipped index stores every phrasing's vector
    return bank, kept_apart(bank, keys, vectors)


def _pair(bank: list[Question], a: str, b: str) -> frozenset[str]:
    by_text = {q.text: q.id for q in bank}
    return frozenset((by_text[a], by_text[b]))


def test_the_shipped_bank_keeps_the_reported_repeats_apart(shipped) -> None:
    bank, apart = shipped
    for a, b in [
        ("梯度消失有哪些解决办法?", "梯度爆炸有哪些解决办法?"),
        ("如何防止过拟合", "过拟合指什么?造成的原因是什么?解决方法有哪些?"),
        ("如何解决RNN梯度爆炸和弥散的问题?", "RNN的梯度消失原因和解决办法"),
        ("dropout的作用", "如何理解dropout"),  # one answer key serves both
    ]:
        assert _pair(bank, a, b) in apart, (a, b)


def test_the_shipped_bank_lets_distinct_questions_on_one_subject_meet(shipped) -> None:
    bank, apart = shipped
    for a, b in [
        ("BN 的作用和缺陷,以及针对batch_size小的情况的改进(GN)", "LN和BN的区别"),
        ("如何确定是否出现梯度爆炸?", "梯度爆炸有哪些解决办法?"),  # detecting is not fixing
        ("LSTM是如何缓解梯度消失问题的?", "梯度消失有哪些解决办法?"),
        ("BN为什么有效", "BN为什么需要缩放平移操作"),
    ]:
        assert _pair(bank, a, b) not in apart, (a, b)
    assert len(apart) < len(bank) // 2  # a rule for repeats, not a topic quota


@pytest.mark.parametrize("mode", ["new", "review", "weak"])
@pytest.mark.parametrize("count", [5, 12, 30])
def test_a_shipped_session_never_asks_a_kept_apart_pair(shipped, mode: str, count: int) -> None:
    bank, apart = shipped
    due = tuple(sorted(next(iter(sorted(apart, key=sorted)))))  # even when both are due
    for seed in range(40):
        plan = InterviewPlan(count=count, mode=mode)
        picked = select(bank, plan, History(due=due), Random(seed), apart)
        assert len(picked) == count
        clashes = [
            (a.text, b.text) for a, b in combinations(picked, 2) if frozenset((a.id, b.id)) in apart
        ]
        assert not clashes, (seed, clashes)


def _bank(n: int) -> list[Question]:
    return [Question(f"q{i}", f"问题{i}的内容是什么不同{i * 7}", "主题") for i in range(n)]


@pytest.mark.parametrize("seed", range(10))
def test_a_tiny_bank_still_gives_the_count_asked_for(seed: int) -> None:
    bank = _bank(3)
    every_pair = frozenset(frozenset((a.id, b.id)) for a, b in combinations(bank, 2))
    picked = select(bank, InterviewPlan(count=3, mode="new"), History(), Random(seed), every_pair)
    assert sorted(q.id for q in picked) == ["q0", "q1", "q2"]


@pytest.mark.parametrize("seed", range(10))
def test_a_kept_apart_pair_only_meets_when_nothing_else_is_left(seed: int) -> None:
    bank = _bank(4)
    apart = frozenset({frozenset(("q0", "q1"))})
    three = select(bank, InterviewPlan(count=3, mode="new"), History(), Random(seed), apart)
    assert {"q2", "q3"} <= {q.id for q in three}
    assert not {"q0", "q1"} <= {q.id for q in three}
    four = select(bank, InterviewPlan(count=4, mode="new"), History(), Random(seed), apart)
    assert len(four) == 4


def _shared_key(*ids: str) -> AnswerKey:
    point = AnswerPoint(text="Adam 用一阶矩和二阶矩自适应调整学习率。", concepts=[["一阶矩"]])
    return AnswerKey(ids=list(ids), points=[point])


@pytest.mark.parametrize("seed", range(6))
def test_a_session_start_reads_the_keys_to_keep_answers_apart(tmp_path: Path, seed: int) -> None:
    services = make_services(tmp_path / "h.db")
    key = _shared_key("adam", "adam-sgd")
    services.keys = KeyBook({"adam": key, "adam-sgd": key})
    try:
        plan = InterviewPlan(count=5, mode="new", seed=seed)
        ids = set(Interview.start(services, plan).question_ids)
        assert len(ids) == 5 and not {"adam", "adam-sgd"} <= ids
    finally:
        services.close()
