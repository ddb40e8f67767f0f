"""Typical student mistakes of the memory lab, for labs/lib/selftest.py (instructors only: solution/ is not in the
student bundle). Each edits the reference memlab.c in a solved work directory; `breaks` names the checks that must
stop being GOOD (plus the checks that need them)."""
import os

from gradelib import replace_in_file


def edit_solution(work, old, new):
    replace_in_file(os.path.join(work, "memlab.c"), old, new)


def register(lab):
    @lab.mistake("pagemap-offset-not-times-8", breaks=["pfn-of-variable"])
    def pagemap_offset_not_times_8(seed, work):
        # One entry per page, 8 bytes each: reading at va / 4096 lands on another page's entry (and the kernel
        # refuses offsets that are not a multiple of 8 with EINVAL, which this student's code does not check).
        edit_solution(work, "if (pread(fd, &entry, sizeof entry, (off_t)(va / PAGE) * sizeof entry) != sizeof entry) "
                            "die(\"pread pagemap\");",
                      "if (pread(fd, &entry, sizeof entry, (off_t)(va / PAGE)) < 0) entry = 0;")

    @lab.mistake("pfn-mask-keeps-flag-bits", breaks=["pfn-of-variable"])
    def pfn_mask_keeps_flag_bits(seed, work):
        # Only the present bit cleared: the exclusive bit 56 (and soft-dirty 55) stay in the "frame number".
        edit_solution(work, "entry & ((1ULL << 55) - 1)", "entry & ~(1ULL << 63)")

    @lab.mistake("mapped-means-resident", breaks=["resident-before"])
    def mapped_means_resident(seed, work):
        # Every page of the buffer counted as resident right after mmap, touched or not.
        edit_solution(work, 'report_resident("resident.before", buf, BUF_PAGES);',
                      '{ char all[512] = ""; for (int i = 0; i < BUF_PAGES; i++) '
                      'sprintf(all + strlen(all), "%s%d", i ? " " : "", i); report("resident.before", "%s", all); }')

    @lab.mistake("pte-index-not-shifted", breaks=["index-split"])
    def pte_index_not_shifted(seed, work):
        edit_solution(work, "(unsigned long)((a >> 12) & 511)", "(unsigned long)(a & 0x1ff000)")

    @lab.mistake("cow-write-before-first-report", breaks=["cow-shared"])
    def cow_write_before_first_report(seed, work):
        # The write happens right after fork, so the "before" frames are already different.
        edit_solution(work, '  report("cow.child_pid", "%d", (int)child);',
                      '  if (COW_WRITER_IS_CHILD) child_write(COW_VALUE); else *cow = COW_VALUE;\n'
                      '  report("cow.child_pid", "%d", (int)child);')

    @lab.mistake("kpageflags-bits-swapped", breaks=["referenced-dirty"])
    def kpageflags_bits_swapped(seed, work):
        edit_solution(work, '"%d", (int)((flags >> 2) & 1));\n  report("flags.dirty", "%d", (int)((flags >> 4) & 1));',
                      '"%d", (int)((flags >> 4) & 1));\n  report("flags.dirty", "%d", (int)((flags >> 2) & 1));')
