#!/usr/bin/env bash
# Python binding: venv (created if missing), maturin develop --release, pytest.
# Works on a fresh clone with only python3 (>= 3.9) and cargo installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade "maturin>=1.16,<2" "pytest>=8" "mypy>=1.10"
VIRTUAL_ENV="$root/.venv" .venv/bin/maturin develop --release --quiet -m bindings-python/Cargo.toml
.venv/bin/python -m mypy.stubtest omnistock._omnistock
.venv/bin/python -m mypy --strict bindings-python/tests/typing_usage.py
.venv/bin/python -m pytest bindings-python/tests -q
