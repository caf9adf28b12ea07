"""`scripts/install.sh` (what `make run` calls on every launch) re-installs only when the
dependencies changed: a second launch goes straight to the app."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAKE_PYTHON = """#!/usr/bin/env bash
# Stands in for .venv/bin/python: logs every pip call instead of installing anything.
if [ "$1" = "-c" ]; then exit 0; fi
echo "$*" >> "$(dirname "$0")/../calls.log"
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the files the script reads, with a venv that only records pip calls."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "install.sh", tmp_path / "scripts" / "install.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, text in (("python", FAKE_PYTHON), ("interviewer", "#!/bin/sh\n")):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(stat.S_IRWXU)
    return tmp_path


def _install(checkout: Path) -> list[str]:
    """Run the script; the pip calls it made."""
    log = checkout / ".venv" / "calls.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "PYTHON": sys.executable}
    subprocess.run(["bash", "scripts/install.sh"], cwd=checkout, env=env, check=True)
    return log.read_text().splitlines() if log.exists() else []


def test_second_launch_installs_nothing(checkout: Path) -> None:
    first = _install(checkout)
    assert any("install -e .[test]" in call for call in first)
    assert _install(checkout) == []  # same dependencies: straight to the app


def test_changed_dependencies_reinstall(checkout: Path) -> None:
    _install(checkout)
    pyproject = checkout / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"click>=8.1', '"click>=8.2'))
    assert any("install -e .[test]" in call for call in _install(checkout))
    assert _install(checkout) == []


def test_failed_install_is_retried(checkout: Path) -> None:
    """No stamp unless pip succeeded: an interrupted install is not mistaken for a finished one."""
    python = checkout / ".venv" / "bin" / "python"
    python.write_text(FAKE_PYTHON + "exit 1\n")
    with pytest.raises(subprocess.CalledProcessError):
        _install(checkout)
    python.write_text(FAKE_PYTHON)
    assert any("install -e .[test]" in call for call in _install(checkout))


def test_ci_runs_exactly_make_test() -> None:
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    commands = [line for line in lines if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["make test"]
