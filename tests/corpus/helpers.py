"""Paths and small readers shared by the corpus tests."""

from __future__ import annotations

from pathlib import Path

from interviewer.corpus.pipeline import extract_file
from interviewer.types.bank import QAItem

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "corpus"
PAGES = Path(__file__).resolve().parent / "pages"


def items_of(folder: Path, name: str) -> list[QAItem]:
    items, report = extract_file(folder / name, name)
    assert report.skipped is None, report.skipped
    return items


def by_question(items: list[QAItem], question: str) -> QAItem:
    matches = [item for item in items if item.question == question]
    assert len(matches) == 1, f"{question!r}: {[i.question for i in items]}"
    return matches[0]
