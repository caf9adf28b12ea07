"""Fault-injection suite: shared notes, a real index built once, and the tally of cases tried.

Every test here injects a failure end to end (the real CLI, Services/Interview, the history store,
the corpus pipeline) and checks what the user is promised: an answer still gets a verdict and is
saved, a broken index is one line plus a working rebuild, a bad corpus file is skipped and named.
The tally is printed after the run (BENCHMARKS.md, "Fault injection", quotes it).
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest

NOTES = """深度学习面试笔记

Q1. Adam和SGD的区别是什么？
A1: SGD 每一步只用当前 mini-batch 的梯度乘以固定学习率更新参数。Adam 结合了动量（一阶矩估计）和自适应学习率（二阶矩估计），还做了偏差修正，收敛更快，但泛化有时不如 SGD。

Q2. BN的作用是什么？
A2: Batch Normalization 对每个 mini-batch 的特征做标准化，再用可学习的 gamma 和 beta 缩放平移。它让训练更稳定，允许更大的学习率，并有一定正则化效果。

Q3. dropout为什么能防止过拟合？
A3: dropout 训练时以概率 p 随机把神经元输出置零，防止神经元共适应，相当于训练很多子网络的集成；测试时不丢弃，按保留概率缩放输出。

Q4. ReLU的优缺点有哪些？
A4: ReLU 计算简单，正区间梯度恒为 1，缓解了梯度消失，收敛快，还带来稀疏激活。缺点是输出不以零为中心，负区间梯度为零，神经元可能永久死亡（dead ReLU）。

Q5. 梯度消失的原因和解决办法？
A5: 深层网络反向传播时梯度连乘，sigmoid 等激活函数导数小于 1，梯度逐层变小。解决办法有 ReLU 类激活函数、残差连接、BN、合适的权重初始化和 LSTM 的门控结构。

Q6. 交叉熵损失和MSE的区别？
A6: 交叉熵衡量预测分布和真实分布的差异，配合 softmax 用于分类，梯度不会因 sigmoid 饱和而消失。MSE 多用于回归，用在分类上时饱和区梯度很小，训练慢。
"""  # noqa: E501 - notes are data, one answer per line

_TALLY: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])


class Tally:
    """Cases tried / survived / answers lost, per kind of fault (summed over the run)."""

    def add(self, kind: str, tried: int, survived: int, lost: int = 0) -> None:
        row = _TALLY[kind]
        row[0] += tried
        row[1] += survived
        row[2] += lost


@pytest.fixture
def tally() -> Tally:
    return Tally()


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001 - pytest hook
    if not _TALLY:
        return
    terminalreporter.section("fault injection")
    total = [0, 0, 0]
    for kind, (tried, survived, lost) in sorted(_TALLY.items()):
        terminalreporter.write_line(
            f"{kind:<28} tried {tried:>5}  survived {survived:>5}  answers lost {lost}"
        )
        total = [a + b for a, b in zip(total, (tried, survived, lost), strict=True)]
    terminalreporter.write_line(
        f"{'total':<28} tried {total[0]:>5}  survived {total[1]:>5}  answers lost {total[2]}"
    )


@pytest.fixture(autouse=True)
def one_compute_thread():
    """Torch as the app runs it on 2 cores (Services.open): two threads on a busy 2-core machine
    make every small encode ~40x slower, which would make this suite's time budget a lottery."""
    import torch

    from interviewer.embedding.model import set_torch_threads
    from interviewer.services.models import interactive_threads

    before = torch.get_num_threads()
    set_torch_threads(interactive_threads())
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def built_index(tmp_path_factory, embedder) -> tuple[Path, Path]:
    """(corpus, index): the notes above through the real pipeline and model, built once."""
    from interviewer.index.build import build_index

    root = tmp_path_factory.mktemp("faults-index")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "notes.txt").write_text(NOTES, "utf-8")
    build_index(corpus, root / "index", "multilingual-e5-small", lambda: embedder)
    return corpus, root / "index"


@pytest.fixture
def fresh_index(built_index, tmp_path) -> tuple[Path, Path]:
    """A private copy of the built index (and its corpus) that a test may break."""
    corpus, index = built_index
    shutil.copytree(corpus, tmp_path / "corpus")
    shutil.copytree(index, tmp_path / "index")
    return tmp_path / "corpus", tmp_path / "index"
