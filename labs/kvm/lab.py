#!/usr/bin/env python3
"""KVM lab: a guest in assembly, graded from the VM exits it causes on the real KVM.

The student writes real.asm (16-bit real mode) and long.asm (64-bit long mode, with page tables it builds itself);
the grader assembles them (nasm -f bin) into a folder of its own, runs each with `vmctl run --image … --json`
(schema vmctl/1) and checks the exit trace: one IO exit per message byte on the seeded port, one MMIO read at the
seeded address, HLT at the end. The long-mode tables are checked with `vmctl translate --image long.bin --json`
(vmctl runs the image to HLT and walks from the CR3 it ended with), and the student's hand translation of a seeded
GVA (answers.txt) against the same walk. See README.md.
"""
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from gradelib import (Bad, CannotCheck, Lab, Missing, UsageError, derive, write_if_absent,  # noqa: E402
                      write_text)

HERE = os.path.dirname(os.path.abspath(__file__))
LAB = "kvm"
PORTS = [0x3F8, 0xE9]
WORDS = ["guest", "vcpu", "exit", "kvm", "trap", "mmio", "port", "page", "frame", "host", "ring", "tlb"]
REAL_MEM = "512K"          # real mode: RAM is 0x00000-0x7ffff, so the 0xa0000-0xbffff window has no memslot
LONG_MEM = "2M"            # long mode: RAM is 0-2 MiB; vmctl identity-maps up to 1 GiB
VMCTL_TIMEOUT = 2.0        # seconds a guest may run before vmctl stops it (scaled); nested: see guest_timeout()

lab = Lab(LAB, title={"en": "A KVM guest in assembly: VM exits, MMIO and your own page tables",
                      "ko": "어셈블리로 만드는 KVM 게스트: VM exit, MMIO, 직접 만든 페이지 테이블"})


# --- the student's numbers -------------------------------------------------------------------------------------------
def params(seed: int) -> dict:
    """Every number of this student's exercise, from the seed (gradelib.derive; documented in README.md)."""
    d = lambda name, lo, hi: derive(LAB, seed, name, lo, hi)  # noqa: E731
    p = {
        "real_message": WORDS[d("real.word", 0, len(WORDS) - 1)] + str(d("real.number", 10, 99)),
        "real_port": PORTS[d("real.port", 0, 1)],
        "real_mmio": d("real.mmio", 0xA0000, 0xBFFFF),
        "long_message": WORDS[d("long.word", 0, len(WORDS) - 1)] + "-" + str(d("long.number", 100, 999)),
        "long_port": PORTS[d("long.port", 0, 1)],
        "long_mmio": (d("long.mmio.page", 0x08000, 0x3FFFF) << 12) | (d("long.mmio.offset", 0, 0x3FF) << 2),
        # The four tables of the student's walk, in separate 128 KiB bands of RAM (never the same page).
        "pml4": d("long.pml4", 0x20, 0x3F) << 12,
        "pdpt": d("long.pdpt", 0x40, 0x5F) << 12,
        "pd": d("long.pd", 0x60, 0x7F) << 12,
        "pt": d("long.pt", 0x80, 0x9F) << 12,
        "map_gpa": d("long.map.gpa", 0x100, 0x1FF) << 12,
        "i4": d("long.map.pml4", 1, 255),
        "i3": d("long.map.pdpt", 0, 511),
        "i2": d("long.map.pd", 0, 511),
        "i1": d("long.map.pt", 0, 511),
        "hand_offset": d("hand.offset", 1, 0xFFF),
    }
    p["map_gva"] = p["i4"] << 39 | p["i3"] << 30 | p["i2"] << 21 | p["i1"] << 12
    p["hand_gva"] = p["map_gva"] + p["hand_offset"]
    return p


# --- assembling and running ------------------------------------------------------------------------------------------
def scratch(ctx) -> str:
    """The grader's own folder for assembled images (removed at cleanup; the student's folder is never written)."""
    if "scratch" not in ctx.shared:
        path = tempfile.mkdtemp(prefix="vl-kvm-grade-")
        ctx.shared["scratch"] = path
        ctx.on_cleanup(lambda: shutil.rmtree(path, ignore_errors=True))
    return ctx.shared["scratch"]


def nasm_error(stderr: str, source: str) -> str:
    for line in stderr.splitlines():
        if "error" in line.lower():
            return line.strip()[:200]
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[0][:200] if lines else f"nasm could not assemble {source}"


def assemble(ctx, name: str) -> str:
    source = ctx.path(f"{name}.asm")
    if not os.path.exists(source):
        raise Missing(f"{name}.asm does not exist; run `make handout SEED=<your id>` for the starter file")
    nasm = shutil.which("nasm")
    if not nasm:
        raise CannotCheck("nasm is not installed here; install it (apt-get install nasm) and grade again")
    image = os.path.join(scratch(ctx), f"{name}.bin")
    proc = ctx.run([nasm, "-f", "bin", "-o", image, f"{name}.asm"], timeout=20)  # cwd: the work folder
    if proc.returncode != 0:
        raise Bad(f"nasm: {nasm_error(proc.stderr, name + '.asm')}")
    size = os.path.getsize(image) if os.path.exists(image) else 0
    if size == 0:
        raise Missing(f"{name}.asm assembles to an empty image: no instructions yet")
    if size > 0xF000:
        raise Bad(f"{name}.asm assembles to {size} bytes; the guest must fit in 60 KiB")
    ctx.shared[f"{name}.bin"] = image
    return f"{size} bytes"


def nested_expected() -> bool:
    return not os.path.exists("/dev/kvm")


def guest_timeout(ctx) -> float:
    """vmctl --timeout: short on this machine's KVM; under nesting (QEMU TCG) guests run far slower."""
    return ctx.scaled(VMCTL_TIMEOUT * (5 if nested_expected() else 1))


def vmctl_json(ctx, args: list[str]) -> tuple[dict, int, str]:
    """vmctl with --json: its validated document, exit code and error line. vmctl prints the document also when the
    guest fails (exit 1: timeout, triple fault), so a failed guest still has its trace."""
    # Not ctx.tool_json(accept_exit=(0, 1)): the caller needs the exit code and vmctl's own error line, exit 2 (the
    # image refused) is named as such, and a failure without a document is the student's guest, not a virtlab bug.
    # Nested, vmctl runs the guest in the test VM: stopped gently (SIGTERM, 10 s), it removes its QEMU.
    timeout = 240.0 if nested_expected() else 30.0
    proc = ctx.run([ctx.tool("vmctl")] + args + ["--json"], timeout=timeout, gentle=nested_expected())
    err = error_line(proc.stderr)
    if proc.returncode in (4, 5):
        raise CannotCheck(f"vmctl cannot run a VM here: {err} (needs root and /dev/kvm, or QEMU for the test VM)")
    if proc.returncode == 2:
        raise Bad(f"vmctl refused the image: {err}")
    if not proc.stdout.strip():
        if proc.returncode == 0:
            raise CannotCheck("vmctl printed no JSON document; report this as a virtlab bug")
        raise Bad(f"vmctl failed (exit {proc.returncode}): {err}")
    return ctx.validated("vmctl", proc.stdout), proc.returncode, err


def error_line(stderr: str) -> str:
    lines = [line.strip() for line in (stderr or "").splitlines() if line.strip()]
    for line in lines:  # vmctl's error line, not its notice that it runs inside the test VM
        if line.startswith("vmctl: error:"):
            return line[:200]
    return lines[-1][:200] if lines else "(no message)"


def run_guest(ctx, name: str) -> dict:
    key = f"{name}.run"
    if key not in ctx.shared:
        mode, mem = ("real", REAL_MEM) if name == "real" else ("long", LONG_MEM)
        doc, code, err = vmctl_json(ctx, ["run", "--image", ctx.shared[f"{name}.bin"], "--mode", mode, "--mem", mem,
                                          "--timeout", f"{guest_timeout(ctx):.1f}"])
        if doc.get("command") != "run":
            raise CannotCheck(f"vmctl printed a {doc.get('command')!r} document for run")
        run = doc["run"]
        regs = (run["vcpu_reports"] or [{}])[0].get("registers", {})
        ctx.log(f"[{name}] outcome {run['outcome']}: {run['outcome_meaning']}; final RIP "
                f"{regs.get('rip', 0):#x}\n[{name}] exit trace ({run['exits']['total']} exits):\n" +
                "\n".join(f"  {e['text']}" for e in run["exits"]["trace"][-64:]))
        ctx.shared[key] = (doc["run"], code, err)
    return ctx.shared[key]


def trace_of(run: dict) -> list[dict]:
    return run["exits"]["trace"]


def describe_exit(e: dict) -> str:
    if e["reason"] == "IO":
        return f"IO {e.get('direction')} port {e.get('port', 0):#x}"
    if e["reason"] == "MMIO":
        return f"MMIO {e.get('direction')} {e.get('address', 0):#x}"
    return e["reason"]


def check_halts(ctx, name: str) -> str:
    run, code, err = run_guest(ctx, name)
    trace = trace_of(run)
    outcome = run["outcome"]
    if outcome == "timeout":
        raise Bad(f"the guest did not halt within {guest_timeout(ctx):.1f} s: vmctl stopped it "
                  f"({run['exits']['total']} exits; the last was {describe_exit(trace[-1]) if trace else 'none'})")
    if outcome == "shutdown":
        rip = (run["vcpu_reports"] or [{}])[0].get("registers", {}).get("rip", 0xFFF0)
        where = "" if rip == 0xFFF0 else f" at RIP {rip:#x}"  # AMD: KVM resets the vCPU, RIP is the reset vector
        raise Bad(f"the guest triple-faulted (KVM_EXIT_SHUTDOWN){where}: an exception with no IDT to handle it, "
                  "e.g. running past the end of the code or a page fault")
    if outcome != "halted":
        raise Bad(f"the guest ended with {outcome}: {run['outcome_meaning']}")
    if not trace or trace[-1]["reason"] != "HLT":
        raise Bad(f"the last exit is {describe_exit(trace[-1]) if trace else 'missing'}, not HLT")
    if run["exits"]["dropped_from_ring"]:
        raise Bad(f"the guest caused {run['exits']['total']} exits, more than vmctl's trace keeps: far too many")
    return f"{run['exits']['total']} exits, HLT last"


def check_serial(ctx, name: str, message: str, port: int) -> str:
    run, _, _ = run_guest(ctx, name)
    ios = [e for e in trace_of(run) if e["reason"] == "IO"]
    want = message.encode()
    got = bytearray()
    for n, e in enumerate(ios, 1):
        if e.get("direction") != "out":
            raise Bad(f"IO exit {n} is an IN from port {e.get('port', 0):#x}; the guest should only write (OUT)")
        if e.get("port") != port:
            raise Bad(f"IO exit {n} went to port {e.get('port', 0):#x}, not the port your handout names")
        if e.get("size") != 1 or e.get("count") != 1:
            raise Bad(f"IO exit {n} carried {e.get('size')} x {e.get('count')} bytes; one OUT of one byte (AL) per "
                      "character is asked for (no OUTSW / REP OUTSB)")
        got.extend(bytes(e.get("data", [])[:1]))
    shown = got.decode("latin-1")
    if bytes(got) == want:
        return f"{len(ios)} IO exits on {port:#x}: {shown!r}"
    for i in range(min(len(got), len(want))):
        if got[i] != want[i]:
            raise Bad(f"byte {i + 1} of the output is {shown[i]!r}, the message has {chr(want[i])!r} there "
                      f"(the guest printed {shown!r})")
    if len(got) < len(want):
        raise Bad(f"the guest printed {shown!r}: {len(got)} of the message's {len(want)} bytes "
                  f"({'nothing' if not got else str(len(want) - len(got)) + ' at the end missing'}; "
                  "check the loop count)")
    raise Bad(f"the guest printed {shown!r}: {len(got) - len(want)} byte(s) more than the message")


def check_mmio(ctx, name: str, address: int) -> str:
    run, _, _ = run_guest(ctx, name)
    mmio = [e for e in trace_of(run) if e["reason"] == "MMIO"]
    if not mmio:
        raise Bad("no MMIO exit: the read reached RAM (or nothing was read); the address must be the one with no "
                  "memory behind it" + (" (check the segment:offset you used)" if name == "real" else ""))
    if len(mmio) > 1:
        raise Bad(f"{len(mmio)} MMIO exits ({', '.join(describe_exit(e) for e in mmio[:3])}); exactly one read "
                  "is asked for")
    e = mmio[0]
    if e.get("direction") != "read":
        raise Bad(f"the MMIO exit at {e.get('address', 0):#x} is a write; the device register must be read")
    if e.get("address") != address:
        raise Bad(f"the MMIO read went to GPA {e.get('address', 0):#x}, not the device address in your handout")
    return f"MMIO read of {e.get('length')} byte(s) at {address:#x}"


# --- long mode: the student's tables through vmctl translate ---------------------------------------------------------
def translation(ctx) -> dict:
    if "translate" not in ctx.shared:
        p = params(ctx.seed)
        doc, code, err = vmctl_json(ctx, ["translate", "--image", ctx.shared["long.bin"], "--mode", "long",
                                          "--mem", LONG_MEM, "--timeout", f"{guest_timeout(ctx):.1f}",
                                          hex(p["map_gva"]), hex(p["hand_gva"])])
        if code != 0 or doc.get("command") != "translate":
            raise Bad(f"vmctl translate failed (exit {code}): {err}")
        ctx.shared["translate"] = doc["translate"]
    return ctx.shared["translate"]


LEVELS = [("PML4", "pml4", "i4"), ("PDPT", "pdpt", "i3"), ("PD", "pd", "i2"), ("PT", "pt", "i1")]


def check_tables(ctx) -> str:
    p = params(ctx.seed)
    t = translation(ctx)
    if t["cr3"] & ~0xFFF != p["pml4"]:
        raise Bad(f"CR3 at HLT is {t['cr3']:#x}, not your PML4 at {p['pml4']:#x}: load CR3 with your PML4's GPA")
    chain = t["chains"][0]
    walk = chain["walk"]
    levels = walk["levels"]
    for n, (table, key, _) in enumerate(LEVELS):
        if n >= len(levels):
            break
        level = levels[n]
        if level["table_gpa"] != p[key]:
            raise Bad(f"the walk of {p['map_gva']:#x} finds its {table} at GPA {level['table_gpa']:#x}, but the "
                      f"handout puts the {table} at {p[key]:#x} (check the entry one level up)")
        if not level["entry"] & 1:
            raise Bad(f"the {table} entry {level['index']} (at GPA {level['entry_gpa']:#x}) = {level['entry']:#x} "
                      "is not present: the walk stops there (which bit says present?)")
        if level["leaf"] and table != "PT":
            raise Bad(f"the {table} entry {level['index']} has the PS bit (a large page): the handout asks for a "
                      "4 KiB page through a PT")
    if walk["gpa"] is None:
        raise Bad(f"vmctl's walk of {p['map_gva']:#x} ends without a GPA: {walk['fault'] or 'unmapped'}")
    if walk["gpa"] != p["map_gpa"]:
        raise Bad(f"GVA {p['map_gva']:#x} maps to GPA {walk['gpa']:#x}, not the page at {p['map_gpa']:#x} "
                  "the handout asks for")
    if not chain["agree"]:
        raise Bad(f"vmctl's walk says {walk['gpa']:#x} but KVM_TRANSLATE disagrees "
                  f"({chain['kvm_translate']['gpa']}): check reserved bits in your entries")
    return f"GVA {p['map_gva']:#x} -> GPA {walk['gpa']:#x} over your 4 tables (KVM_TRANSLATE agrees)"


ANSWER_KEYS = ["pml4_index", "pdpt_index", "pd_index", "pt_index", "offset", "pte_gpa", "gpa"]


def hand_chain(ctx) -> dict:
    chain = translation(ctx)["chains"][1]
    if chain["gpa"] is None or len(chain["walk"]["levels"]) != 4:
        raise Bad(f"vmctl cannot translate {chain['gva']:#x} through your tables: {chain['walk']['fault']}")
    return chain


def check_indices(ctx) -> str:
    answers = ctx.read_answers()
    chain = hand_chain(ctx)
    levels = chain["walk"]["levels"]
    for n, (key, level) in enumerate(zip(ANSWER_KEYS[:4], levels)):
        if ctx.answer_int(answers, key) != level["index"]:
            raise Bad(f"{key} = {answers[key]} is not the {level['table']} index the MMU uses for this GVA "
                      f"(GVA bits {47 - 9 * n}..{39 - 9 * n})")
    if ctx.answer_int(answers, "offset") != chain["gva"] & 0xFFF:
        raise Bad(f"offset = {answers['offset']} is not the page offset of the GVA (its low 12 bits)")
    if ctx.answer_int(answers, "pte_gpa") != levels[3]["entry_gpa"]:
        raise Bad(f"pte_gpa = {answers['pte_gpa']} is not where the PT entry lies (PT base + 8 x PT index)")
    return "indices, offset and PT entry address match vmctl's walk"


def check_gpa(ctx) -> str:
    answers = ctx.read_answers()
    chain = hand_chain(ctx)
    got = ctx.answer_int(answers, "gpa")
    if got != chain["gpa"]:
        if got == chain["gpa"] & ~0xFFF:
            raise Bad(f"gpa = {answers['gpa']} is the page's base: the page offset is missing")
        raise Bad(f"gpa = {answers['gpa']} is not what vmctl's walk of your tables gives for {chain['gva']:#x}")
    return f"GVA {chain['gva']:#x} -> GPA {chain['gpa']:#x}, as vmctl's walk and KVM_TRANSLATE say"


# --- the checks ------------------------------------------------------------------------------------------------------
def hint(en: str, ko: str) -> dict:
    return {"en": en, "ko": ko}


RUN_TIMEOUT = 300  # a check's own limit (vmctl calls inside have theirs); nested runs boot the test VM


def declare(mode: str):
    p_message, p_port, p_mmio = f"{mode}_message", f"{mode}_port", f"{mode}_mmio"
    real = mode == "real"

    @lab.check(f"{mode}-assembles", points=1, timeout=60,
               title={"en": f"{mode}.asm assembles (nasm -f bin)", "ko": f"{mode}.asm 어셈블 (nasm -f bin)"},
               hints=[hint(f"Try it yourself: nasm -f bin -o {mode}.bin {mode}.asm — the first error line names the "
                           "line number.",
                           f"직접 해 보세요: nasm -f bin -o {mode}.bin {mode}.asm — 첫 error 줄에 줄 번호가 나옵니다."),
                      hint("Keep the `bits` and `org` lines of the starter: " +
                           ("bits 16 / org 0 (CS = DS = 0x1000 at entry)." if real else "bits 64 / org 0x10000."),
                           "시작 파일의 `bits`, `org` 줄은 그대로 두세요: " +
                           ("bits 16 / org 0 (진입 시 CS = DS = 0x1000)." if real else "bits 64 / org 0x10000."))])
    def assembles(ctx):
        return assemble(ctx, mode)

    @lab.check(f"{mode}-halts", points=2, needs=[f"{mode}-assembles"], timeout=RUN_TIMEOUT,
               title={"en": f"{mode} guest ends with HLT", "ko": f"{mode} 게스트가 HLT로 끝남"},
               hints=[hint("The CPU does not stop at the end of your code: it executes whatever bytes follow "
                           "(your message, then zeros). End with `hlt`, before the data.",
                           "CPU는 코드 끝에서 멈추지 않고 그 뒤의 바이트(메시지, 0)를 계속 실행합니다. 데이터 앞에서 "
                           "`hlt`로 끝내세요."),
                      hint("Run it yourself and read the last exits: vmctl run --image " + mode + ".bin --mode " + mode
                           + (" --mem 512K" if real else "") + (
                               "" if real else ". A SHUTDOWN right after `mov cr3` means your new tables do not map "
                               "the code: copy vmctl's PML4 entry 0 into yours first."),
                           "직접 실행해 마지막 exit을 보세요: vmctl run --image " + mode + ".bin --mode " + mode
                           + (" --mem 512K" if real else "") + (
                               "" if real else ". `mov cr3` 직후 SHUTDOWN이면 새 테이블이 코드를 매핑하지 않는 것"
                               "입니다: vmctl의 PML4 0번 엔트리를 먼저 복사하세요."))])
    def halts(ctx):
        return check_halts(ctx, mode)

    @lab.check(f"{mode}-serial", points=3 if real else 2, needs=[f"{mode}-halts"], timeout=RUN_TIMEOUT,
               title={"en": f"{mode}: one IO exit per message byte on the port", "ko":
                      f"{mode}: 메시지 바이트마다 포트에 IO exit 하나"},
               hints=[hint("Each `out dx, al` (DX = the port) is one KVM_EXIT_IO of one byte. Count the bytes of "
                           "your message: a loop that stops one early loses the last one.",
                           "`out dx, al` (DX = 포트) 한 번이 1바이트 KVM_EXIT_IO 하나입니다. 메시지 바이트 수를 "
                           "세어 보세요: 하나 일찍 끝나는 반복문은 마지막 바이트를 잃습니다."),
                      hint("Let nasm count: right after `text: db \"hello\"`, the line `text_size equ $ - text` is "
                           "its length in bytes ($ = the current address), and `loop` runs CX/RCX times.",
                           "nasm이 세게 하세요: `text: db \"hello\"` 바로 뒤의 `text_size equ $ - text` 가 그 바이트 "
                           "수입니다 ($ = 현재 주소). `loop`는 CX/RCX번 돕니다.")])
    def serial(ctx):
        p = params(ctx.seed)
        return check_serial(ctx, mode, p[p_message], p[p_port])

    @lab.check(f"{mode}-mmio", points=2, needs=[f"{mode}-halts"], timeout=RUN_TIMEOUT,
               title={"en": f"{mode}: one MMIO read at the device address", "ko":
                      f"{mode}: 장치 주소에서 MMIO 읽기 한 번"},
               hints=[hint("No memslot backs the device address, so a read there leaves the guest as KVM_EXIT_MMIO. "
                           + ("In real mode an address is segment*16 + offset: load a segment register (ES) with "
                              "address >> 4 and read [es:address & 0xf]." if real else
                              "vmctl identity-maps the first 1 GiB, so after copying its PML4 entry 0 the GVA "
                              "equals the GPA: mov rbx, ADDRESS / mov eax, [rbx]."),
                           "장치 주소 뒤에는 memslot이 없어서 그곳을 읽으면 KVM_EXIT_MMIO로 게스트를 떠납니다. "
                           + ("리얼 모드 주소는 세그먼트*16 + 오프셋: ES에 주소 >> 4를 넣고 [es:주소 & 0xf]를 "
                              "읽으세요." if real else
                              "vmctl이 처음 1 GiB를 identity 매핑하므로 PML4 0번 엔트리를 복사했다면 GVA = GPA "
                              "입니다: mov rbx, 주소 / mov eax, [rbx].")),
                      hint("Without a segment override `[x]` is DS-relative (DS base 0x10000): that is RAM."
                           if real else "A write (mov [rbx], eax) is an MMIO exit too, but not a read.",
                           "세그먼트 접두어가 없으면 `[x]`는 DS 기준(DS 베이스 0x10000)이고 그곳은 RAM입니다."
                           if real else "쓰기(mov [rbx], eax)도 MMIO exit이지만 읽기가 아닙니다.")])
    def mmio(ctx):
        p = params(ctx.seed)
        return check_mmio(ctx, mode, p[p_mmio])


declare("real")
declare("long")


@lab.check("long-tables", points=3, needs=["long-halts"], timeout=RUN_TIMEOUT,
           title={"en": "long: your 4-level tables map the GVA to the GPA", "ko":
                  "long: 직접 만든 4단계 테이블이 GVA를 GPA로 매핑"},
           hints=[hint("Each entry is the next table's GPA | flags. Present is bit 0, writable bit 1: "
                       "table | 3. The entry for index i lies at table + 8*i.",
                       "엔트리 = 다음 테이블의 GPA | 플래그. Present는 0번 비트, 쓰기 가능은 1번 비트: table | 3. "
                       "인덱스 i의 엔트리는 table + 8*i 에 있습니다."),
                  hint("See your walk level by level: vmctl translate --image long.bin --mode long <GVA>",
                       "단계별 walk 보기: vmctl translate --image long.bin --mode long <GVA>")])
def long_tables(ctx):
    return check_tables(ctx)


@lab.check("translate-indices", points=2, needs=["long-tables"], timeout=RUN_TIMEOUT,
           title={"en": "translation by hand: indices, offset, PT entry", "ko":
                  "손으로 하는 변환: 인덱스, 오프셋, PT 엔트리 주소"},
           hints=[hint("A 48-bit GVA splits into 9+9+9+9 index bits and a 12-bit offset: PML4 = bits 47-39, "
                       "PDPT = 38-30, PD = 29-21, PT = 20-12, offset = 11-0.",
                       "48비트 GVA = 인덱스 9+9+9+9비트 + 오프셋 12비트: PML4 = 47-39, PDPT = 38-30, PD = 29-21, "
                       "PT = 20-12, 오프셋 = 11-0."),
                  hint("pte_gpa = the PT's GPA + 8 * PT index (entries are 8 bytes).",
                       "pte_gpa = PT의 GPA + 8 * PT 인덱스 (엔트리는 8바이트).")])
def translate_indices(ctx):
    return check_indices(ctx)


@lab.check("translate-gpa", points=2, needs=["long-tables"], timeout=RUN_TIMEOUT,
           title={"en": "translation by hand: the GPA", "ko": "손으로 하는 변환: GPA"},
           hints=[hint("GPA = the frame the PT entry points to + the page offset (the GVA's low 12 bits).",
                       "GPA = PT 엔트리가 가리키는 프레임 + 페이지 오프셋 (GVA의 하위 12비트)."),
                  hint("The notes' example: GVA 0x1000 -> GPA 0x5000; GVA 0x1234 would be GPA 0x5234.",
                       "노트의 예: GVA 0x1000 -> GPA 0x5000 이면 GVA 0x1234 는 GPA 0x5234.")])
def translate_gpa(ctx):
    return check_gpa(ctx)


# --- handout ---------------------------------------------------------------------------------------------------------
def fill(template: str, p: dict, seed: int, extra: dict | None = None) -> str:
    values = {
        "SEED": str(seed),
        "REAL_MESSAGE": p["real_message"], "REAL_LEN": str(len(p["real_message"])),
        "REAL_PORT": f"{p['real_port']:#x}", "REAL_MMIO": f"{p['real_mmio']:#x}",
        "REAL_SEG": f"{p['real_mmio'] >> 4:#x}", "REAL_OFF": f"{p['real_mmio'] & 0xF:#x}",
        "LONG_MESSAGE": p["long_message"], "LONG_LEN": str(len(p["long_message"])),
        "LONG_PORT": f"{p['long_port']:#x}", "LONG_MMIO": f"{p['long_mmio']:#x}",
        "PML4": f"{p['pml4']:#x}", "PDPT": f"{p['pdpt']:#x}", "PD": f"{p['pd']:#x}", "PT": f"{p['pt']:#x}",
        "MAP_GVA": f"{p['map_gva']:#x}", "MAP_GPA": f"{p['map_gpa']:#x}", "HAND_GVA": f"{p['hand_gva']:#x}",
        "I4": str(p["i4"]), "I3": str(p["i3"]), "I2": str(p["i2"]), "I1": str(p["i1"]),
        "REAL_MEM": REAL_MEM, "LONG_MEM": LONG_MEM,
    }
    values.update(extra or {})
    return re.sub(r"@([A-Z0-9_]+)@", lambda m: values[m.group(1)], template)


def read_template(*parts: str) -> str:
    with open(os.path.join(HERE, *parts), encoding="utf-8") as f:
        return f.read()


@lab.handout
def handout(seed, work, lang):
    p = params(seed)
    order = ["worksheet.ko.txt", "worksheet.en.txt"] if lang == "ko" else ["worksheet.en.txt", "worksheet.ko.txt"]
    text = "\n".join(fill(read_template("handout", name), p, seed) for name in order)
    write_text(os.path.join(work, "worksheet.txt"), text)
    print(text, end="")
    for name in ("real.asm", "long.asm", "answers.txt"):
        write_if_absent(os.path.join(work, name), fill(read_template("handout", name), p, seed))
    print("\nwrote worksheet.txt, real.asm, long.asm, answers.txt: write the guests, then run make grade" if lang == "en"
          else "\nworksheet.txt, real.asm, long.asm, answers.txt 를 만들었습니다: 게스트를 작성한 뒤 make grade 를 "
          "실행하세요")


# --- the reference solution: solution/reference.py (instructors only; solution/ is not in the student bundle, so
# the answers never reach students; the typical mistakes are in solution/mistakes.py) ------------------------------
def load_reference():
    path = os.path.join(HERE, "solution", "reference.py")
    if not os.path.exists(path):
        return None
    import importlib.util
    spec = importlib.util.spec_from_file_location("kvm_lab_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lab.solve
def solve(seed, work):
    reference = load_reference()
    if reference is None:
        raise UsageError("no solution/ here: the student bundle has none")
    reference.solve(seed, work, params(seed), lambda template, extra: fill(template, params(seed), seed, extra))


if __name__ == "__main__":
    lab.main()
