#!/usr/bin/env bash
# Installs what the widget needs to build and serve, skipping whatever is already there at the
# pinned version: the wasm32 target, Trunk, wasm-bindgen-cli, wasm-split-cli and the npm tools (wasm-opt from
# binaryen, playwright-core). With --test it also makes sure Chromium and chromedriver are there
# (Debian packages) for the component and end-to-end tests. Safe to re-run.
#
# Source it or run it; scripts/serve.sh and scripts/test-web.sh call it first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

has() { command -v "$1" >/dev/null 2>&1; }
say() { echo "setup-web: $*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! has trunk || [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# Not --locked: wasm-bindgen-cli's own lock file pins crates that no longer build on this toolchain.
if ! has wasm-bindgen || [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]] \
  || ! has wasm-bindgen-test-runner; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-split (scripts/split.mjs): cuts the widget's `#[lazy]` parts into on-demand chunks.
WASM_SPLIT_VERSION=0.2.4
if ! has wasm-split-cli || ! grep -qs "wasm_split_cli_support $WASM_SPLIT_VERSION" "$HOME/.cargo/.crates.toml"; then
  say "installing wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

apt_install() {
  if [[ -z "${RATECARD_APT_UPDATED:-}" ]]; then
    apt-get update -qq
    export RATECARD_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

if ! has node || ! has npm || (( $(node -p 'process.versions.node.split(".")[0]') < 20 )); then
  say "installing Node.js and npm"
  apt_install nodejs npm
fi

# npm ls fails when a package in package-lock.json is missing or at another version.
if ! npm ls --depth=0 >/dev/null 2>&1 || [[ ! -x node_modules/.bin/wasm-opt ]]; then
  say "installing the npm tools (npm ci)"
  npm ci --no-audit --no-fund
fi

if [[ "${1:-}" == "--test" ]]; then
  if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
    say "installing chromium and chromedriver"
    apt_install chromium chromium-driver
  fi
  if ! has brotli; then
    say "installing brotli"
    apt_install brotli
  fi
  # A CJK font, so that the Chinese screenshots show characters rather than boxes. The tests read
  # text, not pixels, so a machine without it still passes.
  if has fc-list && [[ -z "$(fc-list :lang=zh family 2>/dev/null)" ]]; then
    say "installing a CJK font for the screenshots"
    apt_install fonts-wqy-microhei || say "no CJK font: Chinese screenshots will show boxes"
  fi
fi
