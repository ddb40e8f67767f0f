#!/bin/bash
# Reference solution of the network lab (instructors only; `make solve SEED=n` fills in the seed's values).
# 네트워크 실습 모범 답안 (강의자용; `make solve SEED=n` 이 시드의 값을 채웁니다).
#   ./switch.sh up     bridge + one network namespace per host, veth pairs, addresses
#   ./switch.sh vlan   (after up) make the bridge filter VLANs: each port an access port of its host's VLAN
#   ./switch.sh down   remove everything up made
set -eu

# @CONFIG@

up() {
  # The virtual switch: a Linux bridge, up, with no address (a pure L2 switch).
  ip link add "$BRIDGE" type bridge
  ip link set "$BRIDGE" up
  for i in "${!HOSTS[@]}"; do
    ns=${HOSTS[$i]}
    ip netns add "$ns"
    # One veth pair = a cable: eth0 goes into the host's namespace, $ns-p stays outside as the switch port.
    ip link add "$ns-p" type veth peer name eth0 netns "$ns"
    ip link set "$ns-p" master "$BRIDGE"
    ip link set "$ns-p" up
    ip -n "$ns" addr add "${ADDRS[$i]}" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
  done
}

vlan() {
  # Turn on VLAN filtering, then make every port an access port: untagged frames in, PVID = the host's VLAN.
  ip link set "$BRIDGE" type bridge vlan_filtering 1
  for i in "${!HOSTS[@]}"; do
    port=${HOSTS[$i]}-p
    bridge vlan add dev "$port" vid "${VLANS[$i]}" pvid untagged
    bridge vlan del dev "$port" vid 1
  done
}

down() {
  for ns in "${HOSTS[@]}"; do
    # Deleting the bridge-side end deletes the pair at once (a namespace is torn down asynchronously).
    ip link del "$ns-p" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
}

case "${1:-}" in
  up) up ;;
  vlan) vlan ;;
  down) down ;;
  *) echo "usage: $0 up|vlan|down" >&2; exit 2 ;;
esac
