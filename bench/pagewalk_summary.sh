#!/bin/sh
# Benchmark: `pagewalk PID` (summary) on a process with 8 GiB mapped and half of it touched, against
#   (a) the floor: a plain loop of 64K-entry preads over the same pagemap range (bench/pagewalk_floor.c), and
#   (b) `pmap -X PID` (procps), which parses /proc/PID/smaps,
# all on the same process in the same run, interleaved (floor, pagewalk, pmap, floor, ...), reporting medians of
# wall and CPU time (user+sys from wait4) and the ratios pagewalk/floor and pagewalk/pmap.
#
# usage: bench/pagewalk_summary.sh [PAGEWALK_BINARY] [RUNS] [GIB] [half|alternate]
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
cleanup() { [ -n "$holder" ] && kill "$holder" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT INT TERM
cc -O2 -o "$work/hold" "$here/pagewalk_hold.c"
cc -O2 -o "$work/floor" "$here/pagewalk_floor.c"
"$work/hold" "$gib" "$pattern" > "$work/ready" &
holder=$!
echo "touching memory in pid $holder ..." >&2
while [ ! -s "$work/ready" ]; do sleep 0.2; done
read -r pid start end < "$work/ready"

python3 - "$runs" "$pid" "$start" "$end" "$pagewalk" "$work/floor" "$gib" "$pattern" <<'PY'
import os, statistics, subprocess, sys, time
runs, pid, start, end, pagewalk, floor, gib, pattern = sys.argv[1:]
runs = int(runs)
commands = {
    "floor (64K-entry preads)": [floor, pid, start, end],
    "pagewalk PID": [pagewalk, pid],
    "pagewalk --no-scan PID": [pagewalk, "--no-scan", pid],
    "pmap -X PID": ["pmap", "-X", pid],
}
def once(argv):
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read().decode()
    if status != 0:
        sys.exit(f"{argv[0]} failed: {err}")
    return wall, ru.ru_utime + ru.ru_stime
for argv in commands.values():
    once(argv)  # warm-up
wall = {k: [] for k in commands}
cpu = {k: [] for k in commands}
for _ in range(runs):
    for name, argv in commands.items():
        w, c = once(argv)
        wall[name].append(w)
        cpu[name].append(c)
med = lambda xs: statistics.median(xs)
pages = int(end, 16) - int(start, 16)
print(f"## pagewalk summary: {gib} GiB mapped, {'half' if pattern == 'half' else 'every other page'} touched")
print()
print(f"kernel {os.uname().release}, {os.cpu_count()} CPUs, {runs} interleaved runs after one warm-up, medians")
print()
print("| command | wall ms | cpu ms (user+sys) |")
print("|---|---:|---:|")
for name in commands:
    print(f"| {name} | {med(wall[name]) * 1e3:.1f} | {med(cpu[name]) * 1e3:.1f} |")
print()
base = "pagewalk PID"
for other in ("floor (64K-entry preads)", "pmap -X PID"):
    rw = med([a / b for a, b in zip(wall[base], wall[other])])
    rc = med([a / max(b, 1e-4) for a, b in zip(cpu[base], cpu[other])])
    print(f"- pagewalk / {other}: wall {rw:.2f}x, cpu {rc:.2f}x (median of per-pair ratios)")
PY
