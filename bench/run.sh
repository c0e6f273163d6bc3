#!/usr/bin/env bash
# Benchmarks xingji against its baselines and prints, for each dataset, wall time and peak
# memory of each program and the ratios the targets are stated in. Builds what it needs
# (release preset), installs the Debian packages it needs, generates the datasets.
#
#   bash bench/run.sh            # all datasets (needs ~2 GB of disk in $XINGJI_BENCH_DIR)
#   bash bench/run.sh county     # only some: nation province yaml county history xlsx report people
#   PEOPLE=200000 EVENTS=4000000 bash bench/run.sh people   # a smaller province of members
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${XINGJI_BENCH_DIR:-/tmp/xingji-bench}
mkdir -p "$work"

need=()
command -v /usr/bin/time >/dev/null || need+=(time)
/usr/bin/python3 -c 'import pandas, yaml' 2>/dev/null || need+=(python3-pandas python3-yaml)
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || need+=(python3-openpyxl)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null
bin=$root/build/release
xingji=$bin/cmd/xingji

# measure NAME CMD...: runs CMD, records "seconds KB" in $work/NAME.m (best of $REPEAT runs).
REPEAT=${REPEAT:-3}
measure() {
  local name=$1; shift
  local best=""
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f "%e %M" -o "$work/$name.t" "$@" >/dev/null
    if [ -z "$best" ] || awk -v a="$(cut -d' ' -f1 "$work/$name.t")" -v b="$(cut -d' ' -f1 <<<"$best")" 'BEGIN{exit !(a<b)}'; then
      best=$(cat "$work/$name.t")
    fi
  done
  echo "$best" > "$work/$name.m"
}
# measure_pair A B CMD_A... -- CMD_B...: runs the two commands in turn, REPEAT times each, so
# both meet the same state of a shared machine; records each one's best in $work/A.m and
# $work/B.m, and the median of the rounds' ratios A/B in $work/A-B.ratio.
measure_pair() {
  local a=$1 b=$2 ca=() cb=()
  shift 2
  while [ "$1" != "--" ]; do ca+=("$1"); shift; done
  shift
  cb=("$@")
  : > "$work/$a.all"
  : > "$work/$b.all"
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f "%e %M" -o "$work/$a.t" "${ca[@]}" >/dev/null
    /usr/bin/time -f "%e %M" -o "$work/$b.t" "${cb[@]}" >/dev/null
    cat "$work/$a.t" >> "$work/$a.all"
    cat "$work/$b.t" >> "$work/$b.all"
  done
  sort -n -k1,1 "$work/$a.all" | head -1 > "$work/$a.m"
  sort -n -k1,1 "$work/$b.all" | head -1 > "$work/$b.m"
  paste -d' ' "$work/$a.all" "$work/$b.all" | awk '{printf "%.4f\n", $1 / $3}' | sort -n |
    awk '{r[NR] = $1} END {printf "%.2f", NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2}' > "$work/$a-$b.ratio"
}
secs() { cut -d' ' -f1 "$work/$1.m"; }
mb() { awk '{printf "%.0f", $2/1024}' "$work/$1.m"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
row() { printf "  %-44s %8.3f s %7s MB\n" "$1" "$(secs "$2")" "$(mb "$2")"; }

gen() {  # gen DIR ARGS...: generate once per set of arguments
  local dir=$work/$1; shift
  if [ ! -f "$dir/.args" ] || [ "$(cat "$dir/.args")" != "$*" ]; then
    rm -rf "$dir" && "$bin/bench/xingji-gen" "$dir" "$@" && echo "$*" > "$dir/.args"
  fi
}

sets=${*:-nation province yaml county history xlsx}
echo "xingji benchmark on $(nproc) cores, $(date -u +%Y-%m-%d); best of $REPEAT runs"

if [[ " $sets " == *" nation "* ]]; then
  gen nation --villages 500000 --alliances 5000 --indicators 40 --years 1 --precision 9
  d=$work/nation
  measure_pair nation-xingji nation-floor "$xingji" score "$d" --format csv -o "$work/nation-xingji.csv" -- \
    "$bin/bench/parse_floor" "$d/data/village-2024.csv" "$work/nation-floor.csv"
  REPEAT=1 measure nation-pandas /usr/bin/python3 bench/score_pandas.py "$d" -o "$work/nation-pandas.csv"
  check=$(/usr/bin/python3 bench/score_pandas.py "$d" -o "$work/nation-pandas.csv" --check "$work/nation-xingji.csv")
  echo
  echo "nation: 500,000 villages, 5,000 alliances, 40 indicators, wide CSV ($(du -m "$d/data/village-2024.csv" | cut -f1) MB)"
  row "xingji score --format csv -o" nation-xingji
  row "parse floor (from_chars, one number a row)" nation-floor
  row "pandas script" nation-pandas
  echo "  xingji / parse floor: $(ratio "$(secs nation-xingji)" "$(secs nation-floor)")x best to best," \
       "$(cat "$work/nation-xingji-nation-floor.ratio")x median of $REPEAT rounds run in turn (target <= 2)"
  echo "  pandas / xingji:      $(ratio "$(secs nation-pandas)" "$(secs nation-xingji)")x (target >= 10)"
  echo "  xingji peak memory:   $(mb nation-xingji) MB (target < 400)"
  echo "  pandas check:         $check"
  echo "  rounds, in turn (s):  xingji $(cut -d' ' -f1 "$work/nation-xingji.all" | tr '\n' ' ')"
  echo "                        floor  $(cut -d' ' -f1 "$work/nation-floor.all" | tr '\n' ' ')"
  # Why xingji's rounds swing and the floor's do not: what first writing memory costs here.
  touched=$(( $(mb nation-xingji) + $(du -m "$work/nation-xingji.csv" | cut -f1) ))
  echo "  fresh memory:         $("$bin/bench/fresh_memory" "$touched" 3)"
  echo "                        (a national run first writes about $touched MB: its peak plus the CSV it writes)"
fi

if [[ " $sets " == *" province "* ]]; then
  gen province --villages 50000 --alliances 500 --indicators 40 --years 5
  measure province-report "$xingji" report "$work/province" --year 2028 -o "$work/province-report.md"
  measure province-score "$xingji" score "$work/province" --year 2028 --format csv -o "$work/province-score.csv"
  echo
  echo "province: 50,000 villages, 40 indicators, 5 years"
  row "xingji report --year 2028 (target < 1 s)" province-report
  row "xingji score --year 2028 --format csv" province-score
fi

if [[ " $sets " == *" yaml "* ]]; then
  gen yaml --villages 50000 --alliances 0 --indicators 30 --format yaml
  measure yaml-xingji "$xingji" score "$work/yaml" --format csv -o "$work/yaml-xingji.csv"
  measure yaml-loadfile "$bin/bench/yaml_loadfile" "$work"/yaml/data/*.yaml
  echo
  echo "yaml: 50,000 villages x 30 indicators as YAML data ($(du -m "$work"/yaml/data/village-2024.yaml | cut -f1) MB)"
  row "xingji score (load, score, write)" yaml-xingji
  row "YAML::LoadFile of the data alone" yaml-loadfile
  echo "  LoadFile / xingji time:   $(ratio "$(secs yaml-loadfile)" "$(secs yaml-xingji)")x (target >= 4)"
  echo "  xingji / LoadFile memory: $(ratio "$(mb yaml-xingji)" "$(mb yaml-loadfile)") (target <= 0.10)"
fi

if [[ " $sets " == *" county "* ]]; then
  gen county --villages 600 --alliances 60 --indicators 40 --years 2
  c=$work/county
  REPEAT=5
  measure county-validate "$xingji" validate "$c"
  measure county-score "$xingji" score "$c"
  measure county-rank "$xingji" rank "$c" --by township
  measure county-report "$xingji" report "$c"
  echo
  echo "county: 600 villages, 60 alliances, 40 indicators, 2 years (target < 0.050 s each)"
  for s in validate score rank report; do row "xingji $s" "county-$s"; done
fi

if [[ " $sets " == *" history "* ]]; then
  # history evaluates every year of the data. With a promotion limit each year's evaluation
  # also evaluates the years before it (last year's stars cap this year's), so the same
  # county with `promotion: {up: 1}` is the worst case: 15 evaluations for 5 years, not 5.
  gen county5 --villages 600 --alliances 60 --indicators 40 --years 5
  c=$work/county5
  p=$work/county5-promotion
  if [ ! -f "$p/.args" ] || ! cmp -s "$c/.args" "$p/.args"; then
    rm -rf "$p" && cp -r "$c" "$p"
    for s in "$p"/scheme-*.yaml; do echo "promotion: {up: 1}" >> "$s"; done
  fi
  REPEAT=5
  measure history-table "$xingji" history "$c"
  measure history-json "$xingji" history "$c" --format json
  measure history-alliance "$xingji" history "$c" --level alliance
  measure history-xlsx "$xingji" history "$c" --format xlsx -o "$work/history.xlsx"
  measure history-html "$xingji" history "$c" --format html -o "$work/history.html"
  measure history-promotion "$xingji" history "$p"
  echo
  echo "history: 600 villages, 60 alliances, 40 indicators, 5 years (target < 0.5 s each)"
  row "xingji history" history-table
  row "xingji history --format json" history-json
  row "xingji history --level alliance" history-alliance
  row "xingji history --format xlsx -o" history-xlsx
  row "xingji history --format html -o ($(du -k "$work/history.html" | cut -f1) KB)" history-html
  row "xingji history, promotion limited" history-promotion
fi

if [[ " $sets " == *" xlsx "* ]]; then
  # Reading: the same 50,000 villages as a workbook (constant-memory libxlsxwriter, inline
  # strings) and as CSV, so the difference is what reading the workbook costs. validate
  # loads everything (roster, alliances, both data files) and scores nothing; openpyxl
  # reads only the village data file, the bulk of it.
  gen xlsx --villages 50000 --alliances 500 --indicators 40 --format xlsx
  gen xlsx-csv --villages 50000 --alliances 500 --indicators 40
  x=$work/xlsx/data/village-2024.xlsx
  measure_pair xlsx-validate xlsx-validate-csv "$xingji" validate "$work/xlsx" -- "$xingji" validate "$work/xlsx-csv"
  measure_pair xlsx-openpyxl xlsx-xingji /usr/bin/python3 bench/openpyxl_baseline.py read "$x" -- \
    "$xingji" validate "$work/xlsx"
  echo
  echo "xlsx read: 50,000 villages x 40 indicators, one sheet, $(du -m "$x" | cut -f1) MB" \
       "($(du -m "$work/xlsx-csv/data/village-2024.csv" | cut -f1) MB as CSV)"
  row "xingji validate, data as .xlsx" xlsx-validate
  row "xingji validate, same data as CSV" xlsx-validate-csv
  row "openpyxl read-only, every cell" xlsx-openpyxl
  echo "  xlsx / CSV (xingji):   $(cat "$work/xlsx-validate-xlsx-validate-csv.ratio")x median of $REPEAT rounds in turn;" \
       "peak $(mb xlsx-validate) MB against $(mb xlsx-validate-csv) MB"
  echo "  openpyxl / xingji:     $(cat "$work/xlsx-openpyxl-xlsx-xingji.ratio")x median of $REPEAT rounds in turn," \
       "$(ratio "$(secs xlsx-openpyxl)" "$(secs xlsx-xingji)")x best to best (target >= 10)"
  echo "  xingji peak memory:    $(mb xlsx-xingji) MB, $(( $(mb xlsx-validate) - $(mb xlsx-validate-csv) )) MB more" \
       "than from CSV (target < 100 MB beyond the data matrix)"

  # Writing: the national score as a workbook, beside the same as CSV and openpyxl's
  # write-only mode writing the rows of that CSV.
  gen nation --villages 500000 --alliances 5000 --indicators 40 --years 1 --precision 9
  d=$work/nation
  measure_pair xlsx-write xlsx-write-csv "$xingji" score "$d" --format xlsx -o "$work/xlsx-write.xlsx" -- \
    "$xingji" score "$d" --format csv -o "$work/xlsx-write.csv"
  REPEAT=1 measure xlsx-write-openpyxl /usr/bin/python3 bench/openpyxl_baseline.py write "$work/xlsx-write.csv" \
    "$work/xlsx-write-openpyxl.xlsx"
  REPEAT=1 measure xlsx-write-csvread /usr/bin/python3 bench/openpyxl_baseline.py csv "$work/xlsx-write.csv"
  echo
  echo "xlsx write: the national score, 505,000 rows ($(du -m "$work/xlsx-write.xlsx" | cut -f1) MB as .xlsx," \
       "$(du -m "$work/xlsx-write.csv" | cut -f1) MB as CSV)"
  row "xingji score --format xlsx -o" xlsx-write
  row "xingji score --format csv -o" xlsx-write-csv
  row "openpyxl write-only (whole script)" xlsx-write-openpyxl
  row "  of which reading the CSV" xlsx-write-csvread
  echo "  xlsx / CSV (xingji):   $(cat "$work/xlsx-write-xlsx-write-csv.ratio")x median of $REPEAT rounds in turn"
  echo "  openpyxl / xingji:     $(ratio "$(secs xlsx-write-openpyxl)" "$(secs xlsx-write)")x whole script," \
       "$(ratio "$(awk -v a="$(secs xlsx-write-openpyxl)" -v b="$(secs xlsx-write-csvread)" 'BEGIN{print a-b}')" \
       "$(secs xlsx-write)")x writing alone"
  echo "  xingji peak memory:    $(mb xlsx-write) MB (target < 400), $(mb xlsx-write-csv) MB for the CSV"
fi

if [[ " $sets " == *" report "* ]]; then
  # The HTML report beside the Markdown one, on the national dataset (issue 23: within 1.5x).
  gen nation --villages 500000 --alliances 5000 --indicators 40 --years 1 --precision 9
  d=$work/nation
  measure_pair report-html report-md "$xingji" report "$d" --format html -o "$work/report.html" -- \
    "$xingji" report "$d" -o "$work/report.md"
  echo
  echo "report: the national dataset ($(du -k "$work/report.html" | cut -f1) KB as HTML," \
       "$(du -k "$work/report.md" | cut -f1) KB as Markdown)"
  row "xingji report --format html -o" report-html
  row "xingji report -o (Markdown)" report-md
  echo "  html / md:             $(cat "$work/report-html-report-md.ratio")x median of $REPEAT rounds in turn," \
       "$(ratio "$(secs report-html)" "$(secs report-md)")x best to best (target <= 1.5)"
fi

if [[ " $sets " == *" people "* ]]; then
  # A province of Party members (spec 6, issue 24): PEOPLE members with 20 items, 4 of them
  # ledger leaves, and a ledger of EVENTS dated events; against the parse floor of the same
  # ledger file (target: within 2x, both cores; memory proportional to people x items).
  people=${PEOPLE:-2000000} events=${EVENTS:-40000000}
  gen people --villages 20000 --alliances 0 --indicators 10 --people "$people" --people-items 20 --events "$events"
  d=$work/people
  measure_pair people-xingji people-floor "$xingji" score "$d" --level member --format csv -o "$work/people.csv" -- \
    "$bin/bench/parse_floor" "$d/ledger/member-2024.csv" "$work/people-floor.csv"
  XINGJI_THREADS=1 REPEAT=1 measure people-one "$xingji" score "$d" --level member --format csv -o "$work/people-1.csv"
  echo
  echo "people: $people members, 20 items, $events ledger events" \
       "($(du -m "$d/ledger/member-2024.csv" | cut -f1) MB of ledger)"
  row "xingji score --level member --format csv -o" people-xingji
  row "  the same on one thread (XINGJI_THREADS=1)" people-one
  row "parse floor of the ledger file" people-floor
  echo "  xingji / floor:        $(cat "$work/people-xingji-people-floor.ratio")x median of $REPEAT rounds in turn" \
       "(target <= 2)"
  if cmp -s "$work/people.csv" "$work/people-1.csv"; then
    echo "  one thread gives the same bytes: yes"
  else
    echo "  one thread gives the same bytes: NO"
  fi
fi
