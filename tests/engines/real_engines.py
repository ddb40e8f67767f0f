#!/usr/bin/env python3
"""Real Docker and Podman containers, seen by cgtop, nsenter-lite and pagewalk (issue #20 part 1).

usage: real_engines.py CGTOP NSENTER_LITE PAGEWALK

Imports a busybox root filesystem as an image (`docker import` / `podman import`: no registry), runs one container
per engine with --memory 64m --cpus 0.5 --pids-limit 50, and checks that each tool names it from the engine's own
state and shows the limits as the kernel's files hold them. Starts containerd and dockerd itself when no daemon
answers (no service manager here; no bridge, no iptables rules) and stops what it started. The containers have no
network (`--network none`), so no bridge, veth or firewall rule is made. Exit 77 with the reason when an engine is
missing.
"""
import json
import os
import shutil
import sys
import tempfile

import jsonschema

from engine_helpers import (busybox_tar, check, docker_answers, failures, sh, start_containerd, start_daemon,
                            stop_daemons)

CGTOP, NSENTER_LITE, PAGEWALK = sys.argv[1:4]
TAG = f"vl-engines-{os.getpid()}"
IMAGE = f"localhost/{TAG}:test"
MEMORY = 64 * 1024 * 1024
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../schemas/nsenter-lite.v1.json")) as f:
    SCHEMA = json.load(f)


def ensure_docker():
    if docker_answers():
        return True
    if not os.path.exists("/run/containerd/containerd.sock"):
        start_containerd()
    # No docker0 bridge and no iptables rules: the containers here need no network, and nothing stays behind.
    return start_daemon(["dockerd", "--bridge=none", "--iptables=false"], docker_answers)


def hybrid_cgroups():
    return os.path.isdir("/sys/fs/cgroup/memory") and os.path.isdir("/sys/fs/cgroup/unified")


def cgtop_row(label):
    p = sh([CGTOP, "-b", "-n", "1", "--json"])
    doc = json.loads(p.stdout.splitlines()[0])
    return next((c for c in doc["cgroups"] if c.get("label") == label), None)


def check_cgtop(engine, name):
    row = cgtop_row(f"{engine} {name}")
    check(f"cgtop: a row named '{engine} {name}'", row is not None)
    if not row:
        return
    limits = (row.get("container") or {}).get("engine_limits") or {}
    check(f"cgtop: {engine}'s own limits read from its state (64 MiB, 0.5 CPU, 50 pids)",
          limits == {"memory_bytes": MEMORY, "cpus": 0.5, "pids": 50}, str(limits))
    check(f"cgtop: the kernel's files hold them (memory limit, CPU quota, pids.max)",
          row["memory"]["limit"] == MEMORY and row["cpu"]["quota_cores"] == 0.5 and row["tasks"]["max"] == 50,
          f"{row['memory']['limit']}, {row['cpu']['quota_cores']}, {row['tasks']['max']}")


def check_nsenter_lite(engine, name, pid):
    doc = json.loads(sh([NSENTER_LITE, "ls", "--json"]).stdout)
    try:
        jsonschema.validate(doc, SCHEMA)
        check("nsenter-lite ls --json with a real container is valid nsenter-lite/1", True)
    except jsonschema.ValidationError as e:
        check("nsenter-lite ls --json with a real container is valid nsenter-lite/1", False, e.message[:300])
    # The namespaces the engine made for the container (it shares the rest, e.g. user and time, with the host).
    mine = [n for n in doc["namespaces"] if n.get("pid") == pid]
    named = [n for n in mine if (n.get("container") or {}).get("name") == name]
    check(f"nsenter-lite ls: the {len(mine)} namespaces {engine} made carry its name {name}",
          mine and len(named) == len(mine) and named[0]["container"]["engine"] == engine,
          f"{len(named)} of {len(mine)} named")
    group = next((c for c in doc.get("containers", []) if c.get("name") == name), {})
    chain = [(link["command"], link["pid"]) for link in group.get("chain", [])]
    want = {"docker": ["dockerd", "containerd", "containerd-shim-runc-v2", "sleep"], "podman": ["conmon", "sleep"]}
    check(f"nsenter-lite ls: the process chain {' → '.join(want[engine])}, every one running, ending at pid {pid}",
          [c for c, _ in chain] == want[engine] and all(p for _, p in chain) and chain[-1][1] == pid, str(chain))
    text = sh([NSENTER_LITE, "ls"]).stdout
    line = next((l for l in text.splitlines() if l.startswith(f"{engine} {name} ") and ": " in l), "")
    check("nsenter-lite ls (text): the chain line", line.endswith(f" → sleep {pid}"), line or text[-300:])


def check_pagewalk(engine, name, pid):
    with open(f"/proc/{pid}/maps") as f:
        stack = next(line for line in f if "[stack]" in line)
    address = hex(int(stack.split()[0].split("-")[1], 16) - 8)  # the top of the stack: always resident
    doc = json.loads(sh([PAGEWALK, str(pid), address, "--json"]).stdout)
    container = (doc.get("cgroup") or {}).get("container") or {}
    check(f"pagewalk: the stack frame of {name}'s pid 1 is charged to {engine} {name}",
          container.get("engine") == engine and container.get("name") == name and doc.get("pfn"), str(doc.get("cgroup")))


def run_engine(engine, tar, extra):
    name = f"{TAG}-{engine}"
    imported = sh([engine, "import", tar, IMAGE])
    check(f"{engine} import of a busybox root filesystem", imported.returncode == 0, imported.stderr.strip())
    try:
        run = sh([engine, "run", "-d", "--name", name, "--network", "none", *extra, "--memory", "64m", "--cpus", "0.5", "--pids-limit", "50",
                  IMAGE, "sleep", "300"])
        check(f"{engine} run -d {name}", run.returncode == 0, run.stderr.strip())
        if run.returncode != 0:
            return
        pid = int(sh([engine, "inspect", "-f", "{{.State.Pid}}", name]).stdout.strip())
        check_cgtop(engine, name)
        check_nsenter_lite(engine, name, pid)
        check_pagewalk(engine, name, pid)
    finally:
        sh([engine, "rm", "-f", name])
        sh([engine, "rmi", "-f", IMAGE])


def main():
    missing = [e for e in ("docker", "dockerd", "containerd", "podman", "/bin/busybox") if not shutil.which(e)]
    if missing:
        print(f"skip: {', '.join(missing)} not installed (packages.txt lists docker.io, containerd, podman, "
              "busybox-static)")
        return 77
    with tempfile.TemporaryDirectory(prefix=f"{TAG}-") as tmp:
        tar = busybox_tar(tmp)
        try:
            check("dockerd answers (started here with containerd when it was not running)", ensure_docker())
            if not failures:
                run_engine("docker", tar, [])
        finally:
            stop_daemons()
        # podman's default RLIMIT_NOFILE/NPROC exceed this machine's hard limits (docs/nsenter-lite.md); crun refuses
        # hybrid cgroups ("drop all controllers from cgroupv2"), runc takes them.
        podman_extra = ["--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]
        if hybrid_cgroups():
            print("     hybrid cgroups: podman runs with --runtime runc (crun supports only v1 or v2)")
            podman_extra += ["--runtime", "runc"]
        run_engine("podman", tar, podman_extra)
    left = [e for e in ("docker", "podman") if shutil.which(e) and TAG in sh([e, "ps", "-a"]).stdout]
    check("no container of this test left", not left, str(left))
    print("PASS" if not failures else f"FAIL: {len(failures)} checks")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
