#!/usr/bin/env bash
# The sanitizer job: builds everything with clang, ASan and UBSan into build-san/,
# runs the whole test suite there, then runs each libFuzzer target from a seed
# corpus of our own programs and data. CI runs are deterministic (a fixed seed
# and a fixed number of inputs, so a commit passes or fails the same way every
# time); set FUZZ_SEED=0 for a random seed and FUZZ_SCALE=10 to run ten times
# longer when hunting.
# A crash, leak or undefined behaviour fails the job; the reproducer is kept in
# build-san/fuzz-artifacts/ (add it to tests/fuzz/regressions/ with the fix).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh clang-14 libclang-rt-14-dev

if [[ ! -f build-san/build.ninja ]]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-san -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DINCANT_SANITIZE=ON -DINCANT_FUZZ=ON
fi
cmake --build build-san -j"$(nproc)"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-san && ctest --output-on-failure -j"$(nproc)")

seed="${FUZZ_SEED:-1}"
scale="${FUZZ_SCALE:-1}"
work=build-san/fuzz-work
mkdir -p "$work" build-san/fuzz-artifacts
run_fuzzer() {  # name, number of inputs, seed dirs...
  local name=$1 runs=$(($2 * scale))
  shift 2
  rm -rf "${work:?}/$name"
  mkdir -p "$work/$name"
  echo "fuzzing $name: $runs inputs, seed $seed"
  build-san/tests/fuzz/"$name" -seed="$seed" -runs="$runs" -max_len=65536 -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=build-san/fuzz-artifacts/ \
    "$work/$name" "$@" 2>&1 | tail -n 12
  return "${PIPESTATUS[0]}"
}
programs=(tests/golden/diag tests/golden/disasm tests/golden/ledger bench
          tests/fuzz/regressions/parse)
run_fuzzer fuzz_parse 8000 "${programs[@]}"
run_fuzzer fuzz_check 8000 "${programs[@]}" tests/fuzz/regressions/check
run_fuzzer fuzz_csv 300000 tests/fuzz/seeds/csv tests/fuzz/regressions/csv
run_fuzzer fuzz_run 8000 examples/acme_partner_program/data tests/fuzz/regressions/run
