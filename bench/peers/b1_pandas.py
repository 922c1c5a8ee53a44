#!/usr/bin/python3
"""Workload B1 (shared/design/benchmark.md) in pandas, as an analyst would write
it: vectorised, exact integer cents, half away from zero per line.
usage: b1_pandas.py PARTNERS.csv SALES.csv OUT.csv   (Debian's python3-pandas)
OUT: rule,payee,period,amount (per quarter of the line's date), sorted."""
import sys

import numpy as np
import pandas as pd


def round_div(n, d):
    """n / d rounded half away from zero, on int64 arrays."""
    a = np.abs(n)
    return np.sign(n) * ((a + d // 2) // d)


def cents(col):
    parts = col.str.split(".", n=1, expand=True)
    whole = parts[0].astype(np.int64)
    frac = parts[1].fillna("0").str.ljust(2, "0").astype(np.int64)
    neg = col.str.startswith("-")
    return np.where(neg, whole * 100 - frac, whole * 100 + frac)


def main():
    partners_path, sales_path, out_path = sys.argv[1:4]
    partners = pd.read_csv(partners_path, dtype=str, keep_default_na=False)
    sales = pd.read_csv(sales_path, dtype=str, keep_default_na=False)
    mult = partners["tier"].map({"platinum": 150, "gold": 125, "silver": 110}).fillna(100)
    partners["mult"] = mult.astype(np.int64)
    partners["coop"] = partners["tier"].isin(["platinum", "gold"])
    s = sales.merge(partners[["id", "mult", "coop", "parent"]], left_on="partner", right_on="id",
                    suffixes=("", "_p"))
    s["cents"] = cents(s["amount"])
    s["units"] = s["units"].astype(np.int64)
    s["month"] = s["date"].str.slice(5, 7).astype(np.int64)
    s["period"] = "2026-Q" + ((s["month"] - 1) // 3 + 1).astype(str)
    out = []

    def emit(rule, frame, payee, amount):
        g = frame.assign(rule=rule, payee=frame[payee], amt=amount).groupby(
            ["rule", "payee", "period"], as_index=False)["amt"].sum()
        out.append(g)

    hw = s[s["category"] != "services"]
    emit("commission", hw, "partner", round_div(hw["cents"].to_numpy() * 3 * hw["mult"].to_numpy(), 10000))
    par = s[s["parent"] != ""]
    emit("override", par, "parent", round_div(par["cents"].to_numpy(), 100))
    co = s[s["coop"]]
    emit("coop_accrual", co, "partner", round_div(co["cents"].to_numpy() * 2, 100))

    # SPIF: the cap depends on order (date, id); returns free cap room and are never cut.
    featured = ["SKU-007", "SKU-042", "SKU-099", "SKU-123", "SKU-150"]
    sp = s[s["sku"].isin(featured) & s["month"].isin([10, 11])].sort_values(["date", "id"])
    used = {}
    paid = []
    for partner, units in zip(sp["partner"].to_numpy(), sp["units"].to_numpy()):
        c = 2500 * int(units)
        u = used.get(partner, 0)
        if c > 0:
            c = min(c, max(0, 200000 - u))
        used[partner] = u + c
        paid.append(c)
    emit("spif", sp, "partner", np.array(paid, dtype=np.int64))

    rev = s.groupby(["partner", "period"])["cents"].sum().unstack(fill_value=0)
    for q in ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]:
        if q not in rev.columns:
            rev[q] = 0
    rev = rev[["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]]
    long = rev.stack().rename("rev").reset_index()
    r = long["rev"].to_numpy()
    pct = np.select([r >= 50000000, r >= 25000000, r >= 10000000], [3, 2, 1], 0)
    reb = long[pct > 0]
    emit("rebate", reb, "partner", round_div(r[pct > 0] * pct[pct > 0], 100))
    prior = rev.shift(1, axis=1).fillna(0).astype(np.int64)
    grow = (prior > 0) & (rev * 100 >= prior * 110)
    g = grow.stack().rename("g").reset_index()
    g = g[g["g"]]
    emit("growth", g, "partner", np.full(len(g), 50000, dtype=np.int64))

    res = pd.concat(out).sort_values(["rule", "payee", "period"])
    a = res["amt"].to_numpy()
    res["amount"] = [f"{'-' if x < 0 else ''}{abs(x) // 100}.{abs(x) % 100:02d}" for x in a]
    res[["rule", "payee", "period", "amount"]].to_csv(out_path, index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
