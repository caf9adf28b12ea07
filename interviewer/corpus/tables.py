"""The vocabulary the parser reads, in one place: what counts as a Chinese character (the unified
block, `CJK_UNIFIED`), the question key's concept folds and frame words, the facets and the topic
taxonomy, the names of inline LaTeX (`interviewer/vocabulary`).

Editing any of it changes the bank, so the parser fingerprint (`index/fingerprint.py`) hashes
the files behind these names (`PARSER_VOCABULARY`) beside the corpus's code, as bytes: checking
an index for staleness imports no parser and parses no table. The rest of the vocabulary (fillers,
negation words) changes without an index rebuild. Corpus modules read the vocabulary only through
this module (tests/corpus/test_tables.py checks both).
"""

from __future__ import annotations

from interviewer.vocabulary.cjk import CJK_UNIFIED
from interviewer.vocabulary.concepts import question_key_folds
from interviewer.vocabulary.latex import latex_names
from interviewer.vocabulary.questions import facets, key_frame
from interviewer.vocabulary.topics import Topic, fallback_topic, subject_fillers, taxonomy

__all__ = [
    "CJK_UNIFIED", "Topic", "facets", "fallback_topic", "key_frame", "latex_names",
    "question_key_folds",
    "subject_fillers", "taxonomy",
]  # fmt: skip
