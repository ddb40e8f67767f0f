#!/usr/bin/env python3
"""The start-up text order of pagewalk: the functions `pagewalk PID` runs on a small process, in first-use order.

Why: on a shell (~25 mappings) start-up is most of the work, and in a VM every first touch of a text page is a page
fault that maps a 64 KiB window. lld's --symbol-ordering-file puts these ~490 functions first, in the order they run:
page faults of a summary 73 -> 57, CPU time 1.36 -> 1.13 x the floor (bench/results/pagewalk.md).

  make_order.py BINARY ORDER_FILE         trace `BINARY PID` on a sleeping shell (ptrace single-step), write it
  make_order.py check BINARY ORDER_FILE   fail if ORDER_FILE is stale or was not applied (a unit test runs this)

The tracer and the ELF/symbol helpers are shared with nsenter-lite, which orders its start the same way
(cmake/startup-order). Needs root (PFNs, kpageflags) and a C compiler; a few seconds. The CMake target
pagewalk-startup-order runs it and relinks.
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "cmake", "startup-order"))
import startup_order  # noqa: E402  (text_segment, build_tracer, write_order, check)


def traced_addresses(binary):
    """Instruction addresses of one `BINARY PID` on a sleeping shell, first use first."""
    lo, hi = startup_order.text_segment(binary)
    shell = subprocess.Popen(["sh", "-c", "read line"], stdin=subprocess.PIPE)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tracer = startup_order.build_tracer(tmp)
            out = subprocess.run([tracer, f"{lo:x}", f"{hi:x}", "--", binary, str(shell.pid)], check=True,
                                 capture_output=True, text=True).stdout
    finally:
        shell.stdin.close()
        shell.wait()
    # The traced summary prints to the same stdout: keep the tracer's hex-only lines.
    return [int(line, 16) for line in out.splitlines() if re.fullmatch(r"[0-9a-f]{5,16}", line)]


def main(argv):
    if len(argv) == 3 and argv[0] == "check":
        return startup_order.check(argv[1], argv[2], "pagewalk-startup-order")
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary, order_file = os.path.abspath(argv[0]), argv[1]
    startup_order.write_order(binary, traced_addresses(binary), order_file)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
