#!/usr/bin/python3
"""The openpyxl baselines for workbooks, in openpyxl's streaming modes (the fastest and
leanest it has), as a Python user would read or write a large sheet:

  openpyxl_baseline.py read FILE.xlsx         every cell of the first sheet, read-only mode
  openpyxl_baseline.py write SCORES.csv F.xlsx  the CSV's rows to one sheet, write-only mode
  openpyxl_baseline.py csv SCORES.csv         only the CSV reading and conversion of `write`

`write` streams: it reads a row of the CSV and appends it, so its time includes reading the
CSV; `csv` does that reading alone, so the writing is the difference. Fields that are
numbers are written as numbers, the others as text, as xingji writes them. Each mode prints
the number of cells it saw, so the work cannot be skipped."""

import csv
import sys

import openpyxl


def cells_of(path):
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            out = []
            for v in row:
                if v == "":
                    out.append(None)
                    continue
                try:
                    out.append(float(v) if v[0] in "+-.0123456789" else v)
                except ValueError:
                    out.append(v)
            yield out


def main():
    mode, path = sys.argv[1], sys.argv[2]
    n = 0
    if mode == "read":
        wb = openpyxl.load_workbook(path, read_only=True)
        for row in wb.worksheets[0].iter_rows(values_only=True):
            n += sum(1 for v in row if v is not None)
        wb.close()
    elif mode == "write":
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("村")
        for row in cells_of(path):
            ws.append(row)
            n += sum(1 for v in row if v is not None)
        wb.save(sys.argv[3])
    elif mode == "csv":
        for row in cells_of(path):
            n += sum(1 for v in row if v is not None)
    else:
        sys.exit(f"unknown mode {mode}")
    print(n, "cells")


if __name__ == "__main__":
    main()
