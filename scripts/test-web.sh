#!/usr/bin/env bash
# The widget's test command:
#   1. component tests (tests/web.rs) with wasm-bindgen-test in headless Chromium;
#   2. the release build (trunk build --release), served on 127.0.0.1, under the Playwright
#      end-to-end suite (node --test e2e/), which checks every total against `ratecard quote --json`
#      and saves screenshots to screenshots/;
#   3. the performance report: the first load's brotli size (wasm + JS + CSS, the catalog inside
#      the wasm) against the 150 KB budget and the ceiling in www/size-ceiling-kb, the on-demand
#      parts apart, start-up time and recompute time.
# Exits non-zero if any step fails or the size is above the ceiling.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup-web.sh --test || exit 1
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
WEB_TARGET="${RATECARD_WEB_TARGET_DIR:-target/web}"
# The first load's budget is 150 KB (issue 12). The widget is not under it yet (README,
# "Measured"), so the run fails above a ceiling just over today's size, kept in
# www/size-ceiling-kb: a ratchet that is lowered as the size comes down, so the first load can
# never grow unnoticed.
BUDGET=$(( 150 * 1024 ))
CEILING=$(( $(tr -dc 0-9 < www/size-ceiling-kb) * 1024 ))
failed=()

echo "== 1/3 component tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" CARGO_TARGET_DIR="$WEB_TARGET" \
  cargo test --target wasm32-unknown-unknown --test web || failed+=("component tests")

echo "== 2/3 release build and end-to-end tests"
# e2e/api.test.mjs calls the JS API bundle in a page, and the widget loads it for Import and
# Export (Trunk copies it into dist/); scripts/test.sh has just built it.
[[ -f dist-api/ratecard-api.js ]] || bash scripts/build-api.sh || failed+=("JS API bundle")
if CARGO_TARGET_DIR="$WEB_TARGET" trunk build --release && cargo build --bin ratecard; then
  node --test --test-concurrency=1 e2e/ || failed+=("end-to-end tests")
else
  failed+=("release build")
fi

echo "== 3/3 performance report"
if compgen -G "dist/*.wasm" >/dev/null; then
  br() { brotli -c -q 11 "$1" | wc -c; }
  # The first load is what the browser fetches before the first priced total: the wasm (with the
  # catalog inside), its JS glue and snippets, the stylesheet, and the start-up script: the page's
  # ratecard-boot.js, or an embedding host's ratecard-embed.js (the larger counts). The JS API
  # bundle loads on demand; frame.js and frame.css only on the iframe page. Each is reported apart.
  common=0
  # The main module's loader of on-demand chunks (__wasm_split.js, scripts/split.mjs) is imported
  # by the glue, so it is part of the first load; the chunks (split_*.wasm, and chunk_*.wasm for
  # code two of them share) are not.
  for f in dist/ratecard-web_bg.wasm dist/ratecard-web.js dist/__wasm_split.js dist/ratecard.css $(find dist/snippets -name '*.js' 2>/dev/null); do
    size=$(br "$f"); common=$((common + size))
    printf '  %-48s %8d B raw %8d B brotli\n' "${f#dist/}" "$(stat -c %s "$f")" "$size"
  done
  boot=$(br dist/ratecard-boot.js); embed=$(br dist/ratecard-embed.js)
  printf '  %-48s %8d B raw %8d B brotli (the page)\n' ratecard-boot.js "$(stat -c %s dist/ratecard-boot.js)" "$boot"
  printf '  %-48s %8d B raw %8d B brotli (an embedding host)\n' ratecard-embed.js "$(stat -c %s dist/ratecard-embed.js)" "$embed"
  total=$((common + (boot > embed ? boot : embed)))
  later=0
  for f in dist/ratecard-api*; do later=$((later + $(br "$f"))); done
  frame=0
  for f in dist/frame.js dist/frame.css dist/frame.html; do frame=$((frame + $(br "$f"))); done
  printf 'first load (brotli, wasm + JS + CSS, catalog inside): %d B = %.1f KB (page %d B, element %d B; budget %d KB, ceiling %d KB)\n' \
    "$total" "$(awk "BEGIN{print $total/1024}")" $((common + boot)) $((common + embed)) $((BUDGET / 1024)) $((CEILING / 1024))
  printf 'on demand (brotli): the JS API bundle for Import, Export and host cards, %d B = %.1f KB, loaded on first use\n' \
    "$later" "$(awk "BEGIN{print $later/1024}")"
  for f in dist/split_*.wasm dist/chunk_*.wasm; do
    [[ -e "$f" ]] && printf 'on demand (brotli): %s, %d B, fetched when its part is first drawn\n' "${f#dist/}" "$(br "$f")"
  done
  printf 'iframe page only (brotli): frame.html, frame.js, frame.css, %d B\n' "$frame"
  if (( total > BUDGET )); then
    echo "size: the first load is over the $((BUDGET / 1024)) KB budget by $(( (total - BUDGET) / 1024 )) KB (see README)"
  fi
  if (( total > CEILING )); then
    echo "size: ABOVE THE CEILING by $((total - CEILING)) B: the first load grew"
    failed+=("size ceiling")
  fi
  node e2e/perf.mjs || failed+=("performance report")
else
  failed+=("performance report (no dist/)")
fi

if (( ${#failed[@]} )); then
  echo "test-web: FAILED: ${failed[*]}"
  exit 1
fi
echo "test-web: all passed"
