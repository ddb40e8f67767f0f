#!/usr/bin/env python3
"""The real engines driving virtlab-runc as their OCI runtime. podman (through conmon): exit codes, output, stdin,
a pty (-t: the pty master comes over --console-socket), --memory/--pids-limit as the kernel shows them, exec, stop, rm,
a runtime failure reported in one line, --explain steps in the runtime log. docker.io (dockerd → containerd →
containerd-shim-runc-v2, the runtime registered in daemon.json; dockerd and containerd are started here when none
runs, without bridge or iptables rules, and stopped after): the same, with docker's libnetwork prestart hook run.
Nothing may be left behind: containers, images, state directories, cgroups.

The image is a busybox root filesystem imported with `podman import` / `docker import` (no registry).
Usage: runc_engines_test.py VIRTLAB_RUNC   (root; exit 77 with the reason when the engines or busybox are missing)
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../engines"))
from engine_helpers import (busybox_tar, check, docker_answers, failures, sh, start_containerd,  # noqa: E402
                            start_daemon, stop_daemons)

TAG = f"vl-runc-podman-{os.getpid()}"
IMAGE = f"localhost/{TAG}"
# podman's defaults for open files and processes (1048576) are above this machine's hard limits (docs/nsenter-lite.md).
LIMITS = ["--network", "none", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]


def podman(runtime, *args, flags=(), **kw):
    runtime_flags = [f"--runtime-flag={f}" for f in flags]
    return sh(["podman", "--runtime", runtime, *runtime_flags, *args], **kw)


def runtime_leftovers():
    state = glob.glob("/run/virtlab-runc/*") + glob.glob("/run/docker/runtime-*/moby/*")
    cgroups = [d for pattern in ("libpod_parent/libpod-*", "docker/*") for d in
               glob.glob(f"/sys/fs/cgroup/*/{pattern}") + glob.glob(f"/sys/fs/cgroup/{pattern}") if os.path.isdir(d)]
    return sorted(state + cgroups)


def basic_runs(rt):
    r = podman(rt, "run", "--rm", *LIMITS, IMAGE, "sh", "-c", "echo hi; exit 3")
    check("podman run prints the container's output", r.stdout == "hi\n", r.stdout + r.stderr)
    check("podman run exits with the container's code (3)", r.returncode == 3, r.stderr.strip())
    ids = ["--uidmap", "0:100000:65536", "--gidmap", "0:100000:65536"]
    r = podman(rt, "run", "--rm", *LIMITS, *ids, IMAGE, "sh", "-c", "id -u; cat /proc/self/uid_map")
    check("podman run --uidmap 0:100000:65536: root inside a user namespace mapped to host 100000",
          r.returncode == 0 and r.stdout.split() == ["0", "0", "100000", "65536"], r.stdout + r.stderr)
    r = podman(rt, "run", "-i", "--rm", *LIMITS, IMAGE, "cat", input="through stdin\n")
    check("podman run -i passes stdin", r.stdout == "through stdin\n", r.stdout + r.stderr)
    r = podman(rt, "run", "-t", "--rm", *LIMITS, IMAGE, "sh", "-c", "tty", stdin=subprocess.DEVNULL)
    check("podman run -t gives the container a pty (console socket)", r.stdout.strip().startswith("/dev/pts/"),
          r.stdout + r.stderr)


def limits_stop_and_rm(rt):
    name = f"{TAG}-limits"
    r = podman(rt, "run", "-d", "--name", name, *LIMITS, "--memory", "64m", "--pids-limit", "50", IMAGE, "sleep", "300")
    check("podman run -d", r.returncode == 0, r.stderr.strip())
    if r.returncode != 0:
        return
    try:
        pid = int(sh(["podman", "inspect", "-f", "{{.State.Pid}}", name]).stdout)
        memberships = dict(line.split(":", 2)[1:] for line in open(f"/proc/{pid}/cgroup").read().splitlines())
        memory = memberships.get("memory")
        if memory is not None:  # v1 or hybrid
            limit = open(f"/sys/fs/cgroup/memory{memory}/memory.limit_in_bytes").read().strip()
            pids = open(f"/sys/fs/cgroup/pids{memberships['pids']}/pids.max").read().strip()
        else:
            base = f"/sys/fs/cgroup{memberships['']}"
            limit, pids = open(f"{base}/memory.max").read().strip(), open(f"{base}/pids.max").read().strip()
        check("--memory 64m is the kernel's limit in the container's cgroup", limit == str(64 << 20), limit)
        check("--pids-limit 50 is the kernel's pids.max", pids == "50", pids)
        if memory is not None:
            r = podman(rt, "exec", name, "cat", "/sys/fs/cgroup/pids/pids.max")
            check("podman: the container's /sys/fs/cgroup is runc's v1 layout, its pids cgroup at pids/ (50)",
                  r.stdout.strip() == "50", r.stdout + r.stderr)
        r = podman(rt, "exec", name, "sh", "-c", "test $$ -gt 1 && exit 6")
        check("podman exec runs in the container and returns its exit code (6)", r.returncode == 6, r.stderr.strip())
        r = podman(rt, "exec", "-i", name, "cat", input="exec stdin\n")
        check("podman exec -i passes stdin", r.stdout == "exec stdin\n", r.stdout + r.stderr)
        stop = podman(rt, "stop", "-t", "1", name)
        check("podman stop (kill TERM, then KILL)", stop.returncode == 0, stop.stderr.strip())
        status = sh(["podman", "inspect", "-f", "{{.State.Status}}", name]).stdout.strip()
        check("the container is exited after stop", status == "exited", status)
    finally:
        rm = podman(rt, "rm", "-f", name)
        check("podman rm -f", rm.returncode == 0, rm.stderr.strip())


def failure_and_explain(rt, tmp):
    # Without --ulimit nproc: podman asks for 1048576 processes, above this machine's hard limit.
    r = podman(rt, "run", "--rm", "--network", "none", "--ulimit", "nofile=1024:1024", IMAGE, "true")
    if r.returncode == 0:
        print("     (podman's default nproc limit fits this machine: no rlimit failure to check)")
    else:
        check("a refused rlimit is one clear line naming the limit and the fix",
              "setrlimit RLIMIT_NPROC" in r.stderr and "--ulimit nproc=1024:1024" in r.stderr, r.stderr.strip())
    log = os.path.join(tmp, "runtime.log")
    r = podman(rt, "run", "--rm", *LIMITS, IMAGE, "true", flags=("explain", f"log={log}", "log-format=json"))
    check("podman run with --runtime-flag explain", r.returncode == 0, r.stderr.strip())
    lines = [json.loads(line) for line in open(log)] if os.path.exists(log) else []
    messages = [line["msg"] for line in lines]
    check("the runtime log holds the steps as runc log lines (create and start)",
          all(line["level"] == "info" for line in lines) and any("pivot_root" in m for m in messages)
          and any("exec.fifo" in m for m in messages), f"{len(lines)} lines")


# Our own dockerd with the runtime in its daemon.json, so a system dockerd (if any) is not touched.
def start_docker(rt, tmp, explain_log):
    if docker_answers():
        print("     skip docker: a dockerd already runs here (its daemon.json cannot get our runtime from a test)")
        return False
    if os.path.exists("/run/containerd/containerd.sock"):
        print("     a containerd already runs: the explain log of docker's runs is not checked (its env is not ours)")
    else:
        env = {**os.environ, "VIRTLAB_RUNC_EXPLAIN_LOG": explain_log}
        start_containerd(env)
    config = os.path.join(tmp, "daemon.json")
    with open(config, "w") as f:
        json.dump({"runtimes": {"virtlab": {"path": rt}}, "bridge": "none", "iptables": False}, f)
    return start_daemon(["dockerd", "--config-file", config], docker_answers)


def docker_runs(tar, explain_log):
    image = f"{TAG}-docker"
    check("docker import of a busybox root filesystem", sh(["docker", "import", tar, image]).returncode == 0)
    run = ["docker", "run", "--runtime", "virtlab", "--network", "none"]
    r = sh([*run, "--rm", image, "sh", "-c", "echo hi; exit 3"])
    check("docker run prints the output and exits with the container's code (3)", r.stdout == "hi\n" and r.returncode == 3,
          f"{r.returncode} {r.stdout} {r.stderr}")
    r = sh([*run, "--rm", "-i", image, "cat"], input="through stdin\n")
    check("docker run -i passes stdin", r.stdout == "through stdin\n", r.stdout + r.stderr)
    name = f"{TAG}-d"
    r = sh([*run, "-d", "--name", name, "--memory", "64m", "--pids-limit", "50", "--cpus", "0.5", image, "sleep", "300"])
    check("docker run -d with --memory --pids-limit --cpus", r.returncode == 0, r.stderr.strip())
    try:
        pid = int(sh(["docker", "inspect", "-f", "{{.State.Pid}}", name]).stdout or 0)
        groups = dict(line.split(":", 2)[1:] for line in open(f"/proc/{pid}/cgroup").read().splitlines()) if pid else {}
        if "memory" in groups:
            read = lambda c, f: open(f"/sys/fs/cgroup/{c}{groups[c]}/{f}").read().strip()  # noqa: E731
            got = (read("memory", "memory.limit_in_bytes"), read("pids", "pids.max"), read("cpu", "cpu.cfs_quota_us"))
            check("docker's limits are the kernel's (64 MiB, 50 pids, 50000/100000 µs)",
                  got == (str(64 << 20), "50", "50000"), str(got))
            r = sh(["docker", "exec", name, "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes"])
            check("docker: the container's /sys/fs/cgroup is runc's v1 layout, its memory cgroup at memory/ (64 MiB)",
                  r.stdout.strip() == str(64 << 20), r.stdout + r.stderr)
        r = sh(["docker", "exec", name, "sh", "-c", "test $$ -gt 1 && exit 6"])
        check("docker exec returns the process's exit code (6)", r.returncode == 6, r.stderr.strip())
        check("docker stop", sh(["docker", "stop", "-t", "1", name]).returncode == 0)
    finally:
        check("docker rm -f", sh(["docker", "rm", "-f", name]).returncode == 0)
        sh(["docker", "rmi", "-f", image])
    if os.path.exists(explain_log):
        text = open(explain_log).read()
        check("the explain log shows docker's prestart hook (libnetwork-setkey) and the init's pivot_root",
              "libnetwork-setkey" in text and "pivot_root" in text)


def main():
    if os.geteuid() != 0:
        print("skip: podman with virtlab-runc needs root")
        return 77
    missing = [p for p in ("podman", "conmon", "docker", "dockerd", "containerd") if not shutil.which(p)]
    if missing or not os.path.exists("/bin/busybox"):
        print(f"skip: {', '.join(missing) or 'busybox'} not installed (packages.txt lists the engines, busybox-static)")
        return 77
    rt = os.path.abspath(sys.argv[1])
    before = runtime_leftovers()
    with tempfile.TemporaryDirectory(prefix=f"{TAG}-") as tmp:
        imported = sh(["podman", "import", busybox_tar(tmp), IMAGE])
        check("podman import of a busybox root filesystem", imported.returncode == 0, imported.stderr.strip())
        try:
            if imported.returncode == 0:
                basic_runs(rt)
                limits_stop_and_rm(rt)
                failure_and_explain(rt, tmp)
        finally:
            sh(["podman", "rm", "-f", f"{TAG}-limits"])
            sh(["podman", "rmi", "-f", IMAGE])
        explain_log = os.path.join(tmp, "docker-explain.log")
        try:
            if start_docker(rt, tmp, explain_log):
                docker_runs(busybox_tar(tmp), explain_log)
        finally:
            stop_daemons()
    left = sh(["podman", "ps", "-a", "--format", "{{.Names}}"]).stdout.split()
    check("no container of this test left", not [n for n in left if n.startswith(TAG)], str(left))
    check("no state directory or cgroup of virtlab-runc left", runtime_leftovers() == before,
          str(set(runtime_leftovers()) - set(before)))
    print("PASS" if not failures else f"FAIL: {len(failures)} checks")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
