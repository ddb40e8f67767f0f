#!/usr/bin/env python3
"""Drives cgtop's full-screen view through a real terminal (tmux) and checks every key does what the KEYS
section says, on a small cgroup tree this test makes on the real hierarchy (and removes again).

Usage: tui_keys.py CGTOP_BINARY        exit 0 pass, 1 fail, 77 skip (reason printed)
"""
import os
import shutil
import subprocess
import sys
import time

CGTOP = sys.argv[1]
SESSION = f"cgtop-keys-{os.getpid()}"
TOP = f"virtlab-tui-{os.getpid()}"


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(77)


def tmux(*args, check=True):
    return subprocess.run(["tmux", *args], check=check, capture_output=True, text=True).stdout


def screen():
    return tmux("capture-pane", "-p", "-t", SESSION)


def wait_for(predicate, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen()
        if predicate(text):
            return text
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; the screen was:\n{text}")


def wait_text(needle, timeout=10.0):
    return wait_for(lambda t: needle in t, repr(needle), timeout)


def rows(text):
    """The tree rows: name column (leading glyph and indentation stripped) in screen order."""
    names = []
    for line in text.splitlines()[3:]:
        if not line.strip() or line.startswith("EXIT="):
            continue
        first = line[:60].strip()
        for glyph in ("▾ ", "▸ "):
            if first.startswith(glyph):
                first = first[len(glyph):]
        names.append(first.split(" [")[0].rsplit("/", 1)[-1])
    return names


def cgroup_mounts():
    """Where to make the test tree: the cgroup2 mount and every v1 hierarchy with cpu, cpuacct, memory or pids."""
    mounts = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            left, right = line.split(" - ", 1)
            fstype, _src, opts = right.split()[:3]
            point = left.split()[4]
            if fstype == "cgroup2" or (fstype == "cgroup" and any(o in ("cpu", "cpuacct", "memory", "pids") for o in opts.split(","))):
                mounts.append(point)
    return mounts


def main():
    if os.geteuid() != 0:
        skip("creating the test cgroups needs root")
    if not shutil.which("tmux"):
        skip("tmux is not installed (it is in packages.txt)")
    mounts = cgroup_mounts()
    if not mounts:
        skip("no cgroup hierarchy is mounted")

    made = []
    spinner = None
    try:
        for m in mounts:
            for sub in ("", "/a", "/b", "/b/c", "/b/d"):
                path = f"{m}/{TOP}{sub}"
                os.mkdir(path)
                made.append(path)
        # A busy loop in b/d gives CPU sorting something to sort by.
        spinner = subprocess.Popen(["sh", "-c", "while :; do :; done"])
        for m in mounts:
            with open(f"{m}/{TOP}/b/d/cgroup.procs", "w") as f:
                f.write(str(spinner.pid))

        env = f"LANG=C.UTF-8 TERM=xterm-256color"
        tmux("new-session", "-d", "-s", SESSION, "-x", "200", "-y", "40",
             f"{env} {CGTOP} -d 0.5 --order path /{TOP}; echo EXIT=$?; sleep 60")

        def key(*keys):
            tmux("send-keys", "-t", SESSION, *keys)

        t = wait_text(f"focus /{TOP}")
        assert "sort path" in t and "depth 3" in t and "every 0.5 s" in t, t
        t = wait_for(lambda s: rows(s) == [TOP, "a", "b", "c", "d"], "the tree sorted by path")

        # Sorting: CPU puts the spinning d before c (and b before a); memory/io/tasks/path are named in the header.
        key("c")
        t = wait_for(lambda s: "sort cpu" in s and rows(s) == [TOP, "b", "d", "c", "a"], "sort by CPU")
        for k, name in (("m", "memory"), ("i", "io"), ("t", "tasks"), ("p", "path")):
            key(k)
            wait_text(f"sort {name}")
        wait_for(lambda s: rows(s) == [TOP, "a", "b", "c", "d"], "back to path order")

        # Interval: > doubles, < halves.
        key(">")
        wait_text("every 1 s")
        key("<", "<")
        wait_text("every 0.25 s")

        # Depth: - hides the grandchildren (b shows ▸), + shows them again.
        key("-")
        t = wait_for(lambda s: "depth 2" in s, "depth 2")
        key("-")
        t = wait_for(lambda s: "depth 1" in s and rows(s) == [TOP, "a", "b"], "depth 1 hides c and d")
        assert "▸ b" in t, t
        key("+")
        wait_for(lambda s: "depth 2" in s and rows(s) == [TOP, "a", "b", "c", "d"], "depth 2 shows c and d")

        # Collapse: select b (two rows down), space folds it, space again unfolds it.
        key("j", "j", "Space")
        t = wait_for(lambda s: rows(s) == [TOP, "a", "b"], "b collapsed")
        assert "▸ b" in t, t
        key("Space")
        wait_for(lambda s: rows(s) == [TOP, "a", "b", "c", "d"], "b expanded again")

        # Focus the selected subtree, then back to the whole tree.
        key("f")
        wait_for(lambda s: f"focus /{TOP}/b" in s and rows(s) == ["b", "c", "d"], "focus on b")
        key("u")
        t = wait_for(lambda s: "focus / " in s, "unfocus to the whole tree")

        # Raw numbers: units disappear from the memory columns.
        key("r")
        wait_for(lambda s: " KiB" not in s and " MiB" not in s and " GiB" not in s, "raw numbers")
        key("r")
        wait_for(lambda s: "iB" in s, "human units again")

        key("q")
        wait_text("EXIT=0")

        # A non-UTF-8 locale gets ASCII glyphs, not escaped bytes; Ctrl-C restores the terminal and exits 128+SIGINT.
        tmux("kill-session", "-t", SESSION)
        tmux("new-session", "-d", "-s", SESSION, "-x", "200", "-y", "40",
             f"LANG=C LC_ALL=C TERM=xterm-256color {CGTOP} -d 0.5 /{TOP}; echo EXIT=$?; sleep 60")
        t = wait_text(f"- focus /{TOP} -")
        assert "M-" not in t and f"v /{TOP}" in t, f"ASCII glyphs expected in the C locale:\n{t}"
        key("C-c")
        t = wait_text("EXIT=130")
        assert "CGROUP" not in t, f"the full-screen view was not taken down:\n{t}"
        print("PASS: sort c/m/i/t/p, interval < >, depth + -, collapse, focus f/u, raw r, quit q, ASCII in C locale, "
              "Ctrl-C → 130")
        return 0
    except AssertionError as e:
        print(f"FAIL: {e}")
        return 1
    finally:
        tmux("kill-session", "-t", SESSION, check=False)
        if spinner:
            spinner.kill()
            spinner.wait()
        for path in reversed(made):
            for _ in range(50):
                try:
                    os.rmdir(path)
                    break
                except OSError:
                    time.sleep(0.1)  # the killed spinner leaves the cgroup asynchronously


if __name__ == "__main__":
    sys.exit(main())
