#!/usr/bin/env bash
# Runs every fuzz target with libFuzzer (clang) for SECONDS each (default 120), growing the
# corpus in build/fuzz/corpus, then merges what is new into the small corpus kept under
# tests/fuzz/corpus (replayed by the normal test suite). Prints executions, findings and the
# seconds at which edge coverage and features last grew: a target has plateaued when its edge
# coverage stopped growing well before the end.
#   bash tests/fuzz/run.sh [SECONDS] [TARGET...]
# FUZZ_TIMEOUT (seconds, default 10) is the time one input may take before it counts as a
# timeout: raise it when the fuzzer may be paused (kill -STOP) while something is measured.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-120}
shift || true
targets=${*:-csv scheme roster manifest pipeline split xlsx xml people}
command -v clang++ >/dev/null || { apt-get update -qq && apt-get install -y -qq clang libclang-rt-14-dev >/dev/null; }
cmake --preset fuzz >/dev/null && cmake --build --preset fuzz >/dev/null
for t in $targets; do
  work=build/fuzz/corpus/$t
  rm -rf build/fuzz/crashes/$t
  mkdir -p "$work" build/fuzz/crashes/$t
  cp -n tests/fuzz/corpus/$t/* "$work"/ 2>/dev/null || true
  log=build/fuzz/$t.log
  set +e
  build/fuzz/tests/fuzz/fuzz_$t -max_total_time="$seconds" -max_len=4096 -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix=build/fuzz/crashes/$t/ "$work" 2>&1 |
    { start=$SECONDS; while IFS= read -r line; do printf '%s %s\n' $((SECONDS - start)) "$line"; done; } >"$log"
  status=${PIPESTATUS[0]}
  set -e
  execs=$(grep -o "stat::number_of_executed_units: [0-9]*" "$log" | awk "{print \$2}" || true)
  cov=$(grep -oE "cov: [0-9]+" "$log" | tail -1 || true)
  # Coverage once the corpus so far has been run (INITED), against the end: what this run added.
  init=$(grep -E "INITED" "$log" | grep -oE "cov: [0-9]+" | head -1 | awk "{print \$2}" || true)
  found=$(ls build/fuzz/crashes/$t | wc -l)
  # The last line saying NEW (new coverage or features) carries the second it was found at.
  last=$(grep -E "^[0-9]+ #[0-9]+[[:space:]]+NEW" "$log" | tail -1 | cut -d" " -f1 || true)
  # The second the edge count (cov) last grew after INITED: features (ft) keep creeping up
  # long after the code reached stops growing, so a plateau is judged by this one.
  edge=$(awk '/INITED/ {on = 1} on && match($0, /cov: [0-9]+/) {c = substr($0, RSTART + 5, RLENGTH - 5) + 0; if (c > max) {if (max) t = $1; max = c}} END {print t + 0}' "$log")
  echo "fuzz_$t: ${seconds}s, ${execs:-?} runs, cov ${init:-?} at start, ${cov:-cov ?} at end, last new coverage (edges) at ${edge}s, last new feature at ${last:-?}s, exit $status, $found crash/timeout files"
  # Keep the kept corpus small: named files (hand-written seeds, crash regressions) always
  # stay; of the inputs named by their hash, old and new, only a set that adds coverage to
  # them is kept (libFuzzer's merge).
  fresh=build/fuzz/minimal/$t hashed=build/fuzz/hashed/$t
  rm -rf "$fresh" "$hashed" && mkdir -p "$fresh" "$hashed"
  find tests/fuzz/corpus/$t -type f ! -regex '.*/[0-9a-f]\{40\}' -exec cp {} "$fresh"/ \;
  find tests/fuzz/corpus/$t -type f -regex '.*/[0-9a-f]\{40\}' -exec cp {} "$hashed"/ \;
  before=$(ls tests/fuzz/corpus/$t | wc -l)
  # An input that fails during the merge is written under build/, never into the checkout.
  if build/fuzz/tests/fuzz/fuzz_$t -merge=1 -max_len=4096 -artifact_prefix=build/fuzz/crashes/$t/ \
    "$fresh" "$hashed" "$work" >build/fuzz/$t-merge.log 2>&1; then
    rm -rf tests/fuzz/corpus/$t && mv "$fresh" tests/fuzz/corpus/$t
  else
    echo "  merge failed (build/fuzz/$t-merge.log): kept corpus left as it was"
  fi
  echo "  kept corpus: $before files before, $(ls tests/fuzz/corpus/$t | wc -l) after"
done
