#!/bin/sh
# The test-VM half of bench/virtlab_runc.py --vm-runs: `virtlab-runc run` and `runc run` on the same bundle on the
# VM's pure cgroup v2, ROUNDS rounds, the order flipped every round, each run timed by virtlab_runc_timer.
# Output: "@@@ NAME WALL_NS CPU_NS EXIT" per run, "@@@ info KEY VALUE" facts.
# usage: virtlab_runc_guest.sh VIRTLAB_RUNC RUNC TIMER CONFIG_DIR ROUNDS
set -u
if [ "${VL_BENCH_IN_TESTVM:-}" != 1 ]; then
  echo "virtlab_runc_guest.sh runs inside the test VM only: use bench/virtlab_runc.py --vm-runs N" >&2
  exit 2
fi
virtlab_runc=$1 runc=$2 timer=$3 config_dir=$4 rounds=$5
# pivot_root refuses a root that is the initramfs: work from a bind of / moved over /, as a system booted from a disk.
if [ "${VL_BENCH_SWITCHED:-}" != 1 ]; then
  mkdir -p /mnt/root && mount --rbind / /mnt/root && cd /mnt/root && mount --move . / || exit 1
  VL_BENCH_SWITCHED=1 exec chroot . /bin/sh "$0" "$@"
fi
bundle=/tmp/vl-bench-bundle
mkdir -p "$bundle/rootfs/bin" && cp /bin/busybox "$bundle/rootfs/bin/" && ln -s busybox "$bundle/rootfs/bin/true"
cp "$config_dir/config.json" "$bundle/config.json"
echo "@@@ info kernel $(uname -r)"
echo "@@@ info cpus $(grep -c ^processor /proc/cpuinfo)"
echo "@@@ info cgroup $([ -f /sys/fs/cgroup/cgroup.controllers ] && echo cgroup2 || echo not-cgroup2)"
echo "@@@ info runc $("$runc" --version | head -n 1)"
run_one() {  # run_one NAME [LABEL]: one timed `run` of that runtime (its own state root, a fresh id)
  label=${2:-$1}
  if [ "$1" = virtlab-runc ]; then
    set -- "$virtlab_runc" --root /run/vl-bench-vl
  else
    set -- "$runc" --root /run/vl-bench-runc
  fi
  echo "@@@ $label $("$timer" "$@" run --bundle "$bundle" "vlbench$i")"
}
i=0
run_one virtlab-runc warm-up # page cache, binaries: not counted
run_one runc warm-up
while [ "$i" -lt "$rounds" ]; do
  i=$((i + 1))
  if [ $((i % 2)) -eq 0 ]; then
    run_one virtlab-runc
    run_one runc
  else
    run_one runc
    run_one virtlab-runc
  fi
done
echo "@@@ info left $(find /run/vl-bench-vl /run/vl-bench-runc -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)"
