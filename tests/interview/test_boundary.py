"""The headless core never imports Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = (
    "interviewer.interview",
    "interviewer.interview.engine",
    "interviewer.services.root",
    "interviewer.interview.llm_phrasing",
    "interviewer.storage",
    "interviewer.storage.db",
    "interviewer.grading",
    "interviewer.grading.service",
    "interviewer.grading.similarity",
)


def test_core_imports_no_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(len(leaked), leaked[:5])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("0 "), result.stdout
