#!/bin/sh
# cgroups lab — YOUR script. Fill in the five commands with mkdir, echo/printf > file, cat and rmdir on cgroupfs
# (no cgcreate, no systemd-run, no `cgtop run`). HANDOUT.md lists this machine's exact file names.
# cgroups 실습 — 여러분의 스크립트입니다. cgroupfs 위에서 mkdir, echo > 파일, rmdir 만으로 다섯 명령을 채우세요
# (cgcreate, systemd-run, `cgtop run` 금지). 이 머신의 정확한 파일 이름은 HANDOUT.md 에 있습니다.
#
#   ./cgroups.sh up             create $GROUP/cpu, $GROUP/mem, $GROUP/pids and write the three limits
#   ./cgroups.sh run-cpu        run "$WORKLOADS cpu"  inside $GROUP/cpu   (it must get throttled)
#   ./cgroups.sh run-oom        run "$WORKLOADS mem"  inside $GROUP/mem   (it must be OOM-killed)
#   ./cgroups.sh run-forkbomb   run "$WORKLOADS bomb" inside $GROUP/pids  (its forks must be refused)
#   ./cgroups.sh down           remove every group you made, in every hierarchy
#
# Your numbers (from your seed; do not change them) / 여러분의 값 (시드에서 나옴; 바꾸지 마세요):
GROUP=@GROUP@            # group name / 그룹 이름
CPU_PERCENT=@CPU_PERCENT@            # CPU quota: this many % of ONE CPU / CPU 한 개의 몇 %
MEMORY_MIB=@MEMORY_MIB@             # memory limit in MiB (1 MiB = 1048576 bytes) / 메모리 한도 (MiB)
PIDS_MAX=@PIDS_MAX@               # at most this many tasks / 최대 태스크 수

HERE=$(cd "$(dirname "$0")" && pwd)
WORKLOADS=$HERE/workloads.py

up() {
  # TODO: mkdir the groups in the right hierarchies (v2: enable the controllers in cgroup.subtree_control first),
  #       then write the CPU quota, the memory limit and pids.max into the files HANDOUT.md names.
  echo "up: not written yet / 아직 작성하지 않았습니다" >&2
  return 1
}

run_cpu() {
  # TODO: the process must be inside $GROUP/cpu BEFORE it starts working. Hint: a new `sh -c` can write its own
  #       pid ($$) into cgroup.procs and then `exec` the workload.
  echo "run-cpu: not written yet / 아직 작성하지 않았습니다" >&2
  return 1
}

run_oom() {
  # TODO: like run_cpu, with "$WORKLOADS mem" in $GROUP/mem. The OOM kill ends it with status 137: that is the goal.
  echo "run-oom: not written yet / 아직 작성하지 않았습니다" >&2
  return 1
}

run_forkbomb() {
  # TODO: like run_cpu, with "$WORKLOADS bomb" in $GROUP/pids.
  echo "run-forkbomb: not written yet / 아직 작성하지 않았습니다" >&2
  return 1
}

down() {
  # TODO: rmdir the children, then $GROUP, in every hierarchy where you made them (rm -r does NOT work on cgroupfs).
  echo "down: not written yet / 아직 작성하지 않았습니다" >&2
  return 1
}

case "${1:-}" in
  up) up ;;
  run-cpu) run_cpu ;;
  run-oom) run_oom ;;
  run-forkbomb) run_forkbomb ;;
  down) down ;;
  *) echo "usage: $0 up|run-cpu|run-oom|run-forkbomb|down" >&2; exit 2 ;;
esac
