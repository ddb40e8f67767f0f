#!/bin/sh
# The explorer's .desktop entry passes desktop-file-validate without errors or warnings. Hints are printed only:
# Categories=Education;System; (two main categories, on purpose: a teaching tool and a system tool) is one.
set -eu
if ! command -v desktop-file-validate >/dev/null; then
  echo "desktop-file-validate not installed (desktop-file-utils, packages.txt): run scripts/install-deps" >&2
  exit 77
fi
out=$(desktop-file-validate "$1" 2>&1) || true
[ -z "$out" ] || echo "$out"
if echo "$out" | grep -qE ': (error|warning): '; then
  echo "check-desktop-file: $1 has errors or warnings" >&2
  exit 1
fi
echo "check-desktop-file: $1 valid"
