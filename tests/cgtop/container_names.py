#!/usr/bin/env python3
"""Starts real containers with runc in cgroups laid out the way Docker, Kubernetes (systemd and cgroupfs drivers)
and containerd lay them out, then checks that cgtop --json names each one (runtime, short id, pod uid, QoS class).
Everything lives under a test-only parent cgroup that is removed at the end.

Usage: container_names.py CGTOP_BINARY        exit 0 pass, 1 fail, 77 skip (reason printed)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid

CGTOP = sys.argv[1]
TOP = f"virtlab-names-{os.getpid()}"


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(77)


def cgroup_mounts():
    mounts = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            left, right = line.split(" - ", 1)
            if right.split()[0] in ("cgroup", "cgroup2"):
                mounts.append(left.split()[4])
    return mounts


def make_bundle(root):
    rootfs = os.path.join(root, "rootfs")
    os.makedirs(os.path.join(rootfs, "bin"))
    for d in ("proc", "dev", "sys", "tmp"):
        os.makedirs(os.path.join(rootfs, d))
    shutil.copy2(shutil.which("busybox") or "/bin/busybox", os.path.join(rootfs, "bin", "busybox"))
    os.symlink("busybox", os.path.join(rootfs, "bin", "sleep"))
    subprocess.run(["runc", "spec", "--bundle", root], check=True)
    with open(os.path.join(root, "config.json")) as f:
        return json.load(f)


def main():
    if os.geteuid() != 0:
        skip("runc needs root to create containers")
    if not shutil.which("runc"):
        skip("runc is not installed (it is in packages.txt)")
    if not (shutil.which("busybox") or os.path.exists("/bin/busybox")):
        skip("busybox-static is not installed (it is in packages.txt)")

    cid = [uuid.uuid4().hex + uuid.uuid4().hex for _ in range(3)]
    pod = str(uuid.uuid4())
    cases = [
        # (cgroupsPath, expected kind, expected label)
        (f"/{TOP}/system.slice/docker-{cid[0]}.scope", "docker", f"docker {cid[0][:12]}"),
        (f"/{TOP}/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{pod.replace('-', '_')}.slice"
         f"/cri-containerd-{cid[1]}.scope", "containerd", f"containerd k8s.io/{cid[1][:12]}"),
        # kubelet's cgroupfs driver does not name the runtime: libs/engines takes containerd (what Debian ships), CRI's
        # namespace k8s.io
        (f"/{TOP}/kubepods/besteffort/pod{pod}/{cid[2]}", "containerd", f"containerd k8s.io/{cid[2][:12]}"),
    ]
    expected_parents = {
        f"/{TOP}/kubepods.slice/kubepods-burstable.slice": "QoS burstable",
        f"/{TOP}/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{pod.replace('-', '_')}.slice":
            f"pod {pod} (burstable)",
        f"/{TOP}/kubepods/besteffort/pod{pod}": f"pod {pod} (besteffort)",
    }
    started = []
    work = tempfile.mkdtemp(prefix="vl-names-")
    failures = []
    try:
        for i, (path, _kind, _label) in enumerate(cases):
            bundle = os.path.join(work, f"c{i}")
            os.makedirs(bundle)
            config = make_bundle(bundle)
            config["process"]["terminal"] = False
            config["process"]["args"] = ["/bin/sleep", "60"]
            config["linux"]["cgroupsPath"] = path
            with open(os.path.join(bundle, "config.json"), "w") as f:
                json.dump(config, f)
            name = f"vl-names-{os.getpid()}-{i}"
            started.append(name)
            # The detached container keeps runc's stdio: a pipe here would never reach EOF, so use a file.
            with open(os.path.join(bundle, "runc.log"), "w+") as log:
                if subprocess.run(["runc", "run", "-d", "--bundle", bundle, name], stdin=subprocess.DEVNULL,
                                  stdout=log, stderr=log).returncode != 0:
                    log.seek(0)
                    raise RuntimeError(f"runc run {name} failed: {log.read().strip()}")

        out = subprocess.run([CGTOP, "--json", "-b", "-n", "1", "-d", "0.2", "--depth", "-1", f"/{TOP}"],
                             check=True, capture_output=True, text=True).stdout
        doc = json.loads(out.splitlines()[0])
        rows = {r["path"]: r for r in doc["cgroups"]}
        for path, kind, label in cases:
            row = rows.get(path)
            if not row:
                failures.append(f"{path}: no row (rows: {sorted(rows)})")
            elif row["kind"] != kind or row["label"] != label:
                failures.append(f"{path}: kind/label {row['kind']!r}/{row['label']!r}, expected {kind!r}/{label!r}")
            elif (row["tasks"]["current"] or 0) < 1:
                failures.append(f"{path}: the container's sleep is not counted: {row['tasks']}")
        for path, label in expected_parents.items():
            row = rows.get(path)
            if not row or row["label"] != label:
                failures.append(f"{path}: label {row and row['label']!r}, expected {label!r}")
    except (RuntimeError, subprocess.CalledProcessError) as e:
        failures.append(str(e))
    finally:
        for name in started:
            subprocess.run(["runc", "delete", "-f", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)
        # runc removes the leaf cgroups; the parents it made along the way are ours to remove, deepest first.
        for m in cgroup_mounts():
            base = os.path.join(m, TOP)
            if not os.path.isdir(base):
                continue
            for dirpath, _dirs, _files in sorted(os.walk(base), key=lambda w: -w[0].count("/")):
                try:
                    os.rmdir(dirpath)
                except OSError as e:
                    failures.append(f"cannot remove {dirpath}: {e}")
    if failures:
        print("FAIL:\n  " + "\n  ".join(failures))
        return 1
    print("PASS: " + "; ".join(label for _p, _k, label in cases) + "; " + "; ".join(expected_parents.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
