#!/usr/bin/env python3
"""Hostile and broken workbooks (issue 22, spec 8): each is read or refused with a clear
error within 10 s and 500 MB, never read as something else. The workbooks are made here,
with Python's zipfile (a zip bomb is not kept in the repository).

    hostile.py XINGJI WORK_DIR
"""
import os
import resource
import shutil
import subprocess
import sys
import time
import zipfile

xingji, work = sys.argv[1:3]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
failures = []


def workbook(path, sheet_xml, strings="", extra=None):
    """A workbook of one sheet `S` whose sheet part is `sheet_xml` (bytes or a generator of bytes)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("xl/workbook.xml", f'<workbook {NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{R}worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{R}sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml", strings or f'<sst {NS}></sst>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for chunk in ([sheet_xml] if isinstance(sheet_xml, (bytes, str)) else sheet_xml):
                f.write(chunk.encode() if isinstance(chunk, str) else chunk)
        for name, text in (extra or {}).items():
            z.writestr(name, text)


def assessment(name, data_name):
    """A folder with one village and the data file `data_name` (made by the caller)."""
    d = os.path.join(work, name)
    os.makedirs(d)
    with open(os.path.join(d, "villages.csv"), "w") as f:
        f.write("id,name\nv1,甲村\n")
    with open(os.path.join(d, "scheme.yaml"), "w") as f:
        f.write("indicators: [{id: x, weight: 100}]\n")
    with open(os.path.join(d, "xingji.yaml"), "w") as f:
        f.write(f"villages: villages.csv\nschemes: {{village: scheme.yaml}}\ndata: {data_name}\n")
    return d


def run(name, folder, status, message):
    # Peak memory by GNU time where it is installed, else the largest child's so far.
    timed = ["/usr/bin/time", "-f", "%M", "-o", os.path.join(work, "rss")] if os.path.exists("/usr/bin/time") else []
    start = time.monotonic()
    p = subprocess.run(timed + [xingji, "score", folder, "--format", "csv"], capture_output=True, text=True,
                       env=dict(os.environ, LANG="C", LANGUAGE=""))
    seconds = time.monotonic() - start
    if timed:
        with open(os.path.join(work, "rss")) as f:
            peak = int(f.read().split()[-1]) / 1024
    else:
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{name}: exit {p.returncode}, {seconds:.1f} s, peak {peak:.0f} MB: {p.stderr.strip()[:160]}")
    if p.returncode != status:
        failures.append(f"{name}: exit {p.returncode}, expected {status}\n{p.stdout}{p.stderr}")
    if message not in p.stderr + p.stdout:
        failures.append(f"{name}: expected {message!r} in\n{p.stderr}")
    if seconds > 10 * (3 if "ASAN_OPTIONS" in os.environ else 1):  # sanitizers slow the run down
        failures.append(f"{name}: took {seconds:.1f} s")
    if peak > 500:
        failures.append(f"{name}: peak memory {peak:.0f} MB")


HEAD = f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>year</t></is></c><c r="C1" t="inlineStr"><is><t>x</t></is></c></row>'
ROW = '<row r="2"><c r="A2" t="inlineStr"><is><t>v1</t></is></c><c r="B2"><v>2024</v></c><c r="C2"><v>50</v></c></row>'
TAIL = '</sheetData></worksheet>'

# A zip bomb: a sheet that inflates past 1 GiB (of spaces) is refused once the limit is passed.
d = assessment("bomb", "data.xlsx")
workbook(os.path.join(d, "data.xlsx"), [HEAD] + [b" " * (1 << 24)] * 66 + [ROW, TAIL])
run("zip bomb", d, 1, "unpacks to more than 1 GiB of XML")

# XML entities in the shared strings: refused before anything is expanded.
d = assessment("entities", "data.xlsx")
lol = '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) + "]>"
workbook(os.path.join(d, "data.xlsx"), HEAD + ROW + TAIL, strings=f'<?xml version="1.0"?>{lol}<sst {NS}><si><t>&i;</t></si></sst>')
run("entity expansion", d, 1, "declares a document type")

# A dimension claiming the whole sheet, and a million empty styled rows: read as the one value.
d = assessment("dimension", "data.xlsx")
rows = (f'<row r="{r}" s="1" customFormat="1"/>' for r in range(3, 1048577))
workbook(os.path.join(d, "data.xlsx"),
         [f'<worksheet {NS}><dimension ref="A1:XFD1048576"/><sheetData>' + HEAD.split("<sheetData>")[1] + ROW] + list(rows) + [TAIL])
run("dimension and a million empty rows", d, 0, "v1")

# A cell past the last column, and cells out of order: damaged, at the cell.
d = assessment("column", "data.xlsx")
workbook(os.path.join(d, "data.xlsx"), HEAD + '<row r="2"><c r="XFE2"><v>1</v></c></row>' + TAIL)
run("a cell past column XFD", d, 1, "past column XFD")

# Not a workbook: cut short, a CSV named .xlsx, an encrypted (OLE) one, an old .xls.
d = assessment("truncated", "data.xlsx")
workbook(os.path.join(work, "whole.xlsx"), HEAD + ROW + TAIL)
with open(os.path.join(work, "whole.xlsx"), "rb") as f:
    data = f.read()
with open(os.path.join(d, "data.xlsx"), "wb") as f:
    f.write(data[: len(data) * 2 // 3])
run("truncated", d, 1, "is not an .xlsx workbook")
d = assessment("csv", "data.xlsx")
with open(os.path.join(d, "data.xlsx"), "w") as f:
    f.write("id,year,x\nv1,2024,50\n")
run("a CSV named .xlsx", d, 1, "it is no zip archive")
d = assessment("encrypted", "data.xlsx")
with open(os.path.join(d, "data.xlsx"), "wb") as f:
    f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 4088)
run("encrypted", d, 1, "protected by a password")
d = assessment("xls", "data.xls")
with open(os.path.join(d, "data.xls"), "wb") as f:
    f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 4088)
run("an old .xls", d, 1, "is an old Excel workbook (.xls)")

# A sheet named after '#' that is not there: the sheets that are.
d = assessment("sheet", "data.xlsx#2024")
workbook(os.path.join(d, "data.xlsx"), HEAD + ROW + TAIL)
run("a missing #sheet", d, 1, "the workbook has no sheet '2024' (its sheets: S)")

if failures:
    sys.exit("\n".join(failures))
