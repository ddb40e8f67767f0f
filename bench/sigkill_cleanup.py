#!/usr/bin/env python3
"""SIGKILL virtlab runs at random moments, then check that nothing is left behind (issue #21).

usage: bench/sigkill_cleanup.py [--kills N] [--seed S] [--bin build/default/bin] [--out FILE.md]

Each kill starts one of (chosen at random, delay 0-300 ms, then SIGKILL to the tool's own pid):
  cgtop run --memory 32M -- sleep 5.017
  nsenter-lite run --rootfs busybox --net veth --memory 32M -- sleep 3.017
  nsenter-lite run --layers busybox --memory 32M -- sleep 3.017          (state dir in /run/virtlab)
The odd sleep lengths mark our children among the machine's processes. SIGKILL runs no handler, so what the tools
make must go by itself (PR_SET_PDEATHSIG: the child dies with its parent) or be reaped by the next start (objects
named <tool>-<pid>-<start time>; virtlab/stale.hpp). After every kill `cgtop gc --dry-run --json` counts what the
dead run left; every tenth kill (the 5th, 15th, …) a timed `cgtop gc` removes it, otherwise the next start does.
At the end one complete run of each tool reaps what the last kill left, and the script checks: no virtlab cgroup in
any hierarchy, no child still running, no vl-c* veth, no mount and no state dir of ours, and
`cgtop gc` lists nothing that is not alive. Exit 0 = clean, 1 = something left (named), 77 = skipped (not root, tools missing).
The ctest integration test runs 100 kills; docs/cleanup.md records a 1000-kill campaign (--out).
"""
import argparse
import glob
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time

MARK_CGTOP = "5.017"
MARK_NSENTER = "3.017"


def commands(bindir):
    cg, ns = os.path.join(bindir, "cgtop"), os.path.join(bindir, "nsenter-lite")
    return [
        ("cgtop run", [cg, "run", "--memory", "32M", "--", "sleep", MARK_CGTOP]),
        ("nsenter-lite run --net veth", [ns, "run", "--rootfs", "busybox", "--net", "veth", "--memory", "32M", "--",
                                         "sleep", MARK_NSENTER]),
        ("nsenter-lite run --layers", [ns, "run", "--layers", "busybox", "--memory", "32M", "--", "sleep",
                                       MARK_NSENTER]),
    ]


def our_children():
    """Live (not zombie) processes whose argv is one of our marked sleeps."""
    found, zombies = [], 0
    for d in glob.glob("/proc/[0-9]*"):
        try:
            argv = open(d + "/cmdline", "rb").read().split(b"\0")
            state = open(d + "/stat").read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if len(argv) >= 2 and argv[0].endswith(b"sleep") and argv[1].decode() in (MARK_CGTOP, MARK_NSENTER):
            if state == "Z":
                zombies += 1  # dead, waiting for init to collect it: not running
            else:
                found.append(f"pid {d[6:]} sleep {argv[1].decode()}")
    return found, zombies


def leftovers(cgtop, baseline_mounts):
    """Everything of ours still on the host, as readable lines (empty = clean). A network namespace outlives its
    processes only through a bind mount or an fd, so no child and no mount left means no namespace left."""
    objects, _ = gc_objects(cgtop, dry_run=True)
    left = [f"{o['kind']} {o['name']} (owner {o['owner_state']})" for o in objects if o["owner_state"] != "alive"]
    if not objects:  # with another virtlab run alive on the machine its virtlab/ parents are rightly there
        left += [f"cgroup {p}" for p in glob.glob("/sys/fs/cgroup/*/virtlab") + glob.glob("/sys/fs/cgroup/virtlab")]
    children, _ = our_children()
    left += children
    links = subprocess.run(["ip", "-o", "link"], capture_output=True, text=True).stdout
    left += [f"link {line.split(':')[1].strip()}" for line in links.splitlines() if ": vl-c" in line]
    left += [f"state dir {p}" for p in glob.glob("/run/virtlab/nsenter-lite/*") + glob.glob("/tmp/nsenter-lite-*")]
    mounts = [m for m in open("/proc/self/mountinfo").read().splitlines()
              if "/run/virtlab" in m or "nsenter-lite" in m]
    left += [f"mount {m.split()[4]}" for m in mounts if m not in baseline_mounts]
    return left


def gc_objects(cgtop, dry_run):
    args = [cgtop, "gc", "--json"] + (["--dry-run"] if dry_run else [])
    t0 = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"cgtop gc failed ({out.returncode}): {out.stderr.strip()}")
    return json.loads(out.stdout)["objects"], seconds


def wait_zombies_gone(limit_s=5.0):
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        _, zombies = our_children()
        if zombies == 0:
            return 0
        time.sleep(0.1)
    return our_children()[1]


def campaign(args):
    rng = random.Random(args.seed)
    cmds = commands(args.bin)
    cgtop = cmds[0][1][0]
    baseline_mounts = set(open("/proc/self/mountinfo").read().splitlines())
    stats = {"kills": 0, "by_command": {}, "stale_after_kill": [], "gc_seconds_removing": [], "gc_seconds_idle": []}
    for i in range(args.kills):
        name, argv = rng.choice(cmds)
        delay = rng.uniform(0, 0.3)
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        stats["kills"] += 1
        stats["by_command"][name] = stats["by_command"].get(name, 0) + 1
        objects, _ = gc_objects(cgtop, dry_run=True)
        stale = [o for o in objects if o["owner_state"] in ("dead", "pid reused")]
        stats["stale_after_kill"].append(len(stale))
        if i % 10 == 4:  # the last kills are left to the final starts
            removed, seconds = gc_objects(cgtop, dry_run=False)
            key = "gc_seconds_removing" if any(o["action"] == "removed" for o in removed) else "gc_seconds_idle"
            stats[key].append(seconds)
    before_final, _ = gc_objects(cgtop, dry_run=True)
    stats["stale_before_final_starts"] = sum(o["owner_state"] != "alive" for o in before_final)
    # The next start of each tool reaps what the last kill left.
    for _, argv in cmds:
        done = subprocess.run(argv[:argv.index("--") + 1] + ["true"], capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv[:2])} failed after the kills: {done.stderr.strip()}")
    stats["zombies_not_yet_collected_by_init"] = wait_zombies_gone()
    stats["left"] = leftovers(cgtop, baseline_mounts)
    return stats


def report(stats, args):
    stale = stats["stale_after_kill"]
    rm = stats["gc_seconds_removing"]
    lines = [
        f"kills: {stats['kills']} (seed {args.seed}; " +
        ", ".join(f"{k} {v}" for k, v in sorted(stats["by_command"].items())) + ")",
        f"kills after which dead runs' objects were there (until the next start or gc): {sum(1 for s in stale if s)} of "
        f"{len(stale)}",
        f"stale objects before the final starts: {stats['stale_before_final_starts']}",
        f"left after the final starts: {len(stats['left'])}",
    ]
    if rm:
        lines.append(f"cgtop gc removing one dead run's objects: median {statistics.median(rm) * 1000:.1f} ms, "
                     f"max {max(rm) * 1000:.1f} ms ({len(rm)} times; the whole process)")
    if stats["gc_seconds_idle"]:
        lines.append(f"cgtop gc with nothing to remove: median {statistics.median(stats['gc_seconds_idle']) * 1000:.1f}"
                     f" ms ({len(stats['gc_seconds_idle'])} times)")
    if stats["zombies_not_yet_collected_by_init"]:
        lines.append(f"note: {stats['zombies_not_yet_collected_by_init']} killed child(ren) still zombies of init")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--bin", default=os.path.join(here, "..", "build", "default", "bin"))
    ap.add_argument("--out", help="also write the figures to this Markdown file")
    args = ap.parse_args()
    if os.geteuid() != 0:
        print("skipped: needs root (cgroups, network namespaces, veth)")
        return 77
    for tool in ("cgtop", "nsenter-lite"):
        if not os.access(os.path.join(args.bin, tool), os.X_OK):
            print(f"skipped: {tool} is not built in {args.bin}")
            return 77
    stats = campaign(args)
    lines = report(stats, args)
    for line in lines:
        print(line)
    for item in stats["left"]:
        print(f"LEFT BEHIND: {item}")
    if args.out:
        with open(args.out, "w") as f:
            f.write("# SIGKILL campaign (bench/sigkill_cleanup.py)\n\n")
            f.write(f"`sudo bench/sigkill_cleanup.py --kills {args.kills} --seed {args.seed}` on "
                    f"{os.uname().release}, {time.strftime('%Y-%m-%d')}\n\n")
            f.writelines(f"- {line}\n" for line in lines)
    return 1 if stats["left"] else 0


if __name__ == "__main__":
    sys.exit(main())
