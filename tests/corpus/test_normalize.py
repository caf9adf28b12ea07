"""Lexical identity of questions: fillers and spellings do not matter, intents do."""

from __future__ import annotations

from interviewer.corpus.normalize import facets, normalise, question_id


def test_rephrasings_of_bns_role_share_a_key() -> None:
    keys = {
        normalise(q)
        for q in (
            "批量归一化是什么?有什么作用?",
            "简单介绍一下Batch Normalization以及它的作用",
            "bn的作用",
        )
    }
    assert len(keys) == 1


def test_different_asks_keep_different_keys() -> None:
    assert normalise("梯度消失的原因") != normalise("梯度消失的解决办法")
    assert normalise("BN为什么有效") != normalise("BN的作用")
    assert normalise("BN的作用") != normalise("LN的作用")


def test_ids_are_short_stable_and_follow_the_key() -> None:
    qid = question_id("BN的作用?")
    assert len(qid) == 10 and int(qid, 16) >= 0
    assert qid == question_id("  bn 的作用 ") == question_id("Batch Normalization的作用")
    assert qid != question_id("BN的缺点")


def test_facets_name_what_is_asked() -> None:
    assert facets("梯度消失和梯度爆炸的原因以及解决方案") == {"原因", "解决"}
    assert facets("梯度消失和梯度爆炸的原因和解决方法") == {"原因", "解决"}
    assert facets("BN为什么有效") == {"原因"}
    assert facets("BN 有哪些参数？") == {"参数"}
    assert facets("归一化有哪些类型？") == {"方法"}  # kinds of, like 方式/种类
    assert facets("BN的原理和作用") == facets("bn的作用") == {"作用"}
    assert facets("KL散度") == frozenset()
