from interviewer.index.chunking import ChunkingParams, chunk_question, split_passages
from interviewer.types.bank import QAItem, Question, SourceSpan

PARAMS = ChunkingParams(min_chars=80, max_chars=350)


def _question(answer: str, *phrasings: str) -> Question:
    items = [
        QAItem(p, answer if i == 0 else "", SourceSpan(f"f{i}.txt", 3, 9))
        for i, p in enumerate(phrasings)
    ]
    return Question("q1", phrasings[0], "优化器", items)


def test_long_answer_splits_within_bounds_and_keeps_all_text():
    sentence = "Adam结合了动量和自适应学习率，对每个参数单独调整步长。"
    answer = "\n\n".join(sentence * 3 for _ in range(8))
    passages = split_passages(answer, PARAMS)
    assert len(passages) > 1
    assert all(len(p) <= PARAMS.max_chars for p in passages)
    assert all(len(p) >= PARAMS.min_chars for p in passages)
    assert "".join(passages).replace("\n", "") == answer.replace("\n", "")


def test_unbroken_text_is_cut_hard_at_the_limit():
    passages = split_passages("深" * 1000, PARAMS)
    assert all(len(p) <= PARAMS.max_chars for p in passages)
    assert sum(map(len, passages)) == 1000


def test_short_bullets_are_packed_together():
    answer = "• 定义：训练集好测试集差\n• 原因：模型太复杂\n• 解决：正则化、数据增强、早停"
    assert split_passages(answer, PARAMS) == [answer]


def test_question_chunks_come_first_and_answers_carry_question_context():
    q = _question("BN 归一化每个 batch 的均值和方差。" * 30, "BN的作用", "批量归一化有什么用")
    drafts = chunk_question(q, PARAMS)
    kinds = [d.kind for d in drafts]
    assert kinds[:2] == ["question", "question"]
    assert {d.text for d in drafts[:2]} == {"BN的作用", "批量归一化有什么用"}
    answers = drafts[2:]
    assert answers and all(d.kind == "answer" for d in answers)
    assert all(d.embed_text == f"BN的作用\n{d.text}" for d in answers)
    assert all(d.question_id == "q1" for d in drafts)
    assert [d.source.path for d in drafts[:2]] == ["f0.txt", "f1.txt"]
    assert all(d.source == SourceSpan("f0.txt", 3, 9) for d in answers)


def test_question_without_answer_has_only_its_question_chunk():
    drafts = chunk_question(_question("", "什么是dropout"), PARAMS)
    assert [(d.kind, d.text) for d in drafts] == [("question", "什么是dropout")]
