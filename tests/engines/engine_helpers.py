"""What the tests that drive the real engines share (tests/engines/real_engines.py,
tests/nsenter-lite/runc_engines_test.py): the check log, a command runner, the busybox image tarball and the
daemons a test starts itself (containerd, dockerd) where no service manager runs, stopped again at the end."""
import os
import shutil
import subprocess
import tarfile
import time

failures = []  # the names of the checks that failed
started = []  # daemons this test started, stopped by stop_daemons()


def check(what, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else f": {detail}"))
    if not ok:
        failures.append(what)


def sh(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=kw.pop("timeout", 120), **kw)


def busybox_tar(tmp):
    """A root filesystem tarball of the static busybox: /bin/busybox and a /bin link for each of its applets
    (`docker import` / `podman import` make an image of it: no registry)."""
    path = os.path.join(tmp, "rootfs.tar")
    applets = sh(["/bin/busybox", "--list"]).stdout.split()
    with tarfile.open(path, "w") as tar:
        tar.add("/bin/busybox", arcname="bin/busybox")
        for applet in applets:
            if applet != "busybox":
                info = tarfile.TarInfo(f"bin/{applet}")
                info.type, info.linkname = tarfile.SYMTYPE, "busybox"
                tar.addfile(info)
    return path


def docker_answers():
    return bool(shutil.which("docker")) and sh(["docker", "version", "--format", "{{.Server.Version}}"]).returncode == 0


def start_daemon(args, ready, env=None):
    """Starts a daemon in its own session (so a Ctrl-C of the test reaches it only through stop_daemons) and waits
    up to 30 s for ready(); it is stopped by stop_daemons() even when it never became ready."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env)
    started.append(proc)
    for _ in range(150):
        if ready():
            return True
        time.sleep(0.2)
    return False


def start_containerd(env=None):
    return start_daemon(["containerd"], lambda: os.path.exists("/run/containerd/containerd.sock"), env)


def stop_daemons():
    while started:
        proc = started.pop()
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
