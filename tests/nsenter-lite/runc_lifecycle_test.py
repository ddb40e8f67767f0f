#!/usr/bin/env python3
"""virtlab-runc on the real kernel, driven the way an engine drives runc: create → state → start → state → exec →
kill → delete on a busybox bundle, then `run`, then bad bundles. Checks the state transitions, the pid file, the exit
status the init's reaper sees, the limit files the kernel shows in the container's cgroup, and that nothing is left:
state directory, cgroup directories, mounts, processes.

This process is the init's child subreaper (as conmon and containerd-shim are), so it reaps the container.
Usage: runc_lifecycle_test.py VIRTLAB_RUNC   (root; exit 77 with the reason when it cannot run here)
"""
import ctypes
import json

import jsonschema
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PR_SET_CHILD_SUBREAPER = 36
TAG = f"vl-runc-test-{os.getpid()}"
CGROUP_PATH = f"/virtlab-runc-test-{os.getpid()}/lifecycle"
failures = []
SCHEMA = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "schemas",
                                     "virtlab-runc.v1.json")))


def check(what, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {what}" + (f": {detail}" if detail and not ok else ""))
    if not ok:
        failures.append(what)


def make_bundle(tmp, args, **linux_extra):
    bundle = os.path.join(tmp, "bundle")
    bin_dir = os.path.join(bundle, "rootfs", "bin")
    if not os.path.isdir(bin_dir):
        os.makedirs(bin_dir)
        shutil.copy2("/bin/busybox", os.path.join(bin_dir, "busybox"))
        applets = subprocess.run(["/bin/busybox", "--list"], capture_output=True, text=True).stdout.split()
        for applet in applets:
            if applet != "busybox":
                os.symlink("busybox", os.path.join(bin_dir, applet))
    mounts = [{"destination": "/proc", "type": "proc", "source": "proc"},
              {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime",
                                                                                  "mode=755", "size=65536k"]},
              {"destination": "/dev/pts", "type": "devpts", "source": "devpts",
               "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]},
              {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]}]
    caps = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"]
    linux = {"namespaces": [{"type": t} for t in ("pid", "network", "ipc", "uts", "mount", "cgroup")],
             "cgroupsPath": CGROUP_PATH,
             "resources": {"memory": {"limit": 64 << 20}, "pids": {"limit": 32}},
             "maskedPaths": ["/proc/kcore", "/proc/keys"], "readonlyPaths": ["/proc/sys"]}
    linux.update(linux_extra)
    config = {"ociVersion": "1.0.2", "hostname": "lifecycle", "root": {"path": "rootfs", "readonly": True},
              "process": {"args": args, "env": ["PATH=/bin"], "cwd": "/", "user": {"uid": 0, "gid": 0},
                          "capabilities": {k: caps for k in ("bounding", "effective", "permitted")},
                          "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}],
                          "noNewPrivileges": True},
              "mounts": mounts, "linux": linux}
    with open(os.path.join(bundle, "config.json"), "w") as f:
        json.dump(config, f)
    return bundle


class Runtime:
    def __init__(self, binary, tmp):
        self.root = os.path.join(tmp, "state")
        self.log = os.path.join(tmp, "runtime.log")
        self.binary = binary

    def __call__(self, *args):
        # Files, not pipes: the container's init inherits stdout and stderr and keeps them open after `create`.
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            r = subprocess.run([self.binary, "--root", self.root, "--log", self.log, "--log-format", "json", *args],
                               stdout=out, stderr=err, text=True, timeout=60)
            out.seek(0)
            err.seek(0)
            return subprocess.CompletedProcess(r.args, r.returncode, out.read(), err.read())

    def with_fds(self, fd3_file, *args):
        """The runtime started with fd 3 open on fd3_file and fd 4 on /dev/null (neither close-on-exec), as an engine
        passes fds with --preserve-fds."""
        r = subprocess.run(["sh", "-c", 'exec 3>>"$0" 4>/dev/null && exec "$@"', fd3_file, self.binary, "--root",
                            self.root, "--log", self.log, "--log-format", "json", *args],
                           capture_output=True, text=True, timeout=60)
        return r

    def status(self, cid):
        r = self("state", cid)
        return json.loads(r.stdout) if r.returncode == 0 else {"status": f"(state failed: {r.stderr.strip()})"}


def valid_document(what, text):
    """--json output of a real command against schemas/virtlab-runc.v1.json."""
    try:
        doc = json.loads(text)
        jsonschema.validate(doc, SCHEMA)
        check(f"{what}: a valid virtlab-runc/1 document", True)
        return doc
    except (ValueError, jsonschema.ValidationError) as e:
        check(f"{what}: a valid virtlab-runc/1 document", False, str(e)[:300])
        return {}


def cgroup_dirs():
    base = CGROUP_PATH.split("/")[1]
    return [os.path.join(m, base) for m in {os.path.realpath(os.path.join("/sys/fs/cgroup", d))
                                           for d in os.listdir("/sys/fs/cgroup")}
            if os.path.isdir(os.path.join(m, base))]


def limit_file(controller, v1_file, v2_file):
    for path in (f"/sys/fs/cgroup/{controller}{CGROUP_PATH}/{v1_file}", f"/sys/fs/cgroup{CGROUP_PATH}/{v2_file}"):
        if os.path.exists(path):
            return open(path).read().strip()
    return None


def cgroups_not_joined(pid, membership=None):
    """The hierarchies holding our cgroup (a directory at CGROUP_PATH) whose line in /proc/PID/cgroup (or the text
    `membership`, a copy of it) names another cgroup: [] when the process is in its cgroup everywhere (cgroup2 and
    each v1 hierarchy)."""
    known = {line.split()[0] for line in open("/proc/cgroups") if not line.startswith("#")}
    lines = {}  # "" for cgroup2, else the sorted v1 controllers (and name=…) → path
    for line in (membership if membership is not None else open(f"/proc/{pid}/cgroup").read()).splitlines():
        _, controllers, path = line.split(":", 2)
        lines[",".join(sorted(controllers.split(","))) if controllers else ""] = path
    missing = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            fs_type, options = fields[fields.index("-") + 1], fields[fields.index("-") + 3].split(",")
            if fs_type not in ("cgroup", "cgroup2") or not os.path.isdir(fields[4] + CGROUP_PATH):
                continue
            key = "" if fs_type == "cgroup2" else ",".join(sorted(o for o in options if o in known or
                                                                   o.startswith("name=")))
            if lines.get(key) != CGROUP_PATH:
                missing.append(f"{fields[4]}: {lines.get(key)}")
    return missing


def mounts_under(path):
    with open("/proc/self/mountinfo") as f:
        return [line for line in f if path in line]


def nothing_left(rt, cid, bundle, pid):
    check(f"{cid}: state directory removed", not os.path.exists(os.path.join(rt.root, cid)))
    check(f"{cid}: cgroup directories removed", not cgroup_dirs(), str(cgroup_dirs()))
    check(f"{cid}: no mount of the bundle left", not mounts_under(bundle))
    check(f"{cid}: the init is gone", pid == 0 or not os.path.exists(f"/proc/{pid}"))


def lifecycle(rt, tmp):
    # TERM is trapped: the exit status the reaper sees (7) proves the signal reached the container's process.
    bundle = make_bundle(tmp, ["sh", "-c", "trap 'exit 7' TERM; echo ready > /dev/null; sleep 100 & wait"])
    pid_file = os.path.join(tmp, "init.pid")
    created = rt("create", "--bundle", bundle, "--pid-file", pid_file, "life")
    check("create exits 0", created.returncode == 0, created.stderr.strip())
    if created.returncode != 0:
        return
    state = rt.status("life")
    pid = int(open(pid_file).read())
    check("state after create: created, pid = the pid file", state["status"] == "created" and state["pid"] == pid,
          str(state))
    check("memory limit in the kernel's file is 64 MiB",
          limit_file("memory", "memory.limit_in_bytes", "memory.max") == str(64 << 20))
    check("pids limit in the kernel's file is 32", limit_file("pids", "pids.max", "pids.max") == "32")
    check("the init is in the cgroup in every hierarchy (cgroup2: born there; v1: moved itself)",
          not cgroups_not_joined(pid), str(cgroups_not_joined(pid)))
    doc = valid_document("state --json", rt("--json", "state", "life").stdout)
    check("state --json carries runc's state", doc.get("container", {}).get("status") == "created")
    started = rt("start", "life")
    check("start exits 0", started.returncode == 0, started.stderr.strip())
    time.sleep(0.2)
    check("state after start: running", rt.status("life")["status"] == "running")
    check("the init has exec'd the process", open(f"/proc/{pid}/cmdline").read().startswith("sh\0"))
    execed = rt("exec", "life", "--", "sh", "-c", "test $(hostname) = lifecycle && test $$ -gt 1 && exit 4")
    check("exec runs in the container's namespaces (its hostname, a pid > 1), exit code 4", execed.returncode == 4,
          f"{execed.returncode}: {execed.stderr.strip()}")
    exec_options(rt, tmp)
    exec_pid_file = os.path.join(tmp, "exec.pid")
    detached = rt("exec", "--detach", "--pid-file", exec_pid_file, "life", "--", "sleep", "30")
    exec_pid = int(open(exec_pid_file).read()) if detached.returncode == 0 else 0
    check("exec --detach: the process is in the container's cgroup in every hierarchy",
          exec_pid and not cgroups_not_joined(exec_pid),
          f"{cgroups_not_joined(exec_pid) if exec_pid else ''} {detached.stderr.strip()}")
    if exec_pid:
        os.kill(exec_pid, signal.SIGKILL)
        os.waitpid(exec_pid, 0)
    killed = rt("kill", "life", "TERM")
    check("kill TERM exits 0", killed.returncode == 0, killed.stderr.strip())
    _, status = os.waitpid(pid, 0)
    check("the container's exit status is 7 (its TERM trap)", os.WIFEXITED(status) and os.WEXITSTATUS(status) == 7)
    check("state after exit: stopped, pid 0", rt.status("life") == {**rt.status("life"), "status": "stopped", "pid": 0})
    refused = rt("exec", "life", "--", "true")
    check("exec in a stopped container is refused (exit 6)", refused.returncode == 6, refused.stderr.strip())
    deleted = rt("delete", "life")
    check("delete exits 0", deleted.returncode == 0, deleted.stderr.strip())
    nothing_left(rt, "life", bundle, pid)


def status_field(rt, field, *exec_args):
    """A field of /proc/self/status as the exec'd process sees it ("" when exec failed)."""
    r = rt("exec", *exec_args, "life", "--", "sh", "-c", f"grep '^{field}:' /proc/self/status")
    return r.stdout.split(":", 1)[1].strip() if r.returncode == 0 and ":" in r.stdout else f"exit {r.returncode}: {r.stderr}"


def exec_options(rt, tmp):
    """exec --cap, --additional-gids and --preserve-fds are applied (container's capabilities: 0x421)."""
    check("exec: the process's bounding set is the container's (0x421)",
          status_field(rt, "CapBnd") == "0000000000000421", status_field(rt, "CapBnd"))
    for field in ("CapBnd", "CapEff"):
        got = status_field(rt, field, "--cap", "CAP_SYS_ADMIN")
        check(f"exec --cap CAP_SYS_ADMIN: {field} gains bit 21 (0x200421)", got == "0000000000200421", got)
    bad = rt("exec", "--cap", "CAP_BOGUS", "life", "--", "true")
    check("exec --cap with an unknown name: exit 2, one line naming it", bad.returncode == 2 and
          "unknown capability 'CAP_BOGUS'" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1, bad.stderr)
    got = status_field(rt, "Groups", "--additional-gids", "1234", "--additional-gids", "5678")
    check("exec --additional-gids 1234 --additional-gids 5678: the process's supplementary groups", got == "1234 5678",
          got)
    fd3 = os.path.join(tmp, "fd3.txt")
    r = rt.with_fds(fd3, "exec", "--preserve-fds", "1", "life", "--", "sh", "-c",
                    "echo through fd 3 >&3 && test ! -e /proc/self/fd/4")
    check("exec --preserve-fds 1: the process writes to the caller's fd 3, and the caller's fd 4 is not passed",
          r.returncode == 0 and open(fd3).read() == "through fd 3\n", f"{r.returncode}: {r.stderr.strip()}")
    r = rt.with_fds(fd3, "exec", "life", "--", "sh", "-c", "test ! -e /proc/self/fd/3")
    check("exec without --preserve-fds: the caller's fd 3 is not passed", r.returncode == 0, r.stderr.strip())
    r = rt("exec", "--preserve-fds", "1", "life", "--", "true")
    check("exec --preserve-fds 1 without an fd 3: exit 2, one line naming fd 3", r.returncode == 2 and
          "fd 3 is not open" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr)


def run_and_force_delete(rt, tmp):
    bundle = make_bundle(tmp, ["sh", "-c", "test $(hostname) = lifecycle && exit 3"])
    ran = rt("--json", "--explain", "run", "--bundle", bundle, "once")
    check("run returns the container's exit code (3)", ran.returncode == 3, ran.stderr.strip())
    doc = valid_document("run --json --explain", ran.stdout)
    check("run --json reports exit_code 3 and the steps (pivot_root among them)",
          doc.get("exit_code") == 3 and any(s["call"].startswith("pivot_root") for s in doc.get("explain", [])))
    nothing_left(rt, "once", bundle, 0)
    bundle = make_bundle(tmp, ["sh", "-c", "echo from the init >&3 && test ! -e /proc/self/fd/4"])
    fd3 = os.path.join(tmp, "init-fd3.txt")
    ran = rt.with_fds(fd3, "run", "--preserve-fds", "1", "--bundle", bundle, "once")
    check("run --preserve-fds 1: the container's process writes to the caller's fd 3, fd 4 is not passed",
          ran.returncode == 0 and os.path.exists(fd3) and open(fd3).read() == "from the init\n",
          f"{ran.returncode}: {ran.stderr.strip()}")
    nothing_left(rt, "once", bundle, 0)
    bundle = make_bundle(tmp, ["sleep", "100"])
    rt("create", "--bundle", bundle, "forced")
    pid = rt.status("forced").get("pid", 0)
    refused = rt("start", "nope")
    check("start of an unknown container exits 3", refused.returncode == 3)
    rt("start", "forced")
    busy = rt("delete", "forced")
    check("delete of a running container without --force is refused (exit 6)", busy.returncode == 6)
    forced = rt("delete", "--force", "forced")
    check("delete --force of a running container exits 0", forced.returncode == 0, forced.stderr.strip())
    if pid:
        os.waitpid(pid, 0)
    nothing_left(rt, "forced", bundle, pid)


def user_namespace_bundle(tmp, host_id, args):
    """A busybox bundle with a user namespace mapping the container's 0..65535 to host_id.. (uids and gids); the
    rootfs belongs to the mapped root, which makes the mount points in it, as an engine's --userns does."""
    bundle = make_bundle(os.path.join(tmp, f"userns-{host_id}"), args,
                         uidMappings=[{"containerID": 0, "hostID": host_id, "size": 65536}],
                         gidMappings=[{"containerID": 0, "hostID": host_id, "size": 65536}])
    config_file = os.path.join(bundle, "config.json")
    config = json.load(open(config_file))
    config["linux"]["namespaces"].append({"type": "user"})
    json.dump(config, open(config_file, "w"))
    subprocess.run(["chown", "-R", "-h", f"{host_id}:{host_id}", os.path.join(bundle, "rootfs")], check=True)
    os.chmod(tmp, 0o711)  # the mapped root walks the bundle's path (TemporaryDirectory made it 0700) but lists nothing
    return bundle


def user_namespace(rt, tmp):
    """A user namespace: the init, root in it but a mapped host id outside, still reaches the exec fifo (made by the
    host's root) and runs the process, with `run` and with create/start; first with the host's root mapped, then
    with container 0 → host 100000."""
    for host_id in (0, 100000):
        bundle = user_namespace_bundle(tmp, host_id, ["sh", "-c", "id -u && cat /proc/self/uid_map && exit 5"])
        ran = rt("run", "--bundle", bundle, "userns")
        check(f"run with a user namespace (0 → host {host_id}): exit 5, uid 0 inside, the map as given",
              ran.returncode == 5 and ran.stdout.split() == ["0", "0", str(host_id), "65536"],
              f"{ran.returncode}: {ran.stdout.strip()!r} {ran.stderr.strip()}")
        nothing_left(rt, "userns", bundle, 0)
    hidden = os.path.join(tmp, "hidden")
    os.makedirs(hidden, mode=0o700)
    bundle = user_namespace_bundle(hidden, 100000, ["true"])
    os.chmod(hidden, 0o700)  # the host's root's alone again (user_namespace_bundle opened it)
    refused = rt("create", "--bundle", bundle, "userns")
    check("create refuses a root.path the mapped root cannot reach (exit 4, one line naming the directory)",
          refused.returncode == 4 and f"{hidden} (mode 0700" in refused.stderr and
          len(refused.stderr.strip().splitlines()) == 1, f"{refused.returncode}: {refused.stderr.strip()}")
    nothing_left(rt, "userns", bundle, 0)
    bundle = user_namespace_bundle(tmp, 100000, ["sh", "-c", "test $(id -u) = 0 && exit 6"])
    created = rt("create", "--bundle", bundle, "userns")
    check("create with a user namespace (0 → host 100000) exits 0", created.returncode == 0, created.stderr.strip())
    pid = rt.status("userns").get("pid", 0)
    started = rt("start", "userns")
    check("start with a user namespace exits 0", started.returncode == 0, started.stderr.strip())
    status = os.waitpid(pid, 0)[1] if pid else 0
    check("the user-namespaced container's process ran as its root (exit status 6)",
          pid and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 6, f"pid {pid}, status {status}")
    deleted = rt("delete", "userns")
    check("delete of the stopped user-namespaced container exits 0", deleted.returncode == 0, deleted.stderr.strip())
    nothing_left(rt, "userns", bundle, pid)


def run_interrupted(rt, tmp):
    """SIGTERM or Ctrl-C to `run` while the container runs: the container, its cgroup and state go, exit 128+N."""
    bundle = make_bundle(tmp, ["sleep", "100"])
    for sig in (signal.SIGTERM, signal.SIGINT):
        with tempfile.TemporaryFile("w+") as out:
            proc = subprocess.Popen([rt.binary, "--root", rt.root, "run", "--bundle", bundle, "stopped"], stdout=out,
                                    stderr=out)
            deadline = time.monotonic() + 10
            while rt.status("stopped")["status"] != "running" and time.monotonic() < deadline:
                time.sleep(0.05)
            pid = rt.status("stopped").get("pid", 0)
            proc.send_signal(sig)
            code = proc.wait(timeout=30)
            out.seek(0)
            check(f"run interrupted by {sig.name}: exit {128 + sig}", code == 128 + sig, f"{code}: {out.read()}")
        nothing_left(rt, "stopped", bundle, pid)


def symlinks_stay_inside_the_root(rt, tmp):
    """An image's symlinks cannot lead config.json's mounts out of the root (runc's CVE-2021-30465): /abs is a
    symlink to an absolute host directory, /dots one to ../../../../../../..; tmpfs mounts at /abs/inside and at
    /dots<host directory>/inside2 must land in the root's copy of that path, never in the host's."""
    host_dir = tempfile.mkdtemp(prefix=f"{TAG}-host-")
    try:
        where = os.path.join(tmp, "symlinks")
        os.makedirs(where)
        inside = f"{host_dir}/inside"
        bundle = make_bundle(where, ["sh", "-c", f"grep -q ' {inside} tmpfs' /proc/mounts && "
                                                 f"grep -q ' {inside}2 tmpfs' /proc/mounts"])
        rootfs = os.path.join(bundle, "rootfs")
        os.symlink(host_dir, os.path.join(rootfs, "abs"))
        os.symlink("../../../../../../..", os.path.join(rootfs, "dots"))
        path = os.path.join(bundle, "config.json")
        config = json.load(open(path))
        config["mounts"] += [{"destination": "/abs/inside", "type": "tmpfs", "source": "tmpfs"},
                             {"destination": f"/dots{inside}2", "type": "tmpfs", "source": "tmpfs"}]
        with open(path, "w") as f:
            json.dump(config, f)
        ran = rt("run", "--bundle", bundle, "links")
        check("mounts through the image's symlinks: the container sees both tmpfs at the in-root paths (exit 0)",
              ran.returncode == 0, f"{ran.returncode}: {ran.stderr.strip()}")
        check("nothing was made in the host directory the symlinks name", os.listdir(host_dir) == [],
              str(os.listdir(host_dir)))
        check("the mount points were made inside the root", os.path.isdir(rootfs + inside)
              and os.path.isdir(rootfs + inside + "2"))
        nothing_left(rt, "links", bundle, 0)
    finally:
        shutil.rmtree(host_dir, ignore_errors=True)


def with_proof_mount(bundle, proof, hooks):
    """config.json plus a read-write bind of the host directory `proof` at /proof and the given hooks."""
    path = os.path.join(bundle, "config.json")
    config = json.load(open(path))
    config["mounts"].append({"destination": "/proof", "type": "bind", "source": proof, "options": ["rbind", "rw"]})
    config["hooks"] = hooks
    with open(path, "w") as f:
        json.dump(config, f)


def container_hooks(rt, tmp):
    """createContainer runs in the container's namespaces after config.json's mounts and before pivot_root (the host's
    paths, the bundle's /proc already mounted); startContainer runs in the container (its root, hostname and
    capabilities) after `start` and before the process, which finds its file. Each writes where it ran."""
    where = os.path.join(tmp, "hooks")
    proof = os.path.join(where, "proof")
    os.makedirs(proof)
    bundle = make_bundle(where, ["sh", "-c", "test -s /proof/start && exit 5"])
    rootfs = os.path.join(bundle, "rootfs")
    create_hook = ("read -r state; { readlink /proc/self/ns/mnt; readlink /proc/self/ns/net; "
                   f"grep -c ' {rootfs}/proc ' /proc/self/mountinfo; test -d {rootfs}/bin && echo host-paths; "
                   f"echo \"$state\"; }} > {proof}/create")
    start_hook = ("read -r state; { hostname; grep CapEff /proc/self/status; test -e /usr || echo no-usr; "
                  "echo \"$state\"; } > /proof/start")
    # prestart runs in the runtime before the init's setup: the init must already be in its cgroups (it moves itself
    # in the v1 hierarchies, and create waits for that when such hooks exist).
    prestart_hook = (f"read -r state; pid=$(echo \"$state\" | sed 's/.*\"pid\":\\([0-9]*\\).*/\\1/'); "
                     f"cat /proc/$pid/cgroup > {proof}/prestart")
    with_proof_mount(bundle, proof, {"prestart": [{"path": "/bin/sh", "args": ["sh", "-c", prestart_hook]}],
                                     "createContainer": [{"path": "/bin/sh", "args": ["sh", "-c", create_hook]}],
                                     "startContainer": [{"path": "/bin/sh", "args": ["sh", "-c", start_hook]}]})
    created = rt("create", "--bundle", bundle, "hooks")
    check("create with createContainer and startContainer hooks exits 0", created.returncode == 0,
          created.stderr.strip())
    if created.returncode != 0:
        return
    pid = rt.status("hooks").get("pid", 0)
    seen = open(os.path.join(proof, "prestart")).read() if os.path.exists(f"{proof}/prestart") else ""
    check("prestart saw the init in its cgroup in every hierarchy", seen and not cgroups_not_joined(pid, seen),
          f"{cgroups_not_joined(pid, seen)} in {seen!r}")
    lines = open(os.path.join(proof, "create")).read().splitlines() if os.path.exists(f"{proof}/create") else []
    init_ns = [os.readlink(f"/proc/{pid}/ns/{ns}") for ns in ("mnt", "net")]
    check("createContainer ran in the container's mount and network namespaces (not the runtime's)",
          lines[:2] == init_ns and init_ns != [os.readlink(f"/proc/self/ns/{ns}") for ns in ("mnt", "net")],
          f"{lines[:2]} vs init {init_ns}")
    check("createContainer ran after config.json's mounts, before pivot_root (host paths, the bundle's /proc mounted)",
          lines[2:4] == ["1", "host-paths"], str(lines[2:4]))
    state = json.loads(lines[4]) if len(lines) > 4 else {}
    check("createContainer got the state on stdin (id, status creating)",
          state.get("id") == "hooks" and state.get("status") == "creating", str(state))
    check("startContainer has not run before `start`", not os.path.exists(os.path.join(proof, "start")))
    started = rt("start", "hooks")
    check("start exits 0", started.returncode == 0, started.stderr.strip())
    _, status = os.waitpid(pid, 0)
    check("the process ran after startContainer (it found /proof/start: exit 5)",
          os.WIFEXITED(status) and os.WEXITSTATUS(status) == 5, str(status))
    lines = open(os.path.join(proof, "start")).read().splitlines() if os.path.exists(f"{proof}/start") else []
    check("startContainer ran in the container: its hostname, its root (no /usr), its capabilities (0x421)",
          lines[:1] == ["lifecycle"] and len(lines) > 2 and lines[1].endswith("0000000000000421")
          and lines[2] == "no-usr", str(lines))
    state = json.loads(lines[3]) if len(lines) > 3 else {}
    check("startContainer got the state on stdin (status created)", state.get("status") == "created", str(state))
    deleted = rt("delete", "hooks")
    check("delete exits 0", deleted.returncode == 0, deleted.stderr.strip())
    nothing_left(rt, "hooks", bundle, pid)
    with_proof_mount(bundle, proof, {"startContainer": [
        {"path": "/bin/sh", "args": ["sh", "-c", "echo not today >&2; exit 4"]}]})
    ran = rt("run", "--bundle", bundle, "hooks")
    check("a failing startContainer hook: the process does not run (exit 127), one line names the hook and its message",
          ran.returncode == 127 and "startContainer hook /bin/sh (sh) failed (exit 4): not today" in ran.stderr,
          f"{ran.returncode}: {ran.stderr.strip()}")
    nothing_left(rt, "hooks", bundle, 0)


def host_cgroup_hierarchies():
    """The directory names of the host's cgroup hierarchies under /sys/fs/cgroup (v1 ones, and cgroup2 on a hybrid
    host); [] on a pure v2 host."""
    names = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            fs_type = fields[fields.index("-") + 1]
            if fs_type in ("cgroup", "cgroup2") and os.path.dirname(fields[4]) == "/sys/fs/cgroup":
                names.append(os.path.basename(fields[4]))
    return sorted(names) if any(n != "unified" for n in names) else []


def cgroup_mount_in_the_container(rt, tmp, cgroupns):
    """config.json's `cgroup` mount (read-only, as docker and podman write it): on a v1 or hybrid host the container
    sees runc's v1 layout — one directory per host hierarchy — whose roots are its own cgroup (its limits at the top),
    read-only; on a pure v2 host the cgroup2 hierarchy. With a cgroup namespace each hierarchy is mounted afresh;
    without one (docker's default on v1 hosts) the container's cgroup directories are bound from the host."""
    where = os.path.join(tmp, f"cgroupfs-{'ns' if cgroupns else 'bind'}")
    os.makedirs(where)
    namespaces = ("pid", "network", "ipc", "uts", "mount") + (("cgroup",) if cgroupns else ())
    script = ("ls /sys/fs/cgroup | tr '\\n' ' '; echo; cat /sys/fs/cgroup/memory/memory.limit_in_bytes "
              "/sys/fs/cgroup/pids/pids.max; wc -l < /sys/fs/cgroup/unified/cgroup.procs; "
              "mkdir /sys/fs/cgroup/memory/x 2>/dev/null && echo writable || echo read-only; "
              "touch /sys/fs/cgroup/y 2>/dev/null && echo writable || echo read-only")
    bundle = make_bundle(where, ["sh", "-c", script], namespaces=[{"type": t} for t in namespaces])
    path = os.path.join(bundle, "config.json")
    config = json.load(open(path))
    config["mounts"].append({"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
                             "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]})
    with open(path, "w") as f:
        json.dump(config, f)
    ran = rt("run", "--bundle", bundle, "cgroupfs")
    lines = ran.stdout.splitlines() + [""] * 6  # short output fails the checks below, not the script
    hierarchies = host_cgroup_hierarchies()
    how = "a cgroup namespace: fresh mounts" if cgroupns else "no cgroup namespace: binds from the host"
    if not hierarchies:
        print("     pure cgroup v2 host: the container's cgroup mount is cgroup2 (runc's v1 layout needs v1)")
        check("the cgroup mount runs (cgroup2)", ran.returncode == 0, ran.stderr.strip())
    else:
        check(f"/sys/fs/cgroup in the container has the host's hierarchies, one directory each ({how})",
              ran.returncode == 0 and sorted(lines[0].split()) == hierarchies,
              f"{ran.returncode}: {lines[:1]} vs {hierarchies}; {ran.stderr.strip()}")
        check(f"their roots are the container's cgroup: memory.limit_in_bytes 64 MiB, pids.max 32 (v1) ({how})",
              lines[1:3] == [str(64 << 20), "32"], str(lines[1:3]))
        check(f"the hybrid host's cgroup2 hierarchy (unified) is the container's cgroup too (1–2 processes in it) ({how})",
              "unified" not in hierarchies or lines[3].strip() in ("1", "2"), str(lines[3:4]))
        check(f"read-only as the mount asks: no cgroup made, nothing written in the tmpfs ({how})",
              lines[4:6] == ["read-only", "read-only"], str(lines[4:6]))
    nothing_left(rt, "cgroupfs", bundle, 0)


def bad_bundles(rt, tmp):
    bundle = make_bundle(tmp, ["true"])
    cases = [("missing config.json", None, 3), ("unknown field", {"linux": {"bogus": 1}}, 2),
             ("unsupported feature (linux.intelRdt)", {"linux": {"intelRdt": {"closID": "vl"}}}, 5),
             ("a createContainer hook that fails", {"hooks": {"createContainer": [
                 {"path": "/bin/sh", "args": ["sh", "-c", "echo refused by the hook >&2; exit 9"]}]}}, 1),
             ("missing executable", {"process": {"args": ["no-such-command"], "cwd": "/"}}, 3)]
    original = open(os.path.join(bundle, "config.json")).read()
    for what, change, code in cases:
        config = json.loads(original)
        for key, value in (change or {}).items():
            config[key] = {**config.get(key, {}), **value} if isinstance(value, dict) and key != "hooks" else value
        path = os.path.join(bundle, "config.json")
        if change is None:
            os.remove(path)
        else:
            with open(path, "w") as f:
                json.dump(config, f)
        open(rt.log, "w").close()
        r = rt("create", "--bundle", bundle, "bad")
        lines = open(rt.log).read().splitlines()
        entry = json.loads(lines[-1]) if lines else {}
        check(f"bad bundle ({what}): exit {code}", r.returncode == code, f"{r.returncode}: {r.stderr.strip()}")
        check(f"bad bundle ({what}): one error line in runc's JSON log format",
              len(lines) == 1 and entry.get("level") == "error" and entry.get("msg") and entry.get("time"), str(lines))
        nothing_left(rt, "bad", bundle, 0)
        with open(path, "w") as f:
            f.write(original)


def main():
    if os.geteuid() != 0:
        print("skip: virtlab-runc needs root (namespaces, cgroups, mounts)")
        return 77
    if not os.path.exists("/bin/busybox"):
        print("skip: /bin/busybox is missing (busybox-static is in packages.txt)")
        return 77
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    with tempfile.TemporaryDirectory(prefix=f"{TAG}-") as tmp:
        rt = Runtime(sys.argv[1], tmp)
        try:
            lifecycle(rt, tmp)
            run_and_force_delete(rt, tmp)
            bad_bundles(rt, tmp)
            user_namespace(rt, tmp)
            run_interrupted(rt, tmp)
            symlinks_stay_inside_the_root(rt, tmp)
            container_hooks(rt, tmp)
            cgroup_mount_in_the_container(rt, tmp, cgroupns=True)
            cgroup_mount_in_the_container(rt, tmp, cgroupns=False)
        finally:
            for cid in ("life", "once", "forced", "bad", "links", "hooks", "cgroupfs", "userns", "stopped"):
                rt("delete", "--force", cid)
            for d in cgroup_dirs():
                subprocess.run(["find", d, "-depth", "-type", "d", "-exec", "rmdir", "{}", ";"], capture_output=True)
            check("state root empty at the end", not os.listdir(rt.root) if os.path.isdir(rt.root) else True)
    print("PASS" if not failures else f"FAIL: {len(failures)} checks")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
