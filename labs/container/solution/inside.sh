#!/bin/bash
# inside.sh — reference solution: runs as pid 1 of the new namespaces, still on the host's root directory.
set -eu
. ./container.conf

# Safety rail (given; keep it): never touch the hostname or the mounts while still in the host's namespaces.
require_new() {
  local ns
  ns=$(readlink "/proc/self/ns/$1")
  if [ "$ns" = "$2" ]; then
    echo "inside.sh: still in the host's $1 namespace ($ns): step 2 must create a new one first" >&2
    exit 1
  fi
}

require_new uts "$HOST_UTS_NS"
hostname "$CONTAINER_HOSTNAME"          # the new uts namespace: the host's name does not change

require_new mnt "$HOST_MNT_NS"
mount --bind rootfs rootfs              # pivot_root needs the new root to be a mount point
cd rootfs
mkdir -p .oldroot
pivot_root . .oldroot                   # the rootfs becomes / of this mount namespace; the host's / is at /.oldroot
cd /
hash -r                                 # forget the host paths bash remembered (/usr/bin/mount, ...)
mount -t proc proc /proc                # a proc of the NEW pid namespace: its pid 1 is this process
umount -l /.oldroot                     # detach the host's file system: it is gone from the container
rmdir /.oldroot

echo ready >&3                          # tell container.sh that the container is set up
exec 3>&-
exec /bin/sleep 2147483647              # busybox's sleep, from the rootfs, stays pid 1
