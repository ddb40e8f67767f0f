#!/bin/sh
# Runs inside the test VM (real, nested KVM): every vmctl case once, each section framed for vm_guests_test.py.
# usage: vm_cases.sh VMCTL LONG_BIN
vmctl=$1
long_bin=$2
tmp=/tmp/vmctl-cases
mkdir -p $tmp
printf '\353\376' > $tmp/spin.bin          # jmp $ : never halts
printf '\017\013' > $tmp/ud2.bin           # ud2 with no IDT: triple fault
printf '\364' > $tmp/hlt.bin               # hlt
case_() {  # case_ NAME ARGS...
  name=$1
  shift
  "$vmctl" "$@" > $tmp/out 2> $tmp/err
  rc=$?
  echo "@@@ case $name rc=$rc"
  cat $tmp/out
  echo "@@@ stderr"
  cat $tmp/err
  echo "@@@ end"
}
# The test VM's RAM as its kernel sees it: translate's HPAs must fall inside "System RAM".
echo "@@@ iomem"
grep 'System RAM' /proc/iomem
echo "@@@ end"
case_ info info --json
for g in hello protected long mmio dirty triple-fault; do case_ "$g" run "$g" --json; done
case_ emulated-vs-pv run emulated-vs-pv --bytes 4096 --json
case_ smp run smp --iterations 8 --spin 20000 --json
case_ image-long run --image "$long_bin" --mode long --json
case_ image-hlt-real run --image $tmp/hlt.bin --mode real --json
case_ translate translate --guest long 0x1000 0x10000 0x5000 0x10000000 --json
case_ translate-protected translate --guest protected 0x1000 --json
case_ translate-text translate --guest long 0x1000
case_ translate-image translate --image "$long_bin" --mode long 0x1000 --json
case_ translate-image-spin translate --image $tmp/spin.bin --timeout 1 0x1000
case_ timeout run --image $tmp/spin.bin --mode long --timeout 1
case_ triple-fault-image run --image $tmp/ud2.bin --mode long
case_ sregs-no-lma run long --break-sregs no-lma
case_ explain run hello --explain
case_ text-hello run hello
# --trace-exits: kvm:kvm_exit in an instance of vmctl's own (tracefs mounted for the run when it was not).
grep -q ' /sys/kernel/tracing tracefs' /proc/mounts && tracefs_before=mounted || tracefs_before=absent
case_ trace-exits-long run long --trace-exits --json
case_ trace-exits-pv run emulated-vs-pv --bytes 4096 --trace-exits --json
echo "@@@ tracefs-after"
echo "before $tracefs_before"
grep ' /sys/kernel/tracing tracefs' /proc/mounts
ls /sys/kernel/tracing/instances 2>/dev/null | grep '^vmctl-'
echo "@@@ end"
