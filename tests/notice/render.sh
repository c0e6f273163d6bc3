#!/usr/bin/env bash
# The notices as printed: headless Chromium prints `notice -o FILE.html` of an example to PDF;
# each village's notice is one A4 page, and the text of the PDF (pdftotext) holds the title
# on every page and every village's name. Skipped (77) where Chromium or poppler-utils is not
# installed, unless XINGJI_REQUIRE_BROWSER is set (CI sets it and installs both).
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
ex=examples/chunan
"$xingji" notice $ex -o "$work/notices.html"
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$work/profile" \
  --print-to-pdf="$work/notices.pdf" "file://$work/notices.html" 2>/dev/null
villages=$(($(grep -c "" $ex/villages.csv) - 1))
pages=$(pdfinfo "$work/notices.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" -eq "$villages" ] || fail "$villages notices printed on $pages pages (one page each expected)"
size=$(pdfinfo "$work/notices.pdf" | awk '/^Page size:/ {print int($3) "x" int($5)}')
[ "$size" = "594x841" ] || [ "$size" = "595x841" ] || [ "$size" = "595x842" ] || fail "pages are $size pt, not A4"
for page in $(seq "$pages"); do
  pdftotext -f "$page" -l "$page" "$work/notices.pdf" - | grep -q "考评结果告知单" || fail "page $page has no title"
done
pdftotext "$work/notices.pdf" "$work/notices.txt"
for name in $(tail -n +2 $ex/villages.csv | cut -d, -f2); do
  grep -q "$name" "$work/notices.txt" || fail "$name is not in the printed notices"
done
# Notices that run onto a second page (the members' ledgers by month): the line for the stamp
# never stands alone on a page; it keeps the last section with it.
"$xingji" notice examples/yancheng --level member -o "$work/members.html"
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$work/profile" \
  --print-to-pdf="$work/members.pdf" "file://$work/members.html" 2>/dev/null
member_pages=$(pdfinfo "$work/members.pdf" | awk '/^Pages:/ {print $2}')
signs=0
for page in $(seq "$member_pages"); do
  text=$(pdftotext -f "$page" -l "$page" "$work/members.pdf" -)
  grep -q "考评单位（盖章）" <<<"$text" || continue
  signs=$((signs + 1))
  rest=$(grep -v -e "考评单位（盖章）" -e "年.*月.*日" -e '^[[:space:]]*$' <<<"$text" | wc -l)
  [ "$rest" -ge 2 ] || fail "page $page of the members' notices holds the stamp line alone"
done
members=$(($(grep -c "" examples/yancheng/members.csv) - 1))
[ "$signs" -eq "$members" ] || fail "$signs stamp lines for $members members"
echo "notices: $pages A4 pages, every village named; $members members' notices on $member_pages pages, no stamp alone"
