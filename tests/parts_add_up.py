#!/usr/bin/env python3
"""Parts that add up (spec 8): in every example's `report --format csv`, the areas, the
bonus and the deduction of each village add up, as shown, to the own score shown beside
them (a reviewer checks this in Excel).   parts_add_up.py XINGJI SOURCE_DIR"""
import csv
import io
import subprocess
import sys
from decimal import Decimal

xingji, src = sys.argv[1], sys.argv[2]
checked = 0
for example in ("tiantai", "chunan", "kangding", "henan"):
    out = subprocess.run([xingji, "report", f"{src}/examples/{example}", "--format", "csv"],
                         check=True, capture_output=True, text=True).stdout
    rows = list(csv.reader(io.StringIO(out)))
    head = rows[0]
    bonus, deduction, own = head.index("加分"), head.index("扣分"), head.index("本村得分")
    first = head.index("联盟") + 1 if "联盟" in head else head.index("乡镇") + 1
    for r in rows[1:]:
        parts = sum(Decimal(x) for x in r[first:bonus]) + Decimal(r[bonus]) - Decimal(r[deduction])
        if parts != Decimal(r[own]):
            sys.exit(f"{example}: {r[2]}: areas and adjustments add up to {parts}, beside an own score of {r[own]}")
        checked += 1
print(f"{checked} villages: parts add up")
