"""references_for: the question's own passages first, then retrieval; a user reference alone."""

from __future__ import annotations

from interviewer.index.records import Chunk, Hit
from interviewer.index.references import references_for
from interviewer.types.bank import Question, SourceSpan


def _chunk(i: int, text: str, qid: str | None, kind: str = "answer") -> Chunk:
    return Chunk(id=i, text=text, source=SourceSpan("notes.md", i, i), kind=kind, question_id=qid)


class FakeRetriever:
    """A deterministic stand-in for the index, honest about being one: fixed hits and match."""

    def __init__(self, match_score: float) -> None:
        self.bn = Question(id="bn", text="BN的作用", topic="归一化")
        self.own = [_chunk(1, "BN加速收敛", "bn"), _chunk(2, "BN允许更大学习率", "bn")]
        self.hits = [
            Hit(_chunk(9, "BN的作用", "bn", kind="question"), 0.9),
            Hit(self.own[0], 0.8),
            Hit(_chunk(3, "LN对每个样本归一化", "ln"), 0.5),
            Hit(_chunk(4, "Dropout防止过拟合", "dropout"), 0.4),
        ]
        self.match_score = match_score
        self.similarities: dict[str, float] = {}
        """Question id -> similarity to the asked question (none known: every hit is kept)."""

    def search(self, query: str, k: int = 5) -> list[Hit]:
        return self.hits[:k]

    def questions(self) -> list[Question]:
        return [self.bn]

    def question(self, question_id: str) -> Question | None:
        return self.bn if question_id == "bn" else None

    def chunks_for_question(self, question_id: str) -> list[Chunk]:
        return self.own if question_id == "bn" else []

    def match_question(self, text: str) -> tuple[Question, float] | None:
        return self.bn, self.match_score

    def question_similarities(self, text: str, question_ids) -> dict[str, float]:  # noqa: ANN001
        return {q: self.similarities[q] for q in question_ids if q in self.similarities}


def test_own_passages_first_then_retrieved_without_duplicates_or_questions() -> None:
    refs = references_for("BN有什么用", FakeRetriever(0.95), k=4)
    assert [r.chunk_id for r in refs] == [1, 2, 3, 4]
    assert refs[0].score is None and refs[2].score == 0.5  # own vs retrieved
    assert refs[0].source == "notes.md:1"


def test_unconfident_match_uses_retrieval_only() -> None:
    refs = references_for("完全不同的问题", FakeRetriever(0.3), k=2)
    assert [r.chunk_id for r in refs] == [1, 3]
    assert all(r.score is not None for r in refs)


def test_explicit_question_id_skips_matching() -> None:
    refs = references_for("x", FakeRetriever(0.0), question_id="bn", k=2)
    assert [r.chunk_id for r in refs] == [1, 2]


def test_user_reference_means_no_retrieval() -> None:
    refs = references_for("BN的作用", None, reference="  BN加速收敛  ")
    assert len(refs) == 1 and refs[0].source == "user" and refs[0].text == "BN加速收敛"


def test_an_own_answer_cut_into_chunks_is_one_reference() -> None:
    retriever = FakeRetriever(0.95)
    span = SourceSpan("notes.md", 5, 9)
    retriever.own = [
        Chunk(id=5, text="参数共享：同一个卷积核扫过整张图", source=span, kind="answer"),
        Chunk(id=6, text="稀疏交互：输出只连局部输入", source=span, kind="answer"),
    ]
    retriever.hits = [Hit(retriever.own[1], 0.9), *retriever.hits[2:]]
    refs = references_for("x", retriever, question_id="bn", k=3)
    assert refs[0].text == "参数共享：同一个卷积核扫过整张图\n稀疏交互：输出只连局部输入"
    assert refs[0].chunk_id == 5 and refs[0].source == "notes.md:5-9" and refs[0].score is None
    assert [r.chunk_id for r in refs[1:]] == [3, 4], "a retrieved half of it is not repeated"


def test_a_passage_not_about_the_question_is_not_a_reference() -> None:
    """The audit's DQN question listed a 牛顿法 passage: a retrieved passage stays only when the
    question it answers is near the best match."""
    retriever = FakeRetriever(0.95)
    retriever.similarities = {"bn": 0.95, "ln": 0.90, "dropout": 0.85}
    refs = references_for("BN有什么用", retriever, k=4)
    assert [r.chunk_id for r in refs] == [1, 2, 3], "LN (0.90) is near BN (0.95), dropout is not"


def test_the_bar_follows_the_best_match_not_a_fixed_number() -> None:
    retriever = FakeRetriever(0.3)  # no confident match: retrieval only
    retriever.similarities = {"bn": 0.99, "ln": 0.90, "dropout": 0.89}
    assert [r.chunk_id for r in references_for("x", retriever, k=4)] == [1]
    retriever.similarities = {"bn": 0.93, "ln": 0.90, "dropout": 0.87}
    assert [r.chunk_id for r in references_for("x", retriever, k=4)] == [1, 3, 4]


def test_with_nothing_about_the_question_the_best_passage_is_still_graded_against() -> None:
    retriever = FakeRetriever(0.3)
    retriever.hits = retriever.hits[2:]
    retriever.similarities = {"ln": 0.80, "dropout": 0.79}
    assert [r.chunk_id for r in references_for("DQN 的经验回放", retriever, k=4)] == [3]
