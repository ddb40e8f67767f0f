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
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "cmake", "startup-order"))
import startup_order  # noqa: E402  (text_segment, build_tracer, write_order, check)


def trace(tracer, binary, lo, hi, rootfs):
    """Instruction addresses of one `nsenter-lite run --rootfs ROOTFS -- /bin/true`, in first-use order."""
    out = subprocess.run([tracer, f"{lo:x}", f"{hi:x}", "--", binary, "run", "--rootfs", rootfs, "--", "/bin/true"],
                         check=True, capture_output=True, text=True)
    sys.stderr.write(out.stderr)
    return [int(line, 16) for line in out.stdout.split()]


def generate(binary, order_file, rootfs_list):
    """Trace each start and list the functions it ran, first-used first; later starts append what is new."""
    lo, hi = startup_order.text_segment(binary)
    with tempfile.TemporaryDirectory() as tmp:
        tracer = startup_order.build_tracer(tmp)
        addrs = [addr for rootfs in rootfs_list for addr in trace(tracer, binary, lo, hi, rootfs)]
    startup_order.write_order(binary, addrs, order_file)


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
        return startup_order.check(argv[1], argv[2], "nsenter-lite-startup-order")
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
