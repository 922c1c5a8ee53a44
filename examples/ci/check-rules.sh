#!/usr/bin/env bash
# The three gates of a rules repository (docs/ci.md): every program checks
# with warnings as errors, every test block passes, every file is formatted.
# All three run, so one build shows every problem; exit 1 if any failed.
#   usage: INCANT=path/to/incant check-rules.sh [RULES_DIR]
set -uo pipefail
incant="${INCANT:-incant}"
dir="${1:-.}"
status=0
echo "== incant check --werror $dir"
"$incant" check --werror "$dir" || status=1
echo "== incant test $dir"
"$incant" test "$dir" || status=1
echo "== incant fmt --check $dir"
if ! "$incant" fmt --check "$dir"; then
  echo "these files are not formatted: run \`incant fmt $dir\` and commit the result"
  status=1
fi
exit "$status"
