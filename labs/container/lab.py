#!/usr/bin/env python3
"""Container lab: a container built by hand with unshare, mount, pivot_root and setpriv (no container runtime).

The student's `container.sh` (+ `inside.sh`) starts a container and writes the host pid of its pid 1 to
`container.pid`. The grader starts the script, then inspects the running container on the live kernel:
  - `nsenter-lite --json ls` (schema nsenter-lite/1): which namespaces the container's pid 1 is in, against the
    grader's own (the host's) and container.sh's; the members of its mount namespace;
  - `nsenter-lite --json enter -t PID --uts -- /bin/cat /proc/sys/kernel/hostname` (the host's cat): the JSON says
    the uts namespace was joined; cat's output is the kernel's own file, never the tool's text;
  - the kernel's files of the container's pid 1: /proc/PID/status (NSpid, CapBnd, CapEff), /proc/PID/mountinfo, and
    /proc/PID/root/... (its marker file and its /proc/1/stat, resolved by the kernel inside the container's root
    and mount namespace: no program from the student's rootfs is run or trusted).
It stops the container (the whole process group, and the container's pid 1), and on Ctrl-C too; it never deletes
the student's files. See README.md.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from gradelib import Bad, CannotCheck, Lab, Missing, derive, find_tool, write_if_absent, write_text  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NS_KINDS = ["pid", "mnt", "uts", "ipc", "net"]
# Capabilities a student's container may drop without breaking its own set-up (mount, hostname, pivot_root need
# CAP_SYS_ADMIN; dropping a bounding-set bit needs CAP_SETPCAP): name -> number (linux/capability.h).
CAPS = {"net_raw": 13, "sys_module": 16, "sys_chroot": 18, "sys_boot": 22, "sys_nice": 23, "sys_time": 25,
        "mknod": 27, "audit_write": 29}
HOST_WORDS = ["kestrel", "heron", "otter", "lynx", "marten", "ibis", "puffin", "badger", "wren", "civet", "tapir",
              "gecko"]
MARKER_PATH = "/etc/virtlab-marker"
START_TIMEOUT = 20.0   # seconds (scaled) for container.sh to write container.pid

lab = Lab("container", title={"en": "A container by hand: unshare, pivot_root, /proc, hostname, capabilities",
                              "ko": "컨테이너 직접 만들기: unshare, pivot_root, /proc, hostname, capability"})


# --- the student's values (documented derivation: gradelib.derive) ----------------------------------------------
def seeded(seed: int) -> dict:
    caps = sorted(CAPS)
    return {
        "hostname": f"{HOST_WORDS[derive('container', seed, 'hostname-word', 0, len(HOST_WORDS) - 1)]}-"
                    f"{derive('container', seed, 'hostname-number', 1000, 9999)}",
        "cap": caps[derive("container", seed, "capability", 0, len(caps) - 1)],
        "marker": f"vl-{derive('container', seed, 'marker', 0, 0xFFFFFFFF):08x}",
    }


# --- reading the kernel's own data --------------------------------------------------------------------------------
def read_proc(pid: int, name: str) -> str | None:
    try:
        with open(f"/proc/{pid}/{name}", encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def status_field(pid: int, field: str) -> str | None:
    text = read_proc(pid, "status") or ""
    m = re.search(rf"^{field}:\s*(.*)$", text, flags=re.M)
    return m.group(1).strip() if m else None


def stat_fields(text: str | None):
    """(comm, starttime) from a /proc/PID/stat line (comm may hold spaces and parentheses)."""
    if not text or ")" not in text:
        return None
    comm = text[text.index("(") + 1:text.rindex(")")]
    rest = text[text.rindex(")") + 2:].split()
    return (comm, rest[19]) if len(rest) > 19 else None


def session_of(pid: int) -> int | None:
    text = read_proc(pid, "stat")
    if not text or ")" not in text:
        return None
    rest = text[text.rindex(")") + 2:].split()
    return int(rest[3]) if len(rest) > 3 else None


def hostname_now() -> str:
    return os.uname().nodename


def mount_points(mountinfo: str) -> list[tuple[str, str, str]]:
    """(major:minor, root, mount point) per line of a mountinfo file."""
    out = []
    for line in mountinfo.splitlines():
        f = line.split()
        if len(f) >= 5:
            out.append((f[2], f[3], f[4].replace("\\040", " ")))
    return out


# --- the running container -----------------------------------------------------------------------------------------
def container(ctx) -> dict:
    if "container" not in ctx.shared:
        raise Bad("the container is not running")
    c = ctx.shared["container"]
    if stat_fields(read_proc(c["pid"], "stat")) != c["stat"]:
        raise Bad(f"your container's pid 1 (host pid {c['pid']}) has exited")
    return c


def namespaces(ctx) -> dict:
    """pid -> {kind: inode} for the container, container.sh and the grader, from one `nsenter-lite --json ls`."""
    if "ns" not in ctx.shared:
        c = container(ctx)
        doc = ctx.tool_json("nsenter-lite", ["--json", "ls"])
        wanted = {c["pid"]: "container", c["script"]: "script", os.getpid(): "grader"}
        found = {name: {} for name in wanted.values()}
        ctx.shared["ns_members"] = {(ns["type"], ns["ns"]): ns["pids"] for ns in doc["namespaces"]}
        for ns in doc["namespaces"]:
            for pid in ns["pids"]:
                if pid in wanted:
                    found[wanted[pid]][ns["type"]] = ns["ns"]
        for name in ("container", "grader"):
            missing = [k for k in NS_KINDS if k not in found[name]]
            if missing:
                raise CannotCheck(f"nsenter-lite ls did not list the {', '.join(missing)} namespace of the {name} "
                                  f"process; run the grader as root")
        ctx.shared["ns"] = found
    return ctx.shared["ns"]


def enter(ctx, pid: int, flags: list[str], command: list[str]) -> str:
    """Run COMMAND in PID's namespaces with `nsenter-lite --json enter`; check the JSON says every namespace asked
    for was joined; return COMMAND's output (nsenter-lite --json sends it to stderr, the JSON to stdout)."""
    # Not ctx.tool_json: the exit code is COMMAND's (any code may carry the document), and COMMAND's output, on
    # stderr, is what is wanted.
    proc = ctx.run([ctx.tool("nsenter-lite"), "--json", "enter", "-t", str(pid)] + flags + ["--"] + command,
                   timeout=30)
    if proc.returncode in (4, 5) and not proc.stdout.strip():
        raise CannotCheck(f"nsenter-lite enter cannot run here: {proc.stderr.strip()[-160:]}")
    if not proc.stdout.strip():
        raise Bad(f"nsenter-lite could not enter pid {pid} (exit {proc.returncode}): "
                  f"{(proc.stderr.strip().splitlines() or ['(no message)'])[-1][:160]}")
    doc = ctx.validated("nsenter-lite", proc.stdout)
    if doc.get("command") != "enter":
        raise CannotCheck("nsenter-lite enter printed a document of another command")
    not_joined = [row["type"] for row in doc["namespaces"] if not row["joined"]]
    if not_joined:
        raise CannotCheck(f"nsenter-lite could not join the {', '.join(not_joined)} namespace of pid {pid}")
    if doc["exit_code"] == 127:
        raise Bad(f"{command[0]} cannot be run inside your container (is it in your rootfs?)")
    return proc.stderr


def inside(ctx, path: str) -> list[str] | None:
    """The lines of PATH as the container sees it (None: absent): read through /proc/PID/root of its pid 1, which
    the kernel resolves in the container's root and mount namespace (its /proc included), so no program of the
    student's rootfs is run or trusted."""
    c = container(ctx)
    text = read_proc(c["pid"], "root" + path)
    ctx.log(f"read /proc/{c['pid']}/root{path}: " + ("absent" if text is None else f"{len(text)} bytes"))
    return None if text is None else text.splitlines()


def start_container(ctx) -> None:
    script = ctx.path("container.sh")
    if not os.path.exists(script):
        raise Missing("container.sh does not exist; run `make handout SEED=<your id>` first")
    ctx.need_root()  # namespaces, mounts and pivot_root
    ctx.tool("nsenter-lite")
    for program in ("unshare", "setpriv", "mount", "pivot_root"):
        if shutil.which(program) is None:
            raise CannotCheck(f"{program} (util-linux) is not installed here: apt-get install util-linux mount")
    if not os.path.exists("/bin/busybox") and not os.path.exists(ctx.path("rootfs", "bin", "busybox")):
        raise CannotCheck("/bin/busybox is missing, the rootfs is built from it: apt-get install busybox-static")
    # What the host looks like before the student's script runs (the grader itself is on the host).
    ctx.shared["host_hostname"] = hostname_now()
    ctx.shared["host_mounts"] = {m[2] for m in mount_points(read_proc(os.getpid(), "mountinfo") or "")}
    ctx.on_cleanup(lambda: repair_host(ctx))
    old_pid_file = read_text(ctx.path("container.pid"))
    log = tempfile.TemporaryFile(mode="w+", prefix="vl-container-")
    proc = ctx.spawn(["/bin/bash", script], stdout=log)
    os.set_blocking(proc.stderr.fileno(), False)
    ctx.on_cleanup(log.close)
    deadline = time.monotonic() + ctx.scaled(START_TIMEOUT)
    reason = None
    while time.monotonic() < deadline:
        text = read_text(ctx.path("container.pid"))
        if text is not None and (text != old_pid_file or proc.poll() is None):
            reason = accept_pid(ctx, proc, text)
            if reason is None:
                return
        if proc.poll() is not None:
            time.sleep(0.2)
            text = read_text(ctx.path("container.pid"))
            if text is not None and text != old_pid_file and accept_pid(ctx, proc, text) is None:
                return
            err = read_pipe(proc.stderr)
            log.seek(0)
            ctx.log(f"[container.sh stdout]\n{log.read()[-4000:]}\n[container.sh stderr]\n{err[-4000:]}")
            leaked = leaked_mounts(ctx, os.getpid())
            raise Bad(f"container.sh exited (status {proc.returncode}) before the container was up: "
                      f"{last_error(err)}" + (f"; and its mounts appeared on the host: {', '.join(leaked)}"
                                              if leaked else ""))
        time.sleep(0.05)
    ctx.log(f"[container.sh stderr]\n{read_pipe(proc.stderr)[-4000:]}")
    raise Bad(f"container.sh did not write container.pid within {ctx.scaled(START_TIMEOUT):.0f} s"
              + (f" ({reason})" if reason else ""))


def accept_pid(ctx, proc, text: str) -> str | None:
    """None when TEXT names a live process container.sh started; else why not."""
    value = text.strip()
    if not re.fullmatch(r"[0-9]{1,9}", value):
        return f"container.pid holds {value[:30]!r}, not a pid"
    pid = int(value)
    stat = stat_fields(read_proc(pid, "stat"))
    if stat is None:
        return f"container.pid names pid {pid}, which is not running"
    if session_of(pid) != proc.pid:
        return f"pid {pid} in container.pid was not started by this run of container.sh"
    ctx.shared["container"] = {"pid": pid, "stat": stat, "script": proc.pid}
    ctx.on_cleanup(lambda: kill_if_same(pid, stat))
    ctx.log(f"container's pid 1: host pid {pid} ({stat[0]}); container.sh: pid {proc.pid}")
    return None


def kill_if_same(pid: int, stat) -> None:
    if stat_fields(read_proc(pid, "stat")) == stat:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass


def leaked_mounts(ctx, pid: int) -> list[str]:
    """Mount points under the work directory in PID's mount namespace that the host did not have before."""
    work = os.path.realpath(ctx.work)
    before = ctx.shared.get("host_mounts", set())
    return sorted({m[2] for m in mount_points(read_proc(pid, "mountinfo") or "")
                   if m[2] not in before and (m[2] == work or m[2].startswith(work + "/"))})


def repair_host(ctx) -> None:
    """Undo what a wrong container.sh did to the host: its hostname, mounts under the work directory."""
    before = ctx.shared.get("host_hostname")
    if before and hostname_now() != before:
        socket.sethostname(before)
        ctx.log(f"cleanup: the host's hostname was changed; set back to {before}")
    for point in reversed(leaked_mounts(ctx, os.getpid())):
        subprocess.run(["umount", "-l", point], check=False)
        ctx.log(f"cleanup: unmounted {point}, which container.sh had mounted on the host")


def read_text(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def read_pipe(pipe) -> str:
    try:
        return pipe.read() or ""
    except (OSError, ValueError, TypeError):
        return ""


def last_error(err: str) -> str:
    lines = [line.strip() for line in err.splitlines() if line.strip() and not line.startswith("+")]
    specific = [line for line in lines if not line.startswith("container.sh: the container did not come up")]
    chosen = (specific or lines or ["(nothing on stderr)"])[-1]
    return chosen[:200]


# --- checks --------------------------------------------------------------------------------------------------------
HINT_START = [
    {"en": "Run `sudo ./container.sh` yourself: it must stay in the foreground and print 'container running'. "
           "Read the first error it prints.",
     "ko": "`sudo ./container.sh` 를 직접 실행해 보세요. 'container running' 이 출력되고 계속 떠 있어야 합니다. "
           "처음 나오는 오류를 읽으세요."},
    {"en": "'still in the host's ... namespace': step 2's unshare needs one option per namespace (man 1 unshare).",
     "ko": "'still in the host's ... namespace' 는 2단계 unshare 에 네임스페이스마다 옵션이 필요하다는 뜻입니다."},
    {"en": "'Cannot allocate memory' right after unshare --pid: the pid namespace's pid 1 has exited, so no process "
           "can be created there any more. unshare must fork, so that its child is pid 1 and stays.",
     "ko": "unshare --pid 직후 'Cannot allocate memory' 는 pid 네임스페이스의 pid 1 이 끝나 버렸다는 뜻입니다. "
           "unshare 가 fork 해서 그 자식이 pid 1 로 남아야 합니다."},
    {"en": "'pivot_root: ... Invalid argument': the new root (or its parent) has shared propagation, so your mounts "
           "also reach the host. Make the mounts in the new mount namespace private (man 1 unshare: --propagation).",
     "ko": "'pivot_root: ... Invalid argument' 는 새 루트(또는 부모)가 shared 전파라서 마운트가 호스트까지 퍼진다는 "
           "뜻입니다. 새 mount 네임스페이스의 마운트를 private 으로 만드세요(unshare --propagation)."},
]


@lab.check("container-starts", points=2, timeout=60, hints=HINT_START,
           title={"en": "container.sh starts the container and names its pid 1",
                  "ko": "container.sh 가 컨테이너를 띄우고 pid 1 을 알려 줌"})
def container_starts(ctx):
    start_container(ctx)
    c = ctx.shared["container"]
    return f"host pid {c['pid']} ({c['stat'][0]})"


def make_ns_check(kind: str) -> None:
    what = {"pid": "process ids", "mnt": "mount table", "uts": "hostname", "ipc": "System V IPC and POSIX queues",
            "net": "network devices, addresses, routes"}[kind]
    ko = {"pid": "프로세스 번호", "mnt": "마운트 테이블", "uts": "호스트 이름", "ipc": "IPC 자원",
          "net": "네트워크 장치·주소·라우팅"}[kind]

    def check(ctx):
        ns = namespaces(ctx)
        mine, host, script = ns["container"][kind], ns["grader"][kind], ns["script"].get(kind)
        ctx.log(f"nsenter-lite --json ls: {kind} namespace of the container's pid 1 {mine}, of the grader (host) "
                f"{host}, of container.sh {script}")
        if mine == host:
            raise Bad(f"your container's pid 1 is in the host's {kind} namespace ({kind}:[{mine}]): "
                      f"it shares the host's {what}")
        if mine == script:
            raise Bad(f"your container's pid 1 shares container.sh's {kind} namespace ({kind}:[{mine}])")
        return f"{kind}:[{mine}], host {kind}:[{host}]"

    lab.check(f"ns-{kind}", points=1, needs=["container-starts"], timeout=60,
              title={"en": f"own {kind} namespace ({what})", "ko": f"자기만의 {kind} 네임스페이스 ({ko})"},
              hints=[{"en": f"Compare `readlink /proc/$(cat container.pid)/ns/{kind}` with `readlink "
                            f"/proc/self/ns/{kind}`. Which unshare option makes a new {kind} namespace?",
                      "ko": f"`readlink /proc/$(cat container.pid)/ns/{kind}` 와 `readlink /proc/self/ns/{kind}` "
                            f"를 비교해 보세요. 새 {kind} 네임스페이스를 만드는 unshare 옵션은?"}])(check)


for _kind in NS_KINDS:
    make_ns_check(_kind)


@lab.check("pid-one", points=2, needs=["ns-pid"],
           title={"en": "the container's first process is pid 1 inside", "ko": "컨테이너의 첫 프로세스가 안에서 pid 1"},
           hints=[{"en": "`grep NSpid /proc/$(cat container.pid)/status` shows the pid in every pid namespace, the "
                         "host's first. The last number must be 1.",
                   "ko": "`grep NSpid /proc/$(cat container.pid)/status` 는 pid 네임스페이스마다의 번호를 보여 "
                         "줍니다(호스트가 먼저). 마지막 번호가 1 이어야 합니다."}])
def pid_one(ctx):
    c = container(ctx)
    nspid = (status_field(c["pid"], "NSpid") or "").split()
    if len(nspid) < 2:
        raise Bad(f"host pid {c['pid']} has one pid only (NSpid {' '.join(nspid)}): it is not in a child pid namespace")
    if nspid[-1] != "1":
        raise Bad(f"host pid {c['pid']} is pid {nspid[-1]} inside its pid namespace, not 1: container.pid must "
                  f"name the namespace's first process")
    return f"NSpid {' '.join(nspid)}"


@lab.check("root-switched", points=2, needs=["ns-mnt"],
           title={"en": "the root is your rootfs (pivot_root), the host's / is gone",
                  "ko": "루트가 rootfs 로 바뀜(pivot_root), 호스트의 / 는 보이지 않음"},
           hints=[{"en": "pivot_root(8) NEW_ROOT PUT_OLD moves the host's / to PUT_OLD; it stays reachable there until "
                         "you unmount it (umount -l).",
                   "ko": "pivot_root NEW_ROOT PUT_OLD 는 호스트의 / 를 PUT_OLD 로 옮깁니다. umount -l 로 떼어내기 "
                         "전까지는 거기서 보입니다."},
                  {"en": "chroot changes the root of one process only; the host's mounts stay in the mount "
                         "namespace. pivot_root changes the namespace's root.",
                   "ko": "chroot 는 한 프로세스의 루트만 바꿉니다(호스트 마운트는 네임스페이스에 남음). pivot_root 는 "
                         "네임스페이스의 루트를 바꿉니다."},
                  {"en": "pivot_root refuses a new root that is not a mount point: bind-mount ./rootfs onto itself "
                         "first, inside the new mount namespace.",
                   "ko": "pivot_root 는 마운트 지점이 아닌 새 루트를 거부합니다. 새 mount 네임스페이스 안에서 "
                         "./rootfs 를 자기 자신에 bind 마운트하세요."}])
def root_switched(ctx):
    c = container(ctx)
    try:
        root, host = os.stat(f"/proc/{c['pid']}/root"), os.stat("/")
    except OSError as e:
        raise Bad(f"cannot look at your container's root: {e.strerror}") from None
    if (root.st_dev, root.st_ino) == (host.st_dev, host.st_ino):
        raise Bad("your container's root directory is the host's /")
    # The host's root file system must be gone from the container's mount namespace. Each member process sees the
    # mounts below its own root, so look through every one (after a chroot, unshare's parent still sees the host).
    host_root = [m for m in mount_points(read_proc(os.getpid(), "mountinfo") or "") if m[2] == "/"]
    mnt = namespaces(ctx)["container"]["mnt"]
    members = [c["pid"]] + [p for p in ctx.shared["ns_members"].get(("mnt", mnt), []) if p != c["pid"]]
    if host_root:
        device = host_root[-1][0]
        for pid in members:
            for dev, fsroot, point in mount_points(read_proc(pid, "mountinfo") or ""):
                if dev == device and fsroot == "/":
                    seen = "" if pid == c["pid"] else \
                        f" (seen by pid {pid} there: a chroot hides it from one process only)"
                    raise Bad(f"the host's root file system is still mounted in your container's mount namespace "
                              f"at {point}{seen}")
    marker = inside(ctx, MARKER_PATH)
    expected = seeded(ctx.seed)["marker"]
    if not marker or marker[0].strip() != expected:
        raise Bad(f"{MARKER_PATH} inside your container does not hold your MARKER: is / your ./rootfs?")
    return "rootfs with your marker; no host file system mounted"


@lab.check("proc-mounted", points=2, needs=["ns-mnt", "pid-one"],
           title={"en": "/proc inside is the container's own", "ko": "안의 /proc 이 컨테이너 자신의 것"},
           hints=[{"en": "Inside the container, /proc/1 must be your container's pid 1. A proc file system shows the "
                         "pid namespace of the process that mounted it.",
                   "ko": "컨테이너 안의 /proc/1 은 컨테이너의 pid 1 이어야 합니다. proc 은 마운트한 프로세스의 "
                         "pid 네임스페이스를 보여 줍니다."},
                  {"en": "Mount it after pivot_root, from inside the new pid namespace: the rootfs has an empty "
                         "/proc directory for it.",
                   "ko": "pivot_root 뒤에, 새 pid 네임스페이스 안에서 마운트하세요. rootfs 에 빈 /proc 디렉터리가 "
                         "있습니다."}])
def proc_mounted(ctx):
    c = container(ctx)
    lines = inside(ctx, "/proc/1/stat")
    if not lines:
        raise Bad("there is no /proc/1 inside your container: no proc is mounted on /proc")
    seen = stat_fields(lines[0])
    if seen != c["stat"]:
        name = seen[0] if seen else "?"
        raise Bad(f"/proc inside your container is not the container's: its pid 1 is '{name}', not your container's "
                  f"pid 1 ('{c['stat'][0]}')")
    return "/proc/1 inside is your container's pid 1"


@lab.check("hostname", points=1, needs=["ns-uts"],
           title={"en": "the container's hostname", "ko": "컨테이너의 호스트 이름"},
           hints=[{"en": "Set it inside the new uts namespace (in inside.sh), to CONTAINER_HOSTNAME from "
                         "container.conf.",
                   "ko": "새 uts 네임스페이스 안(inside.sh)에서 container.conf 의 CONTAINER_HOSTNAME 으로 "
                         "설정하세요."}])
def hostname_check(ctx):
    c = container(ctx)
    got = enter(ctx, c["pid"], ["--uts"], ["/bin/cat", "/proc/sys/kernel/hostname"]).strip().splitlines()
    got = got[-1].strip() if got else ""
    if got != seeded(ctx.seed)["hostname"]:
        raise Bad(f"the hostname inside your container is {got[:64]!r}, not CONTAINER_HOSTNAME from container.conf")
    return got


@lab.check("host-untouched", points=2, needs=["ns-uts", "ns-mnt"],
           title={"en": "the host's hostname and mounts are unchanged", "ko": "호스트의 hostname 과 마운트는 그대로"},
           hints=[{"en": "Run `hostname` on the host while your container runs: it must not have changed. Whatever "
                         "you set before unshare --uts happens on the host.",
                   "ko": "컨테이너가 도는 동안 호스트에서 `hostname` 을 실행해 보세요. unshare --uts 전에 바꾼 것은 "
                         "호스트를 바꿉니다."},
                  {"en": "Mounts made in the new mount namespace must not appear on the host: `findmnt` on the host "
                         "while the container runs should not list your rootfs.",
                   "ko": "새 mount 네임스페이스의 마운트가 호스트에 나타나면 안 됩니다(propagation)."}])
def host_untouched(ctx):
    c = container(ctx)
    before = ctx.shared["host_hostname"]
    if stat_fields(read_proc(c["script"], "stat")) is None:
        raise Bad("container.sh exited while its container runs: it must stay in the foreground until stopped")
    got = enter(ctx, c["script"], ["--uts"], ["/bin/cat", "/proc/sys/kernel/hostname"]).strip().splitlines()
    got = got[-1].strip() if got else ""
    if got != before:
        repaired = "; the grader sets it back when it is done" if hostname_now() != before else ""
        raise Bad(f"container.sh changed the host's hostname ({before!r} -> {got[:64]!r}){repaired}")
    leaked = leaked_mounts(ctx, c["script"])
    if leaked:
        raise Bad(f"mounts of your container appeared on the host: {', '.join(leaked)[:160]}")
    return f"hostname {before!r}, no new mounts"


@lab.check("cap-dropped", points=2, needs=["container-starts"],
           title={"en": "the seeded capability is gone from the container", "ko": "지정된 capability 가 컨테이너에서 빠짐"},
           hints=[{"en": "`grep Cap /proc/$(cat container.pid)/status`, decoded with `capsh --decode=...`, shows the "
                         "sets. The capability must be missing from the bounding set (and so from the effective set).",
                   "ko": "`grep Cap /proc/$(cat container.pid)/status` 를 `capsh --decode=...` 로 풀어 보세요. "
                         "bounding set(그리고 effective set)에서 빠져 있어야 합니다."},
                  {"en": "setpriv(1) --bounding-set -CAP runs a command without CAP in its bounding set.",
                   "ko": "setpriv(1) --bounding-set -CAP 은 CAP 이 bounding set 에서 빠진 채로 명령을 실행합니다."}])
def cap_dropped(ctx):
    c = container(ctx)
    cap = seeded(ctx.seed)["cap"]
    bit = 1 << CAPS[cap]
    mine = int(status_field(os.getpid(), "CapBnd") or "0", 16)
    if not mine & bit:
        raise CannotCheck(f"the grader itself lacks CAP_{cap.upper()} on this machine, so a container without it "
                          f"proves nothing; grade on a machine where root has it")
    for field in ("CapBnd", "CapEff"):
        value = status_field(c["pid"], field)
        if value is None:
            raise Bad(f"cannot read {field} of your container's pid 1")
        if int(value, 16) & bit:
            which = "bounding" if field == "CapBnd" else "effective"
            raise Bad(f"CAP_{cap.upper()} is still in your container's {which} set ({field} {value})")
    return f"CAP_{cap.upper()} missing from CapBnd and CapEff"


# --- handout, solution (the typical mistakes: solution/mistakes.py) -------------------------------------------------
def conf_text(seed: int) -> str:
    v = seeded(seed)
    return (f"# container.conf — your values (seed {seed}); container.sh and inside.sh read them. Do not edit.\n"
            f"# 시드 {seed} 의 값입니다. 고치지 마세요.\n"
            f"CONTAINER_HOSTNAME={v['hostname']}\nDROP_CAP={v['cap']}\nMARKER={v['marker']}\n")


WORKSHEET = {
    "en": """Container lab (seed {seed})
==========================
Your container:
  hostname inside          {hostname}
  capability to drop       CAP_{CAP}   (setpriv name: {cap})
  marker in {marker_path}   {marker}
These are in container.conf; container.sh and inside.sh read them.

Steps (README.md explains each):
  1. (given) container.sh builds ./rootfs from /bin/busybox and writes the marker.
  2. container.sh: start inside.sh with `unshare` in new pid, mount, uts, ipc and net namespaces, through `setpriv`
     that drops CAP_{CAP}.
  3. inside.sh: set the hostname.
  4. inside.sh: pivot_root into ./rootfs, mount /proc, detach the old root.
Try it:   sudo ./container.sh
          another terminal: sudo {tool} ls -p $(cat container.pid)
Grade:    sudo make grade   /   sudo make grade TEST=ns-net   /   make hint
""",
    "ko": """컨테이너 실습 (시드 {seed})
==========================
여러분의 컨테이너:
  컨테이너 안의 hostname   {hostname}
  뺄 capability           CAP_{CAP}   (setpriv 이름: {cap})
  {marker_path} 의 marker  {marker}
이 값들은 container.conf 에 있고 container.sh 와 inside.sh 가 읽습니다.

순서 (README.md 에 자세히):
  1. (주어짐) container.sh 가 /bin/busybox 로 ./rootfs 를 만들고 marker 를 씁니다.
  2. container.sh: `unshare` 로 새 pid, mount, uts, ipc, net 네임스페이스에서, CAP_{CAP} 을 빼는 `setpriv` 를
     거쳐 inside.sh 를 실행합니다.
  3. inside.sh: hostname 을 정합니다.
  4. inside.sh: ./rootfs 로 pivot_root, /proc 마운트, 옛 루트 떼어내기.
실행:   sudo ./container.sh
        다른 터미널에서: sudo {tool} ls -p $(cat container.pid)
채점:   sudo make grade   /   sudo make grade TEST=ns-net   /   make hint
""",
}


@lab.handout
def handout(seed, work, lang):
    v = seeded(seed)
    write_text(os.path.join(work, "container.conf"), conf_text(seed))
    try:
        tool = find_tool("nsenter-lite")
    except CannotCheck:
        tool = "nsenter-lite"
    sheet = WORKSHEET[lang].format(tool=tool, seed=seed, hostname=v["hostname"], cap=v["cap"], CAP=v["cap"].upper(),
                                   marker=v["marker"], marker_path=MARKER_PATH)
    write_text(os.path.join(work, "WORKSHEET.txt"), sheet)
    print(sheet, end="")
    for name in ("container.sh", "inside.sh"):
        with open(os.path.join(HERE, "starter", name), encoding="utf-8") as f:
            write_if_absent(os.path.join(work, name), f.read(), 0o755)


@lab.solve
def solve(seed, work):
    write_text(os.path.join(work, "container.conf"), conf_text(seed))
    for name in ("container.sh", "inside.sh"):
        with open(os.path.join(HERE, "solution", name), encoding="utf-8") as f:
            write_text(os.path.join(work, name), f.read(), 0o755)


if __name__ == "__main__":
    lab.main()
