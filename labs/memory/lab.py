#!/usr/bin/env python3
"""Memory lab: a small C program finds out things about its own memory, graded live against `pagewalk --json`.

The student completes memlab.c (starter from `make handout`): it reads /proc/self/pagemap, /proc/<child>/pagemap and
/proc/kpageflags, prints what it found as `key = value` lines and stops at `pause = <stage>` lines until a line
arrives on stdin. The grader builds it (cc -O0 -Wall), starts it, and at each pause compares the program's numbers
with what `pagewalk PID ADDRESS --json` / `pagewalk PID --list --json` (schema pagewalk/1) show of the same live
process: the frame behind a variable, resident pages before and after touching, the page-table indices of an
address, copy-on-write after fork, Referenced/Dirty of a file page. Every number comes from the seed
(memlab_seed.h; see SEEDED below). See README.md.
"""
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from gradelib import Bad, CannotCheck, Lab, Missing, derive, write_if_absent, write_text  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PAGE = 4096
# The pauses the program makes, in order; each check looks at the live program at one of them.
STAGES = ["variable", "before", "after", "split", "cow-before", "cow-after", "flags"]
PAUSE_TIMEOUT = 10.0  # seconds (scaled to the machine) for the program to reach its next pause

lab = Lab("memory", title={"en": "Your program's own memory: frames, residency, page tables, copy-on-write, R/D bits",
                           "ko": "내 프로그램의 메모리: 프레임, 상주 페이지, 페이지 테이블, copy-on-write, R/D 비트"})


# --- the student's numbers -----------------------------------------------------------------------------------------
class Seeded:
    """Every number of one student's lab, from gradelib.derive (SHA-256 of "memory:<seed>:<name>")."""

    def __init__(self, derive):
        self.counter_value = derive("counter", 0x10000000, 0x7FFFFFFF)
        self.pages = derive("pages", 8, 16)
        order = list(range(self.pages))  # a seeded shuffle (Fisher-Yates) picks the pages to touch
        for i in range(len(order) - 1, 0, -1):
            j = derive(f"shuffle{i}", 0, i)
            order[i], order[j] = order[j], order[i]
        second = derive("second-touch", 2, 3)
        self.first_touch = sorted(order[:2])
        self.second_touch = sorted(order[2:2 + second])
        # The buffer's address: nonzero indices at every level, all pages under one PMD, far from the program,
        # its libraries and its stack (PGD 2..160 = 0x10000000000..0x500000000000).
        pgd, pud, pmd = derive("pgd", 2, 160), derive("pud", 1, 511), derive("pmd", 1, 511)
        pte = derive("pte", 1, 511 - 16)
        self.buf_address = (pgd << 39) | (pud << 30) | (pmd << 21) | (pte << 12)
        self.split_address = (self.buf_address + derive("split-page", 0, self.pages - 1) * PAGE
                              + derive("split-offset", 1, PAGE - 1))
        touched = sorted(self.first_touch + self.second_touch)
        self.cow_page = touched[derive("cow-page", 0, len(touched) - 1)]
        self.cow_writer = "child" if derive("cow-writer", 0, 1) else "parent"
        self.cow_value = derive("cow-value", 1, 127)
        self.flags_access = "write" if derive("flags-access", 0, 1) else "read"

    @property
    def cow_address(self) -> int:
        return self.buf_address + self.cow_page * PAGE

    def header(self, seed: int) -> str:
        def array(values):
            return "{" + ", ".join(map(str, values)) + "}"
        return f"""\
/* memlab_seed.h — YOUR numbers for the memory lab (seed {seed}); written by `make handout`, do not edit.
 * 메모리 실습의 내 숫자들 (시드 {seed}); `make handout` 이 만든 파일이니 고치지 마세요. */
#ifndef MEMLAB_SEED_H
#define MEMLAB_SEED_H
#define LAB_SEED {seed}
/* Part 1: store this in `counter` / counter 에 저장할 값 */
#define COUNTER_VALUE {self.counter_value:#x}L
/* Part 2: the buffer (mmap it exactly here) and the pages to write, first before `before`, then before `after`
 * 버퍼 (정확히 이 주소에 mmap) 와 쓸 페이지: 먼저 `before` 전에, 그다음 `after` 전에 */
#define BUF_ADDRESS {self.buf_address:#x}UL
#define BUF_PAGES {self.pages}
#define FIRST_TOUCH_N {len(self.first_touch)}
static const int first_touch[FIRST_TOUCH_N] = {array(self.first_touch)};
#define SECOND_TOUCH_N {len(self.second_touch)}
static const int second_touch[SECOND_TOUCH_N] = {array(self.second_touch)};
/* Part 3: split this address into page-table indices / 이 주소를 페이지 테이블 인덱스로 나누기 */
#define SPLIT_ADDRESS {self.split_address:#x}UL
/* Part 4: copy-on-write on this buffer page; who writes after fork, and what
 * copy-on-write 를 볼 버퍼 페이지; fork 뒤에 누가 무엇을 쓰는지 */
#define COW_PAGE {self.cow_page}
#define COW_WRITER_IS_CHILD {1 if self.cow_writer == "child" else 0} /* 1: the child writes, 0: the parent writes */
#define COW_VALUE {self.cow_value}
/* Part 5: the access to the file page: 1 = write one byte through the mapping, 0 = pread one byte
 * 파일 페이지 접근: 1 = 매핑을 통해 1바이트 쓰기, 0 = pread 로 1바이트 읽기 */
#define FLAGS_ACCESS_IS_WRITE {1 if self.flags_access == "write" else 0}
#endif
"""


def seeded_for(seed: int) -> Seeded:
    return Seeded(lambda name, lo, hi: derive(lab.name, seed, name, lo, hi))


def seeded(ctx) -> Seeded:
    if "seeded" not in ctx.shared:
        ctx.shared["seeded"] = Seeded(ctx.derive)
    return ctx.shared["seeded"]


# --- the student's program, driven pause by pause ------------------------------------------------------------------
class Program:
    """The running memlab: reads its `key = value` lines, stops at each `pause = <stage>` until we send Enter."""

    def __init__(self, ctx, exe: str):
        self.ctx = ctx
        self.proc = ctx.spawn([exe], stdin=subprocess.PIPE)
        self.pending = b""
        self.stage = None           # the pause it is stopped at
        self.values = {}            # stage -> {key: value} printed before that pause
        self.current = {}
        self.ended = False

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _line(self, deadline: float):
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.proc.stdout.fileno()], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                self.ended = True
                line, self.pending = self.pending, b""
                return line.decode("utf-8", "replace") if line else ""
            self.pending += chunk
            if len(self.pending) > 1 << 20:
                raise Bad("memlab printed more than 1 MiB without a line end")
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode("utf-8", "replace")

    def _continue(self) -> None:
        try:
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass

    def close(self) -> None:
        """End of input: a well-behaved memlab reaps its child and exits; the group is killed after this anyway."""
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass

    def _exit_reason(self) -> str:
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "closed its output"
        err = b""
        if select.select([self.proc.stderr.fileno()], [], [], 0.5)[0]:
            err = os.read(self.proc.stderr.fileno(), 65536)
        lines = [line.strip() for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        what = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
        return what + (f" ({lines[-1][:120]})" if lines else "")

    def advance_to(self, stage: str) -> dict:
        """Lets the program run to `pause = <stage>` (answering earlier pauses) and returns what it printed."""
        if self.stage == stage:
            self.ctx.log(f"(memlab is stopped at `pause = {stage}`; it printed before it: "
                         + ", ".join(f"{k} = {v}" for k, v in self.values[stage].items()) + ")")
            return self.values[stage]
        target = STAGES.index(stage)
        if self.stage is not None:
            if STAGES.index(self.stage) > target:
                raise Bad(f"memlab is already past the '{stage}' pause (stopped at '{self.stage}')")
            self._continue()
        timeout = self.ctx.scaled(PAUSE_TIMEOUT)
        deadline = time.monotonic() + timeout
        while True:
            if self.ended:
                raise Bad(f"memlab {self._exit_reason()} before reaching `pause = {stage}`")
            line = self._line(deadline)
            if line is None:
                raise Bad(f"memlab did not reach `pause = {stage}` within {timeout:.0f} s "
                          "(does it hang, or print without fflush?)")
            self.ctx.log(f"memlab> {line}")
            if "=" not in line:
                continue
            key, value = (part.strip() for part in line.split("=", 1))
            if key != "pause":
                self.current[key] = value
                continue
            if value not in STAGES:
                raise Bad(f"memlab paused at {value[:30]!r}, which is no stage of this lab "
                          f"(expected `pause = {stage}`)")
            self.values[value], self.current, self.stage = self.current, {}, value
            if value == stage:
                return self.values[stage]
            if STAGES.index(value) > target:
                raise Bad(f"memlab skipped `pause = {stage}` (it paused at '{value}' first)")
            self._continue()
            deadline = time.monotonic() + timeout


def program(ctx) -> Program:
    if "program" not in ctx.shared:
        raise Bad("memlab is not running (the check program-runs did not pass)")
    return ctx.shared["program"]


def value_int(values: dict, key: str, stage: str) -> int:
    text = values.get(key, "")
    if text == "":
        raise Missing(f"memlab printed no `{key} = ...` line before `pause = {stage}`")
    try:
        return int(text, 0)
    except ValueError:
        raise Bad(f"`{key} = {text[:30]}` is not a number (decimal, or hex with 0x)") from None


def value_pages(values: dict, key: str, stage: str) -> set:
    if key not in values:
        raise Missing(f"memlab printed no `{key} = ...` line before `pause = {stage}`")
    text = values[key].replace(",", " ")
    if text.strip().lower() in ("", "none", "-"):
        return set()
    try:
        return {int(word, 10) for word in text.split()}
    except ValueError:
        raise Bad(f"`{key} = {values[key][:40]}` is not a list of page indices like `0 3 5` (or `none`)") from None


def walk(ctx, pid: int, address: int, what: str) -> dict:
    """pagewalk PID ADDRESS --json; an unmapped address is the program's fault, named by `what`."""
    try:
        doc = ctx.tool_json("pagewalk", [str(pid), hex(address), "--json"])
    except Bad as failure:
        raise Bad(f"pagewalk cannot walk {what} ({hex(address)}) in process {pid}: {failure.message[-120:]}") \
            from None
    if doc.get("kind") != "walk":
        raise CannotCheck("pagewalk printed a document of another kind than walk; report this as a virtlab bug")
    if not doc["access"]["pfn_visible"]:
        raise CannotCheck("pagewalk sees no frame numbers here (it needs CAP_SYS_ADMIN): run `sudo make grade`")
    return doc


def resident_pages(ctx, pid: int, s: Seeded) -> set:
    end = s.buf_address + s.pages * PAGE
    try:
        doc = ctx.tool_json("pagewalk", [str(pid), "--list", "--range", f"{s.buf_address:#x}-{end:#x}", "--json"])
    except Bad:
        raise Bad("the buffer is not mapped at BUF_ADDRESS (mmap it there with MAP_FIXED_NOREPLACE)") from None
    pages = set()
    for run in doc["runs"]:
        if run["state"] == "present":
            first = (int(run["start"], 16) - s.buf_address) // PAGE
            pages.update(range(first, first + run["pages"]))
    return pages


def pages_text(pages) -> str:
    return " ".join(map(str, sorted(pages))) or "none"


def set_subreaper(on: bool) -> None:
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(36, 1 if on else 0, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def reap_orphans() -> None:
    """Waits for the children memlab left (they were killed with its process group), then stops being a subreaper."""
    deadline = time.monotonic() + 3
    try:
        while time.monotonic() < deadline:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                time.sleep(0.02)
    except ChildProcessError:
        pass
    set_subreaper(False)


def hint(en: str, ko: str) -> dict:
    return {"en": en, "ko": ko}


# --- checks --------------------------------------------------------------------------------------------------------
@lab.check("program-runs", points=1, timeout=90, title={"en": "memlab.c builds and reaches its first pause",
                                            "ko": "memlab.c 가 빌드되고 첫 pause 까지 실행됨"},
           hints=[hint("Run `make run` yourself: it builds with `cc -O0 -Wall` and stops at `pause = variable`.",
                       "`make run` 으로 직접 실행해 보세요: `cc -O0 -Wall` 로 빌드하고 `pause = variable` 에서 멈춥니다."),
                  hint("Keep the given report() and pause_at(): they fflush, so the grader sees each line at once.",
                       "주어진 report() 와 pause_at() 을 그대로 쓰세요: fflush 를 하므로 채점기가 줄을 바로 봅니다.")])
def program_runs(ctx):
    ctx.need_root()  # frame numbers in pagemap and /proc/kpageflags: CAP_SYS_ADMIN
    source = ctx.path("memlab.c")
    if not os.path.exists(source):
        raise Missing("memlab.c does not exist; run `make handout SEED=<your id>` first")
    build = tempfile.mkdtemp(prefix="vl-memlab-")
    ctx.on_cleanup(lambda: shutil.rmtree(build, ignore_errors=True))
    exe = os.path.join(build, "memlab")
    proc = ctx.run(["cc", "-O0", "-Wall", "-o", exe, "memlab.c"], timeout=60)
    if proc.returncode != 0:
        errors = [line for line in proc.stderr.splitlines() if "error" in line]
        raise Bad("memlab.c does not compile: " + (errors[0] if errors else f"cc exit {proc.returncode}")[:160])
    # memlab forks: its child must not outlive the grader, even as a zombie when memlab is killed. As a subreaper
    # the grader inherits (and reaps) it; first it lets memlab end by itself (end of input), then kills the group.
    set_subreaper(True)
    ctx.on_cleanup(reap_orphans)
    ctx.shared["program"] = Program(ctx, exe)
    ctx.on_cleanup(ctx.shared["program"].close)
    ctx.shared["program"].advance_to("variable")
    return "built with cc -O0 -Wall, reached `pause = variable`"


@lab.check("pfn-of-variable", points=3, needs=["program-runs"],
           title={"en": "the frame (PFN) behind `counter`", "ko": "`counter` 뒤의 물리 프레임 번호 (PFN)"},
           hints=[hint("The entry of address va is the 8 bytes at offset (va / 4096) * 8 of /proc/self/pagemap.",
                       "주소 va 의 엔트리는 /proc/self/pagemap 의 오프셋 (va / 4096) * 8 에 있는 8바이트입니다."),
                  hint("Bit 63 says present; the PFN is bits 0-54 only (55 soft-dirty, 56 exclusive are flags).",
                       "비트 63 은 present, PFN 은 비트 0-54 뿐입니다 (55 soft-dirty, 56 exclusive 는 플래그)."),
                  hint("Check yourself: `sudo pagewalk <pid> <counter.address>` while memlab waits at the pause.",
                       "memlab 이 pause 에서 기다리는 동안 `sudo pagewalk <pid> <counter.address>` 로 확인해 보세요.")])
def pfn_of_variable(ctx):
    s, prog = seeded(ctx), program(ctx)
    values = prog.advance_to("variable")
    address = value_int(values, "counter.address", "variable")
    given = value_int(values, "counter.pfn", "variable")
    try:
        with open(f"/proc/{prog.pid}/mem", "rb") as mem:
            mem.seek(address)
            stored = int.from_bytes(mem.read(8), "little")
    except (OSError, ValueError, OverflowError):
        raise Bad(f"counter.address = {values['counter.address'][:20]} is not readable memory of memlab") from None
    if stored != s.counter_value:
        raise Bad(f"the 8 bytes at counter.address hold {stored:#x}, not COUNTER_VALUE: print &counter, "
                  "after storing COUNTER_VALUE in it")
    doc = walk(ctx, prog.pid, address, "counter.address")
    live = doc["pfn"]
    if live is None:
        raise Bad("counter's page is not in RAM at `pause = variable`; store COUNTER_VALUE before the report")
    if given != live:
        why = ""
        if given == 0:
            why = " (0: a wrong pagemap offset, or a present bit read from the wrong place?)"
        elif given >> 55:
            why = " (it has bits above 54 set: those are flags, not part of the frame number)"
        raise Bad(f"counter.pfn = {given} is not the frame pagewalk finds behind counter{why}")
    ctx.shared["pfn_ok"] = True
    return f"counter at {address:#x} is in frame {live:#x}"


def residency_check(ctx, stage: str, key: str, touched: list, when: str):
    s, prog = seeded(ctx), program(ctx)
    values = prog.advance_to(stage)
    live = resident_pages(ctx, prog.pid, s)
    missing = sorted(set(touched) - live)
    if missing:
        raise Bad(f"buffer page {missing[0]} is not in RAM at `pause = {stage}`, but the worksheet asks you to "
                  f"write one byte into it {when}")
    given = value_pages(values, key, stage)
    if given != live:
        extra, absent = sorted(given - live), sorted(live - given)
        if extra:
            raise Bad(f"{key} lists page {extra[0]}, which is not in RAM (pagewalk: not present); a mapped page "
                      "gets a frame only when it is first touched")
        raise Bad(f"page {absent[0]} is in RAM (pagewalk: present) but {key} does not list it")
    return f"{key} = {pages_text(live)}, as pagewalk sees it"


@lab.check("resident-before", points=2, needs=["pfn-of-variable"],
           title={"en": "resident pages after the first writes", "ko": "처음 쓴 뒤 상주(resident) 페이지"},
           hints=[hint("mmap only reserves addresses: a page gets a frame at its first touch (a page fault).",
                       "mmap 은 주소만 예약합니다: 페이지는 처음 접근할 때 (페이지 폴트) 프레임을 받습니다."),
                  hint("For each page i ask pagemap about buf + i * 4096 (bit 63), or use mincore().",
                       "각 페이지 i 에 대해 buf + i * 4096 의 pagemap 비트 63 을 보거나 mincore() 를 쓰세요.")])
def resident_before(ctx):
    return residency_check(ctx, "before", "resident.before", seeded(ctx).first_touch, "before this pause")


@lab.check("resident-after", points=2, needs=["pfn-of-variable"],
           title={"en": "resident pages after the second writes", "ko": "두 번째로 쓴 뒤 상주 페이지"},
           hints=[hint("After writing the SECOND_TOUCH pages too, list every page that is in RAM now.",
                       "SECOND_TOUCH 페이지까지 쓴 뒤, 지금 RAM 에 있는 페이지를 모두 적으세요."),
                  hint("Pages written before stay resident (there is no memory pressure here).",
                       "앞에서 쓴 페이지도 그대로 상주합니다 (여기서는 메모리 부족이 없습니다).")])
def resident_after(ctx):
    s = seeded(ctx)
    return residency_check(ctx, "after", "resident.after", s.first_touch + s.second_touch, "before this pause")


LEVEL_KEYS = [(39, "split.pgd"), (30, "split.pud"), (21, "split.pmd"), (12, "split.pte"), (0, "split.offset")]


@lab.check("index-split", points=2, needs=["program-runs"],
           title={"en": "page-table indices of SPLIT_ADDRESS", "ko": "SPLIT_ADDRESS 의 페이지 테이블 인덱스"},
           hints=[hint("x86-64: PGD bits 47-39, PUD 38-30, PMD 29-21, PTE 20-12, offset 11-0.",
                       "x86-64: PGD 비트 47-39, PUD 38-30, PMD 29-21, PTE 20-12, 오프셋 11-0."),
                  hint("Each index is (address >> low_bit) & 511 (9 bits); the offset is address & 4095.",
                       "각 인덱스는 (주소 >> 낮은 비트) & 511 (9비트), 오프셋은 주소 & 4095 입니다.")])
def index_split(ctx):
    s, prog = seeded(ctx), program(ctx)
    values = prog.advance_to("split")
    doc = walk(ctx, prog.pid, s.split_address, "SPLIT_ADDRESS (inside the buffer)")
    levels = {level["low_bit"]: level for level in doc["split"]["levels"]}
    for low_bit, key in LEVEL_KEYS:
        given = value_int(values, key, "split")
        level = levels.get(low_bit)
        if level is None:
            raise CannotCheck(f"pagewalk shows no level starting at bit {low_bit} ({doc['split']['paging_mode']})")
        if given != level["index"]:
            raise Bad(f"{key} = {given} is not the {level['name']} index (bits {level['high_bit']}-{low_bit}) "
                      "of SPLIT_ADDRESS")
    return f"{doc['split']['paging_mode']}: every index matches pagewalk's split"


def child_of(pid: int, child: int) -> bool:
    try:
        with open(f"/proc/{child}/stat", encoding="utf-8", errors="replace") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1]) == pid
    except (OSError, ValueError, IndexError):
        return False


def cow_frames(ctx, stage: str):
    s, prog = seeded(ctx), program(ctx)
    values = prog.advance_to(stage)
    if "cow_child" not in ctx.shared:
        child = value_int(values, "cow.child_pid", stage)
        if child <= 0 or not child_of(prog.pid, child):
            raise Bad(f"cow.child_pid = {child} is not a live child of memlab (pid {prog.pid})")
        ctx.shared["cow_child"] = child
    child = ctx.shared["cow_child"]
    frames = {}
    for who, pid in (("parent", prog.pid), ("child", child)):
        doc = walk(ctx, pid, s.cow_address, f"buffer page COW_PAGE of the {who}")
        if doc["pfn"] is None:
            raise Bad(f"buffer page COW_PAGE is not in RAM in the {who} at `pause = {stage}`: it must have a frame "
                      "(be written) before fork")
        frames[who] = doc["pfn"]
    return values, frames


def compare_cow(values: dict, frames: dict, stage: str) -> None:
    for who in ("parent", "child"):
        given = value_int(values, f"cow.{who}_pfn", stage)
        if given != frames[who]:
            raise Bad(f"cow.{who}_pfn = {given} at `pause = {stage}` is not the frame pagewalk finds in the {who}")


@lab.check("cow-shared", points=3, needs=["pfn-of-variable"],
           title={"en": "after fork: parent and child share the frame", "ko": "fork 직후: 부모와 자식이 프레임 공유"},
           hints=[hint("fork copies the page table, not the pages: both entries point at the same frame, read-only.",
                       "fork 는 페이지가 아니라 페이지 테이블을 복사합니다: 두 엔트리가 같은 프레임을 가리킵니다."),
                  hint("Read the child's entry from /proc/<child pid>/pagemap; nobody may write the page yet.",
                       "자식의 엔트리는 /proc/<자식 pid>/pagemap 에서 읽고, 아직 아무도 그 페이지에 쓰면 안 됩니다.")])
def cow_shared(ctx):
    values, frames = cow_frames(ctx, "cow-before")
    if frames["parent"] != frames["child"]:
        raise Bad("at `pause = cow-before` parent and child already use different frames for page COW_PAGE: "
                  "the page was written after fork, before this pause")
    compare_cow(values, frames, "cow-before")
    ctx.shared["cow_frame"] = frames["parent"]
    return f"both on frame {frames['parent']:#x}"


@lab.check("cow-private", points=3, needs=["cow-shared"],
           title={"en": "after the write: the writer gets its own copy", "ko": "쓰기 뒤: 쓴 쪽이 자기 복사본을 받음"},
           hints=[hint("The write faults (the entry is read-only after fork); the kernel copies the page for the "
                       "process that wrote. The other keeps the old frame.",
                       "쓰기는 폴트를 일으키고 (fork 뒤 엔트리는 읽기 전용), 커널은 쓴 프로세스에게 복사본을 줍니다. "
                       "다른 쪽은 옛 프레임을 유지합니다."),
                  hint("Write after `pause = cow-before` and before the second report; COW_WRITER_IS_CHILD says who.",
                       "`pause = cow-before` 뒤, 두 번째 보고 전에 쓰세요; 누가 쓸지는 COW_WRITER_IS_CHILD 입니다.")])
def cow_private(ctx):
    s = seeded(ctx)
    values, frames = cow_frames(ctx, "cow-after")
    old = ctx.shared["cow_frame"]
    other = "parent" if s.cow_writer == "child" else "child"
    if frames["parent"] == old and frames["child"] == old:
        raise Bad("nobody wrote page COW_PAGE after `pause = cow-before`: parent and child still share the frame")
    if frames[s.cow_writer] == old or frames[other] != old:
        raise Bad(f"the {other} got a new frame, but the worksheet asks the {s.cow_writer} to write")
    compare_cow(values, frames, "cow-after")
    return f"the {s.cow_writer} moved to frame {frames[s.cow_writer]:#x}, the {other} kept {old:#x}"


@lab.check("referenced-dirty", points=3, needs=["pfn-of-variable"],
           title={"en": "Referenced and Dirty of a file page", "ko": "파일 페이지의 Referenced 와 Dirty"},
           hints=[hint("/proc/kpageflags holds one 64-bit word per frame, at offset pfn * 8.",
                       "/proc/kpageflags 에는 프레임마다 64비트 워드가 하나씩, 오프셋 pfn * 8 에 있습니다."),
                  hint("REFERENCED is bit 2, DIRTY is bit 4 (include/uapi/linux/kernel-page-flags.h).",
                       "REFERENCED 는 비트 2, DIRTY 는 비트 4 입니다 (include/uapi/linux/kernel-page-flags.h)."),
                  hint("Do the access FLAGS_ACCESS_IS_WRITE asks for before reading the flags.",
                       "플래그를 읽기 전에 FLAGS_ACCESS_IS_WRITE 가 말하는 접근을 하세요.")])
def referenced_dirty(ctx):
    s, prog = seeded(ctx), program(ctx)
    values = prog.advance_to("flags")
    address = value_int(values, "flags.address", "flags")
    doc = walk(ctx, prog.pid, address, "flags.address")
    if doc["vma"]["kind"] != "file" or not doc["vma"]["perms"].endswith("s"):
        raise Bad("flags.address is not in a MAP_SHARED file mapping (keep the given file_page())")
    if doc["pfn"] is None:
        raise Bad("the file page is not in RAM at `pause = flags`")
    if doc["kpageflags"] is None:
        raise CannotCheck("pagewalk cannot read /proc/kpageflags here (root only): run `sudo make grade`")
    names = {flag["name"] for flag in doc["kpageflags"]["set"]}
    live = {"referenced": int("REFERENCED" in names), "dirty": int("DIRTY" in names)}
    if s.flags_access == "write" and not live["dirty"]:
        raise Bad("the file page is not Dirty: the worksheet asks you to write one byte through the mapping")
    if s.flags_access == "read" and not live["referenced"]:
        raise Bad("the file page is not Referenced: the worksheet asks you to read one byte with pread")
    given_pfn = value_int(values, "flags.pfn", "flags")
    if given_pfn != doc["pfn"]:
        raise Bad(f"flags.pfn = {given_pfn} is not the frame pagewalk finds behind flags.address")
    for name in ("referenced", "dirty"):
        given = value_int(values, f"flags.{name}", "flags")
        if given not in (0, 1):
            raise Bad(f"flags.{name} = {given}: a flag is 0 or 1")
        if given != live[name]:
            raise Bad(f"flags.{name} = {given}, but kpageflags of frame {doc['pfn']:#x} says otherwise")
    return f"after the {s.flags_access}: REFERENCED {live['referenced']}, DIRTY {live['dirty']}"


# --- handout, solution (the typical mistakes: solution/mistakes.py) ------------------------------------------------
def read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def worksheet(seed: int, s: Seeded, lang: str) -> str:
    text = read(os.path.join(HERE, f"worksheet.{lang}.md"))
    numbers = {
        "SEED": str(seed), "COUNTER_VALUE": f"{s.counter_value:#x}", "BUF_ADDRESS": f"{s.buf_address:#x}",
        "BUF_PAGES": str(s.pages), "FIRST_TOUCH": pages_text(s.first_touch),
        "SECOND_TOUCH": pages_text(s.second_touch), "SPLIT_ADDRESS": f"{s.split_address:#x}",
        "COW_PAGE": str(s.cow_page), "COW_VALUE": str(s.cow_value),
        "COW_WRITER": {"en": s.cow_writer, "ko": "자식" if s.cow_writer == "child" else "부모"}[lang],
        "FLAGS_ACCESS": {"en": {"write": "write one byte through the mapping", "read": "read one byte with pread"},
                         "ko": {"write": "매핑을 통해 1바이트 쓰기", "read": "pread 로 1바이트 읽기"}}[lang][
                             s.flags_access],
    }
    for key, value in numbers.items():
        text = text.replace("{" + key + "}", value)
    return text


@lab.handout
def handout(seed, work, lang):
    s = seeded_for(seed)
    write_text(os.path.join(work, "memlab_seed.h"), s.header(seed))
    write_text(os.path.join(work, "worksheet.md"), worksheet(seed, s, lang))
    write_if_absent(os.path.join(work, "memlab.c"), read(os.path.join(HERE, "starter", "memlab.c")))
    print(read(os.path.join(work, "worksheet.md")), end="")
    print("wrote memlab_seed.h, worksheet.md, memlab.c: complete the TODOs, `make run` to try, `make grade`"
          if lang == "en" else
          "memlab_seed.h, worksheet.md, memlab.c 를 만들었습니다: TODO 를 채우고 `make run` 으로 실행, `make grade` 로 채점")


@lab.solve
def solve(seed, work):
    write_text(os.path.join(work, "memlab_seed.h"), seeded_for(seed).header(seed))
    shutil.copy(os.path.join(HERE, "solution", "memlab.c"), os.path.join(work, "memlab.c"))


if __name__ == "__main__":
    lab.main()
