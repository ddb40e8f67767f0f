#!/bin/sh
# The guest half of runc_pure_v2_test.py: virtlab-runc and cgtop on the test VM's pure cgroup v2 (busybox sh).
# It records what the runtime did and what the kernel's files say; the host half judges it and validates cgtop's JSON.
# usage: runc_pure_v2_guest.sh VIRTLAB_RUNC CGTOP BUNDLES LIFE_CGROUP RUN_CGROUP [PODMAN IMAGE_TAR]
#   BUNDLES holds life/config.json (podman's form: --systemd-cgroup machine.slice:libpod:ID, a cgroup namespace)
#   and once/config.json (docker's form: /docker/ID, no cgroup namespace); the two cgroup paths are where they go.
#   PODMAN (with conmon and its config files copied in): real podman runs IMAGE_TAR's busybox with virtlab-runc.
# Output: "@fact NAME VALUE" (newlines in VALUE as \037), "@cgtop-json DOC", "@cgtop-table LINE",
# "@podman-cgtop-json DOC".
set -u
# It moves a bind of / over / and makes cgroups: only ever in the test VM (the host half passes this variable).
if [ "${VL_V2_IN_TESTVM:-}" != 1 ]; then
  echo "runc_pure_v2_guest.sh runs inside the test VM only: use runc_pure_v2_test.py" >&2
  exit 2
fi
runtime=$1 cgtop=$2 bundles=$3 life_cgroup=$4 run_cgroup=$5 podman=${6:-} podman_tar=${7:-}
cgroupfs=/sys/fs/cgroup
proof=/tmp/vl-v2-proof

runc() { "$runtime" --root /run/vl-v2-state --log /tmp/vl-v2-runtime.log --log-format json "$@"; }
fact() { printf '@fact %s %s\n' "$1" "$(printf '%s' "$2" | tr '\n' '\037')"; }
# fact_of NAME CMD...: CMD's exit status as NAME.exit, its stdout as NAME.out, its stderr as NAME.err
fact_of() {
  name=$1
  shift
  "$@" >/tmp/vl-v2.out 2>/tmp/vl-v2.err
  fact "$name.exit" "$?"
  fact "$name.out" "$(cat /tmp/vl-v2.out)"
  fact "$name.err" "$(cat /tmp/vl-v2.err)"
}
limits_of() {  # the kernel's files of a cgroup
  for file in memory.max pids.max cpu.max cgroup.procs cgroup.controllers; do
    fact "$1.$file" "$(cat "$cgroupfs$2/$file" 2>&1)"
  done
}
make_rootfs() {  # busybox with a symlink per applet (testvm's --file would copy each link as a whole file)
  mkdir -p "$1/rootfs/bin" && cp /bin/busybox "$1/rootfs/bin/" && /bin/busybox --install -s "$1/rootfs/bin"
}
wait_for() {  # wait_for TEST...: up to 30 s (TCG on a loaded host is slow; a fast run does not wait)
  tries=300
  until "$@"; do
    tries=$((tries - 1))
    [ $tries -gt 0 ] || return 1
    sleep 0.1
  done
}
stopped() { runc state life | grep -q '"status": *"stopped"'; }

create_and_start() {
  fact_of life.create runc --systemd-cgroup create --bundle "$bundles/life" --pid-file /tmp/vl-v2-life.pid life
  pid=$(cat /tmp/vl-v2-life.pid 2>/dev/null || echo 0)
  fact life.pid_file "$pid"
  fact_of life.state_created runc state life
  fact life.proc_cgroup "$(cat /proc/"$pid"/cgroup 2>&1)"
  limits_of life "$life_cgroup"
  fact life.parent_subtree_control "$(cat "$cgroupfs${life_cgroup%/*}/cgroup.subtree_control" 2>&1)"
  fact_of life.start runc start life
  sleep 0.2
  fact_of life.state_running runc state life
}

exec_inside() {
  fact_of life.exec_cgroup runc exec life -- sh -c 'cat /proc/self/cgroup
    test -e /vl-v2 && echo guest-root || echo own-root'
  fact_of life.exec_mount runc exec life -- sh -c 'cd /sys/fs/cgroup && cat memory.max pids.max cpu.max
    grep " /sys/fs/cgroup " /proc/self/mountinfo | cut -d" " -f6-
    mkdir x 2>/dev/null && echo writable || echo read-only'
  fact_of life.exec_status runc exec life -- sh -c 'exit 4'
  runc exec --detach --pid-file /tmp/vl-v2-exec.pid life -- sleep 30
  fact life.exec_detached_pid "$(cat /tmp/vl-v2-exec.pid 2>/dev/null)"
  fact life.cgroup.procs_with_exec "$(cat "$cgroupfs$life_cgroup/cgroup.procs")"
  kill -9 "$(cat /tmp/vl-v2-exec.pid 2>/dev/null)" 2>/dev/null
}

# The docker-form container runs (virtlab-runc run) while cgtop samples both containers' rows.
run_beside_cgtop() {
  runc run --bundle "$bundles/once" once >/tmp/vl-v2-once.out 2>/tmp/vl-v2-once.err &
  once=$!
  wait_for grep -q . /tmp/vl-v2-once.out  # it has printed its /proc/self/cgroup: it is in its cgroup
  limits_of once "$run_cgroup"
  "$cgtop" -b -n 2 -d 0.5 --json | sed 's/^/@cgtop-json /'
  "$cgtop" -b -n 1 --depth 3 --color never | sed 's/^/@cgtop-table /'
  fact_of once.kill runc kill once TERM  # its TERM trap exits 3
  wait $once
  fact once.run.exit "$?"
  fact once.run.out "$(cat /tmp/vl-v2-once.out)"
  fact once.run.err "$(cat /tmp/vl-v2-once.err)"
  fact once.cgroup_after "$(ls -d "$cgroupfs$run_cgroup" "$cgroupfs${run_cgroup%/*}" 2>/dev/null)"
}

stop_and_delete() {
  fact_of life.kill runc kill life TERM
  wait_for stopped
  fact_of life.state_stopped runc state life
  fact life.proof "$(cat $proof/term 2>&1)"
  fact_of life.delete runc delete life
  fact life.pid_after "$(ls -d /proc/"$pid" 2>/dev/null)"
  fact life.cgroup_after "$(ls -d "$cgroupfs$life_cgroup" "$cgroupfs${life_cgroup%/*}" 2>/dev/null)"
  fact life.state_dir_after "$(ls /run/vl-v2-state 2>/dev/null)"
}

# podman as the engines' tests run it (no registry: an imported image; no network), with the vfs storage driver (no
# overlayfs module in the VM) and cgroupfs (no systemd); stopped by `podman stop` (the TERM trap exits 3).
podman_run_stop_rm() {
  echo "root:x:0:0:root:/root:/bin/sh" >/etc/passwd && echo "root:x:0:" >/etc/group && mkdir -p /var/tmp
  fact_of podman.import pm import "$podman_tar" localhost/vl-v2:busybox
  fact_of podman.run pm run -d --name vl-v2 --network none --memory 64m --cpus 0.5 --pids-limit 50 \
    --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 localhost/vl-v2:busybox \
    sh -c "trap 'exit 3' TERM; sleep 100 & wait"
  pid=$(pm inspect -f '{{.State.Pid}}' vl-v2 2>/dev/null || echo 0)
  cgroup=$(sed -n 's/^0:://p' /proc/"$pid"/cgroup 2>/dev/null)
  fact podman.cgroup "$cgroup"
  limits_of podman "$cgroup"
  "$cgtop" -b -n 1 --json | sed 's/^/@podman-cgtop-json /'
  fact_of podman.exec pm exec vl-v2 sh -c 'cat /proc/self/cgroup; cd /sys/fs/cgroup && cat memory.max pids.max cpu.max'
  fact_of podman.stop pm stop -t 20 vl-v2
  fact_of podman.exit_code pm inspect -f '{{.State.ExitCode}}' vl-v2
  fact_of podman.rm pm rm vl-v2
  fact podman.cgroup_after "$(ls -d "$cgroupfs$cgroup" 2>/dev/null)"
}
pm() { "$podman" --storage-driver vfs --cgroup-manager cgroupfs --events-backend file --runtime "$runtime" "$@"; }

# pivot_root refuses a caller whose root is the initramfs (rootfs has no parent mount; runc needs --no-pivot there):
# virtlab-runc must say so in one line and leave nothing. Then a bind of / moved over / (switch_root's way) is the
# root a system booted from a disk has. A plain chroot into the bind would not do: setns into the container's mount
# namespace would land `exec` in the initramfs, not in the container's root.
if [ -z "${VL_V2_SWITCHED:-}" ]; then
  make_rootfs "$bundles/life" && make_rootfs "$bundles/once" || exit 1
  fact_of initramfs.run runc run --bundle "$bundles/once" initramfs
  fact initramfs.left "$(find $cgroupfs -mindepth 1 -type d; ls /run/vl-v2-state 2>/dev/null)"
  mkdir -p /mnt/root && mount --rbind / /mnt/root && cd /mnt/root && mount --move . / || exit 1
  VL_V2_SWITCHED=1 exec chroot . /bin/sh "$0" "$@"
fi

mkdir -p $proof
fact cgroups_before "$(find $cgroupfs -mindepth 1 -type d)"
fact layout "$(grep " $cgroupfs " /proc/mounts | cut -d" " -f3) $(cat $cgroupfs/cgroup.subtree_control)"
create_and_start
exec_inside
run_beside_cgtop
stop_and_delete
runc delete --force life >/dev/null 2>&1
fact cgroups_left "$(find $cgroupfs -mindepth 1 -type d)"
fact mounts_left "$(grep -c "$bundles" /proc/self/mountinfo)"
[ -z "$podman" ] || podman_run_stop_rm
