#!/usr/bin/env python3
"""`incant run --summary` (and `--summary-by month|quarter|year`) against the
golden ledgers: the totals per (rule, kind, payee, period) must equal the
ledger's lines added up, to the cent, for every golden case."""
import argparse
import csv
import datetime
import os
import shlex
import subprocess
import sys
import tempfile
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CASES = os.path.join(ROOT, "tests", "golden", "ledger")


def bucket(date, by, period):
    if by is None:
        return period
    d = datetime.date.fromisoformat(date)
    return {"month": f"{d.year:04d}-{d.month:02d}", "quarter": f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}",
            "year": f"{d.year:04d}"}[by]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--incant", required=True)
    incant = os.path.abspath(ap.parse_args().incant)
    failures = checked = 0
    for case in sorted(os.listdir(CASES)):
        d = os.path.join(CASES, case)
        args = shlex.split(open(os.path.join(d, "args.txt")).read())
        lines = list(csv.DictReader(open(os.path.join(d, "expected_ledger.csv"), encoding="utf-8")))
        for by in (None, "month", "quarter", "year"):
            want = {}
            for ln in lines:
                key = (ln["rule"], ln["kind"], ln["payee"], bucket(ln["date"], by, ln["period"]))
                want[key] = want.get(key, Decimal(0)) + Decimal(ln["amount"])
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "summary.csv")
                extra = ["--summary-by", by] if by else []
                p = subprocess.run([incant, "run", "program.incant", *args, "--summary", out, *extra],
                                   cwd=d, capture_output=True, text=True)
                got = {}
                if p.returncode == 0:
                    for r in csv.DictReader(open(out, encoding="utf-8")):
                        got[(r["rule"], r["kind"], r["payee"], r["period"])] = Decimal(r["amount"])
                rows = [r for r in open(out, encoding="utf-8")] if p.returncode == 0 else []
            checked += 1
            if got != want or rows[1:] != sorted(rows[1:], key=lambda s: next(csv.reader([s]))[:4]):
                failures += 1
                diff = {k: (want.get(k), got.get(k)) for k in set(want) | set(got) if want.get(k) != got.get(k)}
                print(f"FAIL {case} --summary-by {by}: exit {p.returncode} {p.stderr[:300]}\n"
                      f"{list(diff.items())[:5]}")
    print(f"{checked - failures} of {checked} summaries equal their ledger")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
