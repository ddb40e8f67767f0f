#!@PYTHON@
"""The three workloads of the cgroups lab. Do not edit: the grader recognises them by their process name.
cgroups 실습의 세 가지 부하 프로그램입니다. 고치지 마세요: 채점기는 프로세스 이름으로 이들을 알아봅니다.

  ./workloads.py cpu    4 busy loops for 2 s                        / 2초 동안 바쁜 루프 4개
  ./workloads.py mem    touch memory 1 MiB at a time up to 256 MiB   / 1 MiB씩 메모리를 채움 (최대 256 MiB)
  ./workloads.py bomb   a bounded fork bomb: each process forks 2,   / 제한된 fork 폭탄: 각 프로세스가 2개씩
                        5 levels deep (at most 63 processes), 2 s     fork, 5단계 (최대 63개), 2초 유지

Each process names itself cglab-@SUFFIX@-<kind> (see it with `ps -o pid,comm,cgroup`). Every workload is bounded,
so even outside a cgroup it cannot take the machine down; inside your groups the kernel stops it earlier.
각 프로세스의 이름은 cglab-@SUFFIX@-<종류> 입니다. 모든 부하는 상한이 있어 cgroup 밖에서도 시스템을 멈추지
않지만, 여러분의 그룹 안에서는 커널이 더 일찍 막습니다.
"""
import os
import resource
import sys
import time

SUFFIX = "@SUFFIX@"


def set_name(kind):
    with open("/proc/self/comm", "w") as f:
        f.write(f"cglab-{SUFFIX}-{kind}"[:15])


def spin(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def cpu(seconds=2.0, processes=4):
    set_name("cpu")
    start = time.monotonic()
    children = []
    for _ in range(processes - 1):
        pid = os.fork()
        if pid == 0:
            spin(seconds)
            os._exit(0)
        children.append(pid)
    spin(seconds)
    for pid in children:
        os.waitpid(pid, 0)
    wall = time.monotonic() - start
    used = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime"))
    print(f"cpu: {processes} busy loops used {used:.2f} s of CPU in {wall:.2f} s = {used / wall * 100:.0f} % of one CPU"
          f" (without a limit: about {processes * 100} % on a machine with {processes}+ idle CPUs)")


def mem(limit_mib=256):
    set_name("mem")
    time.sleep(0.3)  # time to see it (ps, cgtop, the grader) before it grows: at ~0.2 ms per MiB it dies fast
    chunks = []
    for mib in range(1, limit_mib + 1):
        chunks.append(b"\x01" * (1 << 20))  # written, so every page is really charged
        if mib % 8 == 0:
            print(f"mem: {mib} MiB touched", flush=True)
    print(f"mem: touched {limit_mib} MiB and was NOT killed: this process had no memory limit", flush=True)
    return 1


def bomb(depth=5, seconds=2.0):
    set_name("bomb")
    deadline = time.monotonic() + seconds
    level, made, refused, kids = 0, 0, 0, []
    while level < depth and made + refused < 2:
        try:
            pid = os.fork()
        except OSError:  # EAGAIN: the pids limit (or RLIMIT_NPROC) refused the fork
            refused += 1
            continue
        if pid == 0:
            level, made, refused, kids = level + 1, 0, 0, []
        else:
            kids.append(pid)
            made += 1
    time.sleep(max(0.0, deadline - time.monotonic()))
    for pid in kids:  # each child exits with the number of forks refused in its subtree
        _, status = os.waitpid(pid, 0)
        refused += os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 0
    if level > 0:
        os._exit(min(refused, 255))
    print(f"bomb: {refused} fork(s) refused (EAGAIN); without a limit it makes {2 ** (depth + 1) - 1} processes")
    return 0


if __name__ == "__main__":
    kinds = {"cpu": cpu, "mem": mem, "bomb": bomb}
    if len(sys.argv) != 2 or sys.argv[1] not in kinds:
        print("usage: workloads.py cpu|mem|bomb", file=sys.stderr)
        sys.exit(2)
    sys.exit(kinds[sys.argv[1]]() or 0)
