"""The quit message's resume command works where the user is: `interviewer` is not on PATH
after `make run`, so a bare `interviewer practice --resume` would be "command not found"."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from interviewer.launcher import command, resume_command


def test_make_run_says_make(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEWER_LAUNCHER", "make")
    assert resume_command(3) == "make run ARGS='--resume 3'"  # one word for make's ARGS


def _script(folder: Path) -> Path:
    script = folder / "interviewer"
    script.write_text("#!/bin/sh\n")
    script.chmod(stat.S_IRWXU)
    return script


def test_venv_script_not_on_path_is_named_by_its_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("INTERVIEWER_LAUNCHER", raising=False)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    script = _script(bin_dir)
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(sys, "argv", [str(script), "practice"])
    monkeypatch.chdir(tmp_path)
    assert resume_command(3) == ".venv/bin/interviewer practice --resume 3"
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # outside the checkout: the absolute path
    assert resume_command(3) == f"{script} practice --resume 3"


def test_script_on_path_is_the_bare_name(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("INTERVIEWER_LAUNCHER", raising=False)
    script = _script(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(sys, "argv", [str(script)])
    assert resume_command(3) == "interviewer practice --resume 3"


def test_python_dash_m(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INTERVIEWER_LAUNCHER", raising=False)
    monkeypatch.setattr(sys, "argv", ["/x/interviewer/__main__.py"])
    assert resume_command(3).endswith(" -m interviewer practice --resume 3")


def test_other_commands_name_the_venv_script_after_make_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The start screen's stale-index note said "运行 interviewer build 更新" after `make run`,
    where `interviewer` is not on PATH; make has no target for build, so: the venv's script."""
    monkeypatch.setenv("INTERVIEWER_LAUNCHER", "make")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(sys, "argv", [str(_script(bin_dir)), "practice"])
    monkeypatch.chdir(tmp_path)  # make runs in the checkout
    assert command("build") == ".venv/bin/interviewer build"
    assert resume_command(3) == "make run ARGS='--resume 3'"  # practice has its make target
