#!/bin/bash
# inside.sh — the container's first process: container.sh (step 2) starts it in the new namespaces. It still sees
# the host's root directory until you switch it. 컨테이너의 첫 프로세스입니다 (아직 호스트의 루트를 봅니다).
set -eu
. ./container.conf

# Safety rail (given; keep it): never touch the hostname or the mounts while still in the host's namespaces.
# 안전장치 (지우지 마세요): 호스트 네임스페이스에 있는 동안에는 hostname 과 mount 를 건드리지 않습니다.
require_new() {
  local ns
  ns=$(readlink "/proc/self/ns/$1")
  if [ "$ns" = "$2" ]; then
    echo "inside.sh: still in the host's $1 namespace ($ns): step 2 must create a new one first" >&2
    exit 1
  fi
}

require_new uts "$HOST_UTS_NS"
# TODO step 3 / 3단계: give the container its hostname, $CONTAINER_HOSTNAME.

require_new mnt "$HOST_MNT_NS"
# TODO step 4 / 4단계: make ./rootfs the container's root with pivot_root (man 8 pivot_root: the new root must be a
#   mount point), then mount a proc of the NEW pid namespace on /proc, and detach the old root so that no host file
#   is reachable. After pivot_root, run `hash -r` so bash forgets the host paths of commands.
#   pivot_root 로 ./rootfs 를 루트로 바꾸고, 새 pid 네임스페이스의 proc 을 /proc 에 마운트하고, 옛 루트를 떼어냅니다.

echo ready >&3                          # tell container.sh that the container is set up (keep this)
exec 3>&-
exec sleep 2147483647                   # the container's pid 1 keeps running until it is stopped
