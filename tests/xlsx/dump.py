#!/usr/bin/env python3
"""Prints a workbook's cells as text, for golden files that hold what a reader sees and not
libxlsxwriter's bytes: per sheet its name, frozen pane and filter, then a line per cell that
is not empty: reference, type (s text, n number), value, and a number's format."""
import sys

import openpyxl


def dump(path):
    wb = openpyxl.load_workbook(path)
    lines = []
    for ws in wb.worksheets:
        lines.append(f"== {ws.title} | freeze {ws.freeze_panes} | filter {ws.auto_filter.ref}")
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                bold = " bold" if c.font is not None and c.font.b else ""
                if c.data_type == "n":
                    lines.append(f"{c.coordinate}\tn\t{c.value!r}\t{c.number_format}{bold}")
                else:
                    lines.append(f"{c.coordinate}\t{c.data_type}\t{c.value}{bold}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(dump(sys.argv[1]))
