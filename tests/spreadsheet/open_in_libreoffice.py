#!/usr/bin/env python3
"""CSV output opens cleanly in a spreadsheet: checked by opening it in LibreOffice headless.

    open_in_libreoffice.py XINGJI SOURCE_DIR WORK_DIR

Writes `report --format csv --bom` and `score --format csv --bom` for a copy of
examples/tiantai whose first village is renamed to need CSV quoting (a comma and double
quotes), then has LibreOffice open each file as a UTF-8 CSV, as Excel and WPS open a CSV
with a byte-order mark, and

  1. save it as a flat OpenDocument sheet (.fods): every cell must hold what our CSV says,
     numbers as numbers (not text, not dates), text as the same text, empty cells empty, and
     the byte-order mark must not show in the first cell;
  2. print it to PDF: every text cell must appear in the rendered page's text (no mojibake,
     the Chinese rendered with a CJK font). The first page is also saved as a PNG in
     WORK_DIR to look at.

Exits 77 (the test is skipped) when LibreOffice or poppler-utils is not installed, or 1 if
the environment sets XINGJI_REQUIRE_SPREADSHEET (CI installs them; see .ci/run).
"""
import csv
import glob
import io
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
# How LibreOffice is told to read the file: comma-separated, double-quoted, UTF-8 (76),
# from line 1. Without it a headless LibreOffice guesses the system's Western code page.
CSV_FILTER = "CSV:44,34,76,1"
RENAMED = '塘下村,"东"片'


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def soffice(binary, work, target, files):
    profile = "file://" + os.path.join(work, "profile")
    subprocess.run([binary, "--headless", "-env:UserInstallation=" + profile, "--infilter=" + CSV_FILTER,
                    "--convert-to", target, "--outdir", work] + files,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def attr(element, ns, name):
    return element.get("{%s}%s" % (NS[ns], name))


def sheet_cells(fods):
    """The first sheet as rows of (type, value, text), repeated rows and cells expanded."""
    table = ET.parse(fods).getroot().find(".//table:table", NS)
    rows = []
    for row in table.iter("{%s}table-row" % NS["table"]):
        cells = []
        for cell in row.findall("table:table-cell", NS):
            kind = attr(cell, "office", "value-type")
            value = attr(cell, "office", "value")
            text = "\n".join("".join(p.itertext()) for p in cell.findall("text:p", NS))
            cells += [(kind, value, text)] * int(attr(cell, "table", "number-columns-repeated") or 1)
        while cells and cells[-1][0] is None:
            cells.pop()
        if cells:
            rows += [cells] * int(attr(row, "table", "number-rows-repeated") or 1)
    return rows


def check_cells(name, expected, got):
    if len(got) != len(expected):
        fail("%s: LibreOffice shows %d rows, the CSV has %d" % (name, len(got), len(expected)))
    for r, (want_row, got_row) in enumerate(zip(expected, got), start=1):
        got_row = got_row + [(None, None, "")] * (len(want_row) - len(got_row))
        if len(got_row) != len(want_row):
            fail("%s row %d: %d cells, the CSV has %d: %r" % (name, r, len(got_row), len(want_row), got_row))
        for c, (want, (kind, value, text)) in enumerate(zip(want_row, got_row), start=1):
            where = "%s row %d column %d (%r)" % (name, r, c, want)
            if want == "":
                if kind is not None:
                    fail(where + ": an empty field became a %s cell %r" % (kind, text))
            elif NUMBER.match(want):
                if kind != "float" or float(value) != float(want):
                    fail(where + ": a number became a %s cell %r (value %r)" % (kind, text, value))
            elif kind != "string" or text != want:
                fail(where + ": text became a %s cell %r" % (kind, text))


def main():
    xingji, source, work = sys.argv[1:4]
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if not binary or not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        print("skipped: needs LibreOffice (libreoffice-calc-nogui) and poppler-utils")
        return 1 if os.environ.get("XINGJI_REQUIRE_SPREADSHEET") else 77
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    case = os.path.join(work, "tiantai")
    shutil.copytree(os.path.join(source, "examples", "tiantai"), case)
    roster = os.path.join(case, "villages.yaml")
    with open(roster, encoding="utf-8") as f:
        text = f.read()
    with open(roster, "w", encoding="utf-8") as f:
        f.write(text.replace("name: 塘下村,", "name: '%s'," % RENAMED, 1))

    outputs = {"report.csv": ["report", case], "score.csv": ["score", case]}
    for out, args in outputs.items():
        subprocess.run([xingji] + args + ["--format", "csv", "--bom", "-o", os.path.join(work, out)], check=True)
    files = [os.path.join(work, out) for out in outputs]
    soffice(binary, work, "fods", files)
    soffice(binary, work, "pdf", files)

    for out in outputs:
        path = os.path.join(work, out)
        with open(path, encoding="utf-8-sig", newline="") as f:
            expected = [row for row in csv.reader(f)]
        if not any(RENAMED in field for row in expected for field in row):
            fail("%s: the renamed village is not in the CSV; the quoting case tests nothing" % out)
        stem = os.path.splitext(path)[0]
        check_cells(out, expected, sheet_cells(stem + ".fods"))

        rendered = subprocess.run(["pdftotext", "-layout", stem + ".pdf", "-"], check=True, capture_output=True,
                                  text=True).stdout
        if "\ufffd" in rendered or "ï»¿" in rendered or "å" in rendered:
            fail("%s: the printed page shows mojibake" % out)
        flat = re.sub(r"\s+", "", rendered)
        texts = {field for row in expected for field in row if field and not NUMBER.match(field)}
        for t in sorted(texts):
            if re.sub(r"\s+", "", t) not in flat:
                fail("%s: %r is not on the printed pages" % (out, t))
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", stem + ".pdf", stem], check=True)
        pages = glob.glob(stem + "-*.png")
        print("%s: %d rows, every cell as written; %d texts on the printed pages; first page: %s"
              % (out, len(expected), len(texts), pages[0] if pages else "?"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
