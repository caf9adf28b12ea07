"""One process at a time per interview session.

Two `practice --resume` on one session each inserted the pending follow-up (two turn rows, same
parent, same index): SQLite serialises writes, not conversations. So a process claims the session
it runs with an advisory `flock` on a per-session lock file beside the database. The operating
system drops the lock when the process ends, however it ends, so a crash never leaves a session
locked. (Where `fcntl` is missing, on Windows, claims always succeed: the old behaviour.)
"""

from __future__ import annotations

import os
from pathlib import Path

from interviewer.errors import StorageError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class SessionBusy(StorageError):
    """Another process is running this session."""


class SessionLocks:
    """The session claims one history store holds; all released by `release_all()`."""

    def __init__(self, db_path: Path) -> None:
        self.folder = Path(db_path).with_name(Path(db_path).name + ".locks")
        self._held: dict[int, int] = {}

    def claim(self, session_id: int) -> None:
        """Hold session `session_id` for this store (again: a no-op); SessionBusy when another
        process (or another store) holds it."""
        if fcntl is None or session_id in self._held:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.folder / f"session-{session_id}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StorageError(f"cannot lock interview session {session_id}: {exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise SessionBusy(
                f"interview session {session_id} is open in another interviewer process; "
                "continue it there, or quit it first"
            ) from None
        self._held[session_id] = fd

    def release_all(self) -> None:
        for fd in self._held.values():
            os.close(fd)  # closing the descriptor drops its flock
        self._held.clear()
