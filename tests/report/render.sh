#!/usr/bin/env bash
# The HTML report as printed: headless Chromium prints `report --format html` of each example
# to PDF on A4; the text of the PDF (pdftotext) holds the title and every unit's name (the
# examples are small enough to list them all). Skipped (77) where Chromium or poppler-utils is
# not installed, unless XINGJI_REQUIRE_BROWSER is set (CI sets it and installs both).
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
for example in chunan tiantai; do
  ex=examples/$example
  "$xingji" report $ex --format html -o "$work/$example.html"
  grep -q "<script" "$work/$example.html" && fail "$example: the report has a script"
  grep -Eq "(src|href)=\"https?:" "$work/$example.html" && fail "$example: the report loads from the network"
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$work/profile" --print-to-pdf="$work/$example.pdf" "file://$work/$example.html" 2>/dev/null
  size=$(pdfinfo "$work/$example.pdf" | awk '/^Page size:/ {print int($3) "x" int($5)}')
  [ "$size" = "594x841" ] || [ "$size" = "595x841" ] || [ "$size" = "595x842" ] || fail "pages are $size pt, not A4"
  pdftotext "$work/$example.pdf" "$work/$example.txt"
  title=$(sed -n 's|.*<title>\(.*\)</title>.*|\1|p' "$work/$example.html" | head -1)
  grep -qF "$title" "$work/$example.txt" || fail "$example: the title $title is not printed"
  # Every unit's name (villages and alliances), from the score CSV.
  "$xingji" score $ex --format csv | tail -n +2 | cut -d, -f4 >"$work/$example.names"
  [ -s "$work/$example.names" ] || fail "$example: no units"
  while read -r name; do
    grep -qF "$name" "$work/$example.txt" || fail "$example: $name is not in the printed report"
  done <"$work/$example.names"
  echo "$example: $(grep -c "" "$work/$example.names") units named"
  pages=$(pdfinfo "$work/$example.pdf" | awk '/^Pages:/ {print $2}')
  echo "$example: $pages A4 pages, the title and every unit named"
done
