#!/bin/sh
# `vmctl info --json` reports the IOMMU as sysfs shows it: units (/sys/class/iommu), groups and grouped devices
# (/sys/kernel/iommu_groups), PCI devices; passthrough is possible exactly when groups exist.
# usage: iommu_test.sh VMCTL
set -u
vmctl=$1
count() { [ -d "$1" ] && ls "$1" | wc -l || echo 0; }
units=$(count /sys/class/iommu)
groups=$(count /sys/kernel/iommu_groups)
grouped=0
for g in /sys/kernel/iommu_groups/*/devices; do
  [ -d "$g" ] && grouped=$((grouped + $(ls "$g" | wc -l)))
done
pci=$(count /sys/bus/pci/devices)
expected="$units $groups $grouped $pci $([ "$groups" -gt 0 ] && echo True || echo False)"
got=$("$vmctl" info --json | python3 -c '
import json, sys
m = json.load(sys.stdin)["info"]["machine"]["iommu"]
print(len(m["units"]), m["groups"], m["grouped_devices"], m["pci_devices"], m["passthrough_possible"])') ||
  { echo "FAIL: vmctl info --json has no info.machine.iommu"; exit 1; }
echo "sysfs: $expected"
echo "vmctl: $got"
[ "$got" = "$expected" ] || { echo "FAIL: vmctl's IOMMU facts differ from sysfs"; exit 1; }
echo ok
