"""The answer judge: the shipped weights load on the real model, order a right and a wrong
hand-written answer, are used only when asked for, and a file that does not fit is refused."""

from __future__ import annotations

import json

import pytest
from safetensors import safe_open
from safetensors.torch import save_file

from interviewer.errors import GradingError
from interviewer.grading.judge import FORMAT, judge_path, load_judge, pair_texts

BN_Q = "Batch Normalization 的作用是什么？"
BN_REF = (
    "BN 对每个 mini-batch 的激活做归一化（减均值、除以标准差），再用可学习的 γ、β 缩放平移；"
    "它让各层输入的分布更稳定，允许用更大的学习率，加快收敛，并有一定的正则化效果。"
)
BN_RIGHT = (
    "嗯就是对每一层的输入按 batch 做标准化，减均值除方差，然后再学一个缩放和平移，"
    "这样训练更稳定，可以用大一点的学习率，收敛更快"
)
BN_WRONG = "BN 主要是用来减少模型参数量的，把网络压缩变小，这样推理更快。"


@pytest.fixture(scope="module")
def judge(embedder):
    return load_judge(embedder)


def test_shipped_judge_knows_its_model(embedder):
    with safe_open(str(judge_path()), framework="pt") as f:
        info = f.metadata()
    assert info["format"] == FORMAT
    assert info["embed_model"] == embedder.model_id


def test_right_answer_outscores_wrong_one(judge):
    """Ordering on a hand-written Chinese pair (not from the training sets). Its absolute
    P(correct) for the right answer is low (~0.2): why the judge is opt-in (BENCHMARKS.md)."""
    good, bad = judge.score([(BN_Q, BN_REF, BN_RIGHT), (BN_Q, BN_REF, BN_WRONG)])
    assert 0.0 <= bad.correct < good.correct <= 1.0
    assert 0.0 <= good.contradicts <= 1.0


def test_opt_in_setting_decides_whether_grading_uses_it(embedder):
    from interviewer.config import load_settings
    from interviewer.grading.service import build_grader

    assert build_grader(load_settings(), embedder).answer_judge is None
    judged = build_grader(load_settings(judge=True), embedder)
    assert judged.answer_judge is not None and judged.calibration.uses_judge


def test_scores_are_deterministic_and_batch_independent(judge):
    one = judge.logits([(BN_Q, BN_REF, BN_RIGHT)])
    two = judge.logits([(BN_Q, BN_REF, BN_RIGHT), (BN_Q, BN_REF, BN_WRONG + "，就这些")])
    assert one[0] == pytest.approx(two[0], abs=1e-4)
    assert judge.logits([]) == []


def test_pair_texts_put_question_above_reference():
    first, second = pair_texts(" Q? ", " R. ", " A ")
    assert first == "Q?\nR." and second == "A"


def _copy_with(tmp_path, *, metadata=None, drop=None):
    with safe_open(str(judge_path()), framework="pt") as f:
        info = dict(f.metadata())
        tensors = {k: f.get_tensor(k) for k in f.keys() if k != drop}
    info.update(metadata or {})
    path = tmp_path / "judge.safetensors"
    save_file(tensors, str(path), metadata=info)
    return path


def test_judge_for_another_model_is_refused(embedder, tmp_path):
    path = _copy_with(tmp_path, metadata={"embed_model": "some-other-model"})
    with pytest.raises(GradingError, match="trained on 'some-other-model'"):
        load_judge(embedder, path)


def test_corrupt_or_foreign_files_are_one_line_errors(embedder, tmp_path):
    junk = tmp_path / "junk.safetensors"
    junk.write_bytes(b"\x00not a safetensors file")
    with pytest.raises(GradingError, match="cannot read the answer judge") as err:
        load_judge(embedder, junk)
    assert "\n" not in str(err.value)
    foreign = _copy_with(tmp_path, metadata={"format": "something-else"})
    with pytest.raises(GradingError, match="not an answer-judge file"):
        load_judge(embedder, foreign)
    missing = tmp_path / "missing.safetensors"
    with pytest.raises(GradingError, match="cannot read"):
        load_judge(embedder, missing)


def test_a_file_missing_weights_is_refused(embedder, tmp_path):
    with safe_open(str(judge_path()), framework="pt") as f:
        last = sorted(f.keys())[-1]
    path = _copy_with(tmp_path, drop=last)
    with pytest.raises(GradingError, match="does not fit the model") as err:
        load_judge(embedder, path)
    assert "\n" not in str(err.value)


def test_training_figures_travel_with_the_weights():
    with safe_open(str(judge_path()), framework="pt") as f:
        meta = json.loads(f.metadata()["meta"])
    assert meta["fitted_by"] == "bench/train_judge.py"
    assert meta["rows"] > 1000
