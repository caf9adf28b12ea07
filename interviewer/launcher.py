"""How the user started this program, so messages can print a command that works for them.

Why: after `make run` the `interviewer` script lives in `.venv/bin/`, which is not on PATH, so
"run `interviewer practice --resume`" printed at quit fails with "command not found". The hint
must name what the user actually typed: `make run ARGS=…` when make launched us (the Makefile
says so in `INTERVIEWER_LAUNCHER`), the bare name when PATH finds this very script, else the
script's path (relative to the current folder when it is inside it).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

MAKE = "make"
"""`INTERVIEWER_LAUNCHER=make`: the Makefile's `run` target started us."""


def practice_command(*args: str) -> str:
    """A shell command, valid in the user's current folder, running `interviewer practice ARGS…`
    (`make run` runs `practice` with `$(ARGS)`)."""
    if os.environ.get("INTERVIEWER_LAUNCHER") == MAKE:
        return f"make run ARGS={shlex.quote(' '.join(args))}" if args else "make run"
    return " ".join([_program(), "practice", *(shlex.quote(a) for a in args)])


def command(*args: str) -> str:
    """A shell command, valid in the user's current folder, running `interviewer ARGS…`: there
    is no make target for the other commands, so after `make run` it is the venv's script (make
    runs it by its path from the checkout, where the user is)."""
    return " ".join([_program(), *(shlex.quote(a) for a in args)])


def resume_command(session_id: int) -> str:
    """What continues interview `session_id`, from where the user is. By its id: the last
    unfinished interview (`--resume` alone) may be another one by the time the user runs it."""
    return practice_command("--resume", str(session_id))


def _program() -> str:
    """`interviewer`, a path to the script, or `python -m interviewer`."""
    argv0 = sys.argv[0] if sys.argv and sys.argv[0] else "interviewer"
    script = Path(argv0)
    if script.name in ("__main__.py", "-m", "-c"):  # `python -m interviewer`
        return f"{_shown(Path(sys.executable))} -m interviewer"
    found = shutil.which(script.name)
    if found and _same_file(Path(found), script):
        return script.name  # on PATH: the short name works anywhere
    if os.sep not in argv0 and not script.exists():
        return script.name  # already a bare name PATH resolved (e.g. tests faking argv)
    return _shown(script)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:
        return False


def _shown(path: Path) -> str:
    """The path as the user can type it here: relative (`.venv/bin/interviewer`) when it is
    under the current folder, else absolute."""
    absolute = path.absolute()
    try:
        relative = absolute.relative_to(Path.cwd())
    except ValueError:
        return shlex.quote(str(absolute))
    # a bare name would be looked up on PATH, not here: `./interviewer`
    return shlex.quote(str(relative) if len(relative.parts) > 1 else f"./{relative}")
