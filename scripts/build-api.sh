#!/usr/bin/env bash
# Builds the JavaScript API bundle (src/js.rs, types in www/ratecard.d.ts) into dist-api/:
# ratecard-api.js and ratecard-api_bg.wasm, an ES module with quote, projectYear, catalog,
# estimateTokens, loadCatalog, encodeLink, decodeLink, and for the widget's on-demand work
# importEstimate, exportQuote and packCatalog.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-web.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
dir="${CARGO_TARGET_DIR:-target/api}"
# The library alone, as a cdylib, so that its #[wasm_bindgen] exports are the module's exports.
CARGO_TARGET_DIR="$dir" cargo rustc --release --target wasm32-unknown-unknown --features js-api --lib --crate-type cdylib
rm -rf dist-api && mkdir -p dist-api
wasm-bindgen --target web --no-typescript --out-name ratecard-api --out-dir dist-api "$dir/wasm32-unknown-unknown/release/ratecard.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  dist-api/ratecard-api_bg.wasm -o dist-api/ratecard-api_bg.wasm
cp www/ratecard.d.ts dist-api/ratecard-api.d.ts
# An npm package: `npm install ./dist-api` (or the tarball `npm pack dist-api` writes), then
# `import { quote } from "ratecard-api"`. In Node the package's `node` entry starts the module
# from the file beside it; browsers and bundlers call the default export `init()` first, which
# fetches ratecard-api_bg.wasm beside the module (bundlers follow `new URL(..., import.meta.url)`).
cp www/ratecard-api-node.js dist-api/node.js
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
cat > dist-api/package.json <<JSON
{
  "name": "ratecard-api",
  "version": "$version",
  "description": "Exact pricing of AI model API estimates against Ratecard's rate cards (WebAssembly).",
  "license": "MIT",
  "type": "module",
  "types": "./ratecard-api.d.ts",
  "exports": {
    ".": {
      "types": "./ratecard-api.d.ts",
      "node": "./node.js",
      "default": "./ratecard-api.js"
    },
    "./ratecard-api_bg.wasm": "./ratecard-api_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": ["ratecard-api.js", "ratecard-api_bg.wasm", "ratecard-api.d.ts", "node.js", "snippets"],
  "sideEffects": ["./node.js"],
  "engines": { "node": ">=20" }
}
JSON
printf 'dist-api: %s B brotli wasm\n' "$(brotli -c -q 11 dist-api/ratecard-api_bg.wasm | wc -c)"
