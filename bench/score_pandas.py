#!/usr/bin/python3
"""The pandas baseline: computes the scores of a generated assessment (bench/gen.cpp) the way
an analyst would with pandas, as fast as pandas allows (vectorised columns), and writes
id,final per village. With --check XINGJI.csv it compares against xingji's
`score --format csv` output (generated with --precision 9) and fails on any difference
over 1e-9.

It covers what the generator writes: linear, steps (min), direct, check, ratio and minmax
leaves, missing: zero, capped bonuses and deductions, a veto, and dual evaluation with the
mean of members."""

import argparse
import glob
import os
import sys

import numpy as np
import pandas as pd
import yaml


def leaves(nodes):
    for n in nodes:
        if "children" in n:
            yield from leaves(n["children"])
        else:
            yield n


def achievements(scheme, df):
    """Achievement per leaf id, as a float Series aligned with df."""
    out = {}
    for n in leaves(scheme["indicators"]):
        x = pd.to_numeric(df[n["id"]], errors="raise") if n["id"] in df else pd.Series(np.nan, index=df.index)
        sc = n.get("scoring", {})
        m = sc.get("method", "direct")
        w = float(n["weight"])
        if m == "direct":
            a = x / w
        elif m == "check":
            a = x.astype(float)
        elif m == "linear":
            a = ((x - sc["zero"]) / (sc["full"] - sc["zero"])).clip(0, 1)
        elif m == "steps":
            steps = sorted(sc["steps"], key=lambda s: -s["min"])
            a = pd.Series(np.select([x >= s["min"] for s in steps], [s["points"] / w for s in steps], 0.0), index=df.index)
        elif m == "ratio":
            mx = x.max()
            a = x / mx if mx > 0 else x * 0.0
        elif m == "minmax":
            mx, mn = x.max(), x.min()
            a = (x - mn) / (mx - mn) if mx != mn else x * 0.0 + 1.0
        else:
            raise SystemExit(f"method {m} is not covered by the pandas baseline")
        out[n["id"]] = a.where(x.notna(), 0.0)  # missing: zero
    return out


def node_achievement(n, ach):
    if "children" not in n:
        return ach[n["id"]]
    total_w = sum(c["weight"] for c in n["children"])
    return sum(c["weight"] * node_achievement(c, ach) for c in n["children"]) / total_w


def own_scores(scheme, df):
    ach = achievements(scheme, df)
    top_w = sum(t["weight"] for t in scheme["indicators"])
    base = scheme.get("total", 100) * sum(t["weight"] * node_achievement(t, ach) for t in scheme["indicators"]) / top_w
    bonus = pd.Series(0.0, index=df.index)
    minus = pd.Series(0.0, index=df.index)
    for adj in scheme.get("adjustments", []):
        x = pd.to_numeric(df.get(adj["id"]), errors="raise").fillna(0.0) * adj.get("per", 1)
        if "cap" in adj:
            x = x.clip(upper=adj["cap"])
        if adj["kind"] == "bonus":
            bonus += x
        else:
            minus += x
    if "bonus_cap" in scheme:
        bonus = bonus.clip(upper=scheme["bonus_cap"])
    if "deduction_cap" in scheme:
        minus = minus.clip(upper=scheme["deduction_cap"])
    return (base + bonus - minus).clip(lower=0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("assessment")
    ap.add_argument("--year", type=int)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--check")
    args = ap.parse_args()
    root = args.assessment
    manifest = yaml.safe_load(open(os.path.join(root, "xingji.yaml"), encoding="utf-8"))
    sv = yaml.safe_load(open(os.path.join(root, manifest["schemes"]["village"]), encoding="utf-8"))
    villages = pd.read_csv(os.path.join(root, manifest["villages"]), dtype=str, keep_default_na=False)
    files = sorted(glob.glob(os.path.join(root, "data", "village-*.csv")))
    year = args.year or max(int(os.path.basename(f)[8:12]) for f in files)
    vdata = pd.read_csv(os.path.join(root, "data", f"village-{year}.csv"), dtype={"id": str}, true_values=["是"], false_values=["否"])
    vdata = villages[["id", "alliance"]].merge(vdata, on="id", how="left")
    vown = own_scores(sv, vdata)
    final = vown
    if "dual" in manifest:
        sa = yaml.safe_load(open(os.path.join(root, manifest["schemes"]["alliance"]), encoding="utf-8"))
        alliances = pd.DataFrame(yaml.safe_load(open(os.path.join(root, manifest["alliances"]), encoding="utf-8")))
        adata = pd.read_csv(os.path.join(root, "data", f"alliance-{year}.csv"), dtype={"id": str})
        adata = alliances[["id"]].merge(adata, on="id", how="left")
        aown = own_scores(sa, adata)
        d = manifest["dual"]
        members = vown.groupby(vdata["alliance"]).mean()
        atotal = d["alliance_own"] * aown.values + (1 - d["alliance_own"]) * members.reindex(adata["id"]).values
        atotal = pd.Series(atotal, index=adata["id"].values)
        mapped = vdata["alliance"].map(atotal)
        final = (d["village_own"] * vown + (1 - d["village_own"]) * mapped).where(vdata["alliance"] != "", vown)
    out = pd.DataFrame({"id": vdata["id"], "final": final})
    out.to_csv(args.output, index=False, float_format="%.12f")
    if args.check:
        x = pd.read_csv(args.check, dtype={"id": str})
        x = x[x["level"] == "village"][["id", "final"]].merge(out, on="id", suffixes=("_xingji", "_pandas"))
        worst = (x["final_xingji"] - x["final_pandas"]).abs().max()
        if len(x) != len(out) or not worst <= 1e-9:
            print(f"pandas and xingji disagree: worst difference {worst}, {len(x)} of {len(out)} matched", file=sys.stderr)
            sys.exit(1)
        print(f"agree: {len(x)} villages, worst difference {worst:.3g}")


if __name__ == "__main__":
    main()
