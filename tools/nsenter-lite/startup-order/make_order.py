#!/usr/bin/env python3
"""The start-up text order of nsenter-lite: which functions `nsenter-lite run` executes, in first-use order.

Why: in a VM every first touch of a text page costs a page fault, and the kernel maps text around a fault in 64 KiB
windows. Start-up runs ~620 functions of glibc, libstdc++, CLI11, libseccomp and our own code; left where the linker
puts them they lie in ~37 windows of the 2.5 MiB text. lld's --symbol-ordering-file places them first, in the order
they run, so they share a few windows (see bench/results/nsenter-lite.md).

  make_order.py generate BINARY ORDER_FILE [--rootfs DIR]...  trace real starts (ptrace single-step), write ORDER_FILE
  make_order.py check BINARY ORDER_FILE                      fail if ORDER_FILE is stale or was not applied

`generate` needs root (it runs containers) and takes a minute or two; the CMake target nsenter-lite-startup-order
runs it and relinks.
"""
import bisect
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUR_CODE = re.compile(r"virtlab|nsenter_lite|cgtop")  # our namespaces, as they appear in mangled names


def text_segment(binary):
    """Bounds of the executable LOAD segment (readelf -l)."""
    out = subprocess.run(["readelf", "-lW", binary], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if fields[:1] == ["LOAD"] and "E" in fields[6:-1]:
            start, size = int(fields[2], 16), int(fields[5], 16)
            return start, start + size
    sys.exit(f"make_order: {binary} has no executable LOAD segment")


def symbols(binary):
    """(functions, defined): (address, size, name) of every defined text symbol sorted by address, aliases keeping
    the first name; and the set of every defined symbol name, aliases included."""
    out = subprocess.run(["nm", "-n", "-S", "--defined-only", binary], check=True, capture_output=True,
                         text=True).stdout
    syms, seen_addr, defined = [], set(), set()
    for line in out.splitlines():
        fields = line.split()
        if fields:
            defined.add(fields[-1])
        if len(fields) != 4 or fields[2] not in "tTWwi":
            continue
        addr, size, name = int(fields[0], 16), int(fields[1], 16), fields[3]
        if addr not in seen_addr:
            seen_addr.add(addr)
            syms.append((addr, size, name))
    return syms, defined


def trace(tracer, binary, lo, hi, rootfs):
    """Instruction addresses of one `nsenter-lite run --rootfs ROOTFS -- /bin/true`, in first-use order."""
    out = subprocess.run([tracer, f"{lo:x}", f"{hi:x}", "--", binary, "run", "--rootfs", rootfs, "--", "/bin/true"],
                         check=True, capture_output=True, text=True)
    sys.stderr.write(out.stderr)
    return [int(line, 16) for line in out.stdout.split()]


def generate(binary, order_file, rootfs_list):
    """Trace each start and list the functions it ran, first-used first; later starts append what is new."""
    lo, hi = text_segment(binary)
    with tempfile.TemporaryDirectory() as tmp:
        tracer = os.path.join(tmp, "trace_startup")
        subprocess.run(["cc", "-O2", "-o", tracer, os.path.join(HERE, "trace_startup.c")], check=True)
        addrs = [addr for rootfs in rootfs_list for addr in trace(tracer, binary, lo, hi, rootfs)]
    write_order(binary, addrs, order_file)


def write_order(binary, addrs, order_file):
    """The functions holding the traced instruction addresses, first-used first, written one name per line."""
    syms, _ = symbols(binary)
    starts = [s[0] for s in syms]
    order, chosen, total = [], set(), 0
    for addr in addrs:
        i = bisect.bisect_right(starts, addr) - 1
        if i < 0:
            continue
        start, size, name = syms[i]
        if size and addr >= start + size:
            continue  # padding or a symbol-less stub: nothing the linker can place
        if name not in chosen:
            chosen.add(name)
            order.append(name)
            total += size
    with open(order_file, "w") as f:
        f.write("\n".join(order) + "\n")
    print(f"make_order: {len(order)} functions, {total} bytes -> {order_file}")


def check(binary, order_file):
    """Stale = names our code no longer defines (renamed or removed: regenerate), or too many library names gone
    (a different toolchain); not applied = the listed functions are not at the front of the text."""
    listed = [n for n in open(order_file).read().split() if n]
    syms, defined = symbols(binary)
    by_name = {name: (addr, size) for addr, size, name in syms}
    missing = [n for n in listed if n not in defined]
    ours_missing = [n for n in missing if OUR_CODE.search(n)]
    fix = "regenerate it: cmake --build --preset default --target nsenter-lite-startup-order (as root)"
    if ours_missing:
        print(f"FAIL: {len(ours_missing)} of our functions in {order_file} no longer exist, e.g. {ours_missing[:3]}; "
              f"{fix}")
        return 1
    if len(missing) > 0.02 * len(listed):
        print(f"FAIL: {len(missing)} of {len(listed)} listed functions are not in the binary, e.g. {missing[:3]}; "
              f"{fix}")
        return 1
    lo, _ = text_segment(binary)
    placed = [by_name[n] for n in listed if n in by_name]
    span = sum(size for _, size in placed)
    front = lo + 2 * span + 65536
    in_front = sum(1 for addr, _ in placed if addr < front)
    print(f"{len(listed)} listed, {len(missing)} missing (none of ours), {in_front} of {len(placed)} within the "
          f"first {(front - lo) // 1024} KiB of text")
    if in_front < 0.95 * len(placed):
        print("FAIL: the ordering was not applied (linked without lld's --symbol-ordering-file?)")
        return 1
    return 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "generate":
        rootfs_list = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--rootfs"]
        if not rootfs_list:
            # `--rootfs busybox` (finds the cached tree) and that tree given as a directory take different paths
            # through the code; both are common, so trace both. The run's own report says where the tree is.
            report = subprocess.run([argv[1], "run", "--rootfs", "busybox", "--json", "--", "/bin/true"],
                                    check=True, capture_output=True, text=True).stdout
            rootfs_list = ["busybox", json.loads(report)["container"]["root"]]
        generate(os.path.abspath(argv[1]), argv[2], rootfs_list)
        return 0
    if len(argv) == 3 and argv[0] == "check":
        return check(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
