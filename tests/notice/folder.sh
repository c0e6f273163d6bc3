#!/usr/bin/env bash
# `notice -o DIR`: a file per unit of the kind, named by its id, each holding that unit's name
# and no other unit's; an index linking every file; `-o FILE.md` one file of them all; a
# second run over the folder replaces the files whole.
#   folder.sh XINGJI SOURCE_DIR WORK_DIR
set -euo pipefail
xingji=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src"
fail() { echo "FAIL: $*" >&2; exit 1; }
ex=examples/chunan
"$xingji" notice $ex -o "$work/notices"
ids=$(tail -n +2 $ex/villages.csv | cut -d, -f1)
count=0
for id in $ids; do
  count=$((count + 1))
  f="$work/notices/$id.html"
  [ -f "$f" ] || fail "no notice $f"
  name=$(grep "^$id," $ex/villages.csv | cut -d, -f2)
  grep -q "<td>$name</td>" "$f" || fail "$f does not name $name"
  grep -q "考评结果告知单" "$f" || fail "$f has no title"
  grep -q "href=\"$id.html\">$name<" "$work/notices/index.html" || fail "the index does not link $id.html"
done
[ "$(ls "$work/notices" | wc -l)" -eq $((count + 1)) ] || fail "expected $count notices and the index in $work/notices"
# Markdown, one file: every village once, as a title each.
"$xingji" notice $ex -o "$work/all.md"
[ "$(grep -c '^# 考评结果告知单$' "$work/all.md")" -eq "$count" ] || fail "all.md should hold $count notices"
# Named units only, by id and by name.
"$xingji" notice $ex xiajiang 坪坑村 -o "$work/two" --format md
[ "$(ls "$work/two" | sort | tr '\n' ' ')" = "index.md pingkeng.md xiajiang.md " ] || fail "two notices: $(ls "$work/two")"
# A folder whose files the data pattern would read is refused, and not made: its own copy of
# the example whose data entry reads every file of data/, the message suggesting another folder.
cp -r $ex "$work/copy"
sed -i 's#^data: .*#data: [data/*]#' "$work/copy/xingji.yaml"
grep -q '^data: \[data/\*\]$' "$work/copy/xingji.yaml" || fail "the copy's manifest was not changed"
before=$(ls "$work/copy/data")
if "$xingji" notice "$work/copy" -o "$work/copy/data/notices" 2>"$work/err"; then :; else fail "a folder data/notices/ is no data"; fi
if "$xingji" notice "$work/copy" -o "$work/copy/data" 2>"$work/err"; then fail "notices into data/ were not refused"; fi
grep -q "would read as data on the next run. Write the output outside the data folder, e.g. -o $work/copy/data-out$" "$work/err" ||
  fail "unexpected message: $(cat "$work/err")"
rm -rf "$work/copy/data/notices"
[ "$(ls "$work/copy/data")" = "$before" ] || fail "the refused run wrote into data/: $(ls "$work/copy/data")"
if "$xingji" notice "$work/copy" -o "$work/copy/data/../data/new" 2>"$work/err"; then :; else fail "data/new/ is no data"; fi
sed -i 's#^data: .*#data: [data/*, data/*/*]#' "$work/copy/xingji.yaml"
rm -rf "$work/copy/data/new"
if "$xingji" notice "$work/copy" -o "$work/copy/data/new" 2>"$work/err"; then fail "data/new/ is read by data/*/*"; fi
[ ! -e "$work/copy/data/new" ] || fail "the refused run made the folder data/new"
# A village whose id is "index" gets a notice of its own, not the index's place; a unit
# named twice (by id and by name) one page.
cp -r $ex "$work/named"
grep -q '^fengshuling,' "$work/named/villages.csv" || fail "the example has no fengshuling"
sed -i 's/fengshuling/index/g' "$work/named/villages.csv" "$work/named"/data/*.csv
"$xingji" notice "$work/named" -o "$work/named-out"
[ "$(ls "$work/named-out" | wc -l)" -eq $((count + 1)) ] || fail "expected $count notices and the index: $(ls "$work/named-out")"
grep -q 'href="index-2.html">枫树岭村<' "$work/named-out/index.html" || fail "the index does not link index-2.html"
grep -q '<td>枫树岭村</td>' "$work/named-out/index-2.html" || fail "index-2.html is not 枫树岭村's notice"
"$xingji" notice $ex xiajiang 下姜村 -o "$work/once" --format md
[ "$(ls "$work/once" | tr '\n' ' ')" = "index.md xiajiang.md " ] || fail "a unit named twice: $(ls "$work/once")"
[ "$(grep -c '^# 考评结果告知单$' "$work/once/xiajiang.md")" -eq 1 ] || fail "a unit named twice has two pages"
echo "notices: $count files and an index, checked; folders in the data refused, and not made; an id 'index' and a unit named twice"
