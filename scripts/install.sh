#!/usr/bin/env bash
# Create .venv and install interviewer (with its test extras) into it.
# Why a script and not a bare `pip install`: torch must come from a CPU wheel where this machine
# has one locally (pip's find-links), because an unqualified torch requirement pulls a multi-GB
# CUDA build. Elsewhere it falls back to whatever torch pip picks, so installs still work.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${VENV:-.venv}
TORCH_VERSION=${TORCH_VERSION:-2.13.0}
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
PIP=("$VENV/bin/python" -m pip -q --disable-pip-version-check)
if ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
    if "${PIP[@]}" install --no-index --no-deps "torch==$TORCH_VERSION" 2>/dev/null; then
        "${PIP[@]}" install "torch==$TORCH_VERSION"   # its small pure-Python dependencies
    fi
fi
"${PIP[@]}" install -e ".[test]"
