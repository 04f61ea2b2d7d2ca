#!/usr/bin/env bash
# The three quickstart examples must print exactly the same lines.
# Needs the Python venv and the Node addon that `make test-python` and `make test-node` build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cargo run --release -q -p omnistock --example quickstart >"$tmp/rust.txt"
.venv/bin/python examples/quickstart.py >"$tmp/python.txt"
node examples/quickstart.mjs >"$tmp/node.txt"
diff -u "$tmp/rust.txt" "$tmp/python.txt"
diff -u "$tmp/rust.txt" "$tmp/node.txt"
test -s "$tmp/rust.txt"
echo "the three examples print the same $(wc -l <"$tmp/rust.txt") lines"
echo "examples: 3 passed, 0 failed"
