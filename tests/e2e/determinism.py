#!/usr/bin/env python3
"""Determinism (brief §4): the ledger is byte-identical whatever the order of
the input rows and columns and whatever the input format. For every golden
ledger case, the inputs are rewritten (rows shuffled, columns permuted, CRLF
line ends, a byte-order mark; then as JSON Lines) and the run must give
exactly the expected ledger, on one thread (--threads 1) as with the default
(the ledger written on a second thread). The JSONL ledger must carry the same
lines.
"""
import argparse
import csv
import io
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CASES = os.path.join(ROOT, "tests", "golden", "ledger")


def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def write_csv(path, rows, fields, rng):
    cols = fields[:]
    rng.shuffle(cols)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\ufeff" + buf.getvalue())


def write_jsonl(path, rows, rng):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            obj = {}
            keys = list(r)
            rng.shuffle(keys)
            for k in keys:
                v = r[k]
                if v == "":
                    if rng.random() < 0.5:
                        obj[k] = None  # null and a missing key are both absent
                    continue
                obj[k] = v
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--incant", required=True)
    a = ap.parse_args()
    incant = os.path.abspath(a.incant)
    failures = checked = 0
    for case in sorted(os.listdir(CASES)):
        d = os.path.join(CASES, case)
        expected = open(os.path.join(d, "expected_ledger.csv"), "rb").read()
        args = shlex.split(open(os.path.join(d, "args.txt")).read())
        inputs = []
        for i, arg in enumerate(args):
            if arg == "--input":
                name, path = args[i + 1].split("=", 1)
                inputs.append((name, os.path.normpath(os.path.join(d, path))))
        others = [x for i, x in enumerate(args) if x != "--input" and (i == 0 or args[i - 1] != "--input")]
        for variant in ("csv", "jsonl"):
            for seed in (1, 2):
                rng = random.Random(f"{case}-{variant}-{seed}")
                with tempfile.TemporaryDirectory() as tmp:
                    run_args = []
                    for name, path in inputs:
                        rows = read_rows(path)
                        fields = list(rows[0].keys()) if rows else next(csv.reader(open(path, encoding="utf-8-sig")))
                        rng.shuffle(rows)
                        out = os.path.join(tmp, f"{name}.{variant}")
                        if variant == "csv":
                            write_csv(out, rows, fields, rng)
                        else:
                            write_jsonl(out, rows, rng)
                        run_args += ["--input", f"{name}={out}"]
                    ledger = os.path.join(tmp, "ledger.csv")
                    jledger = os.path.join(tmp, "ledger.jsonl")
                    threads = ["--threads", "1"] if seed == 2 else []
                    p = subprocess.run([incant, "run", os.path.join(d, "program.incant"), *run_args, *others,
                                        "--out", ledger, *threads], capture_output=True, text=True)
                    checked += 1
                    got = open(ledger, "rb").read() if p.returncode == 0 else b""
                    if got != expected:
                        failures += 1
                        print(f"FAIL {case} ({variant}, seed {seed}): exit {p.returncode}\n{p.stderr[:400]}")
                        continue
                    subprocess.run([incant, "run", os.path.join(d, "program.incant"), *run_args, *others,
                                    "--out", jledger], capture_output=True, check=True)
                    as_csv = [list(r.values()) for r in csv.DictReader(io.StringIO(expected.decode()))]
                    as_json = [[str(v) for v in json.loads(line).values()] for line in open(jledger)]
                    if as_csv != as_json:
                        failures += 1
                        print(f"FAIL {case}: the JSONL ledger differs from the CSV one")
    print(f"{checked - failures} of {checked} shuffled runs gave the expected ledger")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
