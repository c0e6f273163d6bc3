#!/usr/bin/env python3
"""LibreOffice opens every workbook xingji writes (issue 22): each sheet of `score`, `rank`,
`report`, `history --format xlsx` and of a template, converted by LibreOffice headless to CSV, holds the
cells openpyxl reads from the same file: text the same text (ids intact, never a number),
numbers the same numbers as shown.

    libreoffice_opens.py XINGJI SOURCE_DIR WORK_DIR

Exits 77 (skipped) without LibreOffice or openpyxl, or 1 when XINGJI_REQUIRE_SPREADSHEET is set.
"""
import csv
import glob
import os
import shutil
import subprocess
import sys

xingji, source, work = sys.argv[1:4]
binary = shutil.which("soffice") or shutil.which("libreoffice")
try:
    import openpyxl
except ImportError:
    openpyxl = None
if not binary or openpyxl is None:
    print("skipped: needs LibreOffice (libreoffice-calc-nogui) and python3-openpyxl")
    sys.exit(1 if os.environ.get("XINGJI_REQUIRE_SPREADSHEET") else 77)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
# Every sheet (the last -1) as CSV, UTF-8 (76), cells as shown (the 9th token, true).
FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

books = {}
for example in ("tiantai", "chunan", "kangding"):
    folder = os.path.join(source, "examples", example)
    for command in ("score", "rank", "report", "history"):
        books[f"{example}-{command}"] = [command, folder, "--format", "xlsx"]
    books[f"{example}-template"] = ["template", folder, "--year", "2024", "--format", "xlsx"]
failures = []
compared = 0
for name, args in books.items():
    path = os.path.join(work, name + ".xlsx")
    subprocess.run([xingji, *args, "-o", path], check=True)
    out = os.path.join(work, name)
    os.makedirs(out)
    subprocess.run([binary, "--headless", "-env:UserInstallation=file://" + os.path.join(work, "profile"),
                    "--convert-to", FILTER, "--outdir", out, path],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        exported = os.path.join(out, f"{name}-{ws.title}.csv")
        if not os.path.exists(exported):
            failures.append(f"{name}: LibreOffice wrote no sheet {ws.title!r} ({sorted(os.listdir(out))})")
            continue
        with open(exported, encoding="utf-8-sig") as f:
            shown = list(csv.reader(f))
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                compared += 1
                r, c = cell.row - 1, cell.column - 1
                text = shown[r][c] if r < len(shown) and c < len(shown[r]) else ""
                where = f"{name} {ws.title}!{cell.coordinate}"
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    try:
                        ok = abs(float(text.replace(",", "")) - cell.value) < 0.51 * 10 ** -max(
                            0, len(text.split(".")[1]) if "." in text else 0)
                    except ValueError:
                        ok = False
                    if not ok:
                        failures.append(f"{where}: the number {cell.value!r} shows as {text!r}")
                elif str(cell.value) != text:
                    failures.append(f"{where}: the text {cell.value!r} shows as {text!r}")
if failures:
    sys.exit("\n".join(failures[:30]) + (f"\n... {len(failures)} in all" if len(failures) > 30 else ""))
if compared < 1000:
    sys.exit(f"only {compared} cells compared: the workbooks are not what they should be")
print(f"LibreOffice shows all {compared} cells of {len(books)} workbooks as written")
