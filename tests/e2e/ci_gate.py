#!/usr/bin/env python3
"""docs/ci.md end to end: a fresh rules repository gated by
examples/ci/check-rules.sh is green as written, and red for each of a wrong
expectation, a type error and an unformatted file."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GATE = os.path.join(ROOT, "examples", "ci", "check-rules.sh")

PROGRAM = '''program "Partner rules" {
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

rule commission {
  for s in sales
  pay s.partner 3% * s.amount
}

test "three percent" {
  partners {
    id
    "P1"
  }
  sales {
    id   | partner | date       | amount
    "S1" | "P1"    | 2026-03-01 | 1000.00 USD
  }
  expect commission for "P1" == 30 USD
}
'''

BREAKAGES = {
    "a wrong expectation": ("== 30 USD", "== 31 USD", "expected 31.00 USD, actual 30.00 USD"),
    "a type error": ("3% * s.amount", "3% + s.amount", "error:"),
    "an unformatted file": ("  pay s.partner 3% * s.amount", "  pay   s.partner 3%*s.amount",
                            "not formatted"),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--incant", required=True)
    incant = os.path.abspath(ap.parse_args().incant)
    failures = 0
    env = dict(os.environ, INCANT=incant)
    with tempfile.TemporaryDirectory() as repo:
        rules = os.path.join(repo, "rules")
        os.makedirs(rules)
        path = os.path.join(rules, "partners.incant")

        def gate():
            return subprocess.run(["bash", GATE, "rules"], cwd=repo, env=env, capture_output=True,
                                  text=True)
        with open(path, "w") as f:
            f.write(PROGRAM)
        p = gate()
        if p.returncode != 0:
            failures += 1
            print(f"FAIL the clean repository is red\n{p.stdout}{p.stderr}")
        for name, (old, new, shows) in BREAKAGES.items():
            with open(path, "w") as f:
                f.write(PROGRAM.replace(old, new))
            p = gate()
            if p.returncode == 0 or shows not in p.stdout + p.stderr:
                failures += 1
                print(f"FAIL {name}: exit {p.returncode}\n{p.stdout}{p.stderr}")
    print("ok" if failures == 0 else f"{failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
