"""Index-test helpers: a tiny stand-in corpus format so build logic is tested without the parser.

The stand-in only replaces parsing (one `question|answer` per line); embedding uses the real model.
Tests of the real pipeline + real corpus live in test_search.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from interviewer.index.fingerprint import corpus_hashes
from interviewer.types.bank import QAItem, Question, SourceSpan


@dataclass
class FakeScan:
    files: list = field(default_factory=list)
    items: list[QAItem] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def line_scanner(corpus_dir: Path, embedder=None) -> FakeScan:
    """Parse `question|answer` lines from every notes file; one bank question per line."""
    scan = FakeScan()
    for rel in corpus_hashes(corpus_dir):
        for number, line in enumerate((corpus_dir / rel).read_text("utf-8").splitlines(), 1):
            if "|" not in line:
                continue
            question, answer = line.split("|", 1)
            item = QAItem(question, answer, SourceSpan(rel, number, number), ("测试",))
            qid = hashlib.sha1(question.encode()).hexdigest()[:10]
            scan.items.append(item)
            scan.questions.append(Question(qid, question, "测试", [item]))
    return scan


class CountingEmbedder:
    """The real embedder, counting how many passages it was asked to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.passages = 0

    def embed_passages(self, texts):
        self.passages += len(texts)
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

    def embed_symmetric(self, texts):
        return self.inner.embed_symmetric(texts)


SMALL_CORPUS = {
    "opt.txt": [
        "Adam和SGD的区别?|SGD只用当前梯度更新参数，方向不稳定；Adam用一阶矩和二阶矩估计为每个参数自适应调整学习率，并做偏差修正，收敛更快更平稳。",
        "什么是学习率衰减?|训练后期逐步减小学习率，让参数在最优点附近更稳定地收敛，常见做法有阶梯衰减、余弦退火和warmup后衰减。",
    ],
    "norm.txt": [
        "BN的作用是什么?|批量归一化把每层输入按batch的均值和方差标准化，再做可学习的缩放和平移，能加快训练收敛、缓解梯度消失、允许更大的学习率。",
        "LN和BN的区别?|LN在单个样本的特征维度上归一化，不依赖batch大小，适合RNN和Transformer；BN在batch维度上统计均值方差。",
        "dropout为什么能防止过拟合?|训练时随机让一部分神经元输出为零，相当于训练了很多子网络并做平均，减少神经元之间的共适应。",
    ],
}


def write_corpus(folder: Path, files: dict[str, list[str]] = SMALL_CORPUS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in files.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, embedder) -> Path:
    """The seed corpus through the real pipeline, embedded with the real model (built once)."""
    from interviewer.index.build import build_index
    from tests.conftest import SEEDS_CORPUS

    index = tmp_path_factory.mktemp("seed") / "index"
    build_index(SEEDS_CORPUS, index, "multilingual-e5-small", lambda: embedder)
    return index
