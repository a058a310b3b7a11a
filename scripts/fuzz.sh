#!/usr/bin/env bash
# Fuzzes every reader of outside data (examples/fuzz) and, when the JS API bundle is built
# (dist-api/), the JS API's arguments (tests/js/fuzz.mjs). Prints per reader the inputs run, the
# time, inputs per second and failures; exits 1 if any input failed. Failing inputs are written to
# tests/fuzz-regressions/, which `cargo test` replays.
#
#   bash scripts/fuzz.sh                  # the full run: 10,000,000 inputs per reader
#   bash scripts/fuzz.sh --seconds 3      # a few seconds per reader (scripts/test.sh)
#   bash scripts/fuzz.sh --inputs 100000 --reader link --seed 7
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --locked --quiet --profile fuzz --example fuzz
status=0
target/fuzz/examples/fuzz "$@" || status=1
if [[ -f dist-api/ratecard-api.js ]] && [[ " $* " != *" --reader "* ]]; then
  node tests/js/fuzz.mjs "$@" || status=1
fi
exit "$status"
