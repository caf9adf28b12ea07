"""Each word list is defined once, in interviewer/vocabulary: no other module writes the CJK ranges
or a copy of a vocabulary table (a tuple, set, dict or regex alternation made mostly of its words).

Relation words are not scanned: they are ordinary function words (因为, 所以, by, so) that other
rules list for their own jobs (structure cues, clause lead-ins); gates.py and keyed.py read theirs
from vocabulary/data/relations.toml."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from interviewer.vocabulary import concepts, dont_know, fillers, negation, topics
from interviewer.vocabulary.cjk import CJK

PACKAGE = Path(__file__).resolve().parents[2] / "interviewer"
VOCABULARY = PACKAGE / "vocabulary"


def _modules() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if VOCABULARY not in path.parents:
            yield path


@functools.cache
def _literal_groups(path: Path) -> list[tuple[int, set[str]]]:
    """(line, words) of every collection literal (the strings anywhere inside it) and of every
    string (its regex alternatives); a string of several words adds its words too."""
    groups = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
            strings = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)]
        elif isinstance(node, ast.Constant):
            value = node.value if isinstance(node.value, str) else ""
            strings = re.split(r"\\b|[|()?:+]+", value)  # a regex: its alternatives
        else:
            continue
        words = {w for s in strings if isinstance(s, str) for w in (s, *s.split())}
        if words:
            groups.append((node.lineno, words))
    return groups


def test_no_module_outside_the_vocabulary_writes_a_cjk_range():
    range_ends = re.compile(r"\\u(?:3400|4dbf|4e00|9fff|f900|faff)|[\u4dbf\u9fff\ufaff]", re.I)
    found = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in _modules()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if range_ends.search(line)
    ]
    assert not found, f"use interviewer.vocabulary.cjk.CJK instead: {found}"
    assert re.fullmatch(f"[{CJK}]+", "㐀中豈") and not re.search(f"[{CJK}]", "ABC，。")


def _tables() -> dict[str, set[str]]:
    """The words of each table."""
    cues = negation.negation_cues()
    opposites = negation.opposites()
    know = dont_know.dont_know()
    claim = negation.claim_negation()
    return {
        "concept spellings": {s for c in concepts.concepts() for s in (*c.names, *c.spellings)},
        "fillers": {form for f in fillers.fillers() for form in f.forms},
        "negation cues": {*cues.chinese, *cues.not_negation, *cues.bound_comparatives},
        "claim negation": {
            *claim.negated_start.chinese,
            *claim.negated_start.english,
            *claim.negated_predicate,
            *claim.set_phrases,
            *claim.modals,
            *claim.negated_use,
        },
        "opposites": {w for pair in opposites.chinese for w in pair}
        | {w for a, b in opposites.english for w in (*a, *b)},
        "don't-know phrases": {*know.phrases, *know.glue.chinese},
        "topics": {w for t in topics.taxonomy() for w in (t.name, *t.keywords)},
    }


@pytest.mark.parametrize("table", list(_tables()))
def test_no_module_outside_the_vocabulary_copies_a_table(table: str):
    words = {w for w in _tables()[table] if len(w) >= 2}  # single characters are everywhere
    copies = [
        f"{path.relative_to(PACKAGE)}:{line} {sorted(group & words)[:5]}"
        for path in _modules()
        for line, group in _literal_groups(path)
        if len(group & words) >= 4 and len(group & words) >= len(group) / 2
    ]
    assert not copies, f"{table} written outside interviewer/vocabulary: {copies}"
