"""Junk removal: each rule on its own, and what it does to real scraped pages."""

from __future__ import annotations

import pytest

from interviewer.corpus.clean import (
    Line,
    clean_lines,
    html_lines,
    is_counter,
    is_end_marker,
    is_nav,
    strip_inline,
    strip_promo,
    text_lines,
)
from interviewer.corpus.decode import decode_bytes

from .helpers import PAGES, SEEDS


def cleaned(path) -> tuple[dict[int, str], dict[int, str]]:
    result = clean_lines(text_lines(decode_bytes(path.read_bytes()).text))
    return {line.no: line.text for line in result.lines}, {
        line.no: reason for line, reason in result.dropped
    }


@pytest.mark.parametrize(
    "text",
    ["点赞 12", "2302次浏览", "56人参与", "01-21 15:35", "  • 14", "阅读(2371)",
     "加:2021-10-06 12:14:10  更:2021-10-06", "编辑于 2023-04-01 10:21・IP 属地北京"],
)  # fmt: skip
def test_counters(text: str) -> None:
    assert is_counter(text)


@pytest.mark.parametrize(
    "text",
    ["50+25+16+6+3+2+1", "L1:稀疏参数", "Xavier初始化", "o = (i - f + 2p)/s + 1", "1.平移不变性"],
)
def test_short_notes_are_not_counters(text: str) -> None:
    assert not is_counter(text)


def test_nav_rows_but_not_spaced_prose() -> None:
    assert is_nav("IT数码 购物 网址 头条 软件 日历 阅读 图书馆")
    assert is_nav("开发: C++知识库 Java知识库 JavaScript Python PHP知识库 人工智能 区块链 大数据")
    assert is_nav("   -> 人工智能 -> 深度学习基础知识点review -> 正文阅读")
    assert is_nav("关于我们 | 联系我们 | 隐私政策")
    assert not is_nav("两个 3x3 的感受野等于一个 5x5")
    assert not is_nav("Tn = Tn-1 + (2(m-1) + k - 1) * (stride_n * stride_n-1)")
    assert not is_nav("sigmoid,tanh,ReLU, leaky ReLU, PReLU, ELU")
    # a short English answer of short words is a sentence, not a menu row
    assert not is_nav("Two keys map to one place.")
    assert not is_nav("Different keys get the same slot.")
    assert is_nav("Home About Blog Tags Links")
    # a heading's "###" is no menu word: this heading is a question of the user's notes
    assert not is_nav("### 6. 简述 RLHF 的三个阶段")
    assert is_nav("## 首页 标签 归档 关于")


def test_end_markers() -> None:
    for text in ["相关推荐", "更多推荐", "  人工智能 最新文章", "点赞", "添加红包", "赞同 128",
                 "posted @ 2021-03-15 20:41  深度学习笔记  阅读(2371)"]:  # fmt: skip
        assert is_end_marker(text), text
    assert is_end_marker("Copyright © 2024 Example Inc. All rights reserved.")
    assert is_end_marker("暂无评论,快来抢首评~")
    assert not is_end_marker("推荐使用 Adam 作为默认优化器,因为它对学习率不太敏感。")
    assert not is_end_marker("推荐阅读原论文")
    assert not is_end_marker("上一篇论文提出了残差连接")


@pytest.mark.parametrize(
    "text",
    ["-- end --", "--- END ---", "（完）", "全文完", "END", "— 完 —", "(全文完)", "The End."],
)
def test_the_authors_end_of_text_ends_the_article(text: str) -> None:
    """Not the last answer's last line (the audit's RoPE answer ended "-- end --")."""
    assert is_end_marker(text)
    page = f"Q: RoPE 的优点？\nA: 只依赖相对位置，不引入额外参数。\n\n{text}\n评论区的话"
    assert [line.text for line in clean_lines(text_lines(page)).lines] == [
        "Q: RoPE 的优点？",
        "A: 只依赖相对位置，不引入额外参数。",
    ]


@pytest.mark.parametrize("text", ["完全没有区别", "end-to-end 训练", "Endpoint", "完成训练"])
def test_words_that_only_start_like_an_end_are_not_one(text: str) -> None:
    assert not is_end_marker(text)


def test_inline_markup_and_images_go() -> None:
    assert (
        strip_inline("<b>BN</b>的作用&amp;缺陷![在这里插入图片描述](x.png?a=1)") == "BN的作用&缺陷"
    )
    assert strip_inline("![在这里插入图片描述](.png?x-oss-process=image/watermark,type") == ""
    assert strip_inline("表示在这里插入图片描述") == "表示"


def test_promo_clauses_go_but_the_notes_stay() -> None:
    text = "学习率调小 持续更新中,敬请期待。。。 公众号:羽峰码字,欢迎关注"
    assert strip_promo(text) == "学习率调小"
    assert strip_promo("ROC曲线 此问题引用于:https://www.cnblogs.com/x/p/1.html 2.数据增强") == (
        "ROC曲线  2.数据增强"
    )


def test_code_blob_on_one_line_is_dropped_and_fenced_code_is_flagged() -> None:
    lines = [
        Line(1, "1.SGD是什么?"),
        Line(2, "随机梯度下降。"),
        Line(3, "示例: 1. 导入所需的库: ```python import numpy as np ``` 2. 准备数据: ```x = 1```"),
        Line(4, "```python"),
        Line(5, "# 1. 初始化参数"),
        Line(6, "```"),
    ]
    result = clean_lines(lines)
    assert [line.no for line in result.lines] == [1, 2, 5]
    assert result.lines[-1].code
    assert (lines[2], "code-blob") in result.dropped


def test_end_marker_before_the_notes_only_skips_a_sidebar_block() -> None:
    lines = text_lines(
        "热门文章\n1. 为什么程序员都喜欢用 Mac？\n2. 如何三个月转行？\n"
        "这篇文章整理了深度学习面试中关于优化器的高频问题，答案来自我自己的面试经历。\n"
        "1.SGD是什么?\n随机梯度下降。\n相关推荐\n1. 除了Java,最推荐学什么技术?"
    )
    kept = [line.no for line in clean_lines(lines).lines]
    assert kept == [4, 5, 6]


def test_csdn_seed_keeps_the_notes_and_drops_the_widgets() -> None:
    kept, dropped = cleaned(SEEDS / "csdn-dl-baguwen.txt")
    assert 184 in kept  # the last answer line
    for no in (186, 187, 190, 193, 195, 197, 203, 217, 218):  # counters, code blob, red packet
        assert no not in kept
    assert dropped[193] == "tail"


def test_360doc_seed_drops_navigation_ads_and_the_article_list() -> None:
    kept, dropped = cleaned(SEEDS / "360doc-dl-basics-review.txt")
    assert dropped[1] == "nav" and dropped[3] == "ad" and dropped[14] == "nav"
    assert all(no not in kept for no in range(100, 129))
    assert 98 in kept


def test_nowcoder_seed_stops_after_the_article() -> None:
    kept, _ = cleaned(SEEDS / "nowcoder-dl-interview-1-5.txt")
    assert max(kept) == 37
    assert "公众号" not in kept[37] and "持续更新" not in kept[37]
    assert kept[37].endswith("学习率调小")


def test_elefans_seed_keeps_formulas_and_drops_html_and_footer() -> None:
    kept, dropped = cleaned(SEEDS / "elefans-dl-interview-questions.txt")
    assert kept[14] == "50+25+16+6+3+2+1"
    assert kept[43].startswith("卷积的是:o = (i - f + 2p)/s + 1")
    assert dropped[5] == "markup"
    assert max(kept) == 75


def test_html_pages_become_numbered_lines_without_scripts_or_chrome() -> None:
    text = (PAGES / "jianshu-bold.html").read_text(encoding="utf-8")
    lines = html_lines(text)
    by_no = {line.no: line.text for line in lines}
    assert by_no[13] == "**卷积层的参数量怎么计算？**"
    assert by_no[22] == "- 参数更少：2 × 9 = 18 < 25"
    joined = "\n".join(by_no.values())
    for junk in ("window.__INITIAL_STATE__", "font-size", "下载APP", "沪ICP备", "程序员如何提高"):
        assert junk not in joined
