"""Turning raw scraped pages into a clean question bank: decode, clean, extract, group, topic.

Entry points live in `interviewer.corpus.pipeline` (scan_corpus, extract_file, build_bank).
"""
