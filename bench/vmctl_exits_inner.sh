#!/bin/sh
# Runs inside the test VM: both VMMs on each benchmark guest, ROUNDS times, as pairs run back to back (the order
# flips every round so drift of the shared host hits both sides alike). Framed for vmctl_exits.py.
# usage: vmctl_exits_inner.sh VMCTL MINIMAL IO_BIN MMIO_BIN ROUNDS
vmctl=$1 minimal=$2 io=$3 mmio=$4 rounds=$5
echo "@@@ clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null)"
run_minimal() {
  echo "@@@ minimal $1 $2"
  "$minimal" "$3"
}
run_vmctl() {
  echo "@@@ vmctl $1 $2"
  # Exit tracing stays on: every exit goes into the ring (default 4096) and the histogram.
  "$vmctl" run --image "$3" --mode real --mem 512K --timeout 900 --json
}
i=0
while [ $i -lt "$rounds" ]; do
  for kind in io mmio; do
    eval bin=\$$kind
    if [ $((i % 2)) -eq 0 ]; then
      run_minimal $kind $i "$bin"
      run_vmctl $kind $i "$bin"
    else
      run_vmctl $kind $i "$bin"
      run_minimal $kind $i "$bin"
    fi
  done
  i=$((i + 1))
done
echo "@@@ end"
