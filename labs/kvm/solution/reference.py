"""The kvm lab's reference solution and typical student mistakes (instructors only: solution/ is not in the student
bundle). lab.py loads this file when it exists: `solve` writes the reference real.asm, long.asm and answers.txt for
a seed; `register` declares the mistakes labs/lib/selftest.py proves (each edits a solved work directory, and
exactly the checks in `breaks`, plus the checks that need them, must stop being GOOD)."""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))


def answers(p):
    """The hand translation of GVA hand_gva through the handout's tables (same page as map_gva)."""
    return {"HAND_OFFSET": f"{p['hand_offset']:#x}", "PTE_GPA": f"{p['pt'] + 8 * p['i1']:#x}",
            "HAND_GPA": f"{p['map_gpa'] + p['hand_offset']:#x}"}


def solve(seed, work, p, fill):
    for name in ("real.asm", "long.asm", "answers.txt"):
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            text = fill(f.read(), answers(p))
        with open(os.path.join(work, name), "w", encoding="utf-8") as f:
            f.write(text)


def edit(work, name, old, new, regex=False):
    path = os.path.join(work, name)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text, n = re.subn(old, new, text, count=1, flags=re.M) if regex else (text.replace(old, new, 1), text.count(old))
    if n == 0:
        raise RuntimeError(f"mistake: {old!r} is not in the reference {name}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def register(lab, params, ports):
    @lab.mistake("no-hlt", breaks=["real-halts"])
    def no_hlt(seed, work):
        # The CPU runs on into the message bytes and whatever follows: vmctl reports a timeout (or a shutdown).
        edit(work, "real.asm", r"^\s*hlt\b.*\n", "", regex=True)

    @lab.mistake("loop-one-short", breaks=["real-serial"])
    def loop_one_short(seed, work):
        edit(work, "real.asm", "mov cx, message_len", "mov cx, message_len - 1")

    @lab.mistake("mmio-without-segment", breaks=["real-mmio"])
    def mmio_without_segment(seed, work):
        # [offset] is DS-relative (base 0x10000): RAM, no MMIO exit.
        edit(work, "real.asm", "mov al, [es:", "mov al, [")

    @lab.mistake("wrong-port", breaks=["long-serial"])
    def wrong_port(seed, work):
        p = params(seed)
        other = ports[1 - ports.index(p["long_port"])]
        edit(work, "long.asm", f"mov dx, {p['long_port']:#x}", f"mov dx, {other:#x}")

    @lab.mistake("present-bit-missing", breaks=["long-tables"])
    def present_bit_missing(seed, work):
        # The guest never touches the page, so it still halts; vmctl's walk stops at the PT entry.
        p = params(seed)
        edit(work, "long.asm", f"mov rax, {p['map_gpa']:#x} | 3", f"mov rax, {p['map_gpa']:#x} | 2")

    @lab.mistake("offset-dropped", breaks=["translate-gpa"])
    def offset_dropped(seed, work):
        p = params(seed)
        edit(work, "answers.txt", f"gpa = {p['map_gpa'] + p['hand_offset']:#x}", f"gpa = {p['map_gpa']:#x}")

    @lab.mistake("nasm-error", breaks=["long-assembles"])
    def nasm_syntax_error(seed, work):
        edit(work, "long.asm", "    mov cr3, rax\n", "    mov cr3, rax\n    movq rax,, 1\n")
