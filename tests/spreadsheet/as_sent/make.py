#!/usr/bin/env python3
"""Writes this folder's data the way townships send it back from Excel and WPS, from the
clean data of examples/tiantai: the same values, so every result must be the same.

    python3 tests/spreadsheet/as_sent/make.py      (from the project root; output committed)

- villages-2024.csv: UTF-8 with a byte-order mark and CRLF line ends (Excel's "CSV UTF-8");
  Chinese headers 编号 名称 乡镇 年度; items headed by name, by `name（id）`, `name(id)` or
  id; a 备注 column (skipped by the manifest's ignore_columns); three empty columns at the
  right and three empty rows at the bottom; checks as √ and ×, percents as 98.5%,
  full-width digits and spaces in some cells.
- villages-2023.csv: GBK (what Excel in China saves as plain "CSV"), CRLF, items by name.
"""
import csv
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "..", "..", "examples", "tiantai", "data")

# How each item's column is headed: by name, name（id）, name(id) or the id itself.
HEADS = {
    "meetings": "三会一课落实率（meetings）", "committee": "班子运行", "venue": "党群服务中心达标(venue)",
    "activities": "阵地活动场次", "theme_day": "theme_day", "member_dev": "党员发展与教育管理",
    "income": "村集体经营性收入（income）", "growth": "集体收入增幅", "records": "内业管理",
    "satisfaction": "群众满意度", "complaints": "信访件数", "honors": "获市级以上表彰",
    "innovation": "党建创新项目", "petitions": "越级上访", "discipline": "发生严重违纪违法问题",
}
PERCENT = {"meetings", "theme_day", "growth", "satisfaction"}
CHECKS = {"venue", "discipline"}
FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


def rows(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        return list(csv.reader(f))


def write(name, header, body, encoding, bom):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(body)
    data = out.getvalue().encode(encoding)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + data)


def as_sent_2024():
    src = rows("villages-2024.csv")
    head, body = src[0], src[1:]
    items = [h for h in head if h not in ("id", "name", "year")]
    header = ["编号", "名称", "乡镇", "年度"] + [HEADS[i] for i in items] + ["备注", "", "", ""]
    out = []
    for n, r in enumerate(body):
        v = dict(zip(head, r))
        cells = [v["id"], v["name"], "", v["year"]]
        for i in items:
            x = v[i]
            if x and i in CHECKS:
                x = {"是": "√", "否": "×"}.get(x, x)
            elif x and i in PERCENT and n % 2 == 0:
                x = x + "%"
            elif x and i == "activities" and n % 3 == 0:
                x = x.translate(FULL)
            elif x and i == "records" and n % 4 == 1:
                x = "\u3000" + x + " "
            cells.append(x)
        cells += ["已核实" if n == 2 else "", "", "", ""]
        out.append(cells)
    out += [[""] * len(header)] * 3
    write("villages-2024.csv", header, out, "utf-8", True)


def as_sent_2023():
    src = rows("villages-2023.csv")
    head, body = src[0], src[1:]
    header = ["编号", "名称", "年度"] + [HEADS[h] for h in head[3:]]
    out = [[r[0], r[1], r[2]] + r[3:] for r in body]
    write("villages-2023.csv", header, out, "gbk", False)


as_sent_2024()
as_sent_2023()
