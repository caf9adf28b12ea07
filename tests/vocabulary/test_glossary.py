from interviewer.vocabulary.concepts import concepts
from interviewer.vocabulary.glossary import canonicalise, concepts_in, expand_query, spellings


def test_every_spelling_of_a_concept_becomes_one_token():
    spellings = ["Batch Normalization", "batch norm", "BN", "批量归一化", "Batch Normalizaion"]
    assert {canonicalise(s).strip() for s in spellings} == {"bn"}
    assert canonicalise("过拟合").strip() == canonicalise("overfitting").strip() == "overfitting"


def test_ascii_spellings_match_whole_words_only():
    assert concepts_in("kiln 和 clr") == []
    assert concepts_in("lr 怎么调") == ["learningrate"]


def test_longest_spelling_wins():
    assert concepts_in("卷积神经网络的卷积核") == ["cnn", "kernel"]


def test_expand_query_adds_only_the_missing_names():
    assert expand_query("lr 怎么调") == "lr 怎么调 (learning rate, 学习率)"
    assert expand_query("学习率怎么调") == "学习率怎么调 (learning rate)"
    assert expand_query("今天天气不错") == "今天天气不错"


def test_table_is_well_formed():
    for concept in concepts():
        assert concept.token.isascii() and concept.english and concept.chinese
        assert all(concept.spellings), concept.token


def test_spellings_of_a_concept_include_its_names_and_other_spellings():
    said = spellings("梯度弥散")
    assert said[:4] == ("梯度弥散", "vanishinggradient", "vanishing gradient", "梯度消失")
    assert spellings("not a concept") == ("not a concept",)
