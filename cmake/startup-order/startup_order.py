"""Start-up text order, shared by the tools that link with one (nsenter-lite, pagewalk; cmake/VirtlabTool.cmake).

Why: in a VM every first touch of a text page costs a page fault, and the kernel maps text around a fault in 64 KiB
windows. Tracing a tool's start (trace_startup.c, ptrace single-step) and listing the functions it ran in first-use
order lets lld's --symbol-ordering-file put them together at the front of the text. Each tool's
startup-order/make_order.py decides what to trace; this module holds the ELF and symbol helpers, the tracer's
build, the order file writer and the check that the order is current and applied.
"""
import bisect
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUR_CODE = re.compile(r"virtlab")  # our namespace, as it appears in mangled names


def build_tracer(directory):
    """Compiles trace_startup.c into DIRECTORY; returns the executable's path."""
    tracer = os.path.join(directory, "trace_startup")
    subprocess.run(["cc", "-O2", "-o", tracer, os.path.join(HERE, "trace_startup.c")], check=True)
    return tracer


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


def check(binary, order_file, regenerate_target):
    """Stale = names our code no longer defines (renamed or removed: regenerate), or too many library names gone
    (a different toolchain); not applied = the listed functions are not at the front of the text."""
    listed = [n for n in open(order_file).read().split() if n]
    syms, defined = symbols(binary)
    by_name = {name: (addr, size) for addr, size, name in syms}
    missing = [n for n in listed if n not in defined]
    ours_missing = [n for n in missing if OUR_CODE.search(n)]
    fix = f"regenerate it: cmake --build --preset default --target {regenerate_target} (as root)"
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
