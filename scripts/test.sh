#!/usr/bin/env bash
# Install dependencies, build, and run every test (unit, golden, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)"
