#!/usr/bin/env python3
"""A large generated program for timing `incant check` (issue target: 2,000
rules in under a second): the B1 records, a few fns, tiers and metrics, then N
rules mixing event and period rules with lets, conditions, caps and budgets.
usage: gen_rules.py N OUT.incant"""
import random
import sys


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(n)
    head = open(__file__.replace("gen_rules.py", "program.incant"), encoding="utf-8").read()
    parts = [head, "\nmetric units_sold = sum(s.units) for s in sales by s.partner\n"]
    for i in range(n):
        kind = rng.random()
        if kind < 0.7:
            sku = f"SKU-{rng.randrange(200):03d}"
            rate = rng.randint(1, 9)
            parts.append(f"""
rule r{i:04d} {{
  for s in sales{rng.choice(["", " every month", " every quarter"])}
  let base = {rate}% * s.amount * multiplier(s.partner.tier)
  when s.sku != "{sku}" and s.units > {rng.randint(0, 5)} and s.date in 2026-{rng.randint(1, 12):02d}-01 ..
  pay s.partner if s.category == "hw" then base else base / 2
  cap {rng.randint(1, 50) * 100} USD
}}
""")
        else:
            parts.append(f"""
rule r{i:04d} {{
  for p in partners every {rng.choice(["month", "quarter", "year"])}
  when revenue(p, prior) > 0 USD and units_sold(p) >= {rng.randint(1, 100)}
  pay p rebate_rates.at(revenue(p)) * revenue(p) + {rng.randint(1, 9)} USD
  budget {rng.randint(10, 500) * 1000} USD
}}
""")
    open(out, "w", encoding="utf-8").write("".join(parts))


if __name__ == "__main__":
    main()
