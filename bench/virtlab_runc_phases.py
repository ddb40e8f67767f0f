#!/usr/bin/env python3
"""Where `virtlab-runc run` spends its wall time, phase by phase (the profile behind bench/results/virtlab-runc.md).

usage: bench/virtlab_runc_phases.py [--runs N] BINARY [BINARY ...]

Each binary runs `run` on the benchmark's bundle (bench/virtlab_runc.py's make_bundle) under
`strace -f --seccomp-bpf -ttt` that stops only at marker syscalls (clone3, sendmsg, recvmsg, pivot_root, execve,
waitid, mkdir, rmdir, exit_group), so the tracing adds little between them; the binaries take turns, N runs each.
Prints a table of median milliseconds per phase:
  start → first cgroup mkdir   exec of the runtime, config.json, state directory, cgroup discovery
  mkdir → clone3               cgroup directories and limits, exec fifo, sync socket
  clone3 → 'go'                the clone into new namespaces and the cgroup join (the old way waited here)
  'go' → pivot_root            the init's mounts (config.json's, the cgroup tree, devices)
  pivot_root → ready           old root detached, masked/read-only paths, rlimits, user, capabilities
  ready → exec                 state.json, pid file, `start` (exec fifo)
  exec → reaped                /bin/true in the container
  reaped → end                 delete: cgroup directories, state directory
Phases are medians over runs, so they need not add up to the median total. Needs root and strace; exit 77 without.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

from virtlab_runc import make_bundle

MARKERS = "clone3,sendmsg,recvmsg,pivot_root,execve,waitid,mkdir,rmdir,exit_group"
PHASES = ["start → first cgroup mkdir", "mkdir → clone3", "clone3 → 'go'", "'go' → pivot_root",
          "pivot_root → ready", "ready → exec", "exec → reaped", "reaped → end", "total"]


def events(trace):
    """[(pid, seconds, text)] of an strace -f -ttt output file."""
    out = []
    with open(trace) as f:
        for line in f:
            m = re.match(r"(\d+) (\d+\.\d+) (.*)", line)
            if m:
                out.append((int(m.group(1)), float(m.group(2)), m.group(3)))
    return out


def phases(ev):
    runtime = ev[0][0]

    def first(test):
        return next(t for pid, t, text in ev if test(pid == runtime, text))

    marks = [ev[0][1],
             first(lambda own, s: own and s.startswith('mkdir("/sys/fs/cgroup')),
             first(lambda own, s: own and s.startswith("clone3")),
             first(lambda own, s: own and s.startswith("sendmsg")),
             first(lambda own, s: not own and s.startswith("pivot_root")),
             first(lambda own, s: own and "recvmsg" in s and re.search(r"\) = 0 <", s) is not None),
             first(lambda own, s: not own and s.startswith('execve("/bin/true"')),
             first(lambda own, s: own and s.startswith('rmdir("/sys/fs/cgroup')),
             ev[-1][1]]
    values = [b - a for a, b in zip(marks, marks[1:])]
    return values + [marks[-1] - marks[0]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("binaries", nargs="+")
    args = ap.parse_args()
    if os.geteuid() != 0 or not shutil.which("strace") or not shutil.which("runc"):
        print("skip: needs root, strace and runc (for `runc spec`)")
        return 77
    with tempfile.TemporaryDirectory(prefix="vl-runc-phases-") as tmp:
        bundle = make_bundle(tmp)
        results = {b: [] for b in args.binaries}
        for i in range(args.runs):
            for b in args.binaries:
                trace = os.path.join(tmp, "trace")
                subprocess.run(["strace", "-f", "--seccomp-bpf", "-ttt", "-T", "-e", "trace=" + MARKERS, "-o", trace,
                                os.path.abspath(b), "--root", os.path.join(tmp, "state"), "run", "--bundle", bundle,
                                f"phases{i}"], check=True, capture_output=True)
                results[b].append(phases(events(trace)))
    print("| phase (median ms) | " + " | ".join(os.path.basename(b) for b in args.binaries) + " |")
    print("| --- |" + " ---: |" * len(args.binaries))
    for k, name in enumerate(PHASES):
        print(f"| {name} | " + " | ".join(f"{statistics.median(r[k] for r in results[b]) * 1e3:.2f}"
                                          for b in args.binaries) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
