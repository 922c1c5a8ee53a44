#!/usr/bin/env python3
"""End-to-end CLI tests: every exit code of brief §7 and every bad-input case of §5.

Each case writes its own small program and CSVs into a temp dir, runs `incant`,
and asserts the exit code, the exact error line, and that no ledger was left behind.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import threading

PROGRAM = '''program "e2e" {
  currency USD
  period 2026-01-01 .. 2026-12-31
}
enum Tier { gold, silver }
record Partner key id {
  id: Text
  tier: Tier
  parent: Partner?
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
param bonus: Money = 10 USD
param divisor: Int = 1
rule commission {
  for s in sales
  pay s.partner 10% * s.amount
}
rule per_unit {
  for s in sales
  pay s.partner s.amount / divisor - s.amount + bonus * s.units
  cap 100 USD
}
rule override {
  for s in sales
  pay s.partner.parent 1% * s.amount
}
'''
PARTNERS = "id,tier,parent\nP1,gold,\nP2,silver,P1\n"
SALES = "id,partner,date,units,amount\nS2,P2,2026-03-01,3,200.00\nS1,P1,2026-03-01,20,100.005\nS3,P1,2025-12-31,1,5.00\n"

# The ledger of PROGRAM over PARTNERS and SALES.
LEDGER = ("seq,date,period,rule,kind,payee,event,amount,requested,note\n"
          "1,2026-03-01,program,commission,pay,P1,sales:S1,10.00,10.00,\n"
          "2,2026-03-01,program,per_unit,pay,P1,sales:S1,100.00,200.00,cap\n"
          "3,2026-03-01,program,commission,pay,P2,sales:S2,20.00,20.00,\n"
          "4,2026-03-01,program,per_unit,pay,P2,sales:S2,30.00,30.00,\n"
          "5,2026-03-01,program,override,pay,P1,sales:S2,2.00,2.00,\n")

failures = []
passed = 0


def case(name, incant, *, partners=PARTNERS, sales=SALES, program=PROGRAM, extra=(), exit_code,
         stderr_has=(), stdout_has=(), ledger=None, sales_file="sales.csv", sales_kind="file"):
    """sales_kind: "file", "fifo" (a named pipe fed by a thread) or "dir" (a directory)."""
    global passed
    with tempfile.TemporaryDirectory() as d:
        for fname, text in (("p.incant", program), ("partners.csv", partners)):
            with open(os.path.join(d, fname), "w", encoding="utf-8", newline="") as f:
                f.write(text)
        sales_path = os.path.join(d, sales_file)
        if sales_kind == "dir":
            os.mkdir(sales_path)
        elif sales_kind == "fifo":
            os.mkfifo(sales_path)

            def feed():
                with open(sales_path, "w", encoding="utf-8", newline="") as f:
                    f.write(sales)
            threading.Thread(target=feed, daemon=True).start()
        else:
            with open(sales_path, "w", encoding="utf-8", newline="") as f:
                f.write(sales)
        cmd = [incant, "run", "p.incant", "--input", "partners=partners.csv", "--input", f"sales={sales_file}",
               "--out", "ledger.csv", *extra]
        p = subprocess.run(cmd, cwd=d, capture_output=True, text=True, errors="replace", timeout=120)
        problems = []
        if p.returncode != exit_code:
            problems.append(f"exit {p.returncode}, expected {exit_code}")
        for s in stderr_has:
            if s not in p.stderr:
                problems.append(f"stderr lacks {s!r}")
        for s in stdout_has:
            if s not in p.stdout:
                problems.append(f"stdout lacks {s!r}")
        has_ledger = os.path.exists(os.path.join(d, "ledger.csv"))
        if exit_code != 0 and has_ledger:
            problems.append("a ledger was written although the run failed")
        leftovers = [f for f in os.listdir(d) if ".tmp-" in f]
        if leftovers:
            problems.append(f"temporary files left behind: {leftovers}")
        if ledger is not None:
            got = open(os.path.join(d, "ledger.csv"), encoding="utf-8").read() if has_ledger else None
            if got != ledger:
                problems.append(f"ledger differs:\n{got}\nexpected:\n{ledger}")
        if problems:
            failures.append(f"{name}: " + "; ".join(problems) + f"\n  stderr: {p.stderr.strip()[:800]}")
        else:
            passed += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--incant", required=True)
    ap.add_argument("--have-jit", default="0", help="1 when built with -DINCANT_ENABLE_JIT=ON")
    a = ap.parse_args()
    incant = os.path.abspath(a.incant)

    case("ok: exact ledger, out-of-period event ignored", incant, exit_code=0,
         stdout_has=["1 events outside the program period ignored", "commission"],
         ledger=LEDGER)
    case("--set overrides a param", incant, extra=["--set", "bonus=1 USD"], exit_code=0,
         ledger=None, stdout_has=["per_unit"])
    case("--set unknown param", incant, extra=["--set", "nope=1"], exit_code=2,
         stderr_has=["--set nope: the program has no param `nope`"])
    case("--set bad value", incant, extra=["--set", "bonus=abc"], exit_code=2,
         stderr_has=["--set bonus=abc: not a valid value"])
    case("compile error exits 1", incant, program=PROGRAM.replace("10% * s.amount", "10% + s.amount"),
         exit_code=1, stderr_has=["p.incant:24:21: error: cannot add `Decimal` and `Money`"])
    case("runtime error: division by zero exits 3", incant, extra=["--set", "divisor=0"], exit_code=3,
         stderr_has=["p.incant:28:17: runtime error: division by zero in rule `per_unit` (event sales:S1)"])
    case("runtime error: Int overflow exits 3", incant,
         sales="id,partner,date,units,amount\nS1,P1,2026-03-01,9223372036854775807,1.00\n",
         program=PROGRAM.replace("bonus * s.units", "bonus * (s.units + 1)"), exit_code=3,
         stderr_has=["runtime error: arithmetic overflow in rule `per_unit` (event sales:S1)"])
    case("missing column", incant, partners="id,tier\nP1,gold\n", exit_code=2,
         stderr_has=["partners.csv:1: column parent: missing column"])
    case("value that does not parse", incant,
         sales="id,partner,date,units,amount\nS1,P1,2026-03-01,three,1.00\n", exit_code=2,
         stderr_has=["sales.csv:2: column units: 'three' is not an Int"])
    case("bad money", incant, sales="id,partner,date,units,amount\nS1,P1,2026-03-01,1,$5\n", exit_code=2,
         stderr_has=["sales.csv:2: column amount: '$5' is not a Money amount"])
    case("bad date", incant, sales="id,partner,date,units,amount\nS1,P1,2026-02-30,1,5\n", exit_code=2,
         stderr_has=["sales.csv:2: column date: '2026-02-30' is not a date (YYYY-MM-DD)"])
    case("unknown enum member", incant, partners="id,tier,parent\nP1,bronze,\n", exit_code=2,
         stderr_has=["partners.csv:2: column tier: 'bronze' is not a member of Tier (gold, silver)"])
    case("unknown reference", incant, sales="id,partner,date,units,amount\nS1,P9,2026-03-01,1,5\n", exit_code=2,
         stderr_has=["sales.csv:2: column partner: no row of `partners` has the key 'P9'"])
    case("duplicate key", incant, partners="id,tier,parent\nP1,gold,\nP1,silver,\n", exit_code=2,
         stderr_has=["partners.csv:3: column id: duplicate key 'P1' (first on line 2)"])
    # Sales keys no rule reads live in a pool of their own; duplicates are still found.
    case("duplicate event key", incant, exit_code=2,
         sales="id,partner,date,units,amount\nS1,P1,2026-03-01,1,5\nS1,P2,2026-03-02,1,5\n",
         stderr_has=["sales.csv:3: column id: duplicate key 'S1' (first on line 2)"])
    # Without --reject the sale ids are checked all at once after the load:
    # the first error in file order is still the one reported.
    case("a duplicate event key before a bad cell is reported first", incant, exit_code=2,
         sales="id,partner,date,units,amount\nS1,P1,2026-03-01,1,5\nS1,P2,2026-03-02,1,5\n"
               "S3,P1,2026-03-02,x,5\n",
         stderr_has=["sales.csv:3: column id: duplicate key 'S1' (first on line 2)"])
    case("a bad cell before a duplicate event key is reported first", incant, exit_code=2,
         sales="id,partner,date,units,amount\nS1,P1,2026-03-01,x,5\nS2,P2,2026-03-02,1,5\n"
               "S2,P1,2026-03-02,1,5\n",
         stderr_has=["sales.csv:2: column units: 'x' is not an Int"])
    case("--reject skips a duplicate event key and keeps the first", incant, exit_code=0,
         sales="id,partner,date,units,amount\nS1,P1,2026-03-01,20,100.005\nS2,P2,2026-03-01,3,200.00\n"
               "S1,P2,2026-03-02,1,5\n",
         extra=["--reject", "rejects.csv"], stdout_has=["1 rows rejected to rejects.csv"], ledger=LEDGER)
    # A rule that reads the key compares it with a program text: it stays in the shared pool.
    case("an event key a rule compares", incant, exit_code=0,
         program=PROGRAM.replace("pay s.partner.parent", 'when s.id != "S2"\n  pay s.partner.parent'),
         ledger=LEDGER.replace("5,2026-03-01,program,override,pay,P1,sales:S2,2.00,2.00,\n", ""))
    # Same-day events in key order, keys sharing a long prefix and of several lengths.
    one_rule = PROGRAM[:PROGRAM.index("rule per_unit")]
    keys = ["AB000000010", "AB00000001", "AB0000000", "AB000000002", "AB00000001\u00e9"]
    case("same-day events in key (byte) order", incant, exit_code=0, program=one_rule,
         sales="id,partner,date,units,amount\n" + "".join(f"{k},P1,2026-03-01,1,10\n" for k in keys),
         ledger="seq,date,period,rule,kind,payee,event,amount,requested,note\n" + "".join(
             f"{i},2026-03-01,program,commission,pay,P1,sales:{k},1.00,1.00,\n"
             for i, k in enumerate(sorted(keys, key=lambda k: k.encode()), 1)))
    case("a named pipe is read like a file", incant, exit_code=0, sales_kind="fifo", ledger=LEDGER)
    case("a directory is not an input", incant, exit_code=2, sales_kind="dir",
         stderr_has=["sales.csv: cannot read the file"])
    case("empty cell in a required field", incant, partners="id,tier,parent\nP1,,\n", exit_code=2,
         stderr_has=["partners.csv:2: column tier: empty value for a field that is not optional"])
    case("wrong field count", incant, partners="id,tier,parent\nP1,gold\n", exit_code=2,
         stderr_has=["partners.csv:2: the row has 2 fields but the header has 3"])
    case("unterminated quote", incant, partners='id,tier,parent\n"P1,gold,\n', exit_code=2,
         stderr_has=["partners.csv:2: a quoted field is not closed"])
    case("extra column warns once", incant, partners="id,tier,parent,notes\nP1,gold,,x\nP2,silver,P1,y\n",
         exit_code=0, stderr_has=["partners.csv:1: warning: extra column ignored: notes"])
    case("BOM and CRLF accepted", incant, partners="\ufeffid,tier,parent\r\nP1,gold,\r\nP2,silver,P1\r\n",
         exit_code=0)
    case("--reject keeps going", incant,
         sales="id,partner,date,units,amount\nS1,P1,2026-03-01,x,1\nS2,P9,2026-03-01,1,1\nS3,P1,2026-03-02,1,10\n",
         extra=["--reject", "rejects.csv"], exit_code=0, stdout_has=["2 rows rejected to rejects.csv"])
    case("missing --input", incant, exit_code=2, extra=[], program=PROGRAM.replace(
        "events sales: Sale", "events sales: Sale\nrecord R key id {\n  id: Text\n}\ntable extra: R"),
         stderr_has=["missing input: give `--input extra=PATH.csv` for table `extra`"])
    case("unknown input name", incant, extra=["--input", "bogus=x.csv"], exit_code=2,
         stderr_has=["--input bogus: the program has no table or events named `bogus`"])
    if a.have_jit == "1":
        case("--jit: the same ledger as the interpreter", incant, extra=["--jit"], exit_code=0,
             ledger=LEDGER)
    else:
        case("--jit in a build without LLVM is a usage error", incant, extra=["--jit"],
             exit_code=64, stderr_has=["--jit: this incant was built without the LLVM back end "
                                       "(configure with -DINCANT_ENABLE_JIT=ON)"])
    case("--threads needs a count", incant, extra=["--threads", "0"], exit_code=64,
         stderr_has=["--threads takes a count of 1 or more"])
    case("unknown input format", incant, sales_file="sales.txt", exit_code=2,
         stderr_has=["sales.txt: unknown input format `.txt` (expected .csv or .jsonl)"])
    jsonl_header = '{"id": "S1", "partner": "P1", "date": "2026-03-01", "units": 2, "amount": '
    case("JSONL input: numbers keep every digit, null is absent", incant, sales_file="sales.jsonl",
         sales=jsonl_header + '1000.005}\n\n{"id": "S2", "partner": "P2", "date": "2026-03-02", '
                               '"units": 1, "amount": "50", "note": null}\n',
         exit_code=0, stderr_has=["sales.jsonl:3: warning: extra fields ignored: note"])
    case("JSONL: not an object", incant, sales_file="sales.jsonl", sales='["S1"]\n', exit_code=2,
         stderr_has=["sales.jsonl:1: not a JSON object"])
    case("JSONL: nested value", incant, sales_file="sales.jsonl",
         sales=jsonl_header + '{"value": 5}}\n', exit_code=2,
         stderr_has=['sales.jsonl:1: field "amount": nested JSON values are not supported'])
    case("JSONL: missing field", incant, sales_file="sales.jsonl",
         sales='{"id": "S1", "partner": "P1", "date": "2026-03-01", "units": 2}\n', exit_code=2,
         stderr_has=["sales.jsonl:1: column amount: missing field"])
    case("JSONL: bad value names line and column", incant, sales_file="sales.jsonl",
         sales=jsonl_header + '"5"}\n' + jsonl_header.replace("S1", "S2") + 'true}\n', exit_code=2,
         stderr_has=["sales.jsonl:2: column amount: 'true' is not a Money amount"])
    case("JSONL: unclosed string", incant, sales_file="sales.jsonl", sales='{"id": "S1\n', exit_code=2,
         stderr_has=["sales.jsonl:1: a string is not closed"])
    # A 100 MB single line: a clear error, no crash, no hang.
    big = "id,tier,parent\n" + "P" * (100 * 1024 * 1024) + ",gold\n"
    case("100 MB single line", incant, partners=big, exit_code=2,
         stderr_has=["partners.csv:2: the row has 2 fields but the header has 3"])

    for f in failures:
        print("FAIL", f)
    print(f"{passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
