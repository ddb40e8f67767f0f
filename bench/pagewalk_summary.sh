#!/bin/sh
# Benchmark: `pagewalk PID` (summary) on two processes, each against the floor in the same run:
#   big:   a process with 8 GiB mapped and half of it touched (bench/pagewalk_hold.c), where reading pagemap is
#          the work;
#   small: a sleeping shell (sh, ~25 mappings, under 1,000 pages), where start-up is the work.
# The floor (bench/pagewalk_floor.c) is the least work any pagemap reader must do: 64K-entry preads on one kept-open
# fd over the same range (big) or over every mapping of /proc/PID/maps (small). `pmap -X PID` (procps), which
# parses /proc/PID/smaps, runs on both too. Runs interleave (floor, pagewalk, ..., floor, ...); the script reports
# medians of wall and CPU time (user+sys of the process, from wait4) and the per-pair ratios pagewalk/floor and
# pagewalk/pmap.
#
# usage: bench/pagewalk_summary.sh [PAGEWALK_BINARY] [RUNS] [GIB] [half|alternate]
#   RUNS on the big process (default 10); the small one gets 20 times as many (a run takes about a millisecond).
#   half: the first half of the mapping is written (default); alternate: every other page (worst case for
#   region-based scanning). Needs root (PFNs and kpageflags), cc, python3, pmap.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pagewalk=${1:-$here/../build/default/bin/pagewalk}
runs=${2:-10}
gib=${3:-8}
pattern=${4:-half}
[ -x "$pagewalk" ] || { echo "no pagewalk binary at $pagewalk; build it first (scripts/ or cmake --build)" >&2; exit 2; }
work=$(mktemp -d)
holder=
shell=
cleanup() {
  [ -n "$holder" ] && kill "$holder" 2>/dev/null
  # The shell's sleep first, so that nothing is left behind once the shell is gone.
  [ -n "$shell" ] && kill $(cat "/proc/$shell/task/$shell/children" 2>/dev/null) "$shell" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
cc -O2 -o "$work/hold" "$here/pagewalk_hold.c"
cc -O2 -o "$work/floor" "$here/pagewalk_floor.c"
sh -c 'sleep 100000 & wait' &
shell=$!
"$work/hold" "$gib" "$pattern" > "$work/ready" &
holder=$!
echo "touching memory in pid $holder ..." >&2
while [ ! -s "$work/ready" ]; do sleep 0.2; done
read -r pid start end < "$work/ready"

python3 - "$runs" "$pid" "$start" "$end" "$pagewalk" "$work/floor" "$gib" "$pattern" "$shell" <<'PY'
import os, statistics, sys, tempfile, time
runs, pid, start, end, pagewalk, floor, gib, pattern, shell = sys.argv[1:]
runs = int(runs)
err_file = tempfile.TemporaryFile()

def once(argv):
    """Wall and CPU time of one run: posix_spawn (no interpreter work in the child) to wait4."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    err_file.seek(0), err_file.truncate()
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, err_file.fileno(), 2)]
    t = time.perf_counter()
    child = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    _, status, ru = os.wait4(child, 0)
    wall = time.perf_counter() - t
    os.close(devnull)
    if status != 0:
        err_file.seek(0)
        sys.exit(f"{argv[0]} failed: {err_file.read().decode(errors='replace').strip()}")
    return wall, ru.ru_utime + ru.ru_stime

def measure(title, commands, runs):
    for argv in commands.values():
        once(argv)  # warm-up
    wall = {k: [] for k in commands}
    cpu = {k: [] for k in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            w, c = once(argv)
            wall[name].append(w)
            cpu[name].append(c)
    med = statistics.median
    print(f"## {title}")
    print()
    print(f"kernel {os.uname().release}, {os.cpu_count()} CPUs, {runs} interleaved runs after one warm-up, medians")
    print()
    print("| command | wall ms | cpu ms (user+sys) |")
    print("|---|---:|---:|")
    for name in commands:
        print(f"| {name} | {med(wall[name]) * 1e3:.2f} | {med(cpu[name]) * 1e3:.2f} |")
    print()
    base = "pagewalk PID"
    for other in [name for name in commands if name.startswith(("floor", "pmap"))]:
        rw = med([a / b for a, b in zip(wall[base], wall[other])])
        rc = med([a / max(b, 1e-4) for a, b in zip(cpu[base], cpu[other])])
        print(f"- pagewalk / {other}: wall {rw:.2f}x, cpu {rc:.2f}x (median of per-pair ratios)")
    print()

touched = "half" if pattern == "half" else "every other page"
measure(f"pagewalk summary: {gib} GiB mapped, {touched} touched", {
    "floor (64K-entry preads)": [floor, pid, start, end],
    "pagewalk PID": [pagewalk, pid],
    "pagewalk --no-scan PID": [pagewalk, "--no-scan", pid],
    "pmap -X PID": ["pmap", "-X", pid],
}, runs)
with open(f"/proc/{shell}/maps") as maps:
    mappings = sum(1 for _ in maps)
measure(f"pagewalk summary: a sleeping shell (sh, {mappings} mappings)", {
    "floor (maps + 64K-entry preads per mapping)": [floor, shell],
    "pagewalk PID": [pagewalk, shell],
    "pmap -X PID": ["pmap", "-X", shell],
}, runs * 20)
PY
