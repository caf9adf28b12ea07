"""Markdown tables in notes are read row by row as sentences, not dropped as menu rows."""

from __future__ import annotations

from interviewer.corpus.md_tables import table_sentences
from interviewer.grading.keypoints import key_points

from .test_extract import extract_text

NOTES = """## MHA、MQA 和 GQA 有什么区别？
三者的 K/V 头共享方式不同。

| 方法 | KV 头数 | 显存占用 | 效果 |
|------|--------|:-------:|------|
| MHA | 与 Q 头数相同 | 最大 | 最好 |
| MQA | 1 | 最小 | 略差 |
| **GQA** | 分组共享 | 居中 | 接近 MHA |

GQA 是 MHA 和 MQA 的折中。

## 什么是 KV cache？
KV cache 把历史 token 的 K、V 缓存下来。
"""


def test_each_row_is_said_with_its_headers() -> None:
    """Of the MHA/MQA/GQA table only '| MQA | 1 | 最小 | 略差 |' survived (new-user audit)."""
    (question, answer), (second, _) = extract_text(NOTES)
    assert question == "MHA、MQA 和 GQA 有什么区别？" and second == "什么是 KV cache？"
    assert "MHA：KV 头数 与 Q 头数相同，显存占用 最大，效果 最好。" in answer
    assert "MQA：KV 头数 1，显存占用 最小，效果 略差。" in answer
    assert "GQA：KV 头数 分组共享，显存占用 居中，效果 接近 MHA。" in answer
    assert "|" not in answer and "方法" not in answer
    # a row is one key point about its first cell, not "显存占用 最小" about nothing
    assert "MQA：KV 头数 1，显存占用 最小，效果 略差" in key_points(answer, question)


def test_pipes_without_a_separator_line_or_in_code_are_no_table() -> None:
    assert table_sentences(["关于我们 | 联系我们 | 隐私政策"]) == {}
    code = ["```", "| a | b |", "|---|---|", "| 1 | 2 |", "```"]
    assert table_sentences(code) == {}
    english = ["| optimizer | memory |", "| --- | --- |", "| Adam | 2x params |"]
    assert table_sentences(english) == {0: "", 1: "", 2: "Adam: memory 2x params."}
