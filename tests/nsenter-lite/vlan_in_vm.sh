#!/bin/sh
# The VLAN switch test inside the test VM. This host's kernel has no CONFIG_BRIDGE_VLAN_FILTERING (the test skips
# here); the VM's Debian cloud kernel has it, and testvm's guest loads the bridge, veth and 802.1Q modules at boot.
# usage: vlan_in_vm.sh TESTVM INTEGRATION_TESTS NSENTER_LITE      exit 77 = skipped (reason printed)
set -eu
testvm=$1 tests=$2 nsenter=$3
"$testvm" --json status >/dev/null 2>&1 || { echo "SKIP: the test VM is not available here"; exit 77; }
exec "$testvm" run --skip-code 77 --timeout 240 --file "$nsenter" --file "$tests" -- \
  "$tests" --gtest_filter='Switch.Vlan*:Switch.FdbWatch*'
