#!/usr/bin/env bash
# Runs every Ratecard test on a machine of this kind, installing what is missing first.
# Safe to run again: each install step checks before it installs.
#
#   bash scripts/test.sh
#
# 1. lints: cargo fmt --check, cargo clippy -D warnings (native and wasm32)
# 2. native tests: unit, golden scenarios, catalog check, errors, CLI, property tests
# 3. the JS API bundle, built and tested in Node; a short fuzz of every reader and of the JS API;
#    the native benchmark and bulk reports (figures only)
# 4. the widget: wasm-bindgen-test in headless Chromium, the release build, Playwright end to end,
#    screenshots, and the size / start-up / recompute report (fails above the size ceiling)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never

step() { printf '\n==> %s\n' "$*"; }

step "Installing what is missing"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
bash scripts/setup-web.sh --test

step "Lints"
cargo fmt --all --check
cargo clippy --all-targets --locked -- -D warnings
CARGO_TARGET_DIR=target/web cargo clippy --locked --target wasm32-unknown-unknown --all-features --lib --bin ratecard-web -- -D warnings

step "Native tests"
cargo test --locked

step "JS API bundle (built and tested in Node)"
bash scripts/build-api.sh
node --test tests/js/

step "Fuzz, a few seconds per reader (bash scripts/fuzz.sh for the full run)"
bash scripts/fuzz.sh --seconds 3

step "Benchmark report (native quote speed)"
cargo bench --locked --bench quote
bash scripts/bulk.sh

step "Widget tests"
bash scripts/test-web.sh

step "All tests passed"
