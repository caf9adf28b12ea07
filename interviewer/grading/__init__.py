"""Grading free-form answers against reference passages, by an LLM or by similarity."""
