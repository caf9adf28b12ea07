"""Run the real console entry point in-process, so user errors go through `main`'s handling."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass

import pytest

from interviewer.cli.main import main


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_main(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
    stdin: str | None = None,
) -> Run:
    """`interviewer ARGS...` as the shell would run it: exit code, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["interviewer", *args])
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    capsys.readouterr()
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)
