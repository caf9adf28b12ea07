"""Errors a user can act on: each carries a one-line message that says what went wrong and the fix.

The CLI prints `error: <message>` for these and exits 2; anything else is a bug and may traceback.
"""


class InterviewerError(Exception):
    """Base class: `str(err)` is a single line meant for the user."""


class ConfigError(InterviewerError):
    """Settings or the config file are invalid."""


class CorpusError(InterviewerError):
    """The corpus cannot be read (missing folder, nothing usable in it)."""


class IndexStateError(InterviewerError):
    """The on-disk index is missing, corrupt, stale or built with another model."""


class ModelError(InterviewerError):
    """The embedding model cannot be found or loaded."""


class GradingError(InterviewerError):
    """An answer could not be graded (bad input to the grader itself)."""


class LLMError(InterviewerError):
    """The LLM endpoint failed (timeout, rate limit, server error, unparseable output)."""


class SessionError(InterviewerError):
    """An interview session cannot be continued (unknown, already finished, not this turn's)."""


class StorageError(InterviewerError):
    """The history database cannot be opened, migrated or written (corrupt, newer, unwritable)."""


class VocabularyError(InterviewerError):
    """A vocabulary data file (interviewer/vocabulary/data/*.toml) is missing or malformed."""
