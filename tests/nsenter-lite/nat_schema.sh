#!/bin/sh
# Schema test input for `net nat --json`: builds a NAT switch (its own output discarded), prints the NAT document,
# removes the switch whatever happened. Exit 5 (validate_output.py turns it into a skip) when a vl-* switch already exists or we are not root.
set -u
bin=$1
[ "$(id -u)" -eq 0 ] || { echo "needs root" >&2; exit 5; }
if ls /run/netns 2>/dev/null | grep -q '^vl-'; then echo "a vl-* switch exists already" >&2; exit 5; fi
"$bin" net switch --mode nat --hosts 2 >/dev/null || exit 1  # a failed switch removes what it made
"$bin" --json --explain net nat
rc=$?
"$bin" net down >/dev/null
exit $rc
