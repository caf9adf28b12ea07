# ruff: noqa: E501  (the notes and answers below are data: one question per line)
"""The app over the real core: real model, real FAISS index, real graders, real store.

Only corpus parsing is replaced (a `topic|question|answer` line format, so these tests don't
depend on the scraped-notes parser); embedding, retrieval, grading and storage are the product's.
The LLM runs against the scripted OpenAI-compatible server on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from interviewer.config import load_settings
from interviewer.index.build import build_index
from interviewer.index.fingerprint import corpus_hashes
from interviewer.services.root import Services
from interviewer.storage.db import HistoryStore
from interviewer.tui.app import make_app
from interviewer.tui.screens.summary import SummaryScreen
from interviewer.types.bank import QAItem, Question, SourceSpan
from interviewer.types.plan import InterviewPlan
from tests.index.conftest import FakeScan
from tests.support.llm_server import server_error
from tests.tui.conftest import SIZE
from tests.tui.drive import answer, next_question, until, wait_answering
from tests.tui.screen_text import screen_text

NOTES = """\
优化器|Adam和SGD的区别|SGD 每一步用当前梯度乘以固定的学习率更新参数。Adam 结合了动量（梯度的一阶矩估计）和自适应学习率（梯度平方的二阶矩估计），并且做了偏差修正。Adam 收敛快，但最终泛化有时不如精调的 SGD。
归一化|BN的作用|Batch Normalization 对每个 mini-batch 的特征做标准化，减去均值再除以标准差，然后用可学习的 gamma 和 beta 缩放和平移。它让训练更稳定，允许用更大的学习率，还有一点正则化的效果。
正则化|dropout的作用|Dropout 在训练时以概率 p 随机把神经元的输出置零，防止神经元之间的共适应，减轻过拟合，相当于训练了很多子网络的集成。测试时不丢弃神经元，按保留概率缩放输出。
损失函数|交叉熵和MSE的区别|分类任务常用交叉熵损失，它衡量预测分布和真实分布的差异，配合 softmax 时梯度简单，不会因为 sigmoid 饱和而梯度消失。MSE 常用于回归，用在分类上时梯度在饱和区很小，训练慢。
"""

pytestmark = pytest.mark.slow  # builds a real index and loads the real model (~45 s together)

GOOD = {
    "Adam和SGD的区别": "SGD 用固定学习率乘梯度更新。Adam 结合了动量，也就是一阶矩估计，和自适应学习率，"
    "也就是梯度平方的二阶矩估计，还做了偏差修正。Adam 收敛快，但泛化有时不如 SGD。",
    "BN的作用": "BN 对每个 mini-batch 的特征做标准化，减去均值除以标准差，再用可学习的 gamma 和 beta "
    "缩放平移。这样训练更稳定，可以用更大的学习率，也有一点正则化效果。",
    "dropout的作用": "dropout 训练时按概率 p 随机把神经元输出置零，防止共适应，减轻过拟合，相当于很多"
    "子网络的集成；测试时不丢弃，按保留概率缩放输出。",
    "交叉熵和MSE的区别": "交叉熵衡量预测分布和真实分布的差异，用于分类，配合 softmax 梯度简单，不会饱和；"
    "MSE 用于回归，用在分类上饱和区梯度很小，训练慢。",
}
BAD = "嗯，这个我记得好像是和 GPU 显存有关系，然后就是跑得更快一点吧。"


def topic_scanner(corpus_dir: Path, embedder=None) -> FakeScan:
    """Parse `topic|question|answer` lines: one bank question per line."""
    scan = FakeScan()
    for rel in corpus_hashes(corpus_dir):
        lines = (corpus_dir / rel).read_text("utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if line.count("|") < 2:
                continue
            topic, question, text = line.split("|", 2)
            item = QAItem(question, text, SourceSpan(rel, number, number), (topic,))
            qid = hashlib.sha1(question.encode()).hexdigest()[:10]
            scan.items.append(item)
            scan.questions.append(Question(qid, question, topic, [item]))
    return scan


@pytest.fixture(scope="module")
def bank(tmp_path_factory, embedder) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("tui-bank")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "notes.txt").write_text(NOTES, "utf-8")
    index = root / "index"
    build_index(corpus, index, "multilingual-e5-small", lambda: embedder, scanner=topic_scanner)
    return corpus, index


@pytest.fixture
def real_services(monkeypatch, embedder):
    """`Services.load` exactly as the CLI calls it, but reusing the session's loaded model."""
    monkeypatch.setattr("interviewer.embedding.model.load_embedder", lambda spec, cache: embedder)
    built: list[Services] = []

    def factory(settings):
        def load() -> Services:
            built.append(Services.load(settings))
            return built[-1]

        return load

    yield factory
    for services in built:
        services.close()


async def test_offline_interview_with_real_similarity_grader(bank, real_services) -> None:
    corpus, index = bank
    settings = load_settings(corpus_dir=corpus, index_dir=index)
    plan = InterviewPlan(count=3, mode="new", seed=7)
    app = make_app(settings, real_services(settings), plan=plan, start_now=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_answering(pilot, app)
        graded_good = await answer(pilot, screen, GOOD[screen.turn.question])
        shown = screen_text(app)
        assert "评分：离线 ·" in shown and f"{graded_good.verdict.score:.1f}/10" in shown
        assert "notes.txt:" in screen.log_widget.transcript()  # references with their source
        await next_question(pilot, app)

        graded_bad = await answer(pilot, screen, BAD)
        assert graded_bad.verdict.score < graded_good.verdict.score
        assert "口头禅" in screen.log_widget.transcript()  # delivery insights beside the verdict
        await next_question(pilot, app)
        assert screen.turn.parent_turn_id == graded_bad.turn.turn_id  # the core's follow-up
        assert "追问" in screen_text(app)
        await pilot.press("ctrl+g")
        await until(pilot, lambda: screen.state == "verdict")
        await next_question(pilot, app)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen.state == "verdict")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert "面试结束" in screen_text(app)

    turns = HistoryStore(settings.db_path).session_turns(app.session_id)
    assert all(t.answered for t in turns)
    assert turns[0].answer == GOOD[turns[0].question_text] and turns[1].answer == BAD
    assert app.session_finished


async def test_quit_and_resume_with_the_real_core(bank, real_services) -> None:
    corpus, index = bank
    settings = load_settings(corpus_dir=corpus, index_dir=index)
    app = make_app(
        settings, real_services(settings), plan=InterviewPlan(count=2, seed=3), start_now=True
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_answering(pilot, app)
        first_question = screen.turn.question
        await answer(pilot, screen, GOOD[first_question])
        await pilot.press("ctrl+q")
    assert "--resume" in app.exit_message()
    app.services.close()  # the first process ends: its store, and its claim on the session, go

    again = make_app(settings, real_services(settings), resume_session=app.session_id)
    async with again.run_test(size=SIZE) as pilot:
        screen = await wait_answering(pilot, again)
        assert screen.turn.question != first_question or screen.turn.parent_turn_id is not None
        assert again.session_id == app.session_id
        # where it left off: the last question, the answer and its verdict, then what is next
        transcript = screen.log_widget.transcript()
        assert "上次" in transcript and GOOD[first_question][:20] in transcript
        assert transcript.index("上次") < transcript.rindex(screen.turn.spoken[:10])


async def test_llm_grading_and_fallback_note(bank, real_services, llm_server) -> None:
    corpus, index = bank
    settings = llm_server.settings(corpus_dir=corpus, index_dir=index, llm_max_retries=0)
    failing = {"on": False}

    def grading_fails(request):
        return server_error() if failing["on"] and request.task == "grade-answer" else None

    llm_server.on_chat = grading_fails
    app = make_app(
        settings, real_services(settings), plan=InterviewPlan(count=2, seed=5), start_now=True
    )
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "已连上" in str(app._start_screen().query_one("#grader").visual))
        screen = await wait_answering(pilot, app)
        graded = await answer(pilot, screen, GOOD[screen.turn.question])
        assert graded.verdict.grader == "llm:scripted-judge"
        assert "LLM scripted-judge" in screen_text(app)
        await next_question(pilot, app)

        failing["on"] = True
        fallback = await answer(pilot, screen, GOOD.get(screen.turn.question, BAD))
        assert fallback.verdict.grader == "similarity" and fallback.verdict.notes
        transcript = screen.log_widget.transcript()
        assert "注意" in transcript and fallback.verdict.notes[0] in transcript
    assert any(r.task == "grade-answer" for r in llm_server.chat_requests)
