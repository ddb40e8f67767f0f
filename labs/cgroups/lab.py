#!/usr/bin/env python3
"""cgroups lab: a CPU quota, a memory limit that ends in an OOM kill and a pids limit that stops a fork bomb,
made by hand through cgroupfs (mkdir, write the limit files, move a pid, rmdir) on v1, v2 or hybrid machines.

The student writes cgroups.sh (up, run-cpu, run-oom, run-forkbomb, down). The grader runs each step and reads the
live groups with `cgtop --json` (schema cgtop/1): the limits equal the seeded values, nr_throttled grew, an OOM
kill was counted in the memory group, the pids limit refused forks and every fork-bomb process was inside the
group, and after `down` the groups are gone. Whatever the grader made the script create, it removes on exit and
on Ctrl-C (kills the processes left in the seeded groups, rmdir). See README.md.
"""
import os
import re
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from gradelib import Bad, CannotCheck, Lab, Missing, derive, last_line, write_if_absent, write_text  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CONTROLLERS = ("cpu", "memory", "pids")
CHILD = {"cpu": "cpu", "memory": "mem", "pids": "pids"}
WORKLOAD = {"cpu": "cpu", "memory": "mem", "pids": "bomb"}  # ./workloads.py argument and process-name suffix
PERIOD_US = 100_000
MIN_THROTTLES = 3  # 4 busy loops for 2 s against a quota of at most 60 % are throttled in almost all ~20 periods


lab = Lab("cgroups", title={"en": "cgroups by hand: CPU quota, OOM kill, fork bomb (v1, v2, hybrid)",
                           "ko": "cgroup 직접 다루기: CPU 할당, OOM kill, fork 폭탄 (v1, v2, hybrid)"})


# --- the student's numbers (docs/labs.md: derive) ------------------------------------------------------------------
def numbers(seed):
    return {
        "suffix": f"{derive('cgroups', seed, 'group', 0, 0xFFFF):04x}",
        "cpu_percent": derive("cgroups", seed, "cpu_percent", 20, 60),
        "memory_mib": derive("cgroups", seed, "memory_mib", 16, 48),
        "pids_max": derive("cgroups", seed, "pids_max", 8, 20),
    }


def group_name(seed):
    return f"cglab-{numbers(seed)['suffix']}"


# --- where the controllers live on this machine (/proc/self/mountinfo) --------------------------------------------
def unescape(path):
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), path)


def cgroup_mounts():
    """[{version, mount_point, controllers}] for every cgroup (v1) and cgroup2 mount, from /proc/self/mountinfo."""
    mounts = []
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return mounts
    for line in lines:
        fields = line.split()
        if "-" not in fields:
            continue
        dash = fields.index("-")
        if len(fields) < dash + 4:
            continue
        fstype, super_options, mount_point = fields[dash + 1], fields[dash + 3], unescape(fields[4])
        if fstype == "cgroup":
            names = [o for o in super_options.split(",") if o not in ("rw", "ro") and "=" not in o]
            mounts.append({"version": "v1", "mount_point": mount_point, "controllers": names})
        elif fstype == "cgroup2":
            try:
                with open(os.path.join(mount_point, "cgroup.controllers")) as c:
                    names = c.read().split()
            except OSError:
                names = []
            mounts.append({"version": "v2", "mount_point": mount_point, "controllers": names})
    return mounts


def layout_of(mounts):
    v1 = any(m["version"] == "v1" for m in mounts)
    v2 = any(m["version"] == "v2" for m in mounts)
    return "hybrid" if v1 and v2 else "v1" if v1 else "v2" if v2 else "none"


def locate(mounts, controller):
    """The mount holding `controller`: a v1 hierarchy that names it, else cgroup2 if it lists it; None if neither."""
    for m in mounts:
        if m["version"] == "v1" and controller in m["controllers"]:
            return m
    for m in mounts:
        if m["version"] == "v2" and controller in m["controllers"]:
            return m
    return None


def files_for(mount):
    """The interface files of this lab on the hierarchy `mount` (v1 or v2)."""
    if mount["version"] == "v2":
        return {"cpu": "cpu.max", "cpu_stat": "cpu.stat (nr_throttled)", "memory": "memory.max",
                "swap": "memory.swap.max", "oom": "memory.events (oom_kill)", "pids": "pids.max",
                "pids_events": "pids.events (max)", "procs": "cgroup.procs"}
    return {"cpu": "cpu.cfs_period_us + cpu.cfs_quota_us", "cpu_stat": "cpu.stat (nr_throttled)",
            "memory": "memory.limit_in_bytes", "swap": "memory.swappiness", "oom": "memory.oom_control (oom_kill)",
            "pids": "pids.max", "pids_events": "pids.events (max)", "procs": "cgroup.procs (tasks: per thread)"}


# --- the machine, checked once per grade ----------------------------------------------------------------------------
def machine(ctx):
    if "mounts" in ctx.shared:
        return ctx.shared["mounts"]
    ctx.need_root()  # creating cgroups
    mounts = cgroup_mounts()
    if not mounts:
        raise CannotCheck("no cgroup filesystem is mounted (/proc/self/mountinfo has no cgroup or cgroup2 line); "
                          "mount one: mount -t cgroup2 none /sys/fs/cgroup")
    for controller in CONTROLLERS:
        if locate(mounts, controller) is None:
            raise CannotCheck(f"the {controller} controller is on no hierarchy here: on v2 enable it "
                              f"(echo +{controller} > /sys/fs/cgroup/cgroup.subtree_control), on v1 mount it "
                              f"(mount -t cgroup -o {controller} none /sys/fs/cgroup/{controller})")
    ctx.shared["mounts"] = mounts
    return mounts


def group_rows(ctx):
    """The seeded group and its children as cgtop sees them: {path: row}; {} when the group exists nowhere."""
    group = group_name(ctx.seed)
    argv = [ctx.tool("cgtop"), "--json", "-b", "-n", "1", "-d", "0.05", "--depth", "2", f"/{group}"]
    # Not ctx.tool_json: exit 3 (no document) means the group exists nowhere, and any other failure of cgtop is
    # the machine's (UNCHECKED), not the student's.
    proc = ctx.run(argv, timeout=30)
    if proc.returncode == 3:  # not found: the group exists in no hierarchy
        return {}
    if proc.returncode in (4, 5):
        raise CannotCheck(f"cgtop cannot run here: {last_line(proc.stderr)}")
    if proc.returncode != 0:
        raise CannotCheck(f"cgtop failed (exit {proc.returncode}): {last_line(proc.stderr)}")
    doc = ctx.validated("cgtop", proc.stdout)
    return {row["path"]: row for row in doc["cgroups"]}


def child_path(seed, controller):
    return f"/{group_name(seed)}/{CHILD[controller]}"


def in_hierarchy(row, controller):
    """Whether cgtop read this controller's files in the row's cgroup (i.e. the group exists where it must)."""
    if controller == "cpu":
        return row["cpu"]["period_us"] is not None
    if controller == "memory":
        return row["memory"]["current"] is not None
    return row["tasks"]["current"] is not None and not row["tasks"]["counted"]


def child_row(ctx, controller, rows=None):
    rows = group_rows(ctx) if rows is None else rows
    path = child_path(ctx.seed, controller)
    row = rows.get(path)
    if row is None or not in_hierarchy(row, controller):
        raise Bad(f"{path} is gone from the {controller} hierarchy (did a run-* step remove it?)")
    return row


def existing_dirs(mounts, group):
    """Every directory of `group` on any cgroup mount, deepest first."""
    found = []
    for m in mounts:
        top = os.path.join(m["mount_point"], group)
        if not os.path.isdir(top):
            continue
        for root, dirs, _ in os.walk(top):
            found.append(root)
    return sorted(set(found), key=lambda p: -p.count("/"))


def procs_in(directory):
    try:
        with open(os.path.join(directory, "cgroup.procs")) as f:
            return [int(p) for p in f.read().split()]
    except (OSError, ValueError):
        return []


def remove_groups(ctx, group):
    """The grader's cleanup: kill whatever is left in the seeded groups (the grader made it run), then rmdir."""
    mounts = cgroup_mounts()
    for directory in existing_dirs(mounts, group):
        kill_file = os.path.join(directory, "cgroup.kill")
        if os.path.exists(kill_file):
            try:
                with open(kill_file, "w") as f:
                    f.write("1")
            except OSError:
                pass
        for _ in range(100):
            pids = procs_in(directory)
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.02)
        try:
            os.rmdir(directory)
            ctx.log(f"cleanup: rmdir {directory}")
        except OSError as e:
            ctx.log(f"cleanup: rmdir {directory}: {e.strerror}")


# --- watching the workloads: which cgroup each of their processes is in -------------------------------------------
def cgroup_of(pid, mount):
    """The path of `pid`'s cgroup on the hierarchy `mount`, from /proc/<pid>/cgroup; None if it is gone."""
    try:
        with open(f"/proc/{pid}/cgroup") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        if mount["version"] == "v2" and parts[0] == "0" and parts[1] == "":
            return parts[2]
        if mount["version"] == "v1" and set(parts[1].split(",")) & set(mount["controllers"]):
            return parts[2]
    return None


PF_EXITING = 0x4


def exiting(pid):
    """An exiting task is moved to the root cgroup before it becomes a zombie (cgroup_exit): its path then says
    nothing about where it ran. PF_EXITING is set before that move, so reading it after the path tells."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return fields[0] in ("Z", "X", "x") or bool(int(fields[6]) & PF_EXITING)
    except (OSError, IndexError, ValueError):
        return True


class Watcher:
    """Polls /proc every 20 ms for the workload's processes (named cglab-<suffix>-<kind>) and records, for each, the
    cgroup it was in on the controller's hierarchy. Runs while the student's run-* command runs."""

    def __init__(self, ctx, controller):
        self.name = f"cglab-{numbers(ctx.seed)['suffix']}-{WORKLOAD[controller]}"[:15]
        self.mount = locate(machine(ctx), controller)
        self.seen = {}  # pid -> cgroup path (the last one read)
        self.most_at_once = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            alive = 0
            try:
                entries = os.listdir("/proc")
            except OSError:
                entries = []
            for entry in entries:
                if not entry.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry}/comm") as f:
                        if f.read().strip() != self.name:
                            continue
                except OSError:
                    continue
                path = cgroup_of(int(entry), self.mount)
                if path is not None and not exiting(int(entry)):
                    self.seen[int(entry)] = path
                    alive += 1
            self.most_at_once = max(self.most_at_once, alive)
            self._stop.wait(0.02)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)
        return False

    def outside(self, expected):
        return {pid: path for pid, path in self.seen.items() if path != expected}


class group_weight_raised:
    """While run-cpu runs, the group's WEIGHT (v1 cpu.shares, v2 cpu.weight of /cglab-<suffix>) is raised to the
    maximum, then put back. A weight only decides who gets the CPU when it is contended; the quota caps the group
    even on an idle CPU. Without this, on a busy machine (other groups and tasks competing at weight 1024/100) the
    busy loops may get less CPU than their quota, and a quota that never bites is not throttled. The quota, and so
    what is checked, is untouched."""

    def __init__(self, ctx):
        mount = locate(machine(ctx), "cpu")
        name = "cpu.weight" if mount["version"] == "v2" else "cpu.shares"
        self.path = os.path.join(mount["mount_point"], group_name(ctx.seed), name)
        self.value = "10000" if mount["version"] == "v2" else "262144"
        self.old = None
        self.ctx = ctx

    def __enter__(self):
        try:
            with open(self.path) as f:
                self.old = f.read().strip()
            with open(self.path, "w") as f:
                f.write(self.value)
            self.ctx.log(f"(grader: {self.path} {self.old} -> {self.value} while run-cpu runs)")
        except OSError as e:
            self.old = None
            self.ctx.log(f"(grader: could not raise {self.path}: {e.strerror}; throttling may not show on a busy "
                         f"machine)")
        return self

    def __exit__(self, *exc):
        if self.old is not None:
            try:
                with open(self.path, "w") as f:
                    f.write(self.old)
            except OSError:
                pass
        return False


def run_step(ctx, step, timeout=25.0):
    script = ctx.path("cgroups.sh")
    # Checked here, not left to ctx.run's start failure: these messages name the file as the student knows it.
    if not os.path.exists(script):
        raise Missing("cgroups.sh does not exist; run `make handout SEED=<your id>` first")
    if not os.access(script, os.X_OK):
        raise Bad("cgroups.sh is not executable: chmod +x cgroups.sh")
    # ctx.run stops the step's process group on its time limit, the check's deadline and Ctrl-C (before the groups
    # are removed), so a hanging student script never outlives the grader. Its time-limit message names the
    # program only; the student needs the step.
    try:
        return ctx.run([script, step], timeout=timeout)
    except Bad as failure:
        if "did not finish within" not in failure.message:
            raise
        raise Bad(f"`./cgroups.sh {step}` did not finish within {ctx.scaled(timeout):.0f} s") from None


def workload_where(ctx, watcher, controller, what, proc):
    """Bad if the workload never ran or ran outside the child group (names the first cgroup it was in)."""
    expected = child_path(ctx.seed, controller)
    if not watcher.seen:
        said = f" (it said: {last_line(proc.stderr)})" if proc.stderr.strip() else ""
        raise Bad(f"no {what} process ({watcher.name}) was seen: `./cgroups.sh {STEP[controller]}` must run "
                  f"`./workloads.py {WORKLOAD[controller]}` inside {expected}{said}")
    outside = watcher.outside(expected)
    if outside:
        pid, path = sorted(outside.items())[0]
        raise Bad(f"{len(outside)} of {len(watcher.seen)} {what} processes ran outside {expected} "
                  f"(pid {pid} was in {path} on the {controller} hierarchy): move the process before it starts")


STEP = {"cpu": "run-cpu", "memory": "run-oom", "pids": "run-forkbomb"}


# --- the checks ----------------------------------------------------------------------------------------------------
@lab.check("up", points=2, timeout=60,
           title={"en": "`./cgroups.sh up` makes the three groups in the right hierarchies",
                  "ko": "`./cgroups.sh up` 이 세 그룹을 알맞은 계층에 만든다"},
           hints=[{"en": "Read HANDOUT.md: it names this machine's hierarchy (v1, v2 or hybrid) and the directory "
                         "of each group. A cgroup is made with plain mkdir.",
                   "ko": "HANDOUT.md 에 이 머신의 계층(v1, v2, hybrid)과 각 그룹의 디렉터리가 있습니다. cgroup 은 "
                         "그냥 mkdir 로 만듭니다."},
                  {"en": "v1: one mkdir per hierarchy (cpu, memory, pids are separate trees). v2: one tree, but "
                         "write +cpu +memory +pids into the parent's cgroup.subtree_control before the children "
                         "get the controllers' files.",
                   "ko": "v1: 계층마다 따로 mkdir (cpu, memory, pids 가 서로 다른 트리). v2: 트리는 하나지만 "
                         "부모의 cgroup.subtree_control 에 +cpu +memory +pids 를 써야 자식에 파일이 생깁니다."},
                  {"en": "Try it by hand, then look: `cgtop -b -n 1 /cglab-<suffix>` shows which hierarchies have "
                         "your groups (QUOTA/LIMIT columns are '-' where the group is missing).",
                   "ko": "손으로 해 본 뒤 `cgtop -b -n 1 /cglab-<접미사>` 로 확인하세요 (그룹이 없는 계층의 "
                         "QUOTA/LIMIT 칸은 '-' 입니다)."}])
def check_up(ctx):
    mounts = machine(ctx)
    group = group_name(ctx.seed)
    if not os.path.exists(ctx.path("cgroups.sh")):
        raise Missing("cgroups.sh does not exist; run `make handout SEED=<your id>` first")
    left = existing_dirs(mounts, group)
    if left:
        busy = [d for d in left if procs_in(d)]
        if busy:
            raise Bad(f"{busy[0]} already exists and has processes in it (from an earlier run?); stop them or run "
                      f"`./cgroups.sh down`, then grade again (the grader does not kill what it did not start)")
        remove_groups(ctx, group)
        ctx.log(f"removed empty groups left from an earlier run: {', '.join(left)}")
    ctx.on_cleanup(lambda: remove_groups(ctx, group))
    proc = run_step(ctx, "up", timeout=20)
    if proc.returncode != 0:
        raise Bad(f"`./cgroups.sh up` failed (exit {proc.returncode}): {last_line(proc.stderr)}")
    rows = group_rows(ctx)
    for controller in CONTROLLERS:
        path = child_path(ctx.seed, controller)
        mount = locate(mounts, controller)
        if path not in rows:
            raise Bad(f"after `up` there is no cgroup {path} in any hierarchy (cgtop does not see it)")
        if not in_hierarchy(rows[path], controller):
            where = (f"enable +{controller} in {mount['mount_point']}/{group}/cgroup.subtree_control (and in the "
                     f"root's) before making the children" if mount["version"] == "v2" else
                     f"mkdir it under {mount['mount_point']}")
            raise Bad(f"{path} exists, but not in the {controller} hierarchy ({mount['mount_point']}): {where}")
    return f"{group}: cpu, mem, pids made ({layout_of(mounts)} layout)"


@lab.check("cpu-limit", points=2, needs=["up"],
           title={"en": "the CPU quota of cpu is the seeded share of one CPU",
                  "ko": "cpu 그룹의 CPU 할당이 시드의 비율과 같다"},
           hints=[{"en": "The quota is CPU time per period: X % of one CPU = X/100 × period µs in each period. "
                         "cpu.shares / cpu.weight are relative weights, not a limit.",
                   "ko": "할당(quota)은 주기(period)마다 쓸 수 있는 CPU 시간입니다: CPU 한 개의 X % = 주기 µs × X/100. "
                         "cpu.shares / cpu.weight 는 상대 가중치이지 한도가 아닙니다."},
                  {"en": "v1: cpu.cfs_period_us and cpu.cfs_quota_us (two files, µs). v2: cpu.max holds both: "
                         "\"QUOTA PERIOD\".",
                   "ko": "v1: cpu.cfs_period_us 와 cpu.cfs_quota_us (두 파일, µs). v2: cpu.max 한 파일에 "
                         "\"QUOTA PERIOD\"."}])
def check_cpu_limit(ctx):
    want = numbers(ctx.seed)["cpu_percent"]
    row = child_row(ctx, "cpu")
    quota, period = row["cpu"]["quota_us"], row["cpu"]["period_us"]
    path = child_path(ctx.seed, "cpu")
    file = files_for(locate(machine(ctx), "cpu"))["cpu"]
    if quota is None:
        raise Bad(f"{path} has no CPU quota (unlimited): write it into {file}")
    if quota * 100 != want * period:
        raise Bad(f"{path} may use {quota} µs per {period} µs = {quota / period * 100:.2f} % of one CPU, "
                  f"not your {want} %")
    return f"{quota}/{period} µs = {want} % of one CPU"


@lab.check("memory-limit", points=2, needs=["up"],
           title={"en": "the memory limit of mem is the seeded number of MiB",
                  "ko": "mem 그룹의 메모리 한도가 시드의 MiB 와 같다"},
           hints=[{"en": "The file takes bytes. 1 MiB = 1024 × 1024 = 1048576 bytes (1 MB = 1000000 is another "
                         "unit).",
                   "ko": "파일에는 바이트를 씁니다. 1 MiB = 1024 × 1024 = 1048576 바이트 (1 MB = 1000000 은 다른 "
                         "단위)."},
                  {"en": "Read it back with cat: the kernel shows the limit it really keeps.",
                   "ko": "cat 으로 다시 읽어 보세요: 커널이 실제로 가진 한도가 보입니다."}])
def check_memory_limit(ctx):
    want = numbers(ctx.seed)["memory_mib"]
    row = child_row(ctx, "memory")
    limit = row["memory"]["limit"]
    path = child_path(ctx.seed, "memory")
    if limit is None:
        raise Bad(f"{path} has no memory limit: write it into {files_for(locate(machine(ctx), 'memory'))['memory']}")
    if limit != want * 1048576:
        raise Bad(f"the memory limit of {path} is {limit} bytes = {limit / 1048576:.2f} MiB, not your {want} MiB")
    return f"{limit} bytes = {want} MiB"


@lab.check("pids-limit", points=2, needs=["up"],
           title={"en": "pids.max of pids is the seeded number", "ko": "pids 그룹의 pids.max 가 시드의 값과 같다"},
           hints=[{"en": "pids.max counts tasks (processes and threads) in the group and below.",
                   "ko": "pids.max 는 그룹과 그 아래의 태스크(프로세스와 스레드) 수를 셉니다."}])
def check_pids_limit(ctx):
    want = numbers(ctx.seed)["pids_max"]
    row = child_row(ctx, "pids")
    got = row["tasks"]["max"]
    path = child_path(ctx.seed, "pids")
    if got is None:
        raise Bad(f"{path} has no task limit (pids.max is max)")
    if got != want:
        raise Bad(f"pids.max of {path} is {got}, not your {want}")
    return f"pids.max = {got}"


@lab.check("cpu-throttled", points=3, needs=["cpu-limit"], timeout=60,
           title={"en": "`run-cpu` runs the busy loops inside cpu and the kernel throttles them",
                  "ko": "`run-cpu` 가 바쁜 루프를 cpu 그룹 안에서 돌리고 커널이 스로틀링한다"},
           hints=[{"en": "Write the pid into the CHILD's cgroup.procs (…/cpu/cgroup.procs), not the parent's.",
                   "ko": "pid 는 부모가 아니라 자식의 cgroup.procs (…/cpu/cgroup.procs) 에 씁니다."},
                  {"en": "Move first, work second: `sh -c 'echo $$ > DIR/cgroup.procs && exec ./workloads.py cpu'`. "
                         "In bash a ( subshell )'s $$ is the PARENT's pid.",
                   "ko": "먼저 옮기고 나서 일합니다: `sh -c 'echo $$ > DIR/cgroup.procs && exec ./workloads.py cpu'`. "
                         "bash 의 ( 서브셸 ) 안에서 $$ 는 부모의 pid 입니다."}])
def check_cpu_throttled(ctx):
    before = child_row(ctx, "cpu")["cpu"]
    with Watcher(ctx, "cpu") as watcher, group_weight_raised(ctx):
        proc = run_step(ctx, "run-cpu")
    if proc.returncode != 0:
        raise Bad(f"`./cgroups.sh run-cpu` failed (exit {proc.returncode}): {last_line(proc.stderr)}")
    workload_where(ctx, watcher, "cpu", "busy-loop", proc)
    after = child_row(ctx, "cpu")["cpu"]
    if after["nr_throttled"] is None or before["nr_throttled"] is None:
        raise CannotCheck("cpu.stat has no nr_throttled here (kernel without CFS bandwidth control?)")
    throttled = after["nr_throttled"] - before["nr_throttled"]
    periods = (after["nr_periods"] or 0) - (before["nr_periods"] or 0)
    if throttled < MIN_THROTTLES:
        raise Bad(f"nr_throttled of {child_path(ctx.seed, 'cpu')} grew by only {throttled} in {periods} periods "
                  f"while the busy loops ran: they did not hit the quota")
    waited = ((after["throttled_ns"] or 0) - (before["throttled_ns"] or 0)) / 1e9
    return f"throttled in {throttled} of {periods} periods, {waited:.2f} s held back"


@lab.check("oom-kill", points=3, needs=["memory-limit"], timeout=60,
           title={"en": "`run-oom` ends in an OOM kill counted in mem",
                  "ko": "`run-oom` 이 mem 그룹에서 OOM kill 로 끝난다"},
           hints=[{"en": "The memory hog must be inside …/mem before it allocates: move, then exec.",
                   "ko": "메모리를 쓰기 전에 …/mem 안에 있어야 합니다: 옮긴 뒤 exec."},
                  {"en": "With swap on, the hog is swapped out instead of killed: v2 memory.swap.max = 0, "
                         "v1 memory.swappiness = 0 (HANDOUT.md says whether this machine has swap).",
                   "ko": "스왑이 켜져 있으면 죽는 대신 스왑됩니다: v2 memory.swap.max = 0, v1 memory.swappiness = 0 "
                         "(이 머신에 스왑이 있는지는 HANDOUT.md 에)."}])
def check_oom_kill(ctx):
    before = child_row(ctx, "memory")["memory"]
    with Watcher(ctx, "memory") as watcher:
        proc = run_step(ctx, "run-oom")
    ctx.log(f"(run-oom exit status {proc.returncode}; not graded: the OOM kill makes it 137)")
    workload_where(ctx, watcher, "memory", "memory-hog", proc)
    after = child_row(ctx, "memory")["memory"]
    if after["oom_kills"] is None or before["oom_kills"] is None:
        raise CannotCheck("this kernel does not count OOM kills per cgroup (oom_kill in memory.oom_control / "
                          "memory.events needs Linux 4.13+)")
    kills = after["oom_kills"] - before["oom_kills"]
    if kills < 1:
        raise Bad(f"no OOM kill was counted in {child_path(ctx.seed, 'memory')} while the memory hog ran "
                  f"(see grade-logs/oom-kill.log for its output)")
    peak = after["peak"]
    return f"{kills} OOM kill(s)" + (f", peak {peak / 1048576:.1f} MiB" if peak else "")


@lab.check("forkbomb-contained", points=3, needs=["pids-limit"], timeout=60,
           title={"en": "`run-forkbomb` hits pids.max and no bomb process escapes the group",
                  "ko": "`run-forkbomb` 가 pids.max 에 막히고 폭탄 프로세스가 그룹 밖으로 새지 않는다"},
           hints=[{"en": "Every process the bomb forks is born in its parent's cgroup. So only the first one must be "
                         "moved, and before it forks anything.",
                   "ko": "fork 된 프로세스는 부모의 cgroup 에서 태어납니다. 그러니 첫 프로세스만, 그것도 fork 하기 "
                         "전에 옮기면 됩니다."},
                  {"en": "pids.events counts the refused forks (max N): read it after the run.",
                   "ko": "거절된 fork 수는 pids.events 의 max 에 쌓입니다: 실행 뒤 읽어 보세요."}])
def check_forkbomb(ctx):
    want = numbers(ctx.seed)["pids_max"]
    before = child_row(ctx, "pids")["tasks"]
    with Watcher(ctx, "pids") as watcher:
        proc = run_step(ctx, "run-forkbomb")
    ctx.log(f"(run-forkbomb exit status {proc.returncode})")
    workload_where(ctx, watcher, "pids", "fork-bomb", proc)
    after = child_row(ctx, "pids")["tasks"]
    if after["max_events"] is None or before["max_events"] is None:
        raise CannotCheck("pids.events is missing here (Linux 4.3+ has it)")
    refused = after["max_events"] - before["max_events"]
    if refused < 1:
        raise Bad(f"pids.events of {child_path(ctx.seed, 'pids')} counted no refused fork while the bomb ran")
    if watcher.most_at_once > want:
        raise Bad(f"{watcher.most_at_once} bomb processes were alive at once, more than pids.max = {want}")
    return f"{refused} fork(s) refused; at most {watcher.most_at_once} bomb processes at once, all inside"


@lab.check("down", points=4, needs=["up"],
           title={"en": "`./cgroups.sh down` removes every group, in every hierarchy",
                  "ko": "`./cgroups.sh down` 이 모든 계층에서 모든 그룹을 지운다"},
           hints=[{"en": "rmdir the children first, then the group; rm -r cannot delete cgroup files.",
                   "ko": "자식을 먼저 rmdir 한 뒤 부모를 지웁니다. rm -r 로는 cgroup 파일을 지울 수 없습니다."},
                  {"en": "On v1 the group exists once per hierarchy: cpu, memory and pids each need their rmdir.",
                   "ko": "v1 에서는 그룹이 계층마다 따로 있습니다: cpu, memory, pids 각각 rmdir 해야 합니다."}])
def check_down(ctx):
    group = group_name(ctx.seed)
    proc = run_step(ctx, "down", timeout=20)
    rows = group_rows(ctx)
    if rows:
        left = sorted(rows)
        where = [m["mount_point"] for m in cgroup_mounts() if os.path.isdir(os.path.join(m["mount_point"], group))]
        raise Bad(f"after `down` {len(left)} group(s) are left: {', '.join(left[:3])}"
                  + (f" (under {', '.join(where)})" if where else ""))
    if proc.returncode != 0:
        raise Bad(f"the groups are gone but `./cgroups.sh down` exited {proc.returncode}: {last_line(proc.stderr)}")
    return f"{group} is gone from every hierarchy"


# --- handout ----------------------------------------------------------------------------------------------------------
def swap_total_kib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("SwapTotal:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def fill(template, seed):
    n = numbers(seed)
    return (template.replace("@GROUP@", group_name(seed)).replace("@CPU_PERCENT@", str(n["cpu_percent"]))
            .replace("@MEMORY_MIB@", str(n["memory_mib"])).replace("@PIDS_MAX@", str(n["pids_max"]))
            .replace("@SUFFIX@", n["suffix"]).replace("@PYTHON@", sys.executable or "/usr/bin/python3"))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def handout_text(seed):
    n = numbers(seed)
    group = group_name(seed)
    mounts = cgroup_mounts()
    layout = layout_of(mounts)
    swap = swap_total_kib()
    lines = [
        f"# cgroups by hand / cgroup 직접 다루기 — seed {seed}",
        "",
        "The course notes: a container is processes that share the host kernel; the kernel's *cgroups* cut the",
        "machine's CPU, memory and tasks into limited shares (\"cgroups로 자원 제한\"). Docker writes files such as",
        "`/sys/fs/cgroup/memory/docker/<id>/memory.limit_in_bytes`. Here you write them yourself.",
        "강의 노트: 컨테이너는 호스트 커널을 공유하는 프로세스들이고, 커널의 cgroup 이 CPU·메모리·태스크를",
        "제한된 몫으로 나눕니다(\"cgroups로 자원 제한\"). Docker 가 쓰는 바로 그 파일을 여러분이 직접 씁니다.",
        "",
        "```",
        "            this machine's CPUs, RAM, tasks / 이 머신의 자원",
        "                            │  cgroups 제한",
        f"          ┌─────────────────┼─────────────────┐   /{group}/",
        f"     cpu: {n['cpu_percent']:>2} % of 1 CPU    mem: {n['memory_mib']:>2} MiB      "
        f"pids: {n['pids_max']:>2} tasks",
        "     busy loops → throttled  hog → OOM kill     fork bomb → EAGAIN",
        "```",
        "",
        "## Your numbers / 여러분의 값",
        "",
        "| | value / 값 |",
        "|---|---|",
        f"| group / 그룹 | `{group}` with children `cpu`, `mem`, `pids` / 자식 그룹 `cpu`, `mem`, `pids` |",
        f"| CPU quota / CPU 할당 | {n['cpu_percent']} % of ONE CPU, period {PERIOD_US} µs / "
        f"CPU 한 개의 {n['cpu_percent']} %, 주기 {PERIOD_US} µs |",
        f"| memory limit / 메모리 한도 | {n['memory_mib']} MiB (1 MiB = 1048576 bytes) |",
        f"| pids limit / 태스크 한도 | {n['pids_max']} |",
        "",
        f"## This machine / 이 머신: **{layout}**",
        "",
        "Detected from `/proc/self/mountinfo` (fstype `cgroup` = a v1 hierarchy, `cgroup2` = the unified one):",
        "`/proc/self/mountinfo` 에서 읽었습니다 (fstype `cgroup` = v1 계층, `cgroup2` = 통합 계층):",
        "",
        "```",
    ]
    for m in mounts:
        lines.append(f"{m['version']}  {m['mount_point']:<28} {' '.join(m['controllers']) or '(no controllers)'}")
    lines += ["```", ""]
    if all(locate(mounts, c) for c in CONTROLLERS):
        lines += ["| what / 무엇 | directory / 디렉터리 | file / 파일 | unit / 단위 |", "|---|---|---|---|"]
        for controller, what in (("cpu", "CPU quota / CPU 할당"), ("memory", "memory limit / 메모리 한도"),
                                 ("pids", "tasks limit / 태스크 한도")):
            m = locate(mounts, controller)
            f = files_for(m)
            unit = {"cpu": "µs per period / 주기당 µs", "memory": "bytes / 바이트", "pids": "tasks / 개"}[controller]
            lines.append(f"| {what} | `{m['mount_point']}/{group}/{CHILD[controller]}` | `{f[controller]}` | {unit} |")
        lines.append("| move a process / 프로세스 옮기기 | (each group / 각 그룹) | `cgroup.procs` | pid |")
        lines.append("")
        lines.append("What to read afterwards / 실행 뒤 읽을 것: " + ", ".join(
            f"`{files_for(locate(mounts, c))[k]}`" for c, k in (("cpu", "cpu_stat"), ("memory", "oom"),
                                                                ("pids", "pids_events"))) + ".")
        lines.append("")
        if any(locate(mounts, c)["version"] == "v2" for c in CONTROLLERS):
            v2 = next(locate(mounts, c) for c in CONTROLLERS if locate(mounts, c)["version"] == "v2")
            lines += [
                f"v2: a controller reaches `{group}/<child>` only if it is enabled in the parents' "
                f"`cgroup.subtree_control`: `echo '+cpu +memory +pids' > {v2['mount_point']}/cgroup.subtree_control` "
                f"and the same "
                f"in `{v2['mount_point']}/{group}/cgroup.subtree_control` (\"no internal processes\": after that, "
                f"`{group}` itself holds no process — put pids only into the children).",
                "v2: 부모들의 `cgroup.subtree_control` 에 컨트롤러를 켜야(+cpu +memory +pids) 자식에 파일이 "
                "생깁니다. 그 뒤로 부모 그룹에는 프로세스를 넣을 수 없습니다 (자식에만).", ""]
        if any(locate(mounts, c)["version"] == "v1" for c in CONTROLLERS):
            lines += [
                "v1: every controller is its own tree: make `" + group + "` and its child in EACH hierarchy above, "
                "and remove them from each in `down`.",
                "v1: 컨트롤러마다 트리가 따로입니다: 위의 각 계층마다 `" + group + "` 와 자식을 만들고, `down` 에서 "
                "각 계층에서 지우세요.", ""]
    else:
        lines += ["**This machine lacks the cpu, memory or pids controller: `make grade` will say UNCHECKED.**",
                  "**이 머신에는 cpu/memory/pids 컨트롤러가 없어 채점할 수 없습니다.**", ""]
    lines += [
        "Swap / 스왑: " + ("none on this machine: the hog is killed as soon as it reaches the limit." if swap == 0 else
                           f"{swap // 1024} MiB on this machine: also forbid swap to the group (v2 memory.swap.max "
                           "= 0, v1 memory.swappiness = 0), or the hog is swapped out instead of killed."),
        "스왑: " + ("없음 — 한도에 닿으면 바로 kill 됩니다." if swap == 0 else
                  f"{swap // 1024} MiB 있음 — 그룹의 스왑도 막으세요 (v2 memory.swap.max = 0, "
                  "v1 memory.swappiness = 0)."),
        "",
        "## The other layouts / 다른 계층 구조",
        "",
        "| | v2 (unified) | v1 (one tree per controller) |",
        "|---|---|---|",
        "| CPU quota | `cpu.max` = `QUOTA PERIOD` | `cpu.cfs_quota_us`, `cpu.cfs_period_us` |",
        "| memory | `memory.max` (bytes) | `memory.limit_in_bytes` (bytes) |",
        "| tasks | `pids.max` | `pids.max` |",
        "| move | `cgroup.procs` | `cgroup.procs` (or `tasks`, per thread) |",
        "| events | `cpu.stat`, `memory.events`, `pids.events` | `cpu.stat`, `memory.oom_control`, `pids.events` |",
        "",
        "## Steps / 순서",
        "",
        "1. Fill in `cgroups.sh` (`up`, `run-cpu`, `run-oom`, `run-forkbomb`, `down`) with mkdir, echo > file and",
        "   rmdir only. `workloads.py` is given: do not edit it. / `cgroups.sh` 를 mkdir, echo, rmdir 만으로 채우세요.",
        "2. Try each step as root and look / root 로 한 단계씩 실행하고 확인:",
        f"   `sudo ./cgroups.sh up && cgtop -b -n 1 /{group}` , `sudo ./cgroups.sh run-cpu` , ... , "
        "`sudo ./cgroups.sh down`",
        "3. `sudo make grade` runs the five steps itself and reads the live groups with `cgtop --json`;",
        "   `make hint` for the next hint. / `sudo make grade` 가 다섯 단계를 직접 실행하고 채점합니다.",
        "",
    ]
    return "\n".join(lines)


@lab.handout
def handout(seed, work, lang):
    text = handout_text(seed)
    write_text(os.path.join(work, "HANDOUT.md"), text + "\n")
    write_text(os.path.join(work, "workloads.py"), fill(read(os.path.join(HERE, "starter", "workloads.py")), seed),
               0o755)
    print(text)
    if write_if_absent(os.path.join(work, "cgroups.sh"), fill(read(os.path.join(HERE, "starter", "cgroups.sh")), seed),
                       0o755):
        print("wrote cgroups.sh: fill it in, then run sudo make grade" if lang == "en" else
              "cgroups.sh 를 만들었습니다: 채운 뒤 sudo make grade 를 실행하세요")


@lab.solve
def solve(seed, work):
    write_text(os.path.join(work, "workloads.py"), fill(read(os.path.join(HERE, "starter", "workloads.py")), seed),
               0o755)
    write_text(os.path.join(work, "cgroups.sh"), fill(read(os.path.join(HERE, "solution", "cgroups.sh")), seed), 0o755)


if __name__ == "__main__":
    lab.main()
