#!/usr/bin/env python3
"""Start-to-exit of `true` in a full container: nsenter-lite run vs runc run vs unshare, in the same run.

usage: bench/nsenter_run.py [--runs N] [--binary build/default/bin/nsenter-lite] [--out bench/results/nsenter-lite.md]
                            [--baseline OLD_BINARY]

Every row starts /bin/true from the same busybox root filesystem (built by `nsenter-lite run --rootfs busybox`):
  nsenter-lite  run --rootfs DIR -- /bin/true          user/mnt..: pid, net, uts, ipc, mnt ns, pivot_root, /proc,
                                                       /dev, /sys, caps, default seccomp profile (no cgroup:
                                                       none is made without a limit; a second row adds --pids)
  runc          run --bundle B (config.json from `runc spec` as it comes, args=/bin/true: pid, net, ipc, uts, mnt
                                 namespaces, seven mounts, ten masked and five read-only paths, 3 capabilities,
                                 no seccomp section)
  runc, matched run --bundle B2: the same config changed to do what nsenter-lite's row does — its namespaces (plus
                                 cgroup), its mounts (/proc, a /dev tmpfs, a read-only /sys), no masked or read-only
                                 paths, its 14 capabilities and its seccomp deny list (both from its --json report)
  unshare       --pid --fork --mount-proc --net --uts --ipc --mount true   (no rootfs, no cgroup, no seccomp)
  C floor       bench/nsenter_run_floor.c: the same kernel work as nsenter-lite's row and nothing else (static C,
                no C++ runtime, command line, libseccomp or step log; like nsenter-lite it makes the network
                namespace ahead on a second CPU): how close nsenter-lite is to the kernel's cost
--baseline adds the rows "nsenter-lite (baseline)" and "nsenter-lite --pids 1024 (baseline)": another nsenter-lite
binary (e.g. one built at an older commit) on the same rootfs in the same rounds, and reports new / baseline per
round (paired: both ran within the same round) as median, quartiles and min–max.
Runs interleave, each round in a new shuffled order (fixed seed), so drift hits all alike and no command always
runs right after runc (whose teardown still occupies the machine for a moment); reports medians and ratios.
Needs root and a C compiler (for the floor). Exits 77 (skip) when runc or root is missing.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from interleaved_runs import interleaved_samples


def make_runc_bundle(rootfs, name, matched_to=None):
    """A runc bundle for /bin/true in ROOTFS: `runc spec` as it comes, or (matched_to = nsenter-lite's --json
    container report) changed to do the same work as that nsenter-lite run."""
    bundle = tempfile.mkdtemp(prefix=f"vl-bench-{name}-")
    subprocess.run(["runc", "spec", "--bundle", bundle], check=True)
    with open(os.path.join(bundle, "config.json")) as f:
        cfg = json.load(f)
    cfg["process"]["terminal"] = False
    cfg["process"]["args"] = ["/bin/true"]
    cfg["root"] = {"path": rootfs, "readonly": False}
    cfg["hostname"] = "container"
    if matched_to:
        linux = cfg["linux"]
        linux["namespaces"] = [{"type": t} for t in ("pid", "network", "ipc", "uts", "mount", "cgroup")]
        keep = {"/proc", "/dev", "/sys"}
        cfg["mounts"] = [m for m in cfg["mounts"] if m["destination"] in keep]
        linux["maskedPaths"], linux["readonlyPaths"] = [], []
        caps = matched_to["capabilities"]
        cfg["process"]["capabilities"] = {k: caps for k in ("bounding", "effective", "permitted", "inheritable")}
        cfg["process"].pop("rlimits", None)
        denied = matched_to["seccomp"]["denied"]
        linux["seccomp"] = {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"],
                            "syscalls": [{"names": denied, "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}
    with open(os.path.join(bundle, "config.json"), "w") as f:
        json.dump(cfg, f)
    return bundle


def paired_ratio_lines(samples, cpu):
    """new / baseline per round for each row that has a baseline: median, quartiles, min–max (wall and CPU)."""
    lines = ["| pair | rounds | wall new/old median | quartiles | min–max | CPU new/old median |",
             "| --- | ---: | ---: | --- | --- | ---: |"]
    for new in ("nsenter-lite", "nsenter-lite --pids 1024"):
        old = new + " (baseline)"
        wall = sorted(a / b for a, b in zip(samples[new], samples[old]))
        used = [a / max(b, 1e-6) for a, b in zip(cpu[new], cpu[old])]
        q1, _, q3 = statistics.quantiles(wall, n=4)
        lines.append(f"| {new} | {len(wall)} | **{statistics.median(wall):.3f}** | {q1:.3f}–{q3:.3f} | "
                     f"{wall[0]:.3f}–{wall[-1]:.3f} | {statistics.median(used):.3f} |")
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--binary", default="build/default/bin/nsenter-lite")
    ap.add_argument("--out", default="bench/results/nsenter-lite.md")
    ap.add_argument("--baseline", help="a second nsenter-lite binary timed on the same work in the same rounds")
    args = ap.parse_args()
    if args.baseline and not os.access(args.baseline, os.X_OK):
        print(f"error: --baseline {args.baseline} is not an executable; build the old nsenter-lite first")
        return 2
    if os.geteuid() != 0:
        print("SKIP: needs root (namespaces, cgroups, runc)")
        return 77
    if not shutil.which("runc"):
        print("SKIP: runc is not installed (apt-get install runc)")
        return 77
    # Build (or find) the cached busybox rootfs through the tool itself; its report says where the tree is and what
    # the container got (capabilities, seccomp deny list) for the matched runc config.
    report = json.loads(subprocess.run([args.binary, "run", "--rootfs", "busybox", "--json", "--", "/bin/true"],
                                       check=True, capture_output=True, text=True).stdout)["container"]
    rootfs = report["root"]
    bundle = make_runc_bundle(rootfs, "runc")
    matched_bundle = make_runc_bundle(rootfs, "runc-matched", matched_to=report)
    floor = os.path.join(bundle, "nsenter_run_floor")  # removed with the bundle
    commands = {
        "nsenter-lite": [args.binary, "run", "--rootfs", rootfs, "--", "/bin/true"],
        # runc always makes a cgroup; a limit makes nsenter-lite make one too (in every v1 hierarchy on hybrid hosts).
        "nsenter-lite --pids 1024": [args.binary, "run", "--rootfs", rootfs, "--pids", "1024", "--", "/bin/true"],
        "runc": ["runc", "run", "--bundle", bundle, "vl-bench"],
        "runc, matched config": ["runc", "run", "--bundle", matched_bundle, "vl-bench-matched"],
        "unshare": ["unshare", "--pid", "--fork", "--mount-proc", "--net", "--uts", "--ipc", "--mount", "true"],
        "C floor": [floor, rootfs],
    }
    if args.baseline:
        commands["nsenter-lite (baseline)"] = [args.baseline, "run", "--rootfs", rootfs, "--", "/bin/true"]
        commands["nsenter-lite --pids 1024 (baseline)"] = [args.baseline, "run", "--rootfs", rootfs, "--pids", "1024",
                                                            "--", "/bin/true"]
    samples = {k: [] for k in commands}
    cpu = {k: [] for k in commands}
    try:
        here = os.path.dirname(os.path.abspath(__file__))
        subprocess.run(["cc", "-O2", "-static", "-o", floor, os.path.join(here, "nsenter_run_floor.c")], check=True)
        for k, timed in interleaved_samples(commands, args.runs, 20261205).items():
            samples[k] = [wall for wall, _ in timed]
            cpu[k] = [used for _, used in timed]
    finally:
        for container, path in (("vl-bench", bundle), ("vl-bench-matched", matched_bundle)):
            subprocess.run(["runc", "delete", "--force", container], stderr=subprocess.DEVNULL)
            shutil.rmtree(path, ignore_errors=True)
    med = {k: statistics.median(v) * 1000 for k, v in samples.items()}
    lo = {k: min(v) * 1000 for k, v in samples.items()}
    hi = {k: max(v) * 1000 for k, v in samples.items()}
    cpu_med = {k: statistics.median(v) * 1000 for k, v in cpu.items()}
    load = os.getloadavg()
    uname = os.uname()
    lines = [
        "# nsenter-lite run: start-to-exit of `true` (bench/nsenter_run.py)",
        "",
        f"Machine: {uname.nodename} {uname.release}, {os.cpu_count()} CPUs; {args.runs} interleaved runs each "
        f"(a new shuffled order each round) after one warm-up; wall time per process, median (min–max); "
        f"CPU = user+sys of the process tree (wait4). "
        f"Load average at the end: {load[0]:.1f}.",
        "",
        "| command | median ms | min ms | max ms | median CPU ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for k in commands:
        lines.append(f"| {k} | {med[k]:.1f} | {lo[k]:.1f} | {hi[k]:.1f} | {cpu_med[k]:.1f} |")
    lines += [
        "",
        f"- runc, matched config / nsenter-lite = **{med['runc, matched config'] / med['nsenter-lite']:.1f}×** "
        "(goal ≥ 10×; the same namespaces, mounts, capabilities and seccomp deny list)",
        f"- runc as `runc spec` makes it / nsenter-lite = **{med['runc'] / med['nsenter-lite']:.1f}×** (more mounts and "
        "masked paths, fewer capabilities, no seccomp)",
        f"- runc, matched config / nsenter-lite --pids 1024 (both make a cgroup) = "
        f"**{med['runc, matched config'] / med['nsenter-lite --pids 1024']:.1f}×**",
        f"- nsenter-lite / unshare = **{med['nsenter-lite'] / med['unshare']:.2f}×** (goal ≤ 2×; unshare does less: "
        "no rootfs, pivot_root, /dev, /sys, caps or seccomp)",
        f"- nsenter-lite / C floor = **{med['nsenter-lite'] / med['C floor']:.2f}×** (the same kernel work in a static C "
        "program: what is left to gain in nsenter-lite itself)",
        f"- CPU: runc, matched config / nsenter-lite = "
        f"{cpu_med['runc, matched config'] / max(cpu_med['nsenter-lite'], 0.001):.1f}×, "
        f"nsenter-lite / unshare = {cpu_med['nsenter-lite'] / max(cpu_med['unshare'], 0.001):.2f}×",
    ]
    if args.baseline:
        lines += ["", "Paired: this binary / the baseline, per round (both ran in the same round):", ""]
        lines += paired_ratio_lines(samples, cpu)
    lines += [
        "",
        "Commands:",
        "",
    ]
    for k, argv in commands.items():
        lines.append(f"- {k}: `{' '.join(argv)}`")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        os.makedirs(os.path.dirname(args.out), exist_ok=True)
        with open(args.out, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
