#!/usr/bin/env bash
# Writes a deployable dist/: the release build of the widget (page, embed script, iframe page,
# examples) with the JS API bundle beside it, and no development script in it. It works from any
# path prefix and under the strict Content-Security-Policy in the README. Also writes dist-api/,
# the JS API as an npm package (`npm install ./dist-api`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup-web.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
CARGO_TARGET_DIR="${RATECARD_API_TARGET_DIR:-target/api}" bash scripts/build-api.sh
CARGO_TARGET_DIR="${RATECARD_WEB_TARGET_DIR:-target/web}" trunk build --release
if grep -rlq "__trunk_address__\|/.well-known/trunk" dist/; then
  echo "build: dist/ holds Trunk's live-reload script" >&2
  exit 1
fi
echo "build: dist/ is ready to deploy ($(du -sh dist | cut -f1)); dist-api/ is the npm package"
