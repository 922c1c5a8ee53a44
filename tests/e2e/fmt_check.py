#!/usr/bin/env python3
"""`incant fmt` over every program in the repository (examples, goldens,
bench, fuzz seeds): the output parses, is a fixed point (fmt(fmt(x)) ==
fmt(x)), keeps every comment, and compiles to the same bytecode (the
disassembly without source positions) — so a formatted program computes the
same ledger. Also `fmt --check` exit codes, and that the repository's own
examples are formatted."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = 0


def check(name, cond, detail=""):
    global failures
    if not cond:
        failures += 1
        print(f"FAIL {name}\n{detail[:3000]}")


def comments(text):
    # `//` outside string literals, in order.
    out = []
    for line in text.splitlines():
        in_str = esc = False
        for i, c in enumerate(line):
            if in_str:
                if esc:
                    esc = False
                elif c == "\\":
                    esc = True
                elif c == '"':
                    in_str = False
            elif c == '"':
                in_str = True
            elif line.startswith("//", i):
                out.append(line[i:].rstrip())
                break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--incant", required=True)
    incant = os.path.abspath(ap.parse_args().incant)
    files = []
    for top in ("examples", "tests", "bench"):
        for d, _, names in os.walk(os.path.join(ROOT, top)):
            files += [os.path.join(d, n) for n in sorted(names) if n.endswith(".incant")]
    formatted = 0
    with tempfile.TemporaryDirectory() as tmp:
        for f in sorted(set(os.path.realpath(x) for x in files)):
            rel = os.path.relpath(f, ROOT)
            src = open(f, encoding="utf-8", errors="replace").read()
            # Format a copy beside the original, so relative imports still resolve; its
            # extension is not .incant, so tests scanning the folder meanwhile skip it.
            copy = os.path.join(os.path.dirname(f), "." + os.path.basename(f) + ".fmt-check")
            shutil.copyfile(f, copy)
            try:
                p = subprocess.run([incant, "fmt", copy], capture_output=True, text=True)
                if p.returncode != 0:
                    continue  # a file with syntax errors (a diagnostic golden) is left alone
                once = open(copy, encoding="utf-8").read()
                p = subprocess.run([incant, "fmt", copy], capture_output=True, text=True)
                twice = open(copy, encoding="utf-8").read()
                check(f"{rel}: idempotent", p.returncode == 0 and once == twice,
                      f"--- once\n{once}\n--- twice\n{twice}")
                check(f"{rel}: comments kept", comments(src) == comments(once),
                      f"{comments(src)}\n{comments(once)}")
                a = subprocess.run([incant, "disasm", f], capture_output=True, text=True)
                b = subprocess.run([incant, "disasm", copy], capture_output=True, text=True)
                strip = lambda s: re.sub(r" *@\d+:\d+", "", s)
                if a.returncode == 0:
                    check(f"{rel}: same bytecode after formatting", strip(a.stdout) == strip(b.stdout),
                          f"{once}")
                else:
                    check(f"{rel}: same diagnostics kinds after formatting",
                          b.returncode == a.returncode, b.stderr)
                formatted += 1
            finally:
                os.remove(copy)
        # --check: exit 1 and the file name when a file would change, 0 once formatted.
        messy = os.path.join(tmp, "messy.incant")
        with open(messy, "w") as f:
            f.write('program "m" { currency USD  period 2026-01-01 .. 2026-12-31 }\n'
                    'let   x =  (1+2)*3   // why\n')
        p = subprocess.run([incant, "fmt", "--check", messy], capture_output=True, text=True)
        check("--check: exit 1 and the file name", p.returncode == 1 and p.stdout.strip() == messy,
              p.stdout + p.stderr)
        subprocess.run([incant, "fmt", messy], check=True)
        text = open(messy).read()
        check("fmt: canonical text", text == 'program "m" {\n  currency USD\n'
              '  period 2026-01-01 .. 2026-12-31\n}\n\nlet x = (1 + 2) * 3  // why\n', text)
        p = subprocess.run([incant, "fmt", "--check", messy], capture_output=True, text=True)
        check("--check: exit 0 once formatted", p.returncode == 0 and p.stdout == "", p.stdout)
        bad = os.path.join(tmp, "bad.incant")
        with open(bad, "w") as f:
            f.write("let x = (1 +\n")
        p = subprocess.run([incant, "fmt", bad], capture_output=True, text=True)
        check("a file that does not parse: exit 1, untouched", p.returncode == 1 and
              open(bad).read() == "let x = (1 +\n" and "error:" in p.stderr, p.stderr)
    p = subprocess.run([incant, "fmt", "--check", "examples", "bench"], cwd=ROOT, capture_output=True,
                       text=True)
    check("the repository's examples are formatted", p.returncode == 0, p.stdout + p.stderr)
    print(f"{formatted} programs formatted: " + ("ok" if failures == 0 else f"{failures} failed"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
