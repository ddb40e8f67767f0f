#!/bin/bash
# container.sh — reference solution: a container built by hand with util-linux (unshare, mount, pivot_root,
# setpriv) and busybox-static. Run as root; Ctrl-C stops the container.
set -eu
cd "$(dirname "$(readlink -f "$0")")"
. ./container.conf        # CONTAINER_HOSTNAME, DROP_CAP, MARKER (written by `make handout`)

# Step 1 (given): the root file system: busybox-static and one RELATIVE symlink per applet.
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

# The host's namespaces, for inside.sh's safety rail.
HOST_UTS_NS=$(readlink /proc/self/ns/uts)
HOST_MNT_NS=$(readlink /proc/self/ns/mnt)
export HOST_UTS_NS HOST_MNT_NS

# Step 2: new pid, mount, uts, ipc and net namespaces. --fork: the child (not unshare itself) is pid 1 of the new
# pid namespace; --propagation private: mounts made inside never reach the host. setpriv removes $DROP_CAP from the
# bounding set before inside.sh runs, so nothing in the container can ever regain it.
# fd 3 of inside.sh is a pipe back to this script: it writes "ready" there once the container is set up.
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
exec {ready}< <(exec unshare --pid --fork --kill-child --mount --uts --ipc --net --propagation private \
                  setpriv --bounding-set "-$DROP_CAP" -- /bin/bash ./inside.sh 3>&1 1>&2)
upid=$!
if ! read -r -t 30 state <&"$ready" || [ "$state" != ready ]; then
  echo "container.sh: the container did not come up (see the errors above)" >&2
  exit 1
fi
# Step 3 (given): the host pid of the container's pid 1 is unshare's only child.
cpid=$(cat "/proc/$upid/task/$upid/children")
cpid=${cpid%% *}
echo "$cpid" > container.pid
echo "container running: host pid $cpid is pid 1 inside; Ctrl-C stops it"
wait "$upid"
