"""Timing whole commands for the benchmarks that compare a tool with its anchor in the same run
(bench/nsenter_run.py, bench/virtlab_runc.py): one run's wall and CPU time, and rounds that run every command once
in a new shuffled order (fixed seed), so drift on a shared machine hits all rows alike."""
import os
import random
import subprocess
import time


def time_once(argv):
    """Wall and CPU (user+sys of the whole process tree, from wait4's rusage) of one run, in seconds. A failed run
    ends the benchmark with the command's stderr."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{argv[0]} failed ({code}): {err.decode(errors='replace').strip()}")
    return elapsed, usage.ru_utime + usage.ru_stime


def interleaved_samples(commands, runs, seed):
    """{name: [(wall, cpu), …]} for `commands` ({name: argv}): one warm-up run each (page cache, binaries), then
    `runs` rounds, each running every command once in a new shuffled order; sample i of every row is from round i,
    so rows can be paired by round."""
    for argv in commands.values():
        time_once(argv)
    samples = {name: [] for name in commands}
    order = list(commands)
    shuffle = random.Random(seed).shuffle
    for _ in range(runs):
        shuffle(order)
        for name in order:
            samples[name].append(time_once(commands[name]))
    return samples
