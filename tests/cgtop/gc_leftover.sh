#!/bin/sh
# Leaves what a SIGKILLed `cgtop run` leaves (its cgroup in every hierarchy), then prints `cgtop gc --dry-run --json`
# and `cgtop gc --json` (the schema test validates both lines). usage: gc_leftover.sh CGTOP
cgtop="$1"
"$cgtop" run --memory 32M -- sleep 5 >/dev/null 2>&1 &
run=$!
sleep 0.3
kill -9 "$run"
wait "$run"
"$cgtop" gc --dry-run --json && exec "$cgtop" gc --json
