# omnistock: the two commands of the README.
#   make example   build and run the main example (Rust): a month of a built-in retailer under three rule sets
#   make test      set up everything on a fresh clone and run every test in Rust, Python and Node
# Also: make peers (omnistock against OR-tools and a greedy, benches/peers/README.md;
# PEERS_ARGS=--quick for a smoke run).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.PHONY: example test test-spark spark-env bench-spark test-rust test-python test-node test-cli test-examples test-install bench peers fuzz-smoke

example:
	cargo run --release -q -p omnistock --example simulate

test: test-rust test-python test-node test-cli test-examples test-install
	@echo "all omnistock tests passed"

# Core unit tests, doctests (README's Rust snippet included), golden vectors, properties (release:
# proptest runs thousands of event sequences), and each bench once in test mode (its own checks).
test-rust:
	cargo fmt --all --check
	cargo clippy -q -p omnistock -p omnistock-benches -p omnistock-python -p omnistock-node -p omnistock-cli --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc -q -p omnistock --no-deps
	cargo test --release -p omnistock -p omnistock-node
	cargo test --release -p omnistock-benches --benches
	cargo check --manifest-path fuzz/Cargo.toml

test-python:
	bash bindings-python/test.sh

test-node:
	bash bindings-node/test.sh

# The `omnistock` command: its unit, report and end-to-end tests, then the HTML report opened in
# headless Chromium (Debian's package, installed here when missing; the screenshot lands in
# target/report-artifacts/).
test-cli:
	bash scripts/install-chromium.sh
	cargo test --release -p omnistock-cli
	bash cli/tests/report_chromium.sh

# The three quickstart examples print the same lines.
test-examples:
	bash examples/check.sh

# pip install ./bindings-python and npm install ./bindings-node work as users run them.
test-install:
	bash scripts/check-install.sh

bench:
	cargo bench -p omnistock-benches

# omnistock.spark in PySpark local mode (not part of `make test`: a JVM and ~100k-position jobs).
# The project venv as for test-python, the binding's `spark` extra (pyspark, pandas, pyarrow)
# and pytest into it, the binding in release, then bindings-python/tests_spark. Needs Java 17.
test-spark: spark-env
	.venv/bin/python -m pytest bindings-python/tests_spark -q

spark-env:
	if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
	.venv/bin/python -m pip install --quiet "maturin>=1.16,<2" "pytest>=8"
	VIRTUAL_ENV="$(CURDIR)/.venv" .venv/bin/maturin develop --release --quiet --extras spark -m bindings-python/Cargo.toml

# Rows per second of atp_by_sku and replenish_by_sku at local[1] and local[2] beside one Python
# process (examples/spark/bench.py; SPARK_BENCH_ARGS="--scale 100" for ~10 M positions, ~35 min).
SPARK_BENCH_ARGS ?=
bench-spark: spark-env
	.venv/bin/python examples/spark/bench.py $(SPARK_BENCH_ARGS)

# omnistock against Google OR-tools and a first-come-first-served greedy on seeded instances
# (benches/peers/README.md): the project venv as for test-python, OR-tools into it, the binding
# in release, then the script. `make peers PEERS_ARGS=--quick` for a smoke run (< 30 s),
# PEERS_ARGS="--json peers.json" to keep the raw numbers.
PEERS_ARGS ?=
peers:
	if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
	.venv/bin/python -m pip install --quiet "maturin>=1.16,<2" -r benches/peers/requirements.txt
	VIRTUAL_ENV="$(CURDIR)/.venv" .venv/bin/maturin develop --release --quiet -m bindings-python/Cargo.toml
	.venv/bin/python benches/peers/peers.py $(PEERS_ARGS)

# A minute of fuzzing per target (CI runs it after `make test`): installs cargo-fuzz if it is
# missing, seeds the JSON target's corpus from the golden vectors and the bad-input matrix, and
# fails on any finding (libFuzzer exits non-zero and leaves the input in fuzz/artifacts/).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := json_input ledger_ops sourcing_ops snapshot_plan
fuzz-smoke:
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	python3 fuzz/seed.py
	mkdir -p fuzz/logs
	cd fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$t; \
	  if ! RUSTC_BOOTSTRAP=1 cargo fuzz run $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 > logs/$$t.log 2>&1; then \
	    tail -60 logs/$$t.log; echo "fuzz-smoke: $$t found a failure (input in fuzz/artifacts/$$t)"; exit 1; \
	  fi; \
	  echo "$$t: $$(grep -E '^stat::number_of_executed_units' logs/$$t.log | tr -s ' ') in $(FUZZ_SECONDS) s"; \
	done
	@echo "fuzz-smoke: $(words $(FUZZ_TARGETS)) targets, $(FUZZ_SECONDS) s each, no finding"
