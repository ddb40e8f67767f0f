"""Typical student mistakes of the container lab, for labs/lib/selftest.py (instructors only: solution/ is not in the
student bundle). Each edits the reference container.sh / inside.sh in a solved work directory; `breaks` names the
checks that must stop being GOOD (plus the checks that need them)."""
import os

from gradelib import replace_in_file


def edit(work, name, old, new):
    replace_in_file(os.path.join(work, name), old, new)


def register(lab):
    @lab.mistake("pid-namespace-without-fork", breaks=["container-starts"])
    def pid_without_fork(seed, work):
        # unshare --pid without --fork: unshare's own process is not in the new pid namespace; its first child
        # becomes pid 1 there, exits at once, and every later fork in the namespace fails (ENOMEM).
        edit(work, "container.sh", "--pid --fork --kill-child", "--pid")

    @lab.mistake("net-namespace-forgotten", breaks=["ns-net"])
    def net_forgotten(seed, work):
        edit(work, "container.sh", "--ipc --net", "--ipc")

    @lab.mistake("hostname-before-unshare", breaks=["host-untouched"])
    def hostname_before_unshare(seed, work):
        # The classic: `hostname NAME` in container.sh before unshare --uts renames the HOST. So that the self-test
        # never renames this machine, container.sh first re-runs itself in a uts namespace of its own (standing in
        # for the host); the grader compares against container.sh's uts namespace, so it sees the same thing.
        edit(work, "container.sh", "set -eu\n",
             'set -eu\n[ -n "${VL_SELFTEST_SANDBOX:-}" ] || VL_SELFTEST_SANDBOX=1 exec unshare --uts /bin/bash "$0" '
             '"$@"\n')
        edit(work, "container.sh", "upid=\n", 'hostname "$CONTAINER_HOSTNAME"\nupid=\n')
        edit(work, "inside.sh", 'hostname "$CONTAINER_HOSTNAME"', ": no hostname here")

    @lab.mistake("proc-not-mounted", breaks=["proc-mounted"])
    def proc_not_mounted(seed, work):
        edit(work, "inside.sh", "mount -t proc proc /proc", ": no proc")

    @lab.mistake("host-proc-bound", breaks=["proc-mounted"])
    def host_proc_bound(seed, work):
        # The host's /proc bind-mounted into the rootfs: it shows the host's pid namespace, not the container's.
        edit(work, "inside.sh", "mount --bind rootfs rootfs",
             "mount --bind rootfs rootfs\nmount --rbind /proc rootfs/proc")
        edit(work, "inside.sh", "mount -t proc proc /proc", ": no new proc")

    @lab.mistake("old-root-kept", breaks=["root-switched"])
    def old_root_kept(seed, work):
        edit(work, "inside.sh", "umount -l /.oldroot", ": old root stays")
        edit(work, "inside.sh", "rmdir /.oldroot", ":")

    @lab.mistake("chroot-instead-of-pivot-root", breaks=["root-switched"])
    def chroot_instead_of_pivot_root(seed, work):
        # chroot changes the root of one process only: the host's mounts stay in the mount namespace, merely
        # hidden. Everything from `cd rootfs` on is replaced (more than one string: not a replace_in_file).
        path = os.path.join(work, "inside.sh")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        start = text.index("cd rootfs\n")
        text = text[:start] + ("cd rootfs\nexec chroot . /bin/sh -c 'mount -t proc proc /proc; echo ready >&3; "
                               "exec 3>&-; exec /bin/sleep 2147483647'\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    @lab.mistake("capability-not-dropped", breaks=["cap-dropped"])
    def capability_not_dropped(seed, work):
        edit(work, "container.sh", 'setpriv --bounding-set "-$DROP_CAP" -- ', "")
