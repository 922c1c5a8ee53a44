#!/usr/bin/env bash
# The LLVM back-end job: builds with -DINCANT_ENABLE_JIT=ON into build-jit/ and
# runs every test there, jit_differential included (`incant run --jit` against
# the interpreter, byte for byte, on goldens, runtime errors and random programs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh llvm-14-dev
if [[ ! -f build-jit/build.ninja ]]; then
  cmake -S . -B build-jit -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINCANT_ENABLE_JIT=ON
fi
cmake --build build-jit -j"$(nproc)"
cd build-jit
ctest --output-on-failure -j"$(nproc)"
