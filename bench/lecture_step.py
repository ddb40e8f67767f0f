#!/usr/bin/env python3
"""Lecture mode: key press -> next step painted, from a recording, on a real X server (Xvfb 1920x1080).

For each walkthrough (the test walkthrough in tests/gui/fixtures/lecture and every lectures/<id>.json that has a
committed recording) the explorer presents it full screen with --replay and --trace-steps; xdotool (XTEST) presses
Right through every step and Left back to the first, `--rounds` times, pausing `--pause` s between keys like a
lecturer does. The explorer measures each key itself (QElapsedTimer started in keyPressEvent, read at the end of the
paintEvent that drew the new step) and prints "step N/M <id> <ms> ms"; this script collects those figures and writes
median and p95 per walkthrough and over all of them to bench/results/lecture.md. Goal: median <= 50 ms.

Usage: bench/lecture_step.py [--explorer build/default/bin/explorer] [--rounds 3] [--pause 0.4] [--out FILE]
Not a test: figures depend on the machine and its load.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRACE = re.compile(r"^step (\d+)/(\d+) (\S+)(?: ([0-9.]+) ms)?$")


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def walkthroughs(recordings):
    found = [(os.path.join(ROOT, "tests/gui/fixtures/lecture/lecture-test.json"),
              os.path.join(ROOT, "tests/gui/fixtures/lecture/lecture-test.jsonl"))]
    for path in sorted(glob.glob(os.path.join(ROOT, "lectures", "*.json"))):
        if os.path.basename(path) == "diagrams.json":
            continue
        lecture_id = os.path.splitext(os.path.basename(path))[0]
        recording = os.path.join(recordings, lecture_id + ".jsonl")
        if os.path.exists(recording):
            found.append((path, recording))
    return found


class Xvfb:
    def __enter__(self):
        read_fd, write_fd = os.pipe()
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1920x1080x24",
                                      "-nolisten", "tcp"], pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
        os.close(write_fd)
        with os.fdopen(read_fd) as f:
            self.display = ":" + f.readline().strip()
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait()


def run_one(explorer, lecture, recording, display, rounds, pause, lang, lookahead):
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb",
               EXPLORER_LECTURE_LOOKAHEAD="1" if lookahead else "0")
    log = tempfile.TemporaryFile(mode="w+")
    app = subprocess.Popen([explorer, "--lecture", lecture, "--replay", recording, "--trace-steps", "--lang", lang],
                           env=env, stdout=subprocess.DEVNULL, stderr=log)
    lines = []

    def poll_until(predicate, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            log.seek(0)
            lines[:] = [m for m in (TRACE.match(l.strip()) for l in log.readlines()) if m]
            if predicate():
                return True
            time.sleep(0.02)
        return False

    try:
        if not poll_until(lambda: len(lines) >= 1, 30):
            log.seek(0)
            raise RuntimeError("the explorer painted no step: " + log.read()[-500:])
        steps = int(lines[0].group(2))
        subprocess.run(["xdotool", "mousemove", "960", "540"], env=env, check=True)
        forward, back = [], []
        for _ in range(rounds):
            for key, count, into in (("Right", steps - 1, forward), ("Left", steps - 1, back)):
                for _ in range(count):
                    before = len(lines)
                    subprocess.run(["xdotool", "key", key], env=env, check=True)
                    if not poll_until(lambda: len(lines) > before):
                        raise RuntimeError("no step painted after " + key)
                    ms = lines[-1].group(4)
                    if ms:
                        into.append(float(ms))
                    time.sleep(pause)
        return steps, forward, back
    finally:
        subprocess.run(["xdotool", "key", "q"], env=env)
        try:
            app.wait(timeout=5)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--explorer", default=os.path.join(ROOT, "build/default/bin/explorer"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pause", type=float, default=0.4)
    parser.add_argument("--lang", default="ko")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench/results/lecture.md"))
    parser.add_argument("--recordings", default=os.path.join(ROOT, "lectures", "recordings"),
                        help="where lectures/<id>.json's recordings are (<id>.jsonl)")
    args = parser.parse_args()
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            print(f"SKIP: {tool} is not installed (apt-get install xvfb xdotool)")
            return 77
    rows = []
    everything = []
    cold = []
    with Xvfb() as x:
        for lecture, recording in walkthroughs(args.recordings):
            steps, forward, back = run_one(args.explorer, lecture, recording, x.display, args.rounds, args.pause,
                                           args.lang, True)
            # Once more without drawing ahead: the first visit of each step replays its documents on the key.
            _, first, _ = run_one(args.explorer, lecture, recording, x.display, 1, args.pause, args.lang, False)
            keys = forward + back
            everything += keys
            cold += first
            rows.append((os.path.relpath(lecture, ROOT), steps, forward, back, keys, first))
            print(f"{os.path.relpath(lecture, ROOT)}: {steps} steps, {len(keys)} keys, median "
                  f"{statistics.median(keys):.1f} ms, p95 {percentile(keys, 95):.1f} ms; cold first visit median "
                  f"{statistics.median(first):.1f} ms, p95 {percentile(first, 95):.1f} ms")
    median = statistics.median(everything)
    p95 = percentile(everything, 95)
    kernel = platform.release()
    cpus = os.cpu_count()
    load = open("/proc/loadavg").read().split()[:3]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "# Lecture mode: key press → next step painted",
        "",
        f"`bench/lecture_step.py --rounds {args.rounds} --pause {args.pause} --lang {args.lang} --recordings "
        f"{os.path.relpath(args.recordings, ROOT) if args.recordings.startswith(ROOT) else args.recordings}` on {now}: Xvfb "
        f"1920×1080, the explorer full screen from each walkthrough's recording (`--replay`), keys sent with xdotool "
        f"(XTEST). The explorer times each key itself (`--trace-steps`: QElapsedTimer from `keyPressEvent` to the end of "
        f"the `paintEvent` that drew the new step: page scene rendered, title, narration). Right through every step, "
        f"then Left back, {args.rounds} rounds; the next step is replayed ahead while the lecturer talks, going back "
        f"reuses the kept page. Machine: kernel {kernel}, {cpus} CPUs shared with other builds (load {' '.join(load)}).",
        "",
        "| walkthrough | steps | keys | forward median | back median | median | p95 | max | cold first visit: median / p95 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, steps, forward, back, keys, first in rows:
        out.append(f"| `{name}` | {steps} | {len(keys)} | {statistics.median(forward):.1f} ms | "
                   f"{statistics.median(back):.1f} ms | {statistics.median(keys):.1f} ms | {percentile(keys, 95):.1f} ms | "
                   f"{max(keys):.1f} ms | {statistics.median(first):.1f} / {percentile(first, 95):.1f} ms |")
    out += [
        f"| **all** | | {len(everything)} | | | **{median:.1f} ms** | **{p95:.1f} ms** | {max(everything):.1f} ms | "
        f"{statistics.median(cold):.1f} / {percentile(cold, 95):.1f} ms |",
        "",
        f"Goal: median ≤ 50 ms — {'met' if median <= 50 else 'NOT met'}. The last column is the same walk once with "
        f"the look-ahead off (`EXPLORER_LECTURE_LOOKAHEAD=0`): each step's documents are replayed into its page on the "
        f"key press (the cost a lecturer sees when jumping to a step not visited yet).",
        "",
    ]
    with open(args.out, "w") as f:
        f.write("\n".join(out))
    print(f"all: {len(everything)} keys, median {median:.1f} ms, p95 {p95:.1f} ms -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
