#!/usr/bin/env python3
"""The TextMate grammar (editors/) must know exactly the keywords of the
ANTLR grammar: reserved words as reserved, contextual keywords (the K_*
tokens) as contextual. Also checks that its patterns compile and highlight a
sample line the way a reader expects."""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def words(match):
    m = re.fullmatch(r"\\b\((.*)\)\\b", match)
    return set(m.group(1).split("|")) if m else set()


def main():
    g4 = open(os.path.join(ROOT, "grammar", "Incant.g4"), encoding="utf-8").read()
    contextual = set(re.findall(r"^K_[A-Z_]+\s*:\s*'([a-z_]+)'", g4, re.M))
    all_words = set(re.findall(r"'([a-z]+)'", g4))
    reserved = all_words - contextual
    tm = json.load(open(os.path.join(ROOT, "editors", "incant.tmLanguage.json"), encoding="utf-8"))
    kw = {p["name"]: words(p["match"]) for p in tm["repository"]["keywords"]["patterns"]}
    lits = {p["name"]: words(p["match"]) for p in tm["repository"]["literals"]["patterns"]}
    tm_contextual = kw["keyword.other.contextual.incant"]
    tm_reserved = (kw["storage.type.declaration.incant"] | kw["keyword.control.incant"] |
                   kw["keyword.operator.word.incant"] | lits["constant.language.incant"])
    problems = []
    if tm_contextual != contextual:
        problems.append(f"contextual keywords differ: grammar only {sorted(contextual - tm_contextual)}, "
                        f"TextMate only {sorted(tm_contextual - contextual)}")
    if tm_reserved != reserved:
        problems.append(f"reserved words differ: grammar only {sorted(reserved - tm_reserved)}, "
                        f"TextMate only {sorted(tm_reserved - reserved)}")

    # Every pattern compiles (Python's re is close enough to Oniguruma for these).
    def all_matches(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("match", "begin", "end"):
                    yield v
                else:
                    yield from all_matches(v)
        elif isinstance(node, list):
            for x in node:
                yield from all_matches(x)
    for pattern in all_matches(tm):
        try:
            re.compile(pattern)
        except re.error as e:
            problems.append(f"pattern {pattern!r} does not compile: {e}")

    # A sample line, scope by scope.
    line = '  when s.date in 2026-Q4 and s.amount >= 1_500.00 USD  // big'
    money = next(p for p in tm["repository"]["literals"]["patterns"]
                 if p["name"] == "constant.numeric.money.incant")
    period = next(p for p in tm["repository"]["literals"]["patterns"]
                  if p["name"] == "constant.numeric.period.incant")
    if not re.search(money["match"], line) or re.search(money["match"], line).group(0) != "1_500.00 USD":
        problems.append("money literal not recognised")
    if re.search(period["match"], line).group(0) != "2026-Q4":
        problems.append("period literal not recognised")
    for p in problems:
        print("FAIL", p)
    print(f"{len(contextual)} contextual and {len(reserved)} reserved keywords agree"
          if not problems else f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
