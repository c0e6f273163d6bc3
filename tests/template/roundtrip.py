#!/usr/bin/env python3
"""A template filled in and read back as data gives the same results as the same values in
CSV (spec 8). For each case: write the templates, fill them with the example's own values (by
unit id and item id, as a township would type them), put them in place of the example's data
file in a copy of the example, and compare `score --format csv` with the example's.

    roundtrip.py XINGJI SOURCE_DIR WORK_DIR

The CSV cases need nothing else; the .xlsx cases need openpyxl (skipped, exit 77, without it
unless XINGJI_REQUIRE_SPREADSHEET is set).
"""
import csv
import os
import re
import shutil
import subprocess
import sys

xingji, src, work = sys.argv[1:4]
try:
    import openpyxl
except ImportError:
    openpyxl = None
    if os.environ.get("XINGJI_REQUIRE_SPREADSHEET"):
        sys.exit("openpyxl is required (XINGJI_REQUIRE_SPREADSHEET is set)")

failures = []


def run(*args):
    return subprocess.run([xingji, *args], capture_output=True, text=True, check=True).stdout


def item_id(header):
    """The id in name（id）, or the header itself."""
    m = re.search(r"（([^（）]+)）$", header or "")
    return m.group(1) if m else header


def values_of(path, key):
    """{(id, period): {item: text}} of a wide data CSV, `key` its period column."""
    out = {}
    with open(path, encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            out[(row["id"], row[key])] = {k: v for k, v in row.items() if k not in ("id", key, "name")}
    return out


def fill_csv(template, values, period, target):
    with open(template, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    for row in rows[1:]:
        vals = values.get((row[0], period), {})
        for c, h in enumerate(head):
            v = vals.get(item_id(h))
            if v and not row[c]:
                row[c] = v
    # As Excel saves "CSV UTF-8": a byte-order mark and CRLF.
    with open(target, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


def fill_xlsx(template, values, period, target):
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        vals = values.get((ws.cell(r, 1).value, period), {})
        for c, h in enumerate(head, start=1):
            v = vals.get(item_id(h))
            if not v:
                continue
            try:
                ws.cell(r, c).value = float(v)  # a number typed in Excel is kept as a number
            except ValueError:
                ws.cell(r, c).value = v
    wb.save(target)


def case(name, example, data_file, key, periods, fmt):
    root = os.path.join(work, name)
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(os.path.join(src, "examples", example), root)
    values = values_of(os.path.join(root, "data", data_file), key)
    os.remove(os.path.join(root, "data", data_file))
    for period in periods:
        option = ["--period", period] if "Q" in period else ["--year", period]
        template = os.path.join(work, f"{name}-{period}.{fmt}")
        run("template", os.path.join(src, "examples", example), *option, "-o", template)
        # Filled sheets go back in under the data folder's pattern (CSV) or beside it (xlsx).
        target = os.path.join(root, "data", f"filled-{period}.{fmt}")
        (fill_csv if fmt == "csv" else fill_xlsx)(template, values, period, target)
    if fmt == "xlsx":
        path = os.path.join(root, "xingji.yaml")
        with open(path, encoding="utf-8") as f:
            manifest = f.read()
        manifest = re.sub(r"^data: \[(.*?)\]", r"data: [\1, data/*.xlsx]", manifest, flags=re.M)
        manifest = re.sub(r"^data: (data/\*\.csv)", r"data: [\1, data/*.xlsx]", manifest, flags=re.M)
        with open(path, "w", encoding="utf-8") as f:
            f.write(manifest)
    for year in ("2024", "2023"):
        want = run("score", os.path.join(src, "examples", example), "--format", "csv", "--year", year)
        got = run("score", root, "--format", "csv", "--year", year)
        if got != want:
            failures.append(f"{name} {year}:\n--- filled template gives\n{got}\n--- the example gives\n{want}")


quarters = [f"2024Q{q}" for q in range(1, 5)]
case("tiantai-csv", "tiantai", "villages-2024.csv", "year", ["2024"], "csv")
case("kangding-quarters-csv", "kangding", "quarters-2024.csv", "period", quarters, "csv")
if openpyxl is not None:
    case("tiantai-xlsx", "tiantai", "villages-2024.csv", "year", ["2024"], "xlsx")
    case("kangding-quarters-xlsx", "kangding", "quarters-2024.csv", "period", quarters, "xlsx")
if failures:
    sys.exit("\n\n".join(failures))
if openpyxl is None:
    print("the .xlsx cases need openpyxl: skipped")
    sys.exit(77)
print("every filled template gives the example's results")
