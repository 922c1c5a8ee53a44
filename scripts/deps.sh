#!/usr/bin/env bash
# Installs the Debian packages Incant builds with (idempotent; skips apt when all are present).
# Extra packages for one job go as arguments: scripts/deps.sh llvm-14-dev
set -euo pipefail
pkgs=(build-essential cmake ninja-build ccache antlr4 default-jre-headless libantlr4-runtime-dev uuid-dev
      libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev python3 "$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
