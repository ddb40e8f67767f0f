#!/bin/bash
# container.sh — a container by hand, without a container runtime: util-linux's unshare, mount, pivot_root and
# setpriv, and busybox-static for the root file system. Run it as root (`sudo ./container.sh`); it stays in the
# foreground while the container runs, Ctrl-C stops it. `make grade` runs it and inspects the running container.
# 컨테이너 런타임 없이 컨테이너를 직접 만듭니다. root 로 실행하고, Ctrl-C 로 멈춥니다.
set -eu
cd "$(dirname "$(readlink -f "$0")")"
. ./container.conf        # CONTAINER_HOSTNAME, DROP_CAP, MARKER (written by `make handout`; do not edit)

# Step 1 (given / 주어짐): the root file system: busybox-static and one RELATIVE symlink per applet.
# It is built in rootfs.new and renamed when complete, so an interrupted build is never taken for a rootfs.
if [ ! -x rootfs/bin/busybox ]; then
  rm -rf rootfs.new
  mkdir -p rootfs.new/bin rootfs.new/etc rootfs.new/proc rootfs.new/tmp
  cp /bin/busybox rootfs.new/bin/busybox
  for applet in $(rootfs.new/bin/busybox --list); do
    [ -e "rootfs.new/bin/$applet" ] || ln -s busybox "rootfs.new/bin/$applet"
  done
  mv -T rootfs.new rootfs
fi
echo "$MARKER" > rootfs/etc/virtlab-marker

# The host's namespaces, for inside.sh's safety rail (given; keep it).
HOST_UTS_NS=$(readlink /proc/self/ns/uts)
HOST_MNT_NS=$(readlink /proc/self/ns/mnt)
export HOST_UTS_NS HOST_MNT_NS

upid=
# On exit (also Ctrl-C): stop the container's pid 1 (unshare's child) and unshare.
stop() {
  [ -n "$upid" ] || return 0
  local children
  children=$(cat "/proc/$upid/task/$upid/children" 2>/dev/null || true)
  # shellcheck disable=SC2086  # the list of pids is split on purpose
  kill -KILL $children "$upid" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

# TODO step 2 / 2단계: start inside.sh in NEW pid, mount, uts, ipc and net namespaces, with $DROP_CAP removed from
#   the capability bounding set.
#   - add the options to `unshare` (man 1 unshare); the CHILD of unshare must become pid 1 of the new pid namespace;
#     mounts made inside must not reach the host;
#   - put a `setpriv` (man 1 setpriv) between unshare and /bin/bash that drops $DROP_CAP.
#   새 pid, mount, uts, ipc, net 네임스페이스에서 inside.sh 를 실행하고 $DROP_CAP 을 bounding set 에서 뺍니다.
# fd 3 of inside.sh is a pipe back to this script: it writes "ready" there once the container is set up.
exec {ready}< <(exec unshare \
                  /bin/bash ./inside.sh 3>&1 1>&2)
upid=$!
if ! read -r -t 30 state <&"$ready" || [ "$state" != ready ]; then
  echo "container.sh: the container did not come up (see the errors above)" >&2
  exit 1
fi
# Step 3 (given / 주어짐): the host pid of the container's pid 1 is unshare's only child; the grader reads it.
cpid=$(cat "/proc/$upid/task/$upid/children")
cpid=${cpid%% *}
echo "$cpid" > container.pid
echo "container running: host pid $cpid is pid 1 inside; Ctrl-C stops it"
wait "$upid"
