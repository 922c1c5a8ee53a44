#!/usr/bin/env python3
"""Compares B1 totals files: rule,payee,period,amount (an Incant --summary
with its kind column is accepted too). Zero totals are ignored on both sides
(a line cut to 0.00 exists in Incant's ledger, not in the peers' output).
usage: compare_totals.py REFERENCE OTHER..."""
import csv
import sys
from decimal import Decimal


def load(path):
    out = {}
    for r in csv.DictReader(open(path, encoding="utf-8")):
        key = (r["rule"], r["payee"], r["period"])
        out[key] = out.get(key, Decimal(0)) + Decimal(r["amount"])
    return {k: v for k, v in out.items() if v != 0}


def main():
    ref = load(sys.argv[1])
    bad = 0
    for other in sys.argv[2:]:
        got = load(other)
        diff = sorted(k for k in set(ref) | set(got) if ref.get(k) != got.get(k))
        if diff:
            bad += 1
            print(f"{other}: {len(diff)} totals differ from {sys.argv[1]}, e.g.")
            for k in diff[:5]:
                print(f"  {k}: {ref.get(k)} vs {got.get(k)}")
        else:
            print(f"{other}: all {len(ref)} totals equal")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
