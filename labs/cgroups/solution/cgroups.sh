#!/bin/sh
# cgroups lab — reference solution (POSIX sh: runs under dash, bash and busybox ash; v1, v2 and hybrid).
# cgroups 실습 — 참고 답안 (POSIX sh; v1, v2, hybrid 모두).
set -u
GROUP=@GROUP@
CPU_PERCENT=@CPU_PERCENT@
MEMORY_MIB=@MEMORY_MIB@
PIDS_MAX=@PIDS_MAX@
HERE=$(cd "$(dirname "$0")" && pwd)
WORKLOADS=$HERE/workloads.py
PERIOD_US=100000

die() { echo "cgroups.sh: $*" >&2; exit 1; }

# Where a controller lives, from /proc/self/mountinfo: "v1 <mount point>" (a v1 hierarchy whose super options
# name the controller) or "v2 <mount point>" (the cgroup2 mount, when its cgroup.controllers lists it).
locate() {
  awk -v want="$1" '
    { for (i = 7; i <= NF && $i != "-"; i++) ;
      fstype = $(i + 1); opts = $(i + 3)
      if (fstype == "cgroup") { n = split(opts, o, ","); for (j = 1; j <= n; j++) if (o[j] == want) v1 = $5 }
      else if (fstype == "cgroup2") v2 = $5 }
    END {
      if (v1 != "") { print "v1 " v1; exit }
      if (v2 != "") { while ((getline line < (v2 "/cgroup.controllers")) > 0) {
                        n = split(line, c, " "); for (j = 1; j <= n; j++) if (c[j] == want) { print "v2 " v2; exit } } }
    }' /proc/self/mountinfo
}

# child group of each controller / 컨트롤러마다 자식 그룹
child_of() { case $1 in cpu) echo cpu ;; memory) echo mem ;; pids) echo pids ;; esac; }

dir_of() {  # the directory of our child group for controller $1
  set -- "$1" $(locate "$1")
  [ $# -eq 3 ] || die "the $1 controller is not mounted (neither a v1 hierarchy nor cgroup2 has it)"
  echo "$3/$GROUP/$(child_of "$1")"
}

write() {  # write VALUE FILE, with the reason when the kernel refuses
  printf '%s\n' "$1" > "$2" || die "could not write '$1' to $2"
}

up() {
  for ctl in cpu memory pids; do
    set -- $(locate "$ctl")
    [ $# -eq 2 ] || die "the $ctl controller is not mounted"
    version=$1 mnt=$2
    if [ "$version" = v2 ]; then
      # v2: a controller reaches a group only if every parent enables it in cgroup.subtree_control
      write "+$ctl" "$mnt/cgroup.subtree_control"
      mkdir -p "$mnt/$GROUP" || die "mkdir $mnt/$GROUP failed"
      write "+$ctl" "$mnt/$GROUP/cgroup.subtree_control"
    fi
    mkdir -p "$mnt/$GROUP/$(child_of "$ctl")" || die "mkdir $mnt/$GROUP/$(child_of "$ctl") failed"
  done
  cpu=$(dir_of cpu) memory=$(dir_of memory) pids=$(dir_of pids)
  quota=$((CPU_PERCENT * PERIOD_US / 100))
  if [ -e "$cpu/cpu.max" ]; then
    write "$quota $PERIOD_US" "$cpu/cpu.max"
  else
    write "$PERIOD_US" "$cpu/cpu.cfs_period_us"
    write "$quota" "$cpu/cpu.cfs_quota_us" # @quota-line
  fi
  bytes=$((MEMORY_MIB * 1024 * 1024)) # @memory-bytes
  if [ -e "$memory/memory.max" ]; then
    write "$bytes" "$memory/memory.max"
    [ -e "$memory/memory.swap.max" ] && write 0 "$memory/memory.swap.max"
  else
    write "$bytes" "$memory/memory.limit_in_bytes"
    [ -e "$memory/memory.swappiness" ] && write 0 "$memory/memory.swappiness"
  fi
  write "$PIDS_MAX" "$pids/pids.max"
  echo "up: $GROUP: cpu $quota/$PERIOD_US us, memory $bytes bytes, pids.max $PIDS_MAX"
}

# Run a workload inside a group: the new shell moves ITSELF ($$ is its own pid in `sh -c`) and then execs the
# workload, so every process it forks is born inside the group. 새 셸이 자기 자신을 옮긴 뒤 exec 합니다.
run_in() {  # run_in DIR KIND
  sh -c 'echo $$ > "$1/cgroup.procs" && exec "$2" "$3"' sh "$1" "$WORKLOADS" "$2"
}

run_cpu() { run_in "$(dir_of cpu)" cpu; }
run_oom() {
  run_in "$(dir_of memory)" mem
  status=$?
  [ $status -eq 137 ] && echo "run-oom: the memory hog was killed by SIGKILL (the OOM killer)"
  return 0
}
run_forkbomb() { run_in "$(dir_of pids)" bomb; } # @bomb-line

down() {
  for ctl in cpu memory pids; do # @down-children
    d=$(dir_of "$ctl")
    if [ -d "$d" ]; then rmdir "$d" || die "rmdir $d failed (processes still inside?)"; fi
  done
  for ctl in cpu memory pids; do # @down-parents
    d=$(dirname "$(dir_of "$ctl")")
    if [ -d "$d" ]; then rmdir "$d" || die "rmdir $d failed"; fi
  done
  echo "down: $GROUP removed"
}

case "${1:-}" in
  up) up ;;
  run-cpu) run_cpu ;;
  run-oom) run_oom ;;
  run-forkbomb) run_forkbomb ;;
  down) down ;;
  *) echo "usage: $0 up|run-cpu|run-oom|run-forkbomb|down" >&2; exit 2 ;;
esac
