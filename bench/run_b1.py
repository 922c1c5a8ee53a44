#!/usr/bin/env python3
"""Workload B1 side by side (shared/design/benchmark.md): Incant, the
hand-written C++ program, DuckDB (2 threads) and pandas on the same files.
For each size: generate the data once, run each tool RUNS times, require
identical per-(rule, payee, quarter) totals, and print a table of median wall
time, peak RSS, rows per second and the ratios to the C++ program.

usage: bench/run_b1.py [--runs 3] [--skip-slow] [N ...]   (default N: 100000 1000000)
Needs: the build (scripts/build.sh), Debian's python3-pandas, node + npm
(installs @duckdb/node-api into bench/peers/ on first use)."""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
PEERS = os.path.join(BENCH, "peers")
INCANT = os.path.join(ROOT, "build", "cli", "incant")
NATIVE = os.path.join(ROOT, "build", "bench", "b1_native")


def timed(cmd, cwd=ROOT):
    """(seconds, peak RSS in KiB) of one run; raises on failure."""
    with tempfile.NamedTemporaryFile("r") as t:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", t.name, *cmd], cwd=cwd,
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
        secs, kb = open(t.name).read().split()[-2:]
        return float(secs), int(kb)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-slow", action="store_true", help="no pandas/DuckDB (quick look)")
    ap.add_argument("sizes", nargs="*", type=int, default=[100000, 1000000])
    a = ap.parse_args()
    if not os.path.exists(INCANT) or not os.path.exists(NATIVE):
        subprocess.run([os.path.join(ROOT, "scripts", "build.sh")], check=True)
    if not a.skip_slow and not os.path.exists(os.path.join(PEERS, "node_modules", "@duckdb")):
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=PEERS, check=True)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
               platform.processor())
    print(f"machine: {os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}")
    rules = os.path.join(ROOT, "out", "bench", "rules2000.incant")
    os.makedirs(os.path.dirname(rules), exist_ok=True)
    subprocess.run([sys.executable, os.path.join(BENCH, "gen_rules.py"), "2000", rules], check=True)
    checks = [timed([INCANT, "check", rules]) for _ in range(a.runs)]
    print(f"incant check, generated program of 2,000 rules: median "
          f"{statistics.median(c[0] for c in checks):.2f} s, peak {max(c[1] for c in checks) / 1024:.0f} MiB")
    for n in a.sizes:
        data = os.path.join(ROOT, "out", "bench", str(n))
        if not os.path.exists(os.path.join(data, "sales.csv")):
            subprocess.run([sys.executable, os.path.join(BENCH, "gen_workload.py"), str(n), data], check=True)
        p, s = os.path.join(data, "partners.csv"), os.path.join(data, "sales.csv")
        out = os.path.join(data, "totals")
        os.makedirs(out, exist_ok=True)
        tools = [
            ("C++ (hand-written)", [NATIVE, p, s, f"{out}/native.csv"], f"{out}/native.csv"),
            ("incant --summary", [INCANT, "run", os.path.join(BENCH, "program.incant"),
                                  "--input", f"partners={p}", "--input", f"sales={s}",
                                  "--summary", f"{out}/incant.csv", "--summary-by", "quarter"],
             f"{out}/incant.csv"),
            ("incant --out ledger", [INCANT, "run", os.path.join(BENCH, "program.incant"),
                                     "--input", f"partners={p}", "--input", f"sales={s}",
                                     "--out", f"{out}/ledger.csv"], None),
        ]
        if not a.skip_slow:
            tools += [
                ("DuckDB (2 threads)", ["node", os.path.join(PEERS, "b1_duckdb.mjs"), p, s,
                                        f"{out}/duckdb.csv"], f"{out}/duckdb.csv"),
                ("pandas", ["/usr/bin/python3", os.path.join(PEERS, "b1_pandas.py"), p, s,
                            f"{out}/pandas.csv"], f"{out}/pandas.csv"),
            ]
        results = []
        for name, cmd, _ in tools:
            runs = [timed(cmd) for _ in range(a.runs)]
            results.append((name, statistics.median(r[0] for r in runs), max(r[1] for r in runs)))
        check = subprocess.run([sys.executable, os.path.join(PEERS, "compare_totals.py"),
                                *[t[2] for t in tools if t[2]]], capture_output=True, text=True)
        base_t, base_m = results[0][1], results[0][2]
        print(f"\nB1, {n:,} sales rows, median of {a.runs} runs")
        print(f"{'tool':<22}{'wall s':>9}{'peak MiB':>10}{'rows/s':>13}{'x C++ time':>12}{'x C++ mem':>11}")
        for name, t, kb in results:
            print(f"{name:<22}{t:>9.2f}{kb / 1024:>10.0f}{n / t:>13,.0f}{t / base_t:>12.2f}{kb / base_m:>11.2f}")
        print("totals: " + ("identical across tools" if check.returncode == 0 else "DIFFER\n" + check.stdout))
        if check.returncode != 0:
            sys.exit(1)


if __name__ == "__main__":
    main()
