#!/usr/bin/env bash
# Bulk report: how fast `ratecard quote` prices large estimates, and in how much memory.
# A report, not a test: it prints figures and never fails on them.
#
#   bash scripts/bulk.sh            # 100,000 and 1,000,000 lines
#   RATECARD_BULK_SIZES="100000" bash scripts/bulk.sh
#
# It builds the CLI with the speed profile (`cargo build --profile cli`), writes estimates of
# tiered GLM-5 lines (TokenHub, cached tokens, input lengths on both sides of 32k) into
# target/bulk/, deterministically, and runs `quote --json` and `quote --jsonl` on each with GNU
# time (and `--totals`, which prints only the totals), printing lines per second for the whole process, the wall time and the peak resident set.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if [ ! -x /usr/bin/time ]; then
  (apt-get install -y time >/dev/null 2>&1 || sudo apt-get install -y time >/dev/null 2>&1) || true
fi
if ! cargo build --locked --quiet --profile cli --bin ratecard; then
  echo "bulk: the CLI did not build; no figures" >&2
  exit 0
fi
bin=target/cli/ratecard
dir=target/bulk
mkdir -p "$dir"

# One estimate of N lines: requests 1..97, input 20,000 or 40,000 tokens (both sides of 32k),
# 5,000 of them cached, 800 output, the free trial off. With TRIAL=1 the first line keeps its
# trial, so month 1 draws on it and the year is priced month by month until it expires (month 4).
make_estimate() {
  local n=$1 out=$2 keep=$3
  [ -s "$out" ] && return
  awk -v n="$n" -v keep="$keep" 'BEGIN {
    printf "{\"version\":1,\"lines\":[\n";
    for (i = 0; i < n; i++) {
      input = (i % 2 == 0) ? 40000 : 20000;
      trial = (i == 0 && keep == 1) ? "" : ",\"free_trial\":false";
      printf "%s{\"provider\":\"tencent-tokenhub\",\"model\":\"GLM-5\",\"requests\":%d,\"input_tokens\":%d,\"cached_tokens\":5000,\"output_tokens\":800%s}\n", (i ? "," : ""), i % 97 + 1, input, trial;
    }
    printf "]}\n";
  }' > "$out"
}

sizes=${RATECARD_BULK_SIZES:-"100000 1000000"}
# lines/s is for the whole process on the wall clock; "cpu s" (user + system) is steadier on a
# shared machine.
printf '%-10s %-6s %-8s %12s %10s %8s %12s %10s\n' lines trial output lines/s seconds "cpu s" "peak RSS" "MB out"
for n in $sizes; do
 for keep in 0 1; do
  # The trial case only at the smallest size: it shows the cost of the month-by-month year.
  [ "$keep" = 1 ] && [ "$n" != "${sizes%% *}" ] && continue
  file="$dir/glm5-$n-trial$keep.json"
  make_estimate "$n" "$file" "$keep"
  for flag in --json --jsonl --totals; do
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f '%e %M %U %S' -o "$dir/time.txt" "$bin" quote "$flag" "$file" > "$dir/out.txt" 2> "$dir/err.txt"
      status=$?
      read -r secs kb user sys < <(tail -n 1 "$dir/time.txt")
      cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    else
      start=$(date +%s.%N)
      "$bin" quote "$flag" "$file" > "$dir/out.txt" 2> "$dir/err.txt"
      status=$?
      secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
      kb=0
      cpu=0
    fi
    if [ "$status" -ne 0 ]; then
      echo "bulk: $n lines $flag failed: $(head -c 300 "$dir/err.txt")"
      continue
    fi
    mb_out=$(( $(stat -c %s "$dir/out.txt") / 1000000 ))
    awk -v n="$n" -v t="$([ "$keep" = 1 ] && echo line1 || echo off)" -v f="$flag" -v s="$secs" -v c="$cpu" -v kb="$kb" -v mb="$mb_out" 'BEGIN {
      rate = (s > 0) ? n / s : 0;
      printf "%-10d %-6s %-8s %12.0f %10.2f %8.2f %9.0f MB %10d\n", n, t, f, rate, s, c, kb / 1024, mb;
    }'
  done
 done
done
rm -f "$dir/out.txt"
