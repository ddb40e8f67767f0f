#!/usr/bin/env python3
"""`virtlab-runc run` vs `runc run` on the same bundle, in the same run (issue #20: goal ≥ 8× faster).

usage: bench/virtlab_runc.py [--runs N] [--podman-runs M] [--binary build/default/bin/virtlab-runc]
                             [--out bench/results/virtlab-runc.md]

The bundle is `runc spec` as it comes (pid, net, ipc, uts, mount namespaces; seven mounts; ten masked and five
read-only paths; three capabilities; RLIMIT_NOFILE; noNewPrivileges) with args /bin/true, terminal off, and
linux.cgroupsPath set, so both runtimes make, join and remove a cgroup; the root is a busybox-static directory.
Both read the same config.json and do the same work; each start is create + start + wait + delete in one process.
Runs interleave, each round in a new shuffled order (fixed seed), so drift hits both alike; reports medians of wall
time and of CPU time (user + sys of the whole process tree, wait4's rusage) and their ratios.
Then, when podman is installed: `podman run --rm --runtime virtlab-runc` vs `--runtime runc` on a busybox image
imported for the run (same options; --ulimit for this machine's limits), interleaved the same way — the engine's own
cost (image, storage, conmon, its several runtime calls) is in both, so this ratio is far smaller.
Needs root; exits 77 (skip) when runc or root is missing.
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from interleaved_runs import interleaved_samples


def busybox_tar(tmp):
    import tarfile
    path = os.path.join(tmp, "rootfs.tar")
    with tarfile.open(path, "w") as tar:
        tar.add("/bin/busybox", arcname="bin/busybox")
        info = tarfile.TarInfo("bin/true")
        info.type, info.linkname = tarfile.SYMTYPE, "busybox"
        tar.addfile(info)
    return path


def interleave(rows, runs, seed):
    """{name: (median wall, median CPU)} of interleaved rounds (interleaved_runs.py)."""
    samples = interleaved_samples(rows, runs, seed)
    return {n: (statistics.median(s[0] for s in v), statistics.median(s[1] for s in v)) for n, v in samples.items()}


def podman_rows(binary, tmp, runs):
    image = "localhost/vl-bench-runc"
    if subprocess.run(["podman", "import", busybox_tar(tmp), image], capture_output=True).returncode != 0:
        return None
    try:
        common = ["run", "--rm", "--network", "none", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]
        rows = {"podman + virtlab-runc": ["podman", "--runtime", binary, *common, image, "/bin/true"],
                "podman + runc": ["podman", "--runtime", shutil.which("runc"), *common, image, "/bin/true"]}
        return interleave(rows, runs, 21)
    finally:
        subprocess.run(["podman", "rmi", "-f", image], capture_output=True)


def make_bundle(tmp):
    rootfs = os.path.join(tmp, "rootfs")
    os.makedirs(os.path.join(rootfs, "bin"))
    shutil.copy2("/bin/busybox", os.path.join(rootfs, "bin", "busybox"))
    os.symlink("busybox", os.path.join(rootfs, "bin", "true"))
    subprocess.run(["runc", "spec", "--bundle", tmp], check=True)
    with open(os.path.join(tmp, "config.json")) as f:
        cfg = json.load(f)
    cfg["process"]["terminal"] = False
    cfg["process"]["args"] = ["/bin/true"]
    cfg["linux"]["cgroupsPath"] = "/vl-bench-runc/c"
    with open(os.path.join(tmp, "config.json"), "w") as f:
        json.dump(cfg, f)
    return tmp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--podman-runs", type=int, default=10)
    ap.add_argument("--binary", default="build/default/bin/virtlab-runc")
    ap.add_argument("--out", default="bench/results/virtlab-runc.md")
    args = ap.parse_args()
    if os.geteuid() != 0 or not shutil.which("runc"):
        print("skip: needs root and runc (packages.txt)")
        return 77
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory(prefix="vl-bench-runc-") as tmp:
        bundle = make_bundle(tmp)
        rows = {
            "virtlab-runc": [binary, "--root", os.path.join(tmp, "state-vl"), "run", "--bundle", bundle, "vlbench"],
            "runc": ["runc", "--root", os.path.join(tmp, "state-runc"), "run", "--bundle", bundle, "runcbench"],
        }
        med = interleave(rows, args.runs, 20)
        podman = podman_rows(binary, tmp, args.podman_runs) if shutil.which("podman") and args.podman_runs else None
    for parent in glob.glob("/sys/fs/cgroup/*/vl-bench-runc") + glob.glob("/sys/fs/cgroup/vl-bench-runc"):
        os.rmdir(parent)  # runc leaves the parent of its cgroupsPath (virtlab-runc removes the parents it made)
    ratio_wall = med["runc"][0] / med["virtlab-runc"][0]
    ratio_cpu = med["runc"][1] / med["virtlab-runc"][1]
    runc_version = subprocess.run(["runc", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    lines = [
        "# virtlab-runc run vs runc run (same bundle, interleaved)",
        "",
        f"`bench/virtlab_runc.py --runs {args.runs}`: {os.cpu_count()} CPUs, kernel {os.uname().release}, "
        f"{runc_version}; `runc spec` bundle with args /bin/true and a cgroupsPath, busybox-static root.",
        "",
        "| runtime | median wall (ms) | median CPU (ms) |",
        "| --- | ---: | ---: |",
    ] + [f"| {n} | {w * 1e3:.2f} | {c * 1e3:.2f} |" for n, (w, c) in med.items()] + [
        "",
        f"runc / virtlab-runc: **{ratio_wall:.1f}×** wall time, **{ratio_cpu:.1f}×** CPU time (goal: ≥ 8×).",
        "",
    ]
    if podman:
        engine = podman["podman + runc"][0] - med["runc"][0]
        lines += [f"Through podman {subprocess.run(['podman', '--version'], capture_output=True, text=True).stdout.split()[-1]}"
                  f" (`podman run --rm` of /bin/true, {args.podman_runs} runs each, interleaved):", "",
                  "| engine + runtime | median wall (ms) | median CPU (ms) |", "| --- | ---: | ---: |"]
        lines += [f"| {n} | {w * 1e3:.1f} | {c * 1e3:.1f} |" for n, (w, c) in podman.items()]
        lines += ["", f"podman + runc / podman + virtlab-runc: **{podman['podman + runc'][0] / podman['podman + virtlab-runc'][0]:.2f}×**"
                  f" wall time. The engine's own part (podman + runc minus runc run alone) is about {engine * 1e3:.0f} ms"
                  f" of the {podman['podman + runc'][0] * 1e3:.0f} ms.", ""]
    text = "\n".join(lines)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
