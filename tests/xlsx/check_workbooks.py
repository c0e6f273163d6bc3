#!/usr/bin/env python3
"""`score`, `rank`, `report`, `history` and `ledger --format xlsx` (spec 8) opened with openpyxl and checked.

    check_workbooks.py XINGJI SOURCE_DIR WORK_DIR

For every example:

  1. every sheet's cells (value, type, number format, bold) against a golden dump under
     tests/golden/EXAMPLE/*.xlsx.txt (cell values, not libxlsxwriter's bytes, which change
     with its version); XINGJI_UPDATE_GOLDEN=1 rewrites them for review;
  2. the workbook against the CSV of the same command: every unit's rank, id, name, final
     score and stars; ids are text cells, scores numbers shown to the precision (0.00);
  3. every sheet of one table has its header bold and frozen and its filter over the table;
  4. the report's 按乡镇 against the score CSV: units, mean shown final score, units per star
     level and backward units per township;
  5. history's units against its CSV: every unit's score, stars and rank in every year;
  6. the same command twice gives the same bytes.

Then, on Tiantai: -o onto one of the assessment's inputs is refused with nothing written,
and a run that fails leaves an existing file as it was and no temporary file.

Exits 77 (skipped) when python3-openpyxl is missing, or 1 if XINGJI_REQUIRE_SPREADSHEET is
set (CI installs it; see .ci/run).
"""
import csv
import decimal
import filecmp
import io
import os
import shutil
import subprocess
import sys

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:
    print("python3-openpyxl is not installed: skipped")
    sys.exit(1 if os.environ.get("XINGJI_REQUIRE_SPREADSHEET") else 77)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dump import dump  # noqa: E402

XINGJI, SRC, WORK = sys.argv[1:4]
UPDATE = os.environ.get("XINGJI_UPDATE_GOLDEN") == "1"
EXAMPLES = ["tiantai", "chunan", "kangding", "henan"]
# Each workbook of an example: its golden file's name and the command's arguments.
COMMANDS = [
    ("score", ["score"]),
    ("rank", ["rank"]),
    ("rank-township", ["rank", "--by", "township"]),
    ("report", ["report"]),
    ("history", ["history"]),
]
# The score columns of the workbooks, shown to the precision.
SCORE_HEADERS = {"本村得分", "本联盟得分", "最终得分", "总分", "联盟总分", "成员村得分", "得分", "平均得分"}

failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def run(args, expect=0):
    p = subprocess.run([XINGJI] + args, cwd=SRC, capture_output=True)
    if p.returncode != expect:
        fail(f"xingji {' '.join(args)}: exit {p.returncode}, expected {expect}: {p.stderr.decode()}")
    return p


def workbook(args, name):
    path = os.path.join(WORK, name)
    run(args + ["--format", "xlsx", "-o", path])
    return path


def csv_rows(args):
    return list(csv.DictReader(io.StringIO(run(args + ["--format", "csv"]).stdout.decode())))


def table_of(ws):
    """The header and rows of a sheet of one table, as dicts by header: down to the first
    empty row (the lines of text under a table come after one)."""
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    table = []
    for r in rows[1:]:
        if all(c.value is None for c in r):
            break
        table.append(dict(zip(header, r)))
    return header, table


def decimals(text):
    return len(text.split(".")[1]) if "." in text else 0


def score_format(places):
    return "0." + "0" * places if places else "0"


def check_layout(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.freeze_panes is None:
            continue  # a sheet of several tables: neither frozen nor filtered
        header, rows = table_of(ws)
        where = f"{os.path.basename(path)}:{ws.title}"
        if ws.freeze_panes != "A2":
            fail(f"{where}: header not frozen (pane {ws.freeze_panes})")
        want = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
        if ws.auto_filter.ref != want:
            fail(f"{where}: filter {ws.auto_filter.ref}, expected {want}")
        for c in next(ws.iter_rows(max_row=1)):
            if not c.font.b:
                fail(f"{where}!{c.coordinate}: header not bold")
        for r in rows:
            for h, c in r.items():
                if h == "编号" and c.value is not None and c.data_type != "s":
                    fail(f"{where}!{c.coordinate}: an id is not a text cell")
        if len(ws.title) > 31 or any(ch in ws.title for ch in "[]:*?/\\"):
            fail(f"{where}: a sheet name Excel refuses")


def check_units(rows_by_id, rows, where, final_header, precision):
    """Every unit of a sheet against the CSV's row for it."""
    seen = set()
    for r in rows:
        uid = r["编号"].value
        seen.add(uid)
        c = rows_by_id.get(uid)
        if c is None:
            fail(f"{where}: unit {uid} not in the CSV")
            continue
        final = r[final_header]
        want = c.get("final", c.get("score"))
        if final.data_type != "n" or final.value != float(want):
            fail(f"{where}!{final.coordinate}: {final.value!r}, CSV says {want}")
        if final.number_format != score_format(precision):
            fail(f"{where}!{final.coordinate}: shown as {final.number_format}, not to {precision} decimals")
        rank = r["排名"]
        if rank.data_type != "n" or rank.value != int(c["rank"]):
            fail(f"{where}!{rank.coordinate}: rank {rank.value!r}, CSV says {c['rank']}")
        stars = r["星级"].value
        if stars.count("★") != int(c["stars"]) or set(stars) - {"★", "☆"}:
            fail(f"{where}: {uid} stars {stars}, CSV says {c['stars']}")
        name = r.get("村", r.get("联盟", r.get("名称"))).value
        if name != c["name"]:
            fail(f"{where}: {uid} named {name}, CSV says {c['name']}")
    if seen != set(rows_by_id):
        fail(f"{where}: units {sorted(seen)}, CSV has {sorted(rows_by_id)}")


def round_half_up(x, places):
    q = decimal.Decimal(1).scaleb(-places)
    return float(decimal.Decimal(x).quantize(q, rounding=decimal.ROUND_HALF_UP))


def check_example(example):
    ex = f"examples/{example}"
    paths = {}
    for name, args in COMMANDS:
        path = paths[name] = workbook(args + [ex], f"{example}-{name}.xlsx")
        if not os.path.exists(path):
            continue
        golden = os.path.join(SRC, "tests", "golden", example, f"{name}.xlsx.txt")
        got = dump(path)
        if UPDATE:
            with open(golden, "w", encoding="utf-8") as f:
                f.write(got)
        else:
            with open(golden, encoding="utf-8") as f:
                want = f.read()
            if got != want:
                fail(f"{path}: cells differ from {golden} (XINGJI_UPDATE_GOLDEN=1 rewrites it)")
        check_layout(path)
        # The same input, the same bytes.
        again = workbook(args + [ex], f"{example}-{name}-again.xlsx")
        if not filecmp.cmp(path, again, shallow=False):
            fail(f"{path}: two runs give different bytes")

    score_csv = csv_rows(["score", ex])
    precision = decimals(score_csv[0]["final"])
    wb = openpyxl.load_workbook(paths["score"])
    levels = {"village": "村", "alliance": "联盟"}
    for level, sheet in levels.items():
        units = {r["id"]: r for r in score_csv if r["level"] == level}
        if not units:
            if sheet in wb.sheetnames:
                fail(f"{example} score: sheet {sheet} without units")
            continue
        header, rows = table_of(wb[sheet])
        final = "最终得分" if level == "village" else "总分"
        check_units(units, rows, f"{example} score:{sheet}", final, precision)
        for r in rows:
            for h, c in r.items():
                if h in SCORE_HEADERS and c.value is not None and c.number_format != score_format(precision):
                    fail(f"{example} score:{sheet}!{c.coordinate}: format {c.number_format}, not to {precision}")

    rank_csv = {r["id"]: r for r in csv_rows(["rank", ex])}
    wb = openpyxl.load_workbook(paths["rank"])
    header, rows = table_of(wb.worksheets[0])
    check_units(rank_csv, rows, f"{example} rank", "得分", precision)
    wb = openpyxl.load_workbook(paths["rank-township"])
    header, rows = table_of(wb.worksheets[0])
    villages = {r["id"]: r for r in score_csv if r["level"] == "village"}
    for r in rows:
        if r["乡镇"].value != villages[r["编号"].value]["township"]:
            fail(f"{example} rank --by township: {r['编号'].value} in {r['乡镇'].value}")

    # history: a group of columns a year, against the CSV's row per unit and year.
    history = {(r["id"], r["year"]): r for r in csv_rows(["history", ex])}
    wb = openpyxl.load_workbook(paths["history"])
    header, rows = table_of(wb["历年得分与星级"])
    years = sorted({y for _, y in history})
    if len(rows) * len(years) != len(history):
        fail(f"{example} history: {len(rows)} units over {len(years)} years, CSV has {len(history)} rows")
    for r in rows:
        uid = r["编号"].value
        for y in years:
            c = history.get((uid, y))
            if c is None:
                fail(f"{example} history: {uid} {y} not in the CSV")
                continue
            final, rank, stars = r[f"{y}得分"], r[f"{y}排名"], r[f"{y}星级"].value
            if final.data_type != "n" or final.value != float(c["final"]):
                fail(f"{example} history!{final.coordinate}: {final.value!r}, CSV says {c['final']}")
            if final.number_format != score_format(precision):
                fail(f"{example} history!{final.coordinate}: shown as {final.number_format}")
            if rank.data_type != "n" or rank.value != int(c["rank"]):
                fail(f"{example} history!{rank.coordinate}: rank {rank.value!r}, CSV says {c['rank']}")
            if stars.count("★") != int(c["stars"]):
                fail(f"{example} history: {uid} {y} stars {stars}, CSV says {c['stars']}")

    # 按乡镇 from the score CSV's villages.
    wb = openpyxl.load_workbook(paths["report"])
    if "按乡镇" not in wb.sheetnames:
        fail(f"{example} report: no sheet 按乡镇 ({wb.sheetnames})")
        return
    header, rows = table_of(wb["按乡镇"])
    stars = [h for h in header if h.endswith("星")]
    if stars[-1] != "无星" or stars[0] != f"{len(stars) - 1}星":
        fail(f"{example} 按乡镇: star columns {stars}")
    # With tiers, the last column counts the backward units (后进数, or the manifest's word).
    tiers = "tier" in score_csv[0]
    if len(header) != 3 + len(stars) + tiers:
        fail(f"{example} 按乡镇: a backward column only with tiers ({header})")
    by_town = {}
    for v in villages.values():
        by_town.setdefault(v["township"] or "（未填）", []).append(v)
    if sorted(r["乡镇"].value for r in rows) != sorted(by_town):
        fail(f"{example} 按乡镇: townships {[r['乡镇'].value for r in rows]}, expected {list(by_town)}")
    for r in rows:
        units = by_town.get(r["乡镇"].value, [])
        mean = round_half_up(sum(decimal.Decimal(u["final"]) for u in units) / len(units), precision)
        if r["村数"].value != len(units) or r["平均得分"].value != mean:
            fail(f"{example} 按乡镇 {r['乡镇'].value}: {r['村数'].value} {r['平均得分'].value}, expected {len(units)} {mean}")
        if r["平均得分"].number_format != score_format(precision):
            fail(f"{example} 按乡镇: mean shown as {r['平均得分'].number_format}")
        for h in stars:
            n = 0 if h == "无星" else int(h[:-1])
            if r[h].value != sum(1 for u in units if int(u["stars"]) == n):
                fail(f"{example} 按乡镇 {r['乡镇'].value}: {h} {r[h].value}")
        if tiers and r[header[-1]].value != sum(1 for u in units if u["tier"] == "backward"):
            fail(f"{example} 按乡镇 {r['乡镇'].value}: {header[-1]} {r[header[-1]].value}")


def check_ledger():
    """`ledger` (积分公示) on Yancheng: the standings, by village, and one cadre's account,
    against their goldens and their CSV."""
    ex = "examples/yancheng"
    commands = [
        ("ledger", ["ledger", ex]),
        ("ledger-village", ["ledger", ex, "--by", "village"]),
        ("ledger-c0201", ["ledger", ex, "c0201"]),
    ]
    paths = {}
    for name, args in commands:
        path = paths[name] = workbook(args, f"yancheng-{name}.xlsx")
        if not os.path.exists(path):
            continue
        golden = os.path.join(SRC, "tests", "golden", "yancheng", f"{name}.xlsx.txt")
        got = dump(path)
        if UPDATE:
            with open(golden, "w", encoding="utf-8") as f:
                f.write(got)
        else:
            with open(golden, encoding="utf-8") as f:
                if got != f.read():
                    fail(f"{path}: cells differ from {golden} (XINGJI_UPDATE_GOLDEN=1 rewrites it)")
        check_layout(path)
        again = workbook(args, f"yancheng-{name}-again.xlsx")
        if not filecmp.cmp(path, again, shallow=False):
            fail(f"{path}: two runs give different bytes")

    # Every unit's rank, points per item and total, as the CSV gives them (items in the same order).
    for name, by in (("ledger", []), ("ledger-village", ["--by", "village"])):
        rows_csv = csv_rows(["ledger", ex] + by)
        items = list(rows_csv[0])[4:-1]
        header, rows = table_of(openpyxl.load_workbook(paths[name]).worksheets[0])
        names = header[header.index("合计") - len(items):header.index("合计")]
        if len(rows) != len(rows_csv):
            fail(f"yancheng {name}: {len(rows)} units, CSV has {len(rows_csv)}")
        for r, c in zip(rows, rows_csv):
            where = f"yancheng {name}: {r['编号'].value}"
            if r["编号"].value != c["id"] or r["名次"].value != int(c["rank"]):
                fail(f"{where}: rank {r['名次'].value}, CSV says {c['id']} {c['rank']}")
            for item, title in zip(items + ["total"], names + ["合计"]):
                cell = r[title]
                if cell.data_type != "n" or cell.value != float(c[item]) or cell.number_format != "0.00":
                    fail(f"{where}!{cell.coordinate}: {cell.value!r} ({cell.number_format}), CSV says {c[item]}")

    # The account: an event a row, its kept points as the CSV's.
    events = csv_rows(["ledger", ex, "c0201"])
    header, rows = table_of(openpyxl.load_workbook(paths["ledger-c0201"])["积分事项"])
    if [(r["日期"].value, r["积分"].value) for r in rows] != [(e["date"], float(e["kept"])) for e in events]:
        fail("yancheng ledger c0201: the events differ from the CSV's")


def check_output_guard():
    # -o onto an input of the assessment: refused, nothing written (on a copy, in case).
    copy = os.path.join(WORK, "tiantai-copy")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(os.path.join(SRC, "examples", "tiantai"), copy)
    manifest = os.path.join(copy, "xingji.yaml")
    with open(manifest, "rb") as f:
        before = f.read()
    run(["score", copy, "--format", "xlsx", "-o", manifest], expect=1)
    with open(manifest, "rb") as f:
        if f.read() != before:
            fail("-o onto the manifest wrote over it")
    # A failed run leaves an existing file as it was, and no temporary file beside it.
    keep = os.path.join(WORK, "keep")
    shutil.rmtree(keep, ignore_errors=True)
    os.makedirs(keep)
    old = os.path.join(keep, "old.xlsx")
    with open(old, "w") as f:
        f.write("old")
    run(["score", "tests/bad/missing_values", "--format", "xlsx", "-o", old], expect=1)
    with open(old) as f:
        if f.read() != "old":
            fail("a failed run changed the existing file")
    if os.listdir(keep) != ["old.xlsx"]:
        fail(f"a failed run left {os.listdir(keep)}")
    # And a run that succeeds leaves only its workbook.
    run(["report", "examples/tiantai", "--format", "xlsx", "-o", old])
    if os.listdir(keep) != ["old.xlsx"]:
        fail(f"a run left {os.listdir(keep)}")


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    for example in EXAMPLES:
        check_example(example)
    check_ledger()
    check_output_guard()
    if failures:
        print(f"{len(failures)} problem(s)")
        return 1
    print("every workbook as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
