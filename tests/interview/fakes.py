"""Honest stand-ins for the interview's collaborators: an in-memory bank and a keyword grader.

The grader is deterministic and says it is a fake (`name = "fake"`): a reference sentence counts as
covered when its first four characters appear in the answer. Good enough to drive the engine
through every branch without a model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from interviewer.config import Settings
from interviewer.index.records import Chunk, Hit
from interviewer.interview.phrasing import TemplatePhraser
from interviewer.services.root import Services
from interviewer.storage.db import HistoryStore
from interviewer.types.bank import QAItem, Question, SourceSpan
from interviewer.types.verdict import KeyPoint, Label, PointStatus, Reference, Verdict

# (id, topic, question, answer) — real bank entries from the seed corpus, answers shortened.
BANK: tuple[tuple[str, str, str, str], ...] = (
    (
        "adam-sgd",
        "优化器",
        "3.Adam和SGD的区别?",
        "SGD的更新方向完全依赖当前batch的梯度，因此不稳定。Adam考虑历史梯度，用一阶矩和二阶矩自适应调整学习率。"
        "Adam有偏差修正，使每次迭代的学习率有确定范围。",
    ),
    (
        "adam",
        "优化器",
        "2.简单介绍下Adam算法",
        "Adam本质上是带有动量的RMSprop。它利用梯度的一阶矩估计和二阶矩估计动态调整每个参数的学习率。",
    ),
    (
        "bn",
        "归一化",
        "**bn的作用**",
        "加速收敛，允许更大的学习率。减少对初始化的依赖。有一定的正则化效果。",
    ),
    (
        "ln-bn",
        "归一化",
        "3.LN和BN的区别",
        "BN在batch维度上归一化，依赖batch大小。LN在特征维度上归一化，与batch无关，适合RNN和Transformer。",
    ),
    (
        "overfit",
        "过拟合",
        "4. 正则化",
        "正则化在损失函数上加惩罚项来限制模型复杂度。L1正则产生稀疏参数。L2正则让参数更小更平滑。",
    ),
    ("kl", "损失函数", "KL散度", ""),  # question-only: graded against retrieved passages
)


def make_bank() -> list[Question]:
    bank = []
    for line, (qid, topic, text, answer) in enumerate(BANK, 1):
        item = QAItem(text, answer, SourceSpan("notes.txt", line, line), (topic,))
        bank.append(Question(qid, text, topic, [item]))
    return bank


class FakeRetriever:
    """The bank in memory; `search` matches by shared characters (good enough to find passages)."""

    def __init__(self, bank: Sequence[Question] | None = None) -> None:
        self.bank = list(bank if bank is not None else make_bank())
        self.chunks: list[Chunk] = []
        for q in self.bank:
            for item in q.items:
                if item.answer:
                    self.chunks.append(
                        Chunk(len(self.chunks), item.answer, item.source, "answer", q.id)
                    )
        self.extra = [
            Chunk(
                len(self.chunks),
                "KL散度衡量两个概率分布的差异，不对称，非负。",
                SourceSpan("kl.txt", 1, 1),
                "text",
            )
        ]
        self.searches: list[str] = []
        self.stale: str | None = None

    def is_ready(self) -> bool:
        return True

    def wait_ready(self) -> None:
        pass

    def search(self, query: str, k: int = 5) -> list[Hit]:
        self.searches.append(query)
        pool = self.chunks + self.extra
        scored = [(len(set(query) & set(c.text)), c) for c in pool]
        scored.sort(key=lambda x: -x[0])
        return [Hit(c, float(s)) for s, c in scored[:k] if s > 0]

    def questions(self) -> list[Question]:
        return list(self.bank)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.bank if q.id == question_id), None)

    def chunks_for_question(self, question_id: str) -> list[Chunk]:
        return [c for c in self.chunks if c.question_id == question_id]

    def match_question(self, text: str):
        return None

    def question_similarities(self, text: str, question_ids) -> dict:  # noqa: ANN001
        return {}

    def question_vectors(self) -> dict:
        return {}


class KeywordGrader:
    """Fake grader: a reference sentence is covered when its first four characters are in the
    answer; the best-covered reference wins (as with the real similarity grader)."""

    name = "fake"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, list[Reference]]] = []
        self.prepared: list[tuple[str, list[Reference]]] = []

    def prepare(self, question: str, references: Sequence[Reference]) -> None:
        self.prepared.append((question, list(references)))

    def grade(self, question: str, answer: str, references: Sequence[Reference]) -> Verdict:
        self.calls.append((question, answer, list(references)))
        if not answer.strip():
            return Verdict(
                score=0,
                label=Label.EMPTY,
                grader=self.name,
                confidence=1.0,
                references=list(references),
            )
        best: list[KeyPoint] = []
        best_score = -1.0
        for ref in references:
            points = [
                KeyPoint(
                    text=s, status=PointStatus.COVERED if s[:4] in answer else PointStatus.MISSING
                )
                for s in re.split(r"[。；\n]", ref.text)
                if len(s) >= 4
            ]
            covered = sum(p.status is PointStatus.COVERED for p in points)
            score = round(10 * covered / len(points), 2) if points else 0.0
            if score > best_score:
                best, best_score = points, score
        score = max(best_score, 0.0)
        label = Label.CORRECT if score >= 8 else Label.PARTIAL if score >= 4 else Label.INCORRECT
        missing = [p.text for p in best if p.status is PointStatus.MISSING]
        return Verdict(
            score=score,
            label=label,
            points=best,
            follow_up=f"那“{missing[0][:10]}”这一点你怎么看？" if missing else None,
            references=list(references),
            grader=self.name,
            confidence=0.9,
        )


def make_services(db_path: Path, *, grader=None, retriever=None, phraser=None) -> Services:
    settings = Settings(db_path=db_path)
    return Services(
        settings=settings,
        embedder=None,
        retriever=retriever or FakeRetriever(),
        grader=grader or KeywordGrader(),
        store=HistoryStore(db_path),
        phraser=phraser or TemplatePhraser(),
    )


def good_answer(question_id: str) -> str:
    """An answer that starts every reference sentence of the question."""
    answer = next(a for qid, _, _, a in BANK if qid == question_id)
    return "嗯，" + "，".join(s for s in re.split(r"[。；]", answer) if s) + "。"
