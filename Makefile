# omnistock: the two commands of the README.
#   make example   build and run the main example (Rust) on the built-in data
#   make test      set up everything on a fresh clone and run every test in Rust, Python and Node
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.PHONY: example test test-rust test-python test-node test-examples test-install bench

example:
	cargo run --release -q -p omnistock --example quickstart

test: test-rust test-python test-node test-examples test-install
	@echo "all omnistock tests passed"

# Core unit tests, doctests (README's Rust snippet included), golden vectors, properties (release:
# proptest runs thousands of event sequences), and each bench once in test mode (its own checks).
test-rust:
	cargo fmt --all --check
	cargo clippy -q -p omnistock -p omnistock-benches -p omnistock-python -p omnistock-node --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc -q -p omnistock --no-deps
	cargo test --release -p omnistock -p omnistock-node
	cargo test --release -p omnistock-benches --benches
	cargo check --manifest-path fuzz/Cargo.toml

test-python:
	bash bindings-python/test.sh

test-node:
	bash bindings-node/test.sh

# The three quickstart examples print the same lines.
test-examples:
	bash examples/check.sh

# pip install ./bindings-python and npm install ./bindings-node work as users run them.
test-install:
	bash scripts/check-install.sh

bench:
	cargo bench -p omnistock-benches
