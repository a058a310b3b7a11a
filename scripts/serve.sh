#!/usr/bin/env bash
# Serves the widget with the embedded rate cards at http://127.0.0.1:8080 (release build),
# installing the tools it needs first (scripts/setup-web.sh). Extra arguments go to `trunk serve`.
#
# `trunk serve` adds its live-reload script to the page, so it serves from target/serve/, never
# from dist/: a dist/ to deploy is written only by scripts/build.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup-web.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# The widget builds in its own target dir, so it never waits on the native build's lock.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/web}"
# The JS API bundle, which the widget loads on demand for Import and Export, is built first and
# copied in by Trunk (www/index.html). `trunk serve` rebuilds only the widget on a change; run
# this script again after changing src/js.rs or src/share/export.rs.
CARGO_TARGET_DIR=target/api bash scripts/build-api.sh
exec trunk serve --release --dist target/serve --serve-base / "$@"
