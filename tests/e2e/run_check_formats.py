#!/usr/bin/env python3
"""`incant check` output formats and --werror: text, JSON lines and SARIF
2.1.0 (the structure code-scanning services require: version, tool.driver
with its rules, results with ruleId, level, message and a physical location
whose region points at the diagnostic)."""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIAG = os.path.join("tests", "golden", "diag")
failures = 0


def check(name, cond, detail=""):
    global failures
    if not cond:
        failures += 1
        print(f"FAIL {name}\n{detail[:2000]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--incant", required=True)
    incant = os.path.abspath(ap.parse_args().incant)

    def run(*args):
        return subprocess.run([incant, "check", *args], cwd=ROOT, capture_output=True, text=True)

    err_file = os.path.join(DIAG, "fail_unknown_name.incant")
    warn_file = os.path.join(DIAG, "fail_unused.incant")
    p = run("--format", "sarif", err_file, warn_file)
    check("sarif: exit 1 with an error", p.returncode == 1, p.stderr)
    log = json.loads(p.stdout)
    check("sarif: version and schema", log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"])
    run0 = log["runs"][0]
    rule_ids = {r["id"] for r in run0["tool"]["driver"]["rules"]}
    check("sarif: tool and rules", run0["tool"]["driver"]["name"] == "incant" and
          {"unknown-name", "unused", "syntax"} <= rule_ids)
    results = run0["results"]
    check("sarif: one result per diagnostic (1 error + 5 warnings)", len(results) == 6, p.stdout)
    first = results[0]
    loc = first["locations"][0]["physicalLocation"]
    check("sarif: the error at its exact place",
          first["ruleId"] == "unknown-name" and first["level"] == "error" and
          loc["artifactLocation"]["uri"] == err_file.replace(os.sep, "/") and
          loc["region"]["startLine"] == 22 and loc["region"]["startColumn"] == 19 and
          "did you mean `amount`" in first["message"]["text"], json.dumps(first))
    check("sarif: warnings are level warning",
          all(r["level"] == "warning" for r in results[1:]) and
          all(r["ruleId"] in rule_ids for r in results), json.dumps(results))

    p = run("--format", "json", warn_file)
    lines = [json.loads(x) for x in p.stderr.splitlines()]
    check("json: one object per diagnostic, warnings only: exit 0",
          p.returncode == 0 and len(lines) == 5 and lines[0]["code"] == "unused" and
          lines[0]["line"] == 21, p.stderr)

    p = run("--werror", warn_file)
    check("--werror: warnings become errors, exit 1",
          p.returncode == 1 and "error: param `bonus` is never used" in p.stderr, p.stderr)
    p = run("--format", "xml", warn_file)
    check("unknown format: usage error 64", p.returncode == 64, p.stderr)
    print("ok" if failures == 0 else f"{failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
