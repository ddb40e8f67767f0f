#!/bin/sh
# The VLAN switch test inside the test VM. This host's kernel has no CONFIG_BRIDGE_VLAN_FILTERING (the test skips
# here); the VM's Debian cloud kernel has it, but its bridge, stp, llc and veth modules are not in testvm's base
# image, so we take them from the same kernel package testvm cached, decompress them, and insmod them first.
# usage: vlan_in_vm.sh TESTVM INTEGRATION_TESTS NSENTER_LITE      exit 77 = skipped (reason printed)
set -eu
testvm=$1 tests=$2 nsenter=$3
status=$("$testvm" --json status 2>/dev/null) || { echo "SKIP: the test VM is not available here"; exit 77; }
release=$(printf '%s\n' "$status" | sed -n 's/.*"release": "\(.*\)".*/\1/p' | head -n 1)
cache=$(printf '%s\n' "$status" | sed -n 's/.*"cache_dir": "\(.*\)".*/\1/p' | head -n 1)
deb=$(ls "$cache"/debs/linux-image-"$release"_*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$release" ] || [ -z "$deb" ]; then
  echo "SKIP: no cached kernel package for the test VM (run: testvm build)"
  exit 77
fi
work=$(mktemp -d /tmp/vl-vlan-vm.XXXXXX)
trap 'rm -rf "$work"' EXIT
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" --wildcards \
  '*/net/bridge/bridge.ko*' '*/net/802/stp.ko*' '*/net/llc/llc.ko*' '*/drivers/net/veth.ko*'
files=""
for m in llc stp bridge veth; do
  src=$(find "$work" -name "$m.ko*" | head -n 1)
  [ -n "$src" ] || { echo "SKIP: $m.ko is not in $deb"; exit 77; }
  case "$src" in
    *.xz) xz -dc "$src" > "$work/$m.ko" ;;
    *.zst) zstd -qdc "$src" > "$work/$m.ko" ;;
    *.gz) gzip -dc "$src" > "$work/$m.ko" ;;
    *) cp "$src" "$work/$m.ko" ;;
  esac
  files="$files --file $work/$m.ko:/vl/$m.ko"
done
# Not exec: the EXIT trap must still remove $work.
# shellcheck disable=SC2086  # $files is a list of options
"$testvm" run --skip-code 77 --timeout 240 $files --file "$nsenter" --file "$tests" -- \
  sh -c "for m in llc stp bridge veth; do insmod /vl/\$m.ko || exit 1; done; exec $tests --gtest_filter='Switch.Vlan*:Switch.FdbWatch*'"
