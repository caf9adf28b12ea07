#!/usr/bin/env bash
# Create .venv and install interviewer (with its test extras) into it.
# Why a script and not a bare `pip install`: torch must come from a CPU wheel where this machine
# has one locally (pip's find-links), because an unqualified torch requirement pulls a multi-GB
# CUDA build. Elsewhere it falls back to whatever torch pip picks, so installs still work.
# Why the stamp: `make run` calls this on every launch, and `pip install -e .` costs ~20 s even
# when nothing changed. The install is editable, so code changes need no reinstall; only a change
# to the dependencies (pyproject.toml) or to this script does. The stamp holds their hash and is
# written only after a successful install, so a failed or interrupted one is retried next time.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${VENV:-.venv}
TORCH_VERSION=${TORCH_VERSION:-2.13.0}
STAMP="$VENV/.install-stamp"
want=$(cat pyproject.toml scripts/install.sh | "$PY" -c \
    "import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())")-$TORCH_VERSION
if [ -x "$VENV/bin/interviewer" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$want" ]; then
    exit 0  # installed from these very dependencies: nothing to do
fi
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
PIP=("$VENV/bin/python" -m pip -q --disable-pip-version-check)
if ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
    if "${PIP[@]}" install --no-index --no-deps "torch==$TORCH_VERSION" 2>/dev/null; then
        "${PIP[@]}" install "torch==$TORCH_VERSION"   # its small pure-Python dependencies
    fi
fi
"${PIP[@]}" install -e ".[test]"
echo "$want" > "$STAMP"
