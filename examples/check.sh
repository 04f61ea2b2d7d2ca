#!/usr/bin/env bash
# The three quickstart examples, and the three main examples (simulate), print exactly the same lines.
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
echo "the three quickstarts print the same $(wc -l <"$tmp/rust.txt") lines"
# The main example (a simulation) at the small size: the same KPI comparison in all three.
cargo run --release -q -p omnistock --example simulate small >"$tmp/sim-rust.txt"
.venv/bin/python examples/simulate.py small >"$tmp/sim-python.txt"
node examples/simulate.mjs small >"$tmp/sim-node.txt"
diff -u "$tmp/sim-rust.txt" "$tmp/sim-python.txt"
diff -u "$tmp/sim-rust.txt" "$tmp/sim-node.txt"
grep -q '^otif ' "$tmp/sim-rust.txt"
echo "the three simulations print the same $(wc -l <"$tmp/sim-rust.txt") lines"
echo "examples: 6 passed, 0 failed"
