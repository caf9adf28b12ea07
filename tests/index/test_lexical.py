from interviewer.index.lexical import BM25, tokenize


def test_tokenize_mixes_chinese_ngrams_and_lowercase_words():
    tokens = tokenize("BN层和Dropout")
    assert "bn" in tokens and "dropout" in tokens
    assert {"层", "和", "层和"} <= set(tokens)


def test_spellings_of_one_concept_are_one_term():
    assert "bn" in tokenize("批量归一化的作用") and "bn" in tokenize("Batch Normalization")
    assert "ln" in tokenize("LayerNorm")


def test_bm25_prefers_exact_terms_and_discounts_common_ones():
    docs = ["LN和BN的区别是什么", "Adam和SGD的区别是什么", "dropout是什么", "BN的作用是什么"]
    bm25 = BM25(docs)
    ranked = [i for i, _ in bm25.top("BN 有啥用", 4)]
    assert ranked[0] == 3
    assert 1 not in ranked  # no token in common with the query
    assert bm25.idf("什么") < bm25.idf("dropout")


def test_bm25_returns_nothing_for_unknown_terms():
    assert BM25(["梯度消失"]).top("transformer", 3) == []
    assert BM25([]).top("梯度", 3) == []
