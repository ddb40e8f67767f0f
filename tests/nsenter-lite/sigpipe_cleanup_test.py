#!/usr/bin/env python3
"""A reader that goes away (`tool --explain run … 2>&1 | head -1`) must not leave the run's objects behind: SIGPIPE is
caught by InterruptGuard, the command unwinds and removes what it made, then exits 141 (128+SIGPIPE; or dies of the
SIGPIPE its last error line raises, after the cleanup). For virtlab-runc run, nsenter-lite run and cgtop run, the
output pipe is closed once a given step has been printed (the container runs `sleep 3`: if the tool had written all
it had to say before the close, its next write comes with the cleanup at the container's exit — SIGPIPE then too);
then no cgroup named after the run's owner tag (<pid>-<start>), no state directory and no process may be left.

Usage: sigpipe_cleanup_test.py VIRTLAB_RUNC NSENTER_LITE CGTOP   (root; exit 77 with the reason when it cannot run)
"""
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(what, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {what}" + (f": {detail}" if detail and not ok else ""))
    if not ok:
        failures.append(what)


def lifecycle_module():
    spec = importlib.util.spec_from_file_location("runc_lifecycle_test", os.path.join(HERE, "runc_lifecycle_test.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cgroups_named(fragment):
    """Directories under /sys/fs/cgroup (every hierarchy, four levels deep) whose name contains fragment."""
    found = []
    for top in os.listdir("/sys/fs/cgroup"):
        for root, dirs, _ in os.walk(os.path.join("/sys/fs/cgroup", top)):
            if root.count("/") > 8:
                dirs.clear()
            found += [os.path.join(root, d) for d in dirs if fragment in d]
    return found


def remove_cgroups(paths):
    """What a failing run left: its processes (an init waiting for `start`) are killed, then the directories go."""
    for path in paths:
        for root, _, files in os.walk(path):
            if "cgroup.procs" in files:
                for pid in open(os.path.join(root, "cgroup.procs")).read().split():
                    try:
                        os.kill(int(pid), signal.SIGKILL)
                    except ProcessLookupError:
                        pass
    time.sleep(0.2 if paths else 0)
    for path in paths:
        subprocess.run(["find", path, "-depth", "-type", "d", "-exec", "rmdir", "{}", ";"], capture_output=True)


def run_until_then_close(what, argv, step):
    """Starts argv with stdout and stderr on one pipe, reads until a line contains step, closes the pipe and waits.
    Returns (pid, status) or (pid, None) when the step never came."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen = False
    for line in proc.stdout:
        if step in line:
            seen = True
            break
    proc.stdout.close()
    try:
        status = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        status = proc.wait()
        check(f"{what}: ends within 30 s once its reader is gone", False)
    check(f"{what}: printed '{step}' before the pipe closed", seen)
    return proc.pid, status


def ended_by_sigpipe(what, status):
    check(f"{what}: exit 141 or killed by SIGPIPE after its cleanup", status in (141, -signal.SIGPIPE), str(status))


def virtlab_runc_run(runc, tmp):
    lt = lifecycle_module()
    bundle = lt.make_bundle(tmp, ["sleep", "3"])
    root = os.path.join(tmp, "state")
    # Steps printed once the cgroup, the state directory and then the container's process exist.
    for step in ("mkfifo", "# 4. inside the init", "close_range"):
        what = f"virtlab-runc --explain run, pipe closed after '{step}'"
        _, status = run_until_then_close(what, [runc, "--root", root, "--explain", "run", "--bundle", bundle,
                                                "piped"], step)
        ended_by_sigpipe(what, status)
        left = os.path.isdir(os.path.join(root, "piped"))
        check(f"{what}: state directory removed", not left)
        check(f"{what}: cgroup removed", not lt.cgroup_dirs(), str(lt.cgroup_dirs()))
        if left:
            subprocess.run([runc, "--root", root, "delete", "--force", "piped"], capture_output=True)
        remove_cgroups(lt.cgroup_dirs())


def tool_run(name, argv, step):
    what = f"{name}, pipe closed after '{step}'"
    pid, status = run_until_then_close(what, argv, step)
    ended_by_sigpipe(what, status)
    left = cgroups_named(f"-{pid}-")
    check(f"{what}: no cgroup named after the run (owner tag {pid}-…)", not left, str(left))
    remove_cgroups(left)


def main():
    if os.geteuid() != 0:
        print("skip: the runs need root (namespaces, cgroups, mounts)")
        return 77
    if not os.path.exists("/bin/busybox"):
        print("skip: /bin/busybox is missing (busybox-static is in packages.txt)")
        return 77
    runc, nsenter_lite, cgtop = sys.argv[1:4]
    # Our own SIGPIPE stays at the default: only the tools' handling is under test.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    with tempfile.TemporaryDirectory(prefix=f"vl-sigpipe-test-{os.getpid()}-") as tmp:
        virtlab_runc_run(runc, tmp)
    for step in ("# 3. clone", "# 6. inside the child"):
        tool_run("nsenter-lite --explain run --memory 32M", [nsenter_lite, "--explain", "run", "--rootfs", "busybox",
                                                            "--memory", "32M", "--", "sleep", "3"], step)
    tool_run("cgtop --explain run --memory 32M", [cgtop, "--explain", "run", "--memory", "32M", "--", "sleep", "3"],
             "cgroup.procs")
    print("PASS" if not failures else f"FAIL: {len(failures)} checks")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
