#!/usr/bin/env bash
# Builds the widget's wasm the way Trunk ships it (release, wasm-bindgen, wasm-opt -Oz) and prints
# its raw and brotli sizes, without serving anything. For size work: `bash scripts/size.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
dir="${RATECARD_SIZE_TARGET_DIR:-target/size}"
out="$dir/size-out"
CARGO_TARGET_DIR="$dir" cargo build --quiet --release --target wasm32-unknown-unknown --bin ratecard-web "$@"
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" "$dir/wasm32-unknown-unknown/release/ratecard-web.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  "$out/ratecard-web_bg.wasm" -o "$out/opt.wasm"
raw=$(stat -c %s "$out/opt.wasm")
br=$(brotli -c -q 11 "$out/opt.wasm" | wc -c)
printf 'wasm after wasm-opt -Oz: %d B raw, %d B brotli (%.1f KB)\n' "$raw" "$br" "$(awk "BEGIN{print $br/1024}")"
