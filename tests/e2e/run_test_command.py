#!/usr/bin/env python3
"""End-to-end tests of `incant test` (brief §6): pass and fail output, exit
codes, --filter, --junit, compile errors, runtime errors inside a test, and a
file of 100 tests (which must run in-process and quickly; the time is printed,
not asserted)."""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HEADER = """program "t" {
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
  amount: Money
}
table partners: Partner
events sales: Sale
param rate: Decimal = 10%
rule commission {
  for s in sales
  pay s.partner rate * s.amount
}
rule ratio {
  for s in sales
  when s.amount < 0 USD
  pay s.partner s.amount / (s.amount - s.amount) * 1 USD
}
"""


def test_block(name, amount, expected, extra=""):
    return f"""
test "{name}" {{
  partners {{
    id
    "P1"
  }}
  sales {{
    id   | partner | date       | amount
    "S1" | "P1"    | 2026-03-01 | {amount}
  }}
{extra}  expect commission for "P1" == {expected}
}}
"""


failures = 0


def check(name, cond, detail=""):
    global failures
    if not cond:
        failures += 1
        print(f"FAIL {name}\n{detail}")


def run(incant, files, *args, cwd):
    return subprocess.run([incant, "test", *files, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--incant", required=True)
    incant = os.path.abspath(ap.parse_args().incant)
    with tempfile.TemporaryDirectory() as d:
        def write(name, text):
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)

        write("good.incant", HEADER + test_block("ten percent", "100.00 USD", "10 USD") +
              test_block("a param override", "100.00 USD", "25 USD", "  params { rate = 25% }\n"))
        p = run(incant, ["good.incant"], cwd=d)
        check("all pass: exit 0", p.returncode == 0, p.stdout + p.stderr)
        check("all pass: summary line", p.stdout.endswith("2 passed, 0 failed\n"), p.stdout)

        write("bad.incant", HEADER + test_block("wrong on purpose", "100.00 USD", "11 USD") +
              test_block("right", "50.00 USD", "5 USD"))
        p = run(incant, ["bad.incant"], cwd=d)
        check("a failure: exit 1", p.returncode == 1, p.stdout)
        check("a failure names test, PATH:LINE, expected and actual",
              "FAIL wrong on purpose (bad.incant:" in p.stdout and
              "bad.incant:36: expect commission for \"P1\" == 11 USD" in p.stdout and
              "expected 11.00 USD, actual 10.00 USD" in p.stdout and
              p.stdout.endswith("1 passed, 1 failed\n"), p.stdout)

        p = run(incant, ["bad.incant"], "--filter", "right", cwd=d)
        check("--filter runs only matching tests", p.returncode == 0 and
              p.stdout == "ok   right\n1 passed, 0 failed\n", p.stdout)

        p = run(incant, ["good.incant", "bad.incant"], "--junit", "report.xml", cwd=d)
        root = ET.parse(os.path.join(d, "report.xml")).getroot()
        cases = root.findall(".//testcase")
        failed = root.findall(".//failure")
        check("--junit: every test, one failure with the values",
              root.get("tests") == "4" and root.get("failures") == "1" and len(cases) == 4 and
              len(failed) == 1 and "expected 11.00 USD, actual 10.00 USD" in failed[0].text,
              open(os.path.join(d, "report.xml")).read())

        write("runtime.incant", HEADER + test_block("division by zero", "-5.00 USD", "-0.50 USD"))
        p = run(incant, ["runtime.incant"], cwd=d)
        check("a runtime error fails the test with its message",
              p.returncode == 1 and "division by zero" in p.stdout and
              "rule `ratio`" in p.stdout, p.stdout)

        write("broken.incant", HEADER + test_block("unknown rule", "1.00 USD", "1 USD").replace(
            "expect commission", "expect comission"))
        p = run(incant, ["broken.incant"], cwd=d)
        check("an expect naming an unknown rule is a compile error: exit 1",
              p.returncode == 1 and "`comission` is not a rule, fund or metric" in p.stderr and
              "did you mean `commission`" in p.stderr, p.stdout + p.stderr)

        write("many.incant", HEADER + "".join(
            test_block(f"case {i}", f"{i}.00 USD", f"{i / 10:.2f} USD") for i in range(1, 101)))
        start = time.monotonic()
        p = run(incant, ["many.incant"], cwd=d)
        took = time.monotonic() - start
        check("100 tests pass", p.returncode == 0 and p.stdout.endswith("100 passed, 0 failed\n"),
              p.stdout[-500:])
        print(f"100 tests in one file: {took:.3f} s (compile and run)")

        p = run(incant, [], cwd=d)
        check("no file: usage, exit 64", p.returncode == 64, p.stderr)
    print("ok" if failures == 0 else f"{failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
