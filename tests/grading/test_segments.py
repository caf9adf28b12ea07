"""Answer segments: clauses and, for run-on speech, sliding windows."""

from __future__ import annotations

import re

from interviewer.grading.segments import MAX_SEGMENTS, WINDOW_CJK, WINDOW_WORDS, answer_segments


def test_unpunctuated_speech_gets_sliding_windows() -> None:
    text = "Adam结合了动量和自适应学习率还有偏置修正在前几步估计会偏向零所以要除以一减beta的t次方"
    segments = answer_segments(text)
    assert any(not s.clause for s in segments)
    assert any("偏置修正" in s.text for s in segments if not s.clause)


def test_segments_are_bounded_for_huge_answers() -> None:
    assert len(answer_segments("梯度下降，" * 5000)) <= MAX_SEGMENTS
    # a long answer of distinct clauses: at most MAX_SEGMENTS of them are embedded
    long = "。".join(f"第{i}层的梯度会越来越小，所以前面几层学得很慢" for i in range(300))
    assert sum(s.embedded for s in answer_segments(long)) == MAX_SEGMENTS


def test_only_segments_that_can_make_a_point_are_embedded() -> None:
    answer = "BN 是对每层输入做归一化。训练更稳定，可以用更大学习率。好的。"
    segments = {s.text: s for s in answer_segments(answer)}
    assert not segments["训练更稳定，可以用更大学习率"].embedded  # each of its clauses is
    assert segments["训练更稳定"].embedded and segments["可以用更大学习率"].embedded
    assert segments["BN 是对每层输入做归一化"].embedded  # one sentence, one clause
    assert not segments["好的"].embedded  # says nothing on its own
    # a sentence that is the whole answer but a closing remark: the whole answer stands for it
    closing = {s.text: s for s in answer_segments("数据集太小时深度学习没有明显优势。好的。")}
    assert not closing["数据集太小时深度学习没有明显优势"].embedded
    # what is not embedded still takes part in the negation checks
    assert closing["数据集太小时深度学习没有明显优势"].self_contained


def test_a_space_between_chinese_words_is_a_pause_not_a_word_join() -> None:
    texts = [
        s.text for s in answer_segments("主要是权重初始化太大 然后学习率太大也会 可以用梯度裁剪")
    ]
    assert "主要是权重初始化太大" in texts
    assert "可以用梯度裁剪" in texts
    # A space next to an English term is not a pause: "BN 就是…" stays one clause.
    mixed = [s.text for s in answer_segments("BN 就是把每层的输入归一化")]
    assert "BN" not in mixed


def test_only_segments_that_are_one_claim_are_self_contained() -> None:
    segments = {s.text: s for s in answer_segments("它不会压缩数据值，所以数据值会不断变大。")}
    assert not segments["它不会压缩数据值，所以数据值会不断变大"].self_contained  # two clauses
    clause = segments["所以数据值会不断变大"]
    assert clause.self_contained and clause.sentence.startswith("它不会压缩")
    run_on = "嗯就是说RNN其实不太容易出现梯度消失的情况因为它的参数是共享的所以整体的梯度是一个和"
    windows = [s for s in answer_segments(run_on) if not s.clause]
    # a window that cut the clause's "不" (or its "梯度消失") off says something else
    assert windows and not any(w.self_contained for w in windows if "不" not in w.text)
    # a negation and what it negates within a quarter of a window always share a window (windows
    # lie at most 3/4 of a window apart); here they do
    run_on = "嗯就是说RNN其实不会梯度消失的情况因为它的参数是共享的所以整体的梯度是一个和"
    windows = [s for s in answer_segments(run_on) if not s.clause]
    assert any(w.self_contained for w in windows if "不会梯度消失" in w.text)


def test_an_english_word_in_chinese_speech_is_one_window_unit() -> None:
    run_on = (
        "BN在训练的时候用mini batch的均值和方差做归一化然后推理的时候用running mean和var"
        "所以推理时一个样本也能算"
    )
    windows = [s.text for s in answer_segments(run_on) if not s.clause]
    assert windows
    words = {"BN", "mini", "batch", "running", "mean", "var"}
    for window in windows:  # never "runn" or "ingmean"
        assert set(re.findall(r"[A-Za-z]+", window)) <= words


RUN_ON = (
    "批归一化在训练的时候用当前批次的均值和方差把每一层的输入拉回到零均值单位方差"
    "然后再乘一个可以学的缩放再加一个偏移这样网络自己还能决定要不要恢复原来的分布推理的时候没有"
    "批次了就用训练时候攒下来的滑动平均"
)


def test_a_long_run_on_is_covered_by_few_windows() -> None:
    """The texts embedded are the latency (issue 16): a run-on clause of n units gets evenly
    spaced windows at most 3/4 of a window apart, ceil((n - 16) / 12) + 1 of them (half a window
    apart it took ~n / 8)."""
    segments = answer_segments(RUN_ON)
    windows = [s for s in segments if not s.clause]
    assert len(RUN_ON) == 100  # Chinese characters, one window unit each
    assert len(windows) == 8  # was 12
    assert all(len(w.text) == WINDOW_CJK for w in windows)
    # end to end: the first window opens the clause, the last one closes it
    assert RUN_ON.endswith(windows[-1].text) and windows[0].text in RUN_ON[:24]
    # neighbours overlap by at least a quarter of a window
    starts = [RUN_ON.index(w.text) for w in windows]
    assert all(0 < b - a <= WINDOW_CJK * 3 // 4 for a, b in zip(starts, starts[1:], strict=False))
    # the run-on is the whole answer: its own vector stands for it, the windows are embedded
    assert sum(s.embedded for s in segments) == len(windows)


def test_a_clause_of_up_to_two_windows_is_not_windowed() -> None:
    """A clause of up to two windows' width is one statement, embedded whole."""
    short = "当前批次的均值和方差把每层输入归一化然后再做缩放和平移让训练更稳"
    assert len(short) == 2 * WINDOW_CJK
    assert not [s for s in answer_segments(short) if not s.clause]
    assert [s for s in answer_segments(short + "定") if not s.clause]
    words = " ".join(f"w{i}" for i in range(2 * WINDOW_WORDS))
    assert not [s for s in answer_segments(words) if not s.clause]
    assert len([s for s in answer_segments(words + " end") if not s.clause]) == 3
