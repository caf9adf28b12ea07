"""SQLite persistence of sessions, questions asked, answers and verdicts, with migrations."""
