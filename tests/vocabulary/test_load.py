"""The vocabulary loader: every shipped data file loads into its typed tables, and a malformed one
fails with one line that names the file, the entry and the key."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import tomllib

from interviewer.errors import InterviewerError, VocabularyError
from interviewer.vocabulary import (
    concepts,
    dont_know,
    fillers,
    follow_ups,
    glossary,
    latex,
    load,
    negation,
    questions,
    relations,
    topics,
)

CACHED = (
    load.read,
    concepts.concepts,
    concepts.question_key_folds,
    dont_know.dont_know,
    fillers.fillers,
    follow_ups.predicates,
    negation.negation_cues,
    negation.conditional_words,
    negation.contrast_words,
    negation.hedge_words,
    negation.opposites,
    negation.claim_negation,
    relations.relation_words,
    relations.keyword_list_terms,
    relations.keyword_list_glue,
    glossary.patterns,
    glossary._by_token,
    glossary._contractions,
    glossary._equivalents,
    questions.key_frame,
    questions.session_frame,
    questions.facets,
    topics.taxonomy,
    topics.fallback_topic,
    latex.latex_names,
)


def _load_everything() -> None:
    concepts.question_key_folds()
    glossary.patterns()
    glossary.contracted("降低偏差")
    glossary.equivalent("less than 1")
    fillers.fillers()
    dont_know.dont_know()
    negation.negation_cues()
    negation.conditional_words()
    negation.contrast_words()
    negation.hedge_words()
    negation.opposites()
    negation.claim_negation()
    for rule in relations.RULES:
        relations.relation_words(rule)
    relations.keyword_list_terms()
    relations.keyword_list_glue()
    questions.key_frame()
    questions.session_frame()
    questions.facets()
    topics.fallback_topic()
    follow_ups.predicates(True)
    follow_ups.predicates(False)
    latex.latex_names()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of the shipped data files the loader reads instead, with every cache cleared."""
    folder = tmp_path / "data"
    shutil.copytree(load.DATA_DIR, folder)
    monkeypatch.setattr(load, "DATA_DIR", folder)
    for cached in CACHED:
        cached.cache_clear()
    yield folder
    for cached in CACHED:
        cached.cache_clear()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_shipped_data_file_loads():
    _load_everything()
    assert {p.stem for p in load.DATA_DIR.glob("*.toml")} == {
        "concepts", "dont_know", "fillers", "follow_ups", "latex", "negation", "questions",
        "relations", "topics", "wordings",
    }  # fmt: skip


def test_a_copy_of_the_shipped_files_loads_the_same(data_dir: Path):
    _load_everything()
    assert load.DATA_DIR == data_dir


def test_malformed_toml_names_the_file_and_line(data_dir: Path):
    _replace(data_dir / "concepts.toml", 'token = "bn"', 'token = "bn')
    with pytest.raises(VocabularyError, match=r"concepts\.toml: .*line \d+"):
        concepts.concepts()


def test_a_value_of_the_wrong_shape_names_the_entry_and_key(data_dir: Path):
    _replace(data_dir / "concepts.toml", 'spellings = ["batch norm"', 'spellings = "batch norm"#')
    with pytest.raises(VocabularyError) as caught:
        concepts.concepts()
    assert str(caught.value).startswith(
        "concepts.toml: concept 1 ('bn'): spellings: expected a list of strings"
    )
    assert isinstance(caught.value, InterviewerError)  # the CLI prints it as one `error:` line


def test_a_misspelt_key_is_refused_not_ignored(data_dir: Path):
    _replace(data_dir / "concepts.toml", 'spellings = ["layer norm"', 'spelling = ["layer norm"')
    with pytest.raises(VocabularyError, match=r"concept 2 \('ln'\): unknown key 'spelling'"):
        concepts.concepts()


def test_a_name_table_holds_only_strings(data_dir: Path):
    _replace(data_dir / "latex.toml", 'cdot = "·"', "cdot = 1")
    with pytest.raises(VocabularyError, match=r"latex\.toml: \[symbols\]: cdot: expected a"):
        latex.latex_names()


def test_a_missing_table_or_key_is_named(data_dir: Path):
    _replace(data_dir / "topics.toml", 'fallback = "基础理论"', "")
    with pytest.raises(VocabularyError, match=r"topics\.toml: missing key 'fallback'"):
        topics.fallback_topic()


def test_an_invalid_regular_expression_is_named_where_it_is_written(data_dir: Path):
    _replace(data_dir / "questions.toml", "pattern = '特点|特性|特征'", "pattern = '特点|(特性'")
    with pytest.raises(VocabularyError, match=r"facet 5 \('特点'\): pattern: invalid regular"):
        questions.facets()


def test_a_missing_file_says_to_reinstall(data_dir: Path):
    (data_dir / "topics.toml").unlink()
    with pytest.raises(VocabularyError, match=r"topics\.toml cannot be read .*reinstall"):
        topics.taxonomy()


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("concepts.toml", 'token = "ln"', 'token = "bn"', "token 'bn' is used twice"),
        ("concepts.toml", '"layernorm", "层归一化"]\n', '"LayerNorm"]\n', "must be lower case"),
        ("topics.toml", 'fallback = "基础理论"', 'fallback = "杂项"', "not one of the topics"),
        ("fillers.toml", 'strip = "before-comma"', 'strip = "before-a-comma"', "strip"),
        ("fillers.toml", 'text = "唔"', 'text = "唔"\nstrip = "before-comma"', "English fillers"),
        ("fillers.toml", 'text = "唔"', 'text = "唔"\nstrip_not_after = ["的"]', "in-context"),
        ("fillers.toml", 'text = "唔"', 'text = "额"', "listed twice"),
        ("negation.toml", '"更", "较"', '"更多", "较"', "is not one character"),
        ("negation.toml", '["增大", "减小"]', '["增大"]', "expected a pair"),
        ("dont_know.toml", "'想不起',", "'想不起(',", "invalid regular expression"),
        ("relations.toml", "[keyword_list]", "[keyword_lists]", "unknown key 'keyword_lists'"),
        ("relations.toml", "[keyword_list_glue]", "[keyword_list_gleu]", "'keyword_list_gleu'"),
        ("negation.toml", "set_phrases = [", "set_phrase = [", "unknown key 'set_phrase'"),
    ],
)
def test_inconsistent_tables_are_refused(data_dir: Path, file, old, new, problem):
    _replace(data_dir / file, old, new)
    with pytest.raises(VocabularyError, match=re.escape(problem)):
        _load_everything()


def test_a_language_without_predicate_words_is_refused(data_dir: Path):
    """A follow-up's subject ends at a predicate word: a language with none could ask nothing."""
    path = data_dir / "follow_ups.toml"
    text = path.read_text(encoding="utf-8")
    english = text[text.index("[english]") :]
    kept = "[english]\n" + english[english.index("not_subject_starts") :]
    path.write_text(text.replace(english, kept), encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"follow_ups.toml: \[english\]: no predicate"):
        follow_ups.predicates(False)


def test_any_of_keeps_the_order_and_bounds_whole_words():
    assert load.any_of(["没有", "没"]) == "没有|没"
    pattern = re.compile(load.any_of(["rather than", "unlike"], whole_words=True, spaces=r"\s+"))
    assert pattern.search("rather   than that") and pattern.search("Unlike".lower())
    assert not pattern.search("unlikely")


def test_data_files_are_package_data():
    """A non-editable install ships the data files (pyproject's package-data lists them)."""
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text("utf-8"))
    shipped = pyproject["tool"]["setuptools"]["package-data"]["interviewer.vocabulary"]
    package = load.DATA_DIR.parent
    for path in load.DATA_DIR.glob("*.toml"):
        assert any(path.relative_to(package).match(pattern) for pattern in shipped), path.name


def test_a_contraction_that_is_no_pair_names_the_file(data_dir: Path):
    _replace(data_dir / "wordings.toml", '["降低", "降"]', '["降低"]')
    with pytest.raises(VocabularyError, match=r"wordings\.toml: contractions: expected a pair"):
        glossary.contracted("降低偏差")


def test_an_equivalent_that_is_no_pair_names_the_file(data_dir: Path):
    _replace(data_dir / "wordings.toml", '["fuse", "merge"]', '["fuse"]')
    with pytest.raises(VocabularyError, match=r"wordings\.toml: equivalents: expected a pair"):
        glossary.equivalent("fuse")


def test_equivalents_replace_english_whole_words_and_chinese_whole_wordings():
    assert "smaller than 1" in glossary.equivalent("less than 1")
    assert "less than 1" in glossary.equivalent("smaller than 1")  # heard both ways
    assert glossary.equivalent("blessless than") == ()  # not inside a word
    assert "shallow layer" in glossary.equivalent("浅层")
    assert glossary.equivalent("浅层特征") == ()  # a Chinese one only as a whole wording
    assert "差多少" in glossary.equivalent("差异")  # "衡量两个分布差多少" says 差异
