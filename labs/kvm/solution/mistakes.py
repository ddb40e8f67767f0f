"""Typical student mistakes of the kvm lab, for labs/lib/selftest.py (instructors only: solution/ is not in the
student bundle). Each edits the reference real.asm, long.asm or answers.txt (reference.py writes them) in a solved
work directory; exactly the checks in `breaks`, plus the checks that need them, must stop being GOOD."""
import os

from gradelib import replace_in_file


def edit(work, name, old, new):
    replace_in_file(os.path.join(work, name), old, new)


def register(lab):
    grader = lab.namespace  # lab.py's module: the seeded numbers and the two ports
    params, ports = grader["params"], grader["PORTS"]

    @lab.mistake("no-hlt", breaks=["real-halts"])
    def no_hlt(seed, work):
        # The CPU runs on into the message bytes and whatever follows: vmctl reports a timeout (or a shutdown).
        edit(work, "real.asm", "    hlt                        ; KVM_EXIT_HLT: the guest is done\n", "")

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
