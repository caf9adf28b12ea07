"""interviewer: a mock deep-learning interviewer that grades free-form answers against answer
keys and your notes."""

__version__ = "0.1.0"
