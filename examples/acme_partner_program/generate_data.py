#!/usr/bin/env python3
"""Writes the example's sample data (deterministic: fixed seed).

Run from this folder: python3 generate_data.py
"""
import csv
import random

rng = random.Random(2026)
TIERS = ["platinum", "gold", "silver", "registered"]
REGIONS = ["NA", "EMEA", "APAC", "LATAM"]
NAMES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne",
         "Tyrell", "Cyberdyne", "Soylent", "Wonka", "Müller & Söhne", "Blue \"Sky\" Ltd", "Nakatomi"]

partners = []
for i in range(1, 61):
    pid = f"P{i:03d}"
    tier = rng.choices(TIERS, weights=[10, 20, 30, 40])[0] if i > 5 else "platinum"
    parent = "" if i <= 5 or rng.random() < 0.4 else f"P{rng.randint(1, 5):03d}"
    partners.append([pid, f"{rng.choice(NAMES)} {i}", tier, rng.choice(REGIONS),
                     f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", parent])

skus = {f"SKU-{n:03d}": (rng.choice(["hw", "hw", "sw", "services"]), rng.randint(10, 400) * 5)
        for n in range(50)}
sales = []
for i in range(1, 601):
    sku = rng.choice(list(skus)) if rng.random() > 0.15 else rng.choice(["SKU-007", "SKU-042"])
    cat, price = skus[sku]
    units = rng.randint(1, 20) if rng.random() > 0.04 else -rng.randint(1, 3)
    month = rng.randint(1, 12)
    sales.append([f"S{i:05d}", f"P{rng.randint(1, 60):03d}", f"2026-{month:02d}-{rng.randint(1, 28):02d}",
                  sku, cat, units, f"{units * price}.00"])
rng.shuffle(sales)

claims = []
for i in range(1, 41):
    claims.append([f"C{i:03d}", f"P{rng.randint(1, 20):03d}",
                   f"2026-{rng.randint(3, 12):02d}-{rng.randint(1, 28):02d}", f"{rng.randint(100, 2500)}.00"])

def write(name, header, rows):
    with open(f"data/{name}", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)

write("partners.csv", ["id", "name", "tier", "region", "joined", "parent"], partners)
write("sales.csv", ["id", "partner", "date", "sku", "category", "units", "amount"], sales)
write("claims.csv", ["id", "partner", "date", "amount"], claims)
