#!/bin/bash
# Part 2 of the network lab (VLANs), run by the grader (lab.py): inside the test VM when this machine's kernel
# cannot filter VLANs, or directly on a host whose kernel can. Not for students to run.
# 네트워크 실습 2부(VLAN)를 채점기가 실행하는 스크립트입니다: 커널이 VLAN 필터링을 못 하면 테스트 VM 안에서, 할 수
# 있으면 호스트에서 직접 실행합니다. 학생이 직접 실행하는 파일이 아닙니다.
#
# usage: vlan_run.sh SWITCH_SH NSENTER_LITE BRIDGE MODULE_DIR|- STEP_LIMIT NS=ADDRESS=VID...
#   MODULE_DIR: llc.ko stp.ko bridge.ko veth.ko to insmod first (the test VM's base image has no bridge), - for none
#   STEP_LIMIT: seconds each `switch.sh STEP` may take (`timeout`: coreutils' on a host, busybox's in the VM)
# stdout carries only facts, one per line, for lab.py to parse:
#   @step NAME / @rc NAME CODE     a `switch.sh NAME` step started / ended with CODE
#   @limit NAME                    ... and was killed at STEP_LIMIT
#   @mac NS MAC                    the MAC of eth0 in NS after `switch.sh vlan` (empty when there is no eth0)
#   @ping FROM TO CODE             `ping -c 1` from FROM's namespace to TO's address (0 = reply)
#   @fdb-begin ... @fdb-end CODE   `nsenter-lite net fdb --json --bridge BRIDGE` (its whole document in between)
#   @done                          the run is complete (on a host after `switch.sh down`; the VM is thrown away)
#   @time WHAT SECONDS             the guest's uptime when WHAT started (for the grader's log)
#   @error TEXT                    the run itself could not be done (not the student's fault)
# The student's script writes to stderr only, so nothing it prints can look like a fact.
script=$1 nsenter=$2 bridge=$3 moddir=$4 limit=$5
shift 5

if [ "$moddir" != - ]; then
  for m in llc stp bridge veth; do
    if [ -e "/sys/module/$m" ]; then continue; fi
    insmod "$moddir/$m.ko" >&2 || { echo "@error insmod $m.ko failed in the test VM"; exit 0; }
  done
fi

clock() { read -r up _ </proc/uptime; echo "@time $1 $up"; }

step() {
  clock "$1"
  echo "@step $1"
  local start end code
  read -r start _ </proc/uptime
  (cd "$(dirname "$script")" && timeout "$limit" bash "$script" "$1") </dev/null >&2 2>&1
  code=$?
  read -r end _ </proc/uptime
  # coreutils' timeout exits 124, busybox's is killed by its own SIGTERM (143); only believe it near the limit.
  if { [ "$code" = 124 ] || [ "$code" = 143 ]; } && [ "${end%.*}" -ge $((${start%.*} + limit - 1)) ]; then
    echo "@limit $1"
  fi
  echo "@rc $1 $code"
}

step up
step vlan

names=() addrs=()
for spec in "$@"; do
  ns=${spec%%=*} rest=${spec#*=}
  names+=("$ns") addrs+=("${rest%%=*}")
  # The kernel's own answer as JSON (iproute2's -j), never the text of `ip link`: the grader reads "address".
  echo "@link $ns $(ip -j -n "$ns" link show dev eth0 2>/dev/null | tr -d '\n')"
done

# Every ordered pair, all at once: a ping that must not be answered costs its timeout, so in parallel the whole
# round takes about one timeout (2 s) even under TCG.
clock ping
pids=() pairs=()
for i in "${!names[@]}"; do
  for j in "${!names[@]}"; do
    [ "$i" = "$j" ] && continue
    if [ "$moddir" != - ]; then
      # In the VM: busybox is static, so its nsenter + ping start fast under TCG (iproute2's ip loads 10 libraries).
      busybox nsenter --net="/run/netns/${names[$i]}" busybox ping -c 1 -W 2 "${addrs[$j]}" >/dev/null 2>&1 &
    else
      ip netns exec "${names[$i]}" ping -n -c 1 -W 2 "${addrs[$j]}" >/dev/null 2>&1 &
    fi
    pids+=($!) pairs+=("${names[$i]} ${names[$j]}")
  done
done
for k in "${!pids[@]}"; do
  wait "${pids[$k]}"
  echo "@ping ${pairs[$k]} $?"
done

clock fdb
echo "@fdb-begin"
"$nsenter" net fdb --json --bridge "$bridge"
echo "@fdb-end $?"

# In the VM nothing outlives the run: `down` would only cost time (it is checked on the host in part 1).
[ "$moddir" = - ] && step down
clock end
echo "@done"
exit 0
