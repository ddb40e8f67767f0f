"""The kvm lab's reference solution (instructors only: solution/ is not in the student bundle). lab.py's `solve`
loads this file: it writes the reference real.asm, long.asm and answers.txt for a seed. The typical mistakes the
self-test proves are in mistakes.py."""
import os

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
