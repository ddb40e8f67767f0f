"""Typical student mistakes of the cgroups lab, for labs/lib/selftest.py (instructors only: solution/ is not in the
student bundle). Each edits the reference cgroups.sh in a solved work directory; `breaks` names the checks that
must stop being GOOD (plus the checks that need them)."""
import os

from gradelib import replace_in_file


def edit_script(work, old, new):
    replace_in_file(os.path.join(work, "cgroups.sh"), old, new)


def register(lab):
    @lab.mistake("quota-in-cpu-shares", breaks=["cpu-limit"])
    def quota_in_cpu_shares(seed, work):
        # The quota written as a weight: cpu.shares (v1) / cpu.weight (v2) accept the number but set no limit.
        edit_script(work, 'write "$quota $PERIOD_US" "$cpu/cpu.max"', 'write "$CPU_PERCENT" "$cpu/cpu.weight"')
        edit_script(work, 'write "$quota" "$cpu/cpu.cfs_quota_us" # @quota-line', 'write "$quota" "$cpu/cpu.shares"')

    @lab.mistake("memory-in-megabytes", breaks=["memory-limit"])
    def memory_in_megabytes(seed, work):
        edit_script(work, "bytes=$((MEMORY_MIB * 1024 * 1024)) # @memory-bytes", "bytes=$((MEMORY_MIB * 1000000))")

    @lab.mistake("forkbomb-pid-in-parent", breaks=["forkbomb-contained"])
    def forkbomb_pid_in_parent(seed, work):
        # The pid goes to the parent group: v1 accepts it (no pids limit there), v2 refuses it (EBUSY: the parent
        # has controllers enabled for its children); either way pids.max never holds the bomb.
        edit_script(work, 'run_forkbomb() { run_in "$(dir_of pids)" bomb; } # @bomb-line',
                    'run_forkbomb() { run_in "$(dirname "$(dir_of pids)")" bomb; }')

    @lab.mistake("down-forgets-pids", breaks=["down"])
    def down_forgets_pids(seed, work):
        edit_script(work, "for ctl in cpu memory pids; do # @down-children", "for ctl in cpu memory; do")
        edit_script(work, "for ctl in cpu memory pids; do # @down-parents", "for ctl in cpu memory; do")
