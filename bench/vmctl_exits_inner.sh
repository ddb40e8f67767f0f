#!/bin/sh
# Runs inside the test VM: each VMM on each benchmark guest, alternating, ROUNDS times. Framed for vmctl_exits.py.
# usage: vmctl_exits_inner.sh VMCTL MINIMAL IO_BIN MMIO_BIN ROUNDS
vmctl=$1 minimal=$2 io=$3 mmio=$4 rounds=$5
i=0
while [ $i -lt "$rounds" ]; do
  for kind in io mmio; do
    eval bin=\$$kind
    echo "@@@ minimal $kind $i"
    "$minimal" "$bin"
    echo "@@@ vmctl $kind $i"
    # Exit tracing stays on (every exit goes into the ring and the histogram); only the ring printed is small.
    "$vmctl" run --image "$bin" --mode real --mem 512K --ring 256 --timeout 900 --json
  done
  i=$((i + 1))
done
echo "@@@ end"
