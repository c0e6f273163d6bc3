#!/usr/bin/env bash
# `history --format html` as printed: headless Chromium prints the history of chunan (three
# years, a village that sent nothing in 2022), tiantai's villages and alliances, and one
# village, to PDF on A4; the text of the PDF (pdftotext) holds the title and every unit's
# name. Skipped (77) where Chromium or poppler-utils is not installed, unless
# XINGJI_REQUIRE_BROWSER is set (CI sets it and installs both).
#   render.sh XINGJI SOURCE_DIR WORK_DIR
set -euo pipefail
xingji=$1 src=$2 work=$3
if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null; then
  [ -n "${XINGJI_REQUIRE_BROWSER:-}" ] && { echo "FAIL: chromium or pdftotext is not installed" >&2; exit 1; }
  echo "chromium or pdftotext missing: skipped"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
cd "$src"
fail() { echo "FAIL: $*" >&2; exit 1; }
# check NAME ARGS...: prints `history ARGS --format html` and checks what the paper shows.
check() {
  local name=$1
  shift
  "$xingji" history "$@" --format html -o "$work/$name.html"
  grep -q "<script" "$work/$name.html" && fail "$name: the page has a script"
  grep -Eq "(src|href)=\"https?:" "$work/$name.html" && fail "$name: the page loads from the network"
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$work/profile" --print-to-pdf="$work/$name.pdf" "file://$work/$name.html" 2>/dev/null
  size=$(pdfinfo "$work/$name.pdf" | awk '/^Page size:/ {print int($3) "x" int($5)}')
  [ "$size" = "594x841" ] || [ "$size" = "595x841" ] || [ "$size" = "595x842" ] || fail "$name: pages are $size pt, not A4"
  pdftotext "$work/$name.pdf" "$work/$name.txt"
  # The title as printed: pdftotext may break it where the page wraps it, so spaces are ignored.
  title=$(sed -n 's|.*<title>\(.*\)</title>.*|\1|p' "$work/$name.html" | head -1 | tr -d ' ')
  tr -d ' \n' <"$work/$name.txt" | grep -qF "$title" || fail "$name: the title $title is not printed"
  # Every unit's name, from the CSV of the same history.
  "$xingji" history "$@" --format csv | tail -n +2 | cut -d, -f2 | sort -u >"$work/$name.names"
  [ -s "$work/$name.names" ] || fail "$name: no units"
  while read -r unit; do
    grep -qF "$unit" "$work/$name.txt" || fail "$name: $unit is not in the printed history"
  done <"$work/$name.names"
  grep -qF "未报送" "$work/$name.html" && { grep -qF "未报送" "$work/$name.txt" || fail "$name: 未报送 is not printed"; }
  pages=$(pdfinfo "$work/$name.pdf" | awk '/^Pages:/ {print $2}')
  echo "$name: $pages A4 pages, the title and all $(grep -c "" "$work/$name.names") units named"
}
check chunan examples/chunan
check tiantai examples/tiantai
check tiantai-alliances examples/tiantai --level alliance
check pingkeng examples/chunan 坪坑村
