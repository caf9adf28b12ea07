"""The vocabulary the parser reads goes through corpus/tables.py, so the parser fingerprint sees
every table that can change the bank, and the tables that give questions their ids stay fixed."""

from __future__ import annotations

import ast
import hashlib
import shutil
from pathlib import Path

import pytest

import interviewer.corpus as corpus_package
import interviewer.vocabulary as vocabulary_package
from interviewer.corpus import tables
from interviewer.index.fingerprint import PARSER_VOCABULARY, parser_fingerprint

CORPUS = Path(corpus_package.__file__).parent
VOCABULARY = Path(vocabulary_package.__file__).parent


def test_corpus_modules_read_the_vocabulary_only_through_tables() -> None:
    readers = []
    for path in sorted(CORPUS.glob("*.py")):
        if path.name == "tables.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            readers += [
                f"{path.name}: {name}"
                for name in names
                if name.startswith("interviewer.vocabulary")
            ]
    assert not readers, f"import it through interviewer.corpus.tables: {readers}"


def _vocabulary_sources(module: str, seen: set[str]) -> set[str]:
    """The vocabulary files `module` reads: its own source, the vocabulary modules it imports (and
    theirs) and the data files they `read`."""
    name = module.rsplit(".", 1)[-1]
    if name in seen:
        return set()
    seen.add(name)
    path = VOCABULARY / f"{name}.py"
    found = {f"{name}.py"}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "interviewer.vocabulary."
        ):
            found |= _vocabulary_sources(node.module or "", seen)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "read"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(f"data/{node.args[0].value}.toml")
    return found


def test_the_parser_fingerprint_hashes_every_vocabulary_file_the_parser_reads() -> None:
    imported = [
        node.module
        for node in ast.walk(ast.parse((CORPUS / "tables.py").read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("interviewer.")
    ]
    seen: set[str] = set()
    read = set().union(*(_vocabulary_sources(m, seen) for m in imported if m))
    assert read == set(PARSER_VOCABULARY)


def test_the_parser_fingerprint_changes_with_the_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = parser_fingerprint()
    copy = tmp_path / "vocabulary"
    shutil.copytree(VOCABULARY, copy)
    monkeypatch.setattr(vocabulary_package, "__file__", str(copy / "__init__.py"))
    assert parser_fingerprint() == before
    topics = copy / "data" / "topics.toml"
    topics.write_text(topics.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert parser_fingerprint() != before


def test_the_question_key_is_frozen() -> None:
    """Question ids hash the question key: changing its concept folds (`question_key` in
    vocabulary/data/concepts.toml) or frame words (`key_frame` in questions.toml) renames bank
    questions and orphans their saved history. If that is really meant, update the digest here
    and rebuild the shipped index."""
    key = (tables.question_key_folds(), tables.key_frame())
    assert hashlib.sha256(repr(key).encode()).hexdigest()[:16] == "b213d2ba44ed946e"
