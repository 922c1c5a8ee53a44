#!/usr/bin/env bash
# Times `incant run` on the generated workload: wall time, rows/s, peak RSS.
# usage: bench/run_bench.sh [N_SALES...]   (default: 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
incant=build/cli/incant
[[ -x $incant ]] || scripts/build.sh
for n in "${@:-1000000}"; do
  dir=out/bench/$n
  [[ -f $dir/sales.csv ]] || python3 bench/gen_workload.py "$n" "$dir"
  for mode in summary ledger; do
    out=/dev/null; [[ $mode == ledger ]] && out=$dir/ledger.csv
    args=(run bench/program.incant --input "partners=$dir/partners.csv" --input "sales=$dir/sales.csv")
    [[ $mode == ledger ]] && args+=(--out "$out")
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$incant" "${args[@]}" > /dev/null
    read -r secs kb < "$dir/time.txt"
    python3 -c "import sys; n,s,kb=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f'{n:>10} rows  {sys.argv[4]:<7} {s:6.2f} s  {n/s:>12,.0f} rows/s  peak {kb/1024:,.0f} MiB')" "$n" "$secs" "$kb" "$mode"
  done
done
