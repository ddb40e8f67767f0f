#!/bin/sh
# vmctl on a machine without /dev/kvm: one-line errors with the documented exit codes, nothing left behind.
# usage: no_kvm_test.sh VMCTL
set -u
vmctl=$1
if [ -e /dev/kvm ]; then
  echo "SKIP: /dev/kvm exists here; this test checks the behaviour without KVM"
  exit 77
fi
fail=0
expect() {  # expect CODE PATTERN -- ARGS...
  code=$1 pattern=$2
  shift 3
  err=$("$vmctl" "$@" 2>&1 >/dev/null)
  rc=$?
  if [ "$rc" -ne "$code" ]; then echo "FAIL: vmctl $* exited $rc, want $code: $err"; fail=1; return; fi
  if ! printf '%s' "$err" | grep -q -- "$pattern"; then echo "FAIL: vmctl $*: stderr lacks '$pattern': $err"; fail=1; return; fi
  lines=$(printf '%s\n' "$err" | grep -c .)
  if [ "$lines" -ne 1 ]; then echo "FAIL: vmctl $*: want a one-line error, got $lines lines: $err"; fail=1; return; fi
  echo "ok: vmctl $* → $rc: $err"
}
expect 5 "/dev/kvm is missing" -- --no-nested run hello
expect 5 "hint: .*--nested" -- --no-nested run long
expect 5 "/dev/kvm is missing" -- --no-nested translate 0x1000
# Bad input is reported before KVM is touched, so it shows here too.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -c 3145728 /dev/zero > "$tmp/big.bin"
printf '\364' > "$tmp/hlt.bin"
expect 2 "does not fit" -- --no-nested run --image "$tmp/big.bin" --mode long
expect 2 "entry 0x300000 is outside" -- --no-nested run --image "$tmp/hlt.bin" --mode long --entry 0x300000
expect 2 "mode" -- --no-nested run --image "$tmp/hlt.bin" --mode unreal
expect 3 "cannot read image" -- --no-nested run --image "$tmp/missing.bin" --mode long
expect 2 "no guest given" -- --no-nested run
# vmctl info works without KVM and says why it is absent.
out=$("$vmctl" info 2>&1); rc=$?
if [ $rc -ne 0 ] || ! printf '%s' "$out" | grep -q "absent"; then echo "FAIL: vmctl info: $rc $out"; fail=1; else echo "ok: vmctl info says absent"; fi
exit $fail
