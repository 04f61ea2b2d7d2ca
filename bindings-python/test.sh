#!/usr/bin/env bash
# Python binding: venv at the repo root (created if missing), maturin develop --release, stub
# checks, pytest. Works on a fresh clone with only python3 (>= 3.9) and cargo installed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# No --upgrade: once installed, a re-run needs no network.
.venv/bin/python -m pip install --quiet "maturin>=1.16,<2" "pytest>=8" "mypy>=1.10"
VIRTUAL_ENV="$ROOT/.venv" "$ROOT/.venv/bin/maturin" develop --release --quiet -m bindings-python/Cargo.toml
# The stubs against the compiled module, and a strict type check of a small usage file.
.venv/bin/python -m mypy.stubtest omnistock --mypy-config-file bindings-python/pyproject.toml \
  --allowlist bindings-python/stubtest-allowlist.txt --ignore-unused-allowlist
.venv/bin/python -m mypy --strict bindings-python/tests/typing_usage.py
.venv/bin/python -m pytest bindings-python/tests -q
