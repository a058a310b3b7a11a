#!/usr/bin/env bash
# The widget's test command:
#   1. component tests (tests/web.rs) with wasm-bindgen-test in headless Chromium;
#   2. the release build (trunk build --release), served on 127.0.0.1, under the Playwright
#      end-to-end suite (node --test e2e/), which checks every total against `ratecard quote --json`
#      and saves screenshots to screenshots/;
#   3. the performance report: brotli size of wasm + JS + CSS (the catalog is inside the wasm)
#      against issue 3's 120 KB budget and the ceiling in www/size-ceiling-kb, start-up time and
#      recompute time.
# Exits non-zero if any step fails or the size is above the ceiling.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup-web.sh --test || exit 1
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
WEB_TARGET="${RATECARD_WEB_TARGET_DIR:-target/web}"
# Issue 3's budget is 120 KB. The widget is not under it yet (README, "Measured"), so the run
# fails above a ceiling just over today's size, kept in www/size-ceiling-kb: a ratchet that is
# lowered as the size comes down, so the size can never grow unnoticed.
BUDGET=$(( 120 * 1024 ))
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
  total=0
  later=0
  for f in dist/*.wasm dist/*.js dist/*.css; do
    size=$(brotli -c -q 11 "$f" | wc -c)
    case "$(basename "$f")" in
      ratecard-api*) later=$((later + size)); what="(on demand)" ;;
      *) total=$((total + size)); what="" ;;
    esac
    printf '  %-48s %8d B raw %8d B brotli %s\n' "$(basename "$f")" "$(stat -c %s "$f")" "$size" "$what"
  done
  printf 'size (brotli, wasm + JS + CSS + embedded catalog): %d B = %.1f KB (budget %d KB, ceiling %d KB)\n' \
    "$total" "$(awk "BEGIN{print $total/1024}")" $((BUDGET / 1024)) $((CEILING / 1024))
  printf 'on demand (brotli): the JS API bundle for Import, Export and host cards, %d B = %.1f KB, loaded on first use\n' \
    "$later" "$(awk "BEGIN{print $later/1024}")"
  if (( total > BUDGET )); then
    echo "size: over issue 3's 120 KB budget by $(( (total - BUDGET) / 1024 )) KB (not yet met; see README)"
  fi
  if (( total > CEILING )); then
    echo "size: ABOVE THE CEILING by $((total - CEILING)) B: the widget grew"
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
