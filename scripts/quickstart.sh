#!/usr/bin/env bash
# Fresh machine to first ledger: install dependencies, build, run the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
mkdir -p out
ex=examples/acme_partner_program
build/cli/incant run "$ex/program.incant" \
  --input partners="$ex/data/partners.csv" --input sales="$ex/data/sales.csv" \
  --input claims="$ex/data/claims.csv" --out out/acme_ledger.csv
echo "ledger written to out/acme_ledger.csv"
