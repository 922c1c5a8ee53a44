#!/usr/bin/env python3
"""Workload B1 (../shared/design/benchmark.md), deterministic (fixed seed).

usage: gen_workload.py N_SALES OUTDIR
Writes partners.csv (10,000 partners P00001..P10000: tiers 5/15/30/50 %,
P00001..P00100 distributors, each other partner with a distributor parent half
the time; names with commas, doubled quotes and non-ASCII letters) and
sales.csv (N rows S00000001.., written in a random permutation; partners drawn
with weight 1/rank^0.8 over a random ranking; dates uniform over 2026; 200
SKUs (100 hw, 70 sw, 30 services) at fixed prices 10.00..2000.00; units 1..20,
or -1..-5 (a return) with probability 2 %; amount = units x price exactly).
"""
import datetime
import csv
import os
import random
import sys


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(1)
    tiers = ["platinum"] * 5 + ["gold"] * 15 + ["silver"] * 30 + ["registered"] * 50
    with open(os.path.join(out, "partners.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "tier", "region", "joined", "parent"])
        for i in range(1, 10001):
            parent = "" if i <= 100 or rng.random() < 0.5 else f"P{rng.randint(1, 100):05d}"
            joined = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(731))
            w.writerow([f"P{i:05d}", f"Partner, \"{i}\" Größe", rng.choice(tiers),
                        rng.choice(["NA", "EMEA", "APAC", "LATAM"]), joined.isoformat(), parent])
    skus = [(f"SKU-{k:03d}", "hw" if k < 100 else ("sw" if k < 170 else "services"), rng.randint(1000, 200000))
            for k in range(200)]
    ranking = list(range(1, 10001))
    rng.shuffle(ranking)
    weights = [1 / (r ** 0.8) for r in range(1, 10001)]
    partners = rng.choices(ranking, weights=weights, k=n)
    order = list(range(1, n + 1))
    rng.shuffle(order)
    days = [(datetime.date(2026, 1, 1) + datetime.timedelta(days=k)).isoformat() for k in range(365)]
    with open(os.path.join(out, "sales.csv"), "w", newline="", encoding="utf-8") as f:
        f.write("id,partner,date,sku,category,units,amount\n")
        for idx, sid in enumerate(order):
            sku, cat, cents = skus[rng.randrange(200)]
            units = -rng.randint(1, 5) if rng.random() < 0.02 else rng.randint(1, 20)
            amount = units * cents
            sign = "-" if amount < 0 else ""
            a = abs(amount)
            f.write(f"S{sid:08d},P{partners[idx]:05d},{days[rng.randrange(365)]},"
                    f"{sku},{cat},{units},{sign}{a // 100}.{a % 100:02d}\n")


if __name__ == "__main__":
    main()
