#!/usr/bin/env bash
# Issue 26: a full disk and a read-only file system each get their own message, exit 1, leave
# an existing output as it was and no temporary file. Needs to mount a small tmpfs (root);
# skipped (status 77) where that is not allowed.
#   disk_full.sh XINGJI XINGJI-GEN WORKDIR
set -euo pipefail
xingji=$1 gen=$2 work=$3
mnt=$work/mnt
cleanup() { umount "$mnt" 2>/dev/null || true; }
trap cleanup EXIT
cleanup
rm -rf "$work" && mkdir -p "$mnt"
if ! mount -t tmpfs -o size=256k tmpfs "$mnt" 2>/dev/null; then
  echo "skipped: cannot mount a tmpfs here (needs root)"
  exit 77
fi
fail() { echo "FAIL: $*" >&2; exit 1; }
# A score CSV of about 700 KB: more than the 256 KB the file system holds.
"$gen" "$work/a" --villages 10000 --alliances 100 --indicators 10 >/dev/null
printf 'the old file\n' >"$mnt/result.csv"

status=0 && "$xingji" score "$work/a" --format csv -o "$mnt/result.csv" 2>"$work/err" || status=$?
[ "$status" -eq 1 ] || fail "a full disk gave status $status"
grep -q "result.csv: error: cannot write the file: the disk is full" "$work/err" || fail "full disk: $(cat "$work/err")"
[ "$(cat "$mnt/result.csv")" = "the old file" ] || fail "a full disk changed the old file"
[ -z "$(find "$mnt" -name '.result.csv.xingji-*')" ] || fail "a full disk left a temporary file"

mount -o remount,ro "$mnt"
status=0 && "$xingji" score "$work/a" --format csv -o "$mnt/result.csv" 2>"$work/err" || status=$?
[ "$status" -eq 1 ] || fail "a read-only file system gave status $status"
grep -q "is on a read-only file system; write elsewhere" "$work/err" || fail "read-only: $(cat "$work/err")"
[ "$(cat "$mnt/result.csv")" = "the old file" ] || fail "a read-only file system changed the old file"
echo "ok: full disk and read-only file system refused with their own messages"
