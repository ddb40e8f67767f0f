#!/bin/sh
# usage: demos_usage_test.sh PAGEWALK MESSAGE ARG...
# Bad input must give exit 2 (usage), nothing on stdout, and exactly one line on stderr containing MESSAGE.
pagewalk=$1 message=$2
shift 2
out=$("$pagewalk" "$@" 2>/tmp/pagewalk-usage-$$.err)
rc=$?
err=$(cat /tmp/pagewalk-usage-$$.err)
rm -f /tmp/pagewalk-usage-$$.err
echo "pagewalk $*: exit $rc, stderr: $err"
[ "$rc" -eq 2 ] || { echo "FAIL: expected exit 2"; exit 1; }
[ -z "$out" ] || { echo "FAIL: stdout not empty: $out"; exit 1; }
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || { echo "FAIL: stderr is not one line"; exit 1; }
case $err in *"$message"*) ;; *) echo "FAIL: stderr lacks: $message"; exit 1 ;; esac
case $err in *hint:*) ;; *) echo "FAIL: no hint"; exit 1 ;; esac
