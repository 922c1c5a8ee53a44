#!/usr/bin/env python3
"""Golden-file tests: run `incant` on each case and compare with the expected files.

  diag/fail_<code>[_more].incant   -> .stderr (text diagnostics) and .exit
  disasm/<name>.incant             -> .disasm (incant disasm)
  ledger/<name>/program.incant     -> ledger.csv + stdout.txt + exit (args in args.txt),
                                      and leaderboards.csv when the program has a leaderboard

--update rewrites the expectations so a reviewer reads the diff instead.
Also checks that every diagnostic kind in compiler/diag/diagnostic_kinds.def
has at least one diag golden (named after its code).
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=60)
    return p.returncode, p.stdout, p.stderr


def compare(path, actual, update, failures):
    if update:
        with open(path, "w", encoding="utf-8") as f:
            f.write(actual)
        return
    try:
        with open(path, encoding="utf-8") as f:
            expected = f.read()
    except FileNotFoundError:
        failures.append(f"{os.path.relpath(path, ROOT)}: missing (run with --update)")
        return
    if expected != actual:
        failures.append(f"{os.path.relpath(path, ROOT)}: differs\n--- expected\n{expected}--- actual\n{actual}")


def diag_cases(incant, update, failures):
    d = os.path.join(HERE, "diag")
    codes = set()
    for name in sorted(os.listdir(d)):
        if not name.endswith(".incant"):
            continue
        base = name[:-len(".incant")]
        code, _, err = run([incant, "check", f"tests/golden/diag/{name}"], ROOT)
        compare(os.path.join(d, base + ".stderr"), err, update, failures)
        compare(os.path.join(d, base + ".exit"), f"{code}\n", update, failures)
        codes.add(base)
    kinds = re.findall(r'^X\(\w+, \w+, "([\w-]+)"\)', open(
        os.path.join(ROOT, "compiler/diag/diagnostic_kinds.def")).read(), re.M)
    for k in kinds:
        if not any(c == "fail_" + k.replace("-", "_") or c.startswith("fail_" + k.replace("-", "_") + "_")
                   for c in codes):
            failures.append(f"diagnostic kind `{k}` has no golden test (tests/golden/diag/fail_{k.replace('-', '_')}.incant)")
    return len(codes)


def disasm_cases(incant, update, failures):
    d = os.path.join(HERE, "disasm")
    n = 0
    for name in sorted(os.listdir(d)):
        if name.endswith(".incant"):
            code, out, err = run([incant, "disasm", f"tests/golden/disasm/{name}"], ROOT)
            compare(os.path.join(d, name[:-7] + ".disasm"), f"exit {code}\n{out}{err}", update, failures)
            n += 1
    return n


def ledger_cases(incant, update, failures):
    d = os.path.join(HERE, "ledger")
    n = 0
    for case in sorted(os.listdir(d)):
        cd = os.path.join(d, case)
        if not os.path.isdir(cd):
            continue
        args = shlex.split(open(os.path.join(cd, "args.txt")).read())
        boards = "leaderboard " in open(os.path.join(cd, "program.incant"), encoding="utf-8").read()
        with tempfile.TemporaryDirectory() as tmp:
            out_path = os.path.join(tmp, "ledger.csv")
            boards_path = os.path.join(tmp, "boards.csv")
            extra = ["--leaderboards", boards_path] if boards else []
            code, out, err = run([incant, "run", "program.incant", *args, "--out", out_path, *extra], cd)
            ledger = open(out_path, encoding="utf-8").read() if os.path.exists(out_path) else "<no ledger>\n"
            if boards:
                got = open(boards_path, encoding="utf-8").read() if os.path.exists(boards_path) else "<none>\n"
                compare(os.path.join(cd, "expected_leaderboards.csv"), got, update, failures)
        compare(os.path.join(cd, "expected_ledger.csv"), ledger, update, failures)
        compare(os.path.join(cd, "expected_output.txt"), f"exit {code}\n{out}{err}", update, failures)
        n += 1
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--incant", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--only", choices=["diag", "disasm", "ledger"])
    a = ap.parse_args()
    failures = []
    counts = {}
    for kind, fn in (("diag", diag_cases), ("disasm", disasm_cases), ("ledger", ledger_cases)):
        if a.only in (None, kind):
            counts[kind] = fn(os.path.abspath(a.incant), a.update, failures)
    for f in failures:
        print("FAIL", f)
    total = sum(counts.values())
    print(f"{total - len(failures) if len(failures) <= total else 0} passed, {len(failures)} failed ({counts})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
