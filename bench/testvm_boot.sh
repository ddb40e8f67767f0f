#!/bin/sh
# Warm-run speed of the test VM against its anchor: the bare hand-rolled boot the issue measured (same cloud
# kernel, same base initramfs, QEMU with the same flags, an /init that only powers off), run alternately.
#
# usage: bench/testvm_boot.sh [RUNS] [path/to/testvm]        (default 5 runs, build/default/bin/testvm)
# Prints per-run wall times, the medians and the ratio testvm / bare boot. Needs: qemu-system-x86, cpio.
set -eu
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
testvm=${2:-$root/build/default/bin/testvm}
[ -x "$testvm" ] || { echo "testvm_boot: $testvm not built; hint: cmake --build build/default --target testvm" >&2; exit 2; }
command -v cpio >/dev/null || { echo "testvm_boot: needs cpio; hint: apt-get install cpio" >&2; exit 5; }
command -v qemu-system-x86_64 >/dev/null || { echo "testvm_boot: needs QEMU; hint: apt-get install qemu-system-x86" >&2; exit 5; }

# cold cache → build once, outside the timing; prints "built|cached <dir>/base.cpio (kernel …)"
base=$(dirname "$("$testvm" build | awk '{print $2}')")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/root"
printf '#!/bin/busybox sh\n/bin/busybox mount -t proc proc /proc\n/bin/busybox echo bare-ready\n/bin/busybox poweroff -f\n' >"$work/root/init"
chmod 755 "$work/root/init"
(cd "$work/root" && echo init | cpio -o -H newc --quiet) >"$work/init.cpio"
cat "$base/base.cpio" "$work/init.cpio" >"$work/initrd"

bare() {
    qemu-system-x86_64 -accel tcg -cpu qemu64,+svm -m 512 -smp 1 -nographic -nodefaults -no-user-config -no-reboot \
        -kernel "$base/vmlinuz" -initrd "$work/initrd" -serial "file:$work/console" \
        -append 'console=ttyS0 quiet panic=-1 rdinit=/init cgroup_no_v1=all' </dev/null
    grep -q bare-ready "$work/console" || { echo "bare boot did not reach /init; its console ended with:" >&2; tail -n 5 "$work/console" >&2; return 1; }
}
wall() { # prints the wall seconds of "$@"; a failed run is an error, not a figure
    s=$(date +%s.%N)
    if ! "$@" >/dev/null 2>"$work/stderr"; then
        echo "testvm_boot: '$*' failed: $(tail -n 3 "$work/stderr")" >&2
        exit 1
    fi
    e=$(date +%s.%N); echo "$e - $s" | bc
}
echo "run  bare_boot_s  testvm_true_s"
i=1; : >"$work/a"; : >"$work/b"
while [ "$i" -le "$runs" ]; do
    a=$(wall bare); b=$(wall "$testvm" run -- true)
    echo "$a" >>"$work/a"; echo "$b" >>"$work/b"
    printf '%3d  %11.2f  %13.2f\n' "$i" "$a" "$b"
    i=$((i + 1))
done
median() { sort -n "$1" | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
ma=$(median "$work/a"); mb=$(median "$work/b")
echo "median bare boot ${ma} s, testvm run -- true ${mb} s, ratio testvm/bare $(echo "scale=2; $mb / $ma" | bc)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
