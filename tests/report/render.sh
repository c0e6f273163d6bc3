#!/usr/bin/env bash
# The HTML report as printed: headless Chromium prints `report --format html` of each example
# to PDF on A4; the text of the PDF (pdftotext) holds the title and every unit's name (the
# examples are small enough to list them all). Skipped (77) where Chromium or poppler-utils is
# not installed, unless XINGJI_REQUIRE_BROWSER is set (CI sets it and installs both).
# Tiantai's page of charts is compared with a reviewed picture (python3).
#   render.sh XINGJI SOURCE_DIR WORK_DIR
set -euo pipefail
xingji=$1 src=$2 work=$3
if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null || ! command -v python3 >/dev/null; then
  [ -n "${XINGJI_REQUIRE_BROWSER:-}" ] && { echo "FAIL: chromium, pdftotext or python3 is not installed" >&2; exit 1; }
  echo "chromium, pdftotext or python3 missing: skipped"
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
  if [ "$example" = tiantai ]; then
    # Page 2 (星级分布 and 按乡镇汇总 with their charts) as a reviewed picture: 40 dpi, grey,
    # kept in tiantai-page2.pgm.gz; the mean difference of the pixels must stay under 3 %.
    # After a deliberate change: look at the new page, then copy $work/page-2.pgm, gzipped.
    pdftoppm -r 40 -gray -f 2 -l 2 "$work/$example.pdf" "$work/page"
    python3 - "$work/page-2.pgm" "$src/tests/report/tiantai-page2.pgm.gz" <<'PY' || fail "tiantai: page 2 differs from the reviewed picture"
import gzip, sys
def pgm(data):
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace(): at += 1
        end = at
        while not data[end:end + 1].isspace(): end += 1
        fields.append(data[at:end]); at = end
    return int(fields[1]), int(fields[2]), data[at + 1:]
now = pgm(open(sys.argv[1], "rb").read())
ref = pgm(gzip.open(sys.argv[2]).read())
if now[:2] != ref[:2]:
    sys.exit(f"size {now[:2]}, reviewed {ref[:2]}")
diff = sum(abs(a - b) for a, b in zip(now[2], ref[2])) / (255 * len(ref[2]))
print(f"page 2 differs from the reviewed picture by {diff:.2%}")
sys.exit(diff > 0.03)
PY
  fi
  pages=$(pdfinfo "$work/$example.pdf" | awk '/^Pages:/ {print $2}')
  echo "$example: $pages A4 pages, the title and every unit named"
done
