#!/usr/bin/env bash
# Serves the widget with the embedded rate cards at http://127.0.0.1:8080 (release build),
# installing the tools it needs first (scripts/setup-web.sh). Extra arguments go to `trunk serve`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup-web.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# The widget builds in its own target dir, so it never waits on the native build's lock.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/web}"
exec trunk serve --release "$@"
