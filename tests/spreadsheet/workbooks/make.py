#!/usr/bin/python3
"""Writes this folder's workbooks from the clean files of examples/tiantai, the way a county
keeps them in Excel and WPS: the same values, so every result must be the same.

    /usr/bin/python3 tests/spreadsheet/workbooks/make.py   (from the project root; Debian's
    python3-openpyxl and LibreOffice; output committed)

- villages.xlsx: a 说明 sheet first, the roster on the sheet 花名册 (Chinese headers, ids as
  text), named in the manifest as villages.xlsx#花名册.
- alliances.xlsx: the alliance list (编号 名称 主席 成员), members separated by ；or left empty
  ("from the villages").
- villages-2024.xlsx: numbers as numbers, the percent items as fractions shown with a percent
  format (98.5%), checks as Excel's TRUE/FALSE, the title row above the header left empty,
  a 备注 column, a total computed by a formula.
- villages-2023.xlsx: made by openpyxl with inline strings, then opened and saved again by
  LibreOffice (shared strings, cached formula results, its own styles).
"""
import csv
import os
import shutil
import subprocess
import tempfile

import openpyxl
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
EX = os.path.join(HERE, "..", "..", "..", "examples", "tiantai")
PERCENT = {"meetings", "theme_day", "growth", "satisfaction"}
CHECKS = {"venue", "discipline"}


def roster():
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "花名册见下一个工作表。"
    ws = wb.create_sheet("花名册")
    ws.append(["编号", "名称", "乡镇", "县", "类别", "联盟"])
    with open(os.path.join(EX, "villages.yaml"), encoding="utf-8") as f:
        for v in yaml.safe_load(f):
            ws.append([v["id"], v["name"], v["township"], v["county"], v["category"], v.get("alliance", "")])
    wb.save(os.path.join(HERE, "villages.xlsx"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "联盟"
    ws.append(["编号", "名称", "主席", "成员"])
    with open(os.path.join(EX, "alliances.yaml"), encoding="utf-8") as f:
        for a in yaml.safe_load(f):
            ws.append([a["id"], a["name"], a.get("chair", ""), "；".join(a.get("members", [])) or None])
    wb.save(os.path.join(HERE, "alliances.xlsx"))


def data(year, path, inline):
    with open(os.path.join(EX, "data", f"villages-{year}.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f"{year}年"
    ws["A1"] = None  # the title row stays empty: the header is the first row with a value
    ws.append([])
    ws.append(head + ["备注", "合计"])
    for r, row in enumerate(rows[1:], start=4):  # below two empty rows and the header
        out = []
        for c, (key, v) in enumerate(zip(head, row)):
            if v == "" or c < 3:
                out.append(v if v != "" else None)
            elif key in CHECKS:
                out.append(v == "是")
            elif key in PERCENT:
                out.append(float(v) / 100)
            else:
                out.append(float(v))
        out.append("已核实" if r % 3 == 0 else None)
        out.append(f"=SUM(D{r}:E{r})")
        ws.append(out)
        for c, key in enumerate(head, start=1):
            if key in PERCENT:
                ws.cell(r, c).number_format = "0.0%"
    if inline:
        # openpyxl writes shared strings; LibreOffice, asked to save again, writes its own.
        with tempfile.TemporaryDirectory() as tmp:
            first = os.path.join(tmp, "first.xlsx")
            wb.save(first)
            out = os.path.join(tmp, "out")
            subprocess.run(["soffice", "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                            "--outdir", out, first], check=True, capture_output=True)
            shutil.copy(os.path.join(out, "first.xlsx"), path)
    else:
        wb.save(path)


roster()
data(2024, os.path.join(HERE, "villages-2024.xlsx"), False)
data(2023, os.path.join(HERE, "villages-2023.xlsx"), True)
