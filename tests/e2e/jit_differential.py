#!/usr/bin/env python3
"""Differential test of the LLVM back end (issue 5): `incant run --jit` must
give exactly what the interpreter gives (exit code, stdout, stderr, ledger,
summary and leaderboard bytes) on

  - every golden ledger case (all examples included);
  - runtime errors raised on the native fast paths (Int and Decimal overflow)
    and through vm::Step (division by zero), whose messages name the same
    line and column;
  - random programs: bench/gen_rules.py over a small B1 workload, and the
    reference model's generator when ../shared/model is present.

Registered only in builds configured with -DINCANT_ENABLE_JIT=ON.
"""
import argparse
import os
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL_GEN = os.path.join(os.path.dirname(ROOT), "shared", "model", "gen_programs.py")

ERRORS_PROGRAM = '''program "jit errors" {
  currency USD
  period 2026-01-01 .. 2026-12-31
}
record Partner key id {
  id: Text
}
record Sale key id {
  id: Text
  partner: Partner
  date: Date
  units: Int
  amount: Money
}
table partners: Partner
events sales: Sale
param factor: Int = 1
param extra: Money = 0 USD
param divisor: Int = 1
rule per_unit {
  for s in sales
  let n = s.units * factor
  pay s.partner s.amount + extra + n * 1 USD
}
rule share {
  for s in sales
  pay s.partner s.amount / divisor
}
'''
ERRORS_PARTNERS = "id\nP1\nP2\n"
ERRORS_SALES = "id,partner,date,units,amount\nS1,P1,2026-02-01,3,10.00\nS2,P2,2026-03-01,4,20.00\n"
ERROR_SETS = [
    [],
    ["--set", "factor=9223372036854775807"],  # MulInt overflow, native fast path
    ["--set", "extra=999999999999999999999999 USD"],  # Decimal overflow in AddDec
    ["--set", "divisor=0"],  # division by zero, through vm::Step
]

failures = []
passed = 0


def run_both(incant, cwd, args, outputs):
    """Runs args in cwd with and without --jit; compares everything both produce
    (outputs: the absolute paths of the files the run writes)."""
    global passed
    results = []
    for jit in (False, True):
        for path in outputs:
            if os.path.exists(path):
                os.remove(path)
        p = subprocess.run([incant, "run", *args] + (["--jit"] if jit else []), cwd=cwd,
                           capture_output=True)
        files = {path: open(path, "rb").read() if os.path.exists(path) else None
                 for path in outputs}
        results.append((p.returncode, p.stdout, p.stderr, files))
    label = f"{cwd}: run {' '.join(args)}"
    if results[0] == results[1]:
        passed += 1
    else:
        vm, jit = results
        failures.append(f"{label}\n  vm exit {vm[0]}, jit exit {jit[0]}\n"
                        f"  vm stderr {vm[2][:300]!r}\n  jit stderr {jit[2][:300]!r}")
    return results[0]


def golden_cases(incant, tmp):
    golden = os.path.join(ROOT, "tests", "golden", "ledger")
    for case in sorted(os.listdir(golden)):
        d = os.path.join(golden, case)
        args = shlex.split(open(os.path.join(d, "args.txt")).read())
        outs = [os.path.join(tmp, f"{case}.{name}.csv") for name in ("ledger", "summary", "boards")]
        code = run_both(incant, d, ["program.incant", *args, "--out", outs[0], "--summary", outs[1],
                                    "--leaderboards", outs[2]], outs)[0]
        if code != 0:
            failures.append(f"golden {case}: exit {code}, expected 0")


def error_cases(incant, tmp):
    d = os.path.join(tmp, "errors")
    os.makedirs(d)
    for name, text in (("p.incant", ERRORS_PROGRAM), ("partners.csv", ERRORS_PARTNERS),
                       ("sales.csv", ERRORS_SALES)):
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)
    for sets in ERROR_SETS:
        code, _, stderr, _ = run_both(
            incant, d, ["p.incant", "--input", "partners=partners.csv", "--input",
                        "sales=sales.csv", "--out", "ledger.csv", *sets],
            [os.path.join(d, "ledger.csv")])
        # The cases must really reach the paths they are named for.
        want = 0 if not sets else 3
        if code != want or (want and b"p.incant:" not in stderr):
            failures.append(f"errors {sets}: exit {code}, expected {want}: {stderr[:300]!r}")


def generated_cases(incant, tmp, count):
    data = os.path.join(tmp, "b1")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_workload.py"), "3000", data],
                   check=True, capture_output=True)
    for n in range(count):
        prog = os.path.join(data, f"rules{n}.incant")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_rules.py"), str(20 + n * 7),
                        prog], check=True)
        code = run_both(incant, data, [prog, "--input", "partners=partners.csv", "--input",
                                       "sales=sales.csv", "--out", "ledger.csv", "--summary",
                                       "summary.csv"],
                        [os.path.join(data, "ledger.csv"), os.path.join(data, "summary.csv")])[0]
        if code != 0:
            failures.append(f"generated rules{n}: exit {code}, expected 0")


def model_cases(incant, tmp, count, seed):
    if not os.path.exists(MODEL_GEN):
        print("reference model not present: its random programs are skipped")
        return
    gen = os.path.join(tmp, "model")
    subprocess.run([sys.executable, MODEL_GEN, str(seed), str(count), gen], check=True,
                   capture_output=True)
    for case in sorted(os.listdir(gen)):
        d = os.path.join(gen, case)
        if not os.path.exists(os.path.join(d, "args.txt")):
            continue
        args = shlex.split(open(os.path.join(d, "args.txt")).read())
        run_both(incant, d, ["program.incant", *args, "--out", "ledger.csv"],
                 [os.path.join(d, "ledger.csv")])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--incant", required=True)
    ap.add_argument("--generated", type=int, default=6)
    ap.add_argument("--model", type=int, default=30)
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args()
    incant = os.path.abspath(a.incant)
    with tempfile.TemporaryDirectory() as tmp:
        golden_cases(incant, tmp)
        error_cases(incant, tmp)
        generated_cases(incant, tmp, a.generated)
        model_cases(incant, tmp, a.model, a.seed)
    for f in failures:
        print("FAIL", f)
    print(f"{passed} runs identical, {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
