"""The interviewer's offline voice: natural spoken questions from terse bank entries, varied,
deterministic per seed, with numbering gone and technical terms kept."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from random import Random

import pytest

from interviewer.interview.phrasing import (
    AskContext,
    Previous,
    TemplatePhraser,
    asked_text,
    clean_question,
    cn_count,
    question_form,
    restored,
    spoken_question,
    transition,
)
from interviewer.types.bank import QAItem, Question, SourceSpan

REPO = Path(__file__).resolve().parents[2]
BRIEF_EXAMPLES = ("bn的作用", "Adam和SGD的区别?", "KL散度", "4. 正则化", "dropout的作用")
# A numbering prefix as the seed notes write them: "1.", "12、", "Q3.", "三、", "(2)", "**".
RAW_NUMBERING = re.compile(
    r"^(?:\*\*|Q\d+\s*[.、]|\d+(?:\.\d+)*\s*[.、]|[一二三四五六七八九十]+、|[（(]\d+[)）])"
)
LEFTOVER = re.compile(
    r"(?:^|[，。？：\s])(?:Q\d+\s*[.、]|\d+\s*[、]|\d+\.(?!\d)|[一二三四五六七八九十]+、|[（(]\d+[)）])|\*\*"
)
ASCII_TERM = re.compile(r"[A-Za-z][A-Za-z0-9+\-]*")


def corpus_questions() -> list[str]:
    """Every numbered or bold line of the seed notes that reads as a question heading."""
    found: list[str] = []
    for path in sorted((REPO / "corpus").glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            line = line.strip()
            if RAW_NUMBERING.match(line) and 3 <= len(line) <= 80:
                found.append(line)
    return found


def bank_questions() -> list[str]:
    """The bank as the corpus pipeline builds it, when that pipeline is available."""
    try:
        from interviewer.corpus.pipeline import scan_corpus
    except ImportError:
        return []
    try:
        return [q.text for q in scan_corpus(REPO / "corpus").questions]
    except TypeError:  # the scan wants an embedder for grouping: the raw items are enough here
        return []


ALL_QUESTIONS = list(dict.fromkeys([*BRIEF_EXAMPLES, *corpus_questions(), *bank_questions()]))


def test_the_corpus_gives_enough_questions_to_test() -> None:
    assert len(ALL_QUESTIONS) > 100


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("4. 正则化", "正则化"),
        ("Q12.什么是反向传播算法(Backpropagation)", "什么是反向传播算法（Backpropagation）"),
        ("1.1 什么是梯度弥散?", "什么是梯度弥散？"),
        ("**bn的作用**", "bn的作用"),
        ("三、优化器", "优化器"),
        ("(2)梯度爆炸", "梯度爆炸"),
        ("1、在草稿纸上手推BP算法,", "在草稿纸上手推BP算法"),
        (
            "5、各种激活函数sigmoid,tanh,relu. 各自的优点",
            "各种激活函数sigmoid、tanh、relu。各自的优点",
        ),
        ("29、LSTM&RNN", "LSTM和RNN"),
        ("19、1x1大小的卷积核的作用", "1x1大小的卷积核的作用"),
    ],
)
def test_clean_question(raw: str, clean: str) -> None:
    assert clean_question(raw) == clean


@pytest.mark.parametrize("question", ALL_QUESTIONS)
def test_spoken_questions_have_no_numbering_and_keep_terms(question: str) -> None:
    for seed in range(4):
        spoken = spoken_question(question, Random(seed))
        assert not LEFTOVER.search(spoken), spoken
        assert spoken.endswith(("？", "。", "吧。")), spoken
        for term in ASCII_TERM.findall(clean_question(question)):
            assert term in spoken, (term, spoken)


def test_brief_examples_read_as_spoken_questions() -> None:
    for question in BRIEF_EXAMPLES:
        spoken = {spoken_question(question, Random(seed)) for seed in range(30)}
        assert len(spoken) >= 3, spoken  # varied
        for line in spoken:
            assert line != question and re.search(r"吗|吧|什么|？", line), line
    adam = {spoken_question("Adam和SGD的区别?", Random(s)) for s in range(30)}
    assert "你能讲讲 Adam 和 SGD 有什么区别吗？" in adam
    assert question_form("KL散度").kind == "term"
    assert question_form("bn的作用").kind == "role"


def test_phrasing_varies_across_the_bank() -> None:
    rng = Random(7)
    lines = [spoken_question(q, rng) for q in ALL_QUESTIONS]
    openings = Counter(line[:3] for line in lines)
    assert len(openings) >= 15
    assert openings.most_common(1)[0][1] < 0.25 * len(lines)
    kinds = Counter(question_form(q).kind for q in ALL_QUESTIONS)
    assert len(kinds) >= 10


def test_same_seed_same_words() -> None:
    assert [spoken_question(q, Random(3)) for q in ALL_QUESTIONS[:40]] == [
        spoken_question(q, Random(3)) for q in ALL_QUESTIONS[:40]
    ]


def test_transitions_follow_the_conversation() -> None:
    rng = Random(1)
    first = transition(AskContext("bn的作用", "归一化", 1, 5), rng)
    assert "归一化" in first or "第一个" in first
    changed = {
        transition(
            AskContext("Adam和SGD的区别?", "优化器", 2, 5, Previous("归一化", 8.5)), Random(s)
        )
        for s in range(20)
    }
    assert all("优化器" in line for line in changed) and len(changed) >= 4
    assert any(line.startswith(("很好", "不错", "嗯，讲得", "好的，这个")) for line in changed)
    same = transition(AskContext("LN和BN的区别", "归一化", 2, 5, Previous("归一化", 3.0)), rng)
    assert "换" not in same
    skipped = transition(
        AskContext("x", "优化器", 2, 5, Previous("优化器", 0.0, skipped=True)), rng
    )
    assert skipped.startswith(("没关系", "好，这题先放一放", "没事"))
    last = transition(AskContext("x", "优化器", 5, 5, Previous("优化器", 6.0)), rng)
    assert "最后" in last
    follow = transition(
        AskContext("那偏差修正呢？", "优化器", 2, 5, Previous("优化器", 5.0), True), rng
    )
    assert "追问" in follow or "顺着" in follow or "深入" in follow
    # after an answer that said nothing of use there is nothing to go deeper into
    for seed in range(12):
        weak = AskContext("那偏差修正呢？", "优化器", 2, 5, Previous("优化器", 0.0), True)
        after_zero = transition(weak, Random(seed))
        assert "顺着" not in after_zero and "深入" not in after_zero


def test_unnameable_topics_are_not_read_out() -> None:
    topic = "corpus/nowcoder-dl-interview-1-5.txt"
    line = TemplatePhraser().ask(AskContext("bn的作用", topic, 1, 3), Random(0))
    assert "corpus" not in line and "bn" in line


def test_opening_says_how_many_and_what_about() -> None:
    text = TemplatePhraser().opening(["优化器", "归一化", "优化器"], 5, Random(0))
    assert "五个问题" in text and "优化器" in text and "归一化" in text


@pytest.mark.parametrize(
    ("n", "spoken"), [(1, "一"), (2, "两"), (5, "五"), (10, "十"), (12, "十二"), (25, "25")]
)
def test_counts_are_spoken(n: int, spoken: str) -> None:
    assert cn_count(n) == spoken


def _asks(question: str, topic: str = "激活函数") -> set[str]:
    """Ways the question is put: first, after a same-topic or another topic's answer (good, weak,
    skipped), last, and asked once more."""
    contexts = [
        AskContext(question, topic, 1, 5),
        *(
            AskContext(question, topic, index, 5, Previous(where, score, score is None))
            for where, score, index in ((topic, 9.0, 2), ("优化器", 2.0, 2), ("优化器", None, 5))
        ),
        AskContext(question, topic, 2, 5, retry=True),
    ]
    return {TemplatePhraser().ask(ctx, Random(seed)) for ctx in contexts for seed in range(4)}


def test_no_utterance_says_ba_twice() -> None:
    """The lead's 吧 and the question's: "接下来聊聊 CNN 吧。你来讲讲 CNN 不适用的场景吧。"."""
    said = {line for q in ALL_QUESTIONS for line in _asks(q, "CNN")}
    assert [line for line in said if line.count("吧") > 1] == []


def test_no_lead_repeats_the_acknowledgement_before_it() -> None:
    """"好，我们继续。继续聊归一化。" said 继续 twice (same topic after a weak answer)."""
    for seed in range(40):
        for score in (1.0, 5.0, 9.0, None):
            line = TemplatePhraser().ask(
                AskContext("BN 为什么有效", "归一化", 2, 5, Previous("归一化", score)),
                Random(seed),
            )
            assert line.count("继续") <= 1 and line.count("我们") <= 1, line


def test_a_question_ends_in_a_question_mark() -> None:
    """A line that asks (a question word in its last sentence) ends in ？; a request ends in 。."""
    for question in [*ALL_QUESTIONS, "BN为什么需要缩放平移操作", "LSTM 和 GRU 的区别"]:
        for line in _asks(question):
            last = re.split(r"(?<=[。！？])", line.rstrip("。！？"))[-1]
            if re.search(r"为什么|怎么|如何|什么|哪些|吗|呢", last) and not last.endswith("吧"):
                assert line.endswith("？"), line


def test_a_missed_question_is_asked_again_as_spoken_words() -> None:
    """The re-ask said the bank's raw text: "…再试一次：BN为什么需要缩放平移操作"."""
    retry = TemplatePhraser().ask(
        AskContext("BN为什么需要缩放平移操作", "归一化", 2, 5, retry=True), Random(0)
    )
    assert retry == "前面这道没答好，我们再试一次：BN 为什么需要缩放平移操作？"


def test_a_why_question_that_lost_its_why_gets_it_back() -> None:
    """It was asked without its 为什么: "…,而不是选择统一的sigmoid或者tanh?"."""
    text = "LSTM既存在sigmoid又存在tanh函数,而不是选择统一的sigmoid或者tanh?"
    for line in _asks(text):
        assert "为什么 LSTM 既存在 sigmoid 又存在 tanh 函数，而不是" in line and line.endswith("？")
    assert restored("为什么用 ReLU，而不是 sigmoid") == "为什么用 ReLU，而不是 sigmoid"
    assert restored("用 ReLU 而不是 sigmoid 的原因") == "用 ReLU 而不是 sigmoid 的原因"
    assert restored("用 ReLU 还是 tanh，而不是 sigmoid") == "用 ReLU 还是 tanh，而不是 sigmoid"


def test_the_tail_of_a_cut_question_is_asked_in_its_whole_words() -> None:
    """Notes that cut a question in two leave a tail ("还是…"): never asked alone when a grouped
    item says it whole; asked as it is (never made up) when none does."""
    tail = QAItem("还是先加激活函数？", "", SourceSpan("a.md", 3, 3))
    whole = QAItem("BN 层应该放在激活函数之前，还是先加激活函数？", "", SourceSpan("b.md", 9, 9))
    assert asked_text(Question("q", tail.question, "归一化", [tail, whole])) == whole.question
    assert asked_text(Question("q", tail.question, "归一化", [tail])) == tail.question
    assert asked_text(Question("q", whole.question, "归一化", [whole, tail])) == whole.question


def test_a_list_line_of_topics_is_asked_in_a_grouped_items_words() -> None:
    """A question list's "47、算法和激活函数等" is a line of topics, not a question: it was asked
    as "讲讲算法和激活函数吧" while its group also held the notes' heading "激活函数"."""
    topics = QAItem("算法和激活函数等", "", SourceSpan("list.txt", 167, 167))
    heading = QAItem("激活函数", "", SourceSpan("notes.txt", 37, 37))
    assert asked_text(Question("q", topics.question, "激活函数", [topics, heading])) == "激活函数"
    assert asked_text(Question("q", topics.question, "激活函数", [topics])) == topics.question
    plain = QAItem("激活函数有哪些，各有什么特点", "", SourceSpan("a.md", 1, 1))
    assert asked_text(Question("q", plain.question, "激活函数", [plain, heading])) == plain.question
