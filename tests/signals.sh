#!/usr/bin/env bash
# Issue 26: a run stopped by SIGINT or SIGTERM at any moment, also while it writes `-o FILE`,
# leaves FILE as it was or complete, and no temporary file beside it.
#   signals.sh XINGJI XINGJI-GEN WORKDIR
set -euo pipefail
# Job control on: a background job of a script otherwise starts with SIGINT ignored (POSIX),
# and xingji, like GNU tools, leaves an ignored signal ignored.
set -m
xingji=$1 gen=$2 work=$3
rm -rf "$work" && mkdir -p "$work/out"
# An assessment whose score CSV takes long enough to write (about 7 MB) to be caught at it.
"$gen" "$work/a" --villages 100000 --alliances 1000 --indicators 40 >/dev/null
"$xingji" score "$work/a" --format csv -o "$work/complete.csv"
target=$work/out/result.csv
fail() { echo "FAIL: $*" >&2; exit 1; }

# Checks what a stopped run left: the old file or the complete new one, and nothing else.
check() {
  local what=$1
  if ! cmp -s "$target" "$work/old.csv" && ! cmp -s "$target" "$work/complete.csv"; then
    fail "$what: $target is neither the old file nor the complete new one"
  fi
  local left
  left=$(find "$work/out" -name '.result.csv.xingji-*' | wc -l)
  [ "$left" -eq 0 ] || fail "$what: left $left temporary file(s): $(ls -a "$work/out")"
}

caught=0
for sig in INT TERM HUP; do
  # Stopped at set moments, from while it reads to after it is done.
  for delay in 0.05 0.15 0.3 0.5 1.5; do
    printf 'the old file\n' >"$target" && cp "$target" "$work/old.csv"
    "$xingji" score "$work/a" --format csv -o "$target" &
    pid=$!
    sleep "$delay"
    kill -s "$sig" "$pid" 2>/dev/null || true
    status=0 && wait "$pid" || status=$?
    check "SIG$sig after ${delay}s (status $status)"
  done
  # Stopped while it writes: as soon as its temporary file appears.
  printf 'the old file\n' >"$target" && cp "$target" "$work/old.csv"
  "$xingji" score "$work/a" --format csv -o "$target" &
  pid=$!
  for _ in $(seq 2000); do
    if [ -n "$(find "$work/out" -name '.result.csv.xingji-*' -print -quit)" ]; then
      kill -s "$sig" "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.002
  done
  status=0 && wait "$pid" || status=$?
  check "SIG$sig while writing (status $status)"
  # The shell sees the run end by the signal (128 + its number), not as a success.
  if [ "$status" -gt 128 ]; then
    caught=$((caught + 1))
    [ "$status" -eq $((128 + $(kill -l "$sig"))) ] || fail "SIG$sig while writing ended with status $status"
  fi
done
# At least one run must have been caught writing, or the test proved nothing.
[ "$caught" -gt 0 ] || fail "no run was stopped while writing its temporary file"
echo "ok: $caught of 3 runs stopped while writing; the old file or the complete one each time, no temporary file"
