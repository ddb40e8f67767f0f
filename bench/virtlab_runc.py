#!/usr/bin/env python3
"""`virtlab-runc run` vs `runc run` on the same bundle, in the same run (issue #20: goal ≥ 8× faster).

usage: bench/virtlab_runc.py [--runs N] [--podman-runs M] [--vm-runs K] [--baseline OLD_BINARY]
                             [--binary build/default/bin/virtlab-runc] [--out bench/results/virtlab-runc.md]

The bundle is `runc spec` as it comes (pid, net, ipc, uts, mount namespaces; seven mounts; ten masked and five
read-only paths; three capabilities; RLIMIT_NOFILE; noNewPrivileges) with args /bin/true, terminal off, and
linux.cgroupsPath set, so both runtimes make, join and remove a cgroup; the root is a busybox-static directory.
Both read the same config.json and do the same work; each start is create + start + wait + delete in one process.
Runs interleave, each round in a new shuffled order (fixed seed), so drift hits both alike; reports medians of wall
time and of CPU time (user + sys of the whole process tree, wait4's rusage) and their ratios, and the ratio taken
per round (runc / virtlab-runc of the same round: median and quartiles), which a loaded machine disturbs less.
--baseline adds another virtlab-runc binary (e.g. one built at an older commit) to the same rounds.
--vm-runs K: the same comparison in the test VM (pure cgroup v2, QEMU TCG: everything is slower there, only the
ratio means something), K rounds with the order flipped every round, timed by virtlab_runc_timer.c inside.
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

HERE = os.path.dirname(os.path.abspath(__file__))


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
    return medians(interleaved_samples(rows, runs, seed))


def medians(samples):
    return {n: (statistics.median(s[0] for s in v), statistics.median(s[1] for s in v)) for n, v in samples.items()}


def paired(samples, slow, fast):
    """slow / fast per round (both ran in the same round): (median, q1, q3) of wall and of CPU."""
    out = []
    for i in (0, 1):
        ratios = [a[i] / max(b[i], 1e-9) for a, b in zip(samples[slow], samples[fast])]
        q1, median, q3 = statistics.quantiles(ratios, n=4)
        out.append((median, q1, q3))
    return out


def paired_lines(samples, slow, fast):
    (wm, w1, w3), (cm, c1, c3) = paired(samples, slow, fast)
    return [f"Per round, {slow} / {fast}: wall **{wm:.1f}×** (quartiles {w1:.1f}–{w3:.1f}), "
            f"CPU **{cm:.1f}×** (quartiles {c1:.1f}–{c3:.1f}), {len(samples[fast])} rounds.", ""]


def load_text():
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


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


def vm_samples(binary, tmp, rounds):
    """{name: [(wall, cpu), …]} and facts from the test VM (virtlab_runc_guest.sh), or (None, reason)."""
    testvm = os.path.join(os.path.dirname(binary), "testvm")
    if not os.access(testvm, os.X_OK):
        return None, f"{testvm} is not built"
    timer = os.path.join(tmp, "virtlab_runc_timer")
    subprocess.run(["gcc", "-O2", "-static", "-o", timer, os.path.join(HERE, "virtlab_runc_timer.c")], check=True)
    config = os.path.join(tmp, "vm-config")
    os.makedirs(config)
    shutil.copy2(os.path.join(tmp, "config.json"), config)
    guest, runc = os.path.join(HERE, "virtlab_runc_guest.sh"), shutil.which("runc")
    cmd = [testvm, "run", "--skip-code", "77", "--timeout", "1200", "--mem", "1G", "--env", "VL_BENCH_IN_TESTVM=1"]
    for f in (binary, runc, timer, guest, f"{config}:/vl-bench-config"):
        cmd += ["--file", f]
    cmd += ["--", "sh", guest, binary, runc, timer, "/vl-bench-config", str(rounds)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=1500)
    samples, facts = {"virtlab-runc": [], "runc": []}, {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "@@@" and parts[1] == "info":
            facts[parts[2]] = " ".join(parts[3:])
        elif len(parts) == 5 and parts[0] == "@@@" and parts[1] in samples:
            if parts[4] != "0":
                return None, f"{parts[1]} run failed in the VM (exit {parts[4]}): {done.stderr.strip()[-300:]}"
            samples[parts[1]].append((int(parts[2]) / 1e9, int(parts[3]) / 1e9))
    if facts.get("left", "0") != "0":
        return None, f"{facts['left']} state directories were left in the VM's state roots"
    if done.returncode != 0 or len(samples["runc"]) != rounds:
        return None, f"testvm exit {done.returncode}: {(done.stderr or done.stdout).strip()[-300:]}"
    return samples, facts


def vm_lines(samples, facts, rounds):
    med = medians(samples)
    lines = [f"In the test VM ({facts.get('cgroup', '?')} at /sys/fs/cgroup: pure v2, kernel "
             f"{facts.get('kernel', '?')}, {facts.get('cpus', '?')} vCPU under QEMU TCG, {facts.get('runc', '?')}; "
             f"`--vm-runs {rounds}`, the order flipped every round):", "",
             "| runtime | median wall (ms) | median CPU (ms) |", "| --- | ---: | ---: |"]
    lines += [f"| {n} | {w * 1e3:.1f} | {c * 1e3:.1f} |" for n, (w, c) in med.items()]
    lines += ["", f"runc / virtlab-runc: **{med['runc'][0] / med['virtlab-runc'][0]:.1f}×** wall time, "
                  f"**{med['runc'][1] / med['virtlab-runc'][1]:.1f}×** CPU time.", ""]
    return lines + paired_lines(samples, "runc", "virtlab-runc")


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
    ap.add_argument("--vm-runs", type=int, default=0, help="rounds in the test VM (pure cgroup v2); 0: none")
    ap.add_argument("--baseline", help="another virtlab-runc binary timed in the same rounds (e.g. an older build)")
    ap.add_argument("--binary", default="build/default/bin/virtlab-runc")
    ap.add_argument("--out", default="bench/results/virtlab-runc.md")
    args = ap.parse_args()
    if os.geteuid() != 0 or not shutil.which("runc"):
        print("skip: needs root and runc (packages.txt)")
        return 77
    binary = os.path.abspath(args.binary)
    load_before = load_text()
    with tempfile.TemporaryDirectory(prefix="vl-bench-runc-") as tmp:
        bundle = make_bundle(tmp)
        rows = {
            "virtlab-runc": [binary, "--root", os.path.join(tmp, "state-vl"), "run", "--bundle", bundle, "vlbench"],
            "runc": ["runc", "--root", os.path.join(tmp, "state-runc"), "run", "--bundle", bundle, "runcbench"],
        }
        if args.baseline:
            rows["virtlab-runc (baseline)"] = [os.path.abspath(args.baseline), "--root", os.path.join(tmp, "state-old"),
                                               "run", "--bundle", bundle, "oldbench"]
        samples = interleaved_samples(rows, args.runs, 20)
        med = medians(samples)
        load_after = load_text()
        podman = podman_rows(binary, tmp, args.podman_runs) if shutil.which("podman") and args.podman_runs else None
        vm = vm_samples(binary, tmp, args.vm_runs) if args.vm_runs else None
    for parent in glob.glob("/sys/fs/cgroup/*/vl-bench-runc") + glob.glob("/sys/fs/cgroup/vl-bench-runc"):
        os.rmdir(parent)  # runc leaves the parent of its cgroupsPath (virtlab-runc removes the parents it made)
    ratio_wall = med["runc"][0] / med["virtlab-runc"][0]
    ratio_cpu = med["runc"][1] / med["virtlab-runc"][1]
    runc_version = subprocess.run(["runc", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    lines = [
        "# virtlab-runc run vs runc run (same bundle, interleaved)",
        "",
        f"`bench/virtlab_runc.py {' '.join(sys.argv[1:])}`: {os.cpu_count()} CPUs, kernel {os.uname().release}, "
        f"{runc_version}; `runc spec` bundle with args /bin/true and a cgroupsPath, busybox-static root; "
        f"{load_before} before, {load_after} after.",
        "",
        "| runtime | median wall (ms) | median CPU (ms) |",
        "| --- | ---: | ---: |",
    ] + [f"| {n} | {w * 1e3:.2f} | {c * 1e3:.2f} |" for n, (w, c) in med.items()] + [
        "",
        f"runc / virtlab-runc: **{ratio_wall:.1f}×** wall time, **{ratio_cpu:.1f}×** CPU time (goal: ≥ 8×).",
        "",
    ] + paired_lines(samples, "runc", "virtlab-runc")
    if args.baseline:
        lines += paired_lines(samples, "virtlab-runc (baseline)", "virtlab-runc")
    if vm and vm[0]:
        lines += vm_lines(vm[0], vm[1], args.vm_runs)
    elif vm:
        lines += [f"The test VM part did not run: {vm[1]}.", ""]
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
