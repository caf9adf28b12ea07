"""The shared OpenAI-compatible client: one factory, one explicit retry policy, key redaction.

Used by the LLM grader and by the interview (rephrasing questions, writing follow-ups).
"""
