#!/usr/bin/env python3
"""Writes the sample data of the incentive-type examples (fixed seed, so the
files and the golden ledgers stay put). Run from this folder:

    python3 generate_data.py

Every example gets its own copy of what it reads, so each folder stands alone.
"""
import csv
import os
import random

rng = random.Random(20260101)
TIERS = ["platinum", "gold", "silver", "registered"]
NAMES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell",
         "Cyberdyne", "Wonka", "Nakatomi", "Müller & Söhne", "Blue \"Sky\" Ltd"]
N_PARTNERS = 40


def day(month, rng_day=None):
    return f"2026-{month:02d}-{rng_day or rng.randint(1, 28):02d}"


partners = []
for i in range(1, N_PARTNERS + 1):
    tier = "platinum" if i <= 4 else rng.choices(TIERS, weights=[8, 22, 30, 40])[0]
    partners.append([f"P{i:02d}", f"{rng.choice(NAMES)} {i}", tier,
                     rng.choice(["NA", "EMEA", "APAC", "LATAM"])])

# Each partner has a size; growth differs by quarter so some partners grow.
size = {p[0]: rng.choice([1, 1, 2, 3, 5, 8]) for p in partners}
trend = {p[0]: [1.0, rng.uniform(0.7, 1.5), rng.uniform(0.7, 1.6), rng.uniform(0.8, 1.8)] for p in partners}
SKUS = {f"SKU-{n:03d}": (rng.choice(["hw", "hw", "sw", "services"]), rng.randint(20, 300) * 5)
        for n in range(50)}
sales = []
n = 0
for p in partners:
    pid = p[0]
    for q in range(4):
        for _ in range(int(size[pid] * trend[pid][q] * 1.2) + rng.randint(0, 1)):
            n += 1
            sku = rng.choice(list(SKUS)) if rng.random() > 0.15 else rng.choice(["SKU-007", "SKU-042"])
            cat, price = SKUS[sku]
            units = rng.randint(1, 25) if rng.random() > 0.05 else -rng.randint(1, 3)  # returns
            sales.append([f"S{n:04d}", pid, day(q * 3 + rng.randint(1, 3)), sku, cat, units,
                          f"{units * price}.00"])
rng.shuffle(sales)

quotas = []
for p in partners:
    for q in range(4):
        quotas.append([f"Q{p[0]}-{q + 1}", p[0], day(q * 3 + 1, 1), f"{size[p[0]] * 9000}.00"])

coop_claims = []
for i in range(1, 61):
    coop_claims.append([f"C{i:03d}", f"P{rng.randint(1, 16):02d}", day(rng.randint(2, 12)),
                        f"{rng.randint(2, 60) * 50}.00"])

mdf_claims = []
for i in range(1, 71):
    mdf_claims.append([f"M{i:03d}", f"P{rng.randint(1, 24):02d}", day(rng.randint(1, 12)),
                       rng.choice(["event", "digital", "print"]), f"{rng.randint(4, 90) * 50}.00"])

orders = []
for i in range(1, 301):
    units = rng.choice([2, 5, 8, 10, 12, 20, 40, 50, 60, 80, 100, 150])
    orders.append([f"O{i:04d}", f"P{rng.randint(1, N_PARTNERS):02d}", day(rng.randint(1, 12)), units,
                   f"{units * rng.randint(40, 120)}.00"])

COURSES = ["Intro", "Networking", "Security", "Cloud", "Sales Basics"]
completions = []
for i in range(1, 241):
    kind = "certification" if rng.random() < 0.2 else "course"
    completions.append([f"T{i:04d}", f"P{rng.randint(1, N_PARTNERS):02d}", day(rng.randint(1, 12)),
                        rng.choice(COURSES), kind])


def write(example, name, header, rows):
    os.makedirs(f"{example}/data", exist_ok=True)
    with open(f"{example}/data/{name}", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


P_HEADER = ["id", "name", "tier", "region"]
S_HEADER = ["id", "partner", "date", "sku", "category", "units", "amount"]
for ex in ["tiered_commission", "coop_fund", "quarterly_rebate", "mdf", "volume_discount",
           "training_points", "growth_bonus", "spif"]:
    write(ex, "partners.csv", P_HEADER, partners)
for ex in ["tiered_commission", "coop_fund", "quarterly_rebate", "mdf", "growth_bonus", "spif"]:
    write(ex, "sales.csv", S_HEADER, sales)
write("tiered_commission", "quotas.csv", ["id", "partner", "date", "amount"], quotas)
write("coop_fund", "claims.csv", ["id", "partner", "date", "amount"], coop_claims)
write("mdf", "claims.csv", ["id", "partner", "date", "activity", "amount"], mdf_claims)
write("volume_discount", "orders.csv", ["id", "partner", "date", "units", "amount"], orders)
write("training_points", "completions.csv", ["id", "partner", "date", "course", "kind"], completions)
