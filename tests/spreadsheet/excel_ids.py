#!/usr/bin/env python3
"""`--excel` keeps long numeric codes whole in a spreadsheet (issue 22, item 4). A copy of
examples/chunan with 12-digit village codes is scored as CSV with and without `--excel`;
LibreOffice opens each as Excel would open it. Without `--excel` the code column becomes
numbers (what turns into 3.30123E+11 in Excel and loses digits on saving); with it, every code
is a text cell holding exactly the code, and every other cell is as in the plain CSV.

    excel_ids.py XINGJI SOURCE_DIR WORK_DIR

Exits 77 (skipped) without LibreOffice, or 1 when XINGJI_REQUIRE_SPREADSHEET is set.
"""
import csv
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from open_in_libreoffice import sheet_cells, soffice  # noqa: E402

xingji, source, work = sys.argv[1:4]
binary = shutil.which("soffice") or shutil.which("libreoffice")
if not binary:
    print("skipped: needs LibreOffice (libreoffice-calc-nogui)")
    sys.exit(1 if os.environ.get("XINGJI_REQUIRE_SPREADSHEET") else 77)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
case = os.path.join(work, "chunan")
shutil.copytree(os.path.join(source, "examples", "chunan"), case)
with open(os.path.join(case, "villages.csv"), encoding="utf-8") as f:
    ids = [row["id"] for row in csv.DictReader(f)]
codes = {v: str(330127000000 + 1001 * i) for i, v in enumerate(ids)}
for path in [os.path.join(case, "villages.csv")] + [os.path.join(case, "data", f) for f in os.listdir(os.path.join(case, "data"))]:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    for row in rows[1:]:
        row[0] = codes.get(row[0], row[0])
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)

failures = []
for command in ("score", "report"):
    plain = os.path.join(work, f"{command}.csv")
    excel = os.path.join(work, f"{command}-excel.csv")
    subprocess.run([xingji, command, case, "--format", "csv", "--bom", "-o", plain], check=True)
    subprocess.run([xingji, command, case, "--format", "csv", "--excel", "-o", excel], check=True)
    soffice(binary, work, "fods", [plain, excel])
    with open(plain, encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    column = header.index("id" if command == "score" else "编号")
    got_plain = sheet_cells(plain[:-4] + ".fods")
    got_excel = sheet_cells(excel[:-4] + ".fods")
    if len(got_plain) != len(got_excel) or len(got_plain) < 2:
        failures.append(f"{command}: {len(got_plain)} rows plain, {len(got_excel)} with --excel")
        continue
    for r, (p, e) in enumerate(zip(got_plain[1:], got_excel[1:]), start=2):
        if p[column][0] != "float":
            failures.append(f"{command} row {r}: without --excel the code is a {p[column][0]} cell (expected a number)")
        kind, _, text = e[column]
        if kind != "string" or text not in codes.values():
            failures.append(f"{command} row {r}: with --excel the code is a {kind} cell {text!r}, not the code as text")
        if [c for i, c in enumerate(p) if i != column] != [c for i, c in enumerate(e) if i != column]:
            failures.append(f"{command} row {r}: other cells differ with --excel:\n{p}\n{e}")
if failures:
    sys.exit("\n".join(failures[:20]))
print("with --excel every code is a text cell, without it a number")
