// Start the rest of malloc's heap on a transparent huge page.
#pragma once

namespace virtlab {

// Moves malloc's next allocations onto a 2 MiB-aligned part of the heap marked MADV_HUGEPAGE, so that the kernel
// backs it with one transparent huge page at the first touch instead of one 4 KiB page per fault.
//
// Why: in a virtual machine each first touch of a 4 KiB anonymous page costs ~9 µs here (the guest's fault plus the
// hypervisor's work behind it), and a short-lived tool such as `nsenter-lite run` touches ~25 fresh heap pages;
// one huge-page fault costs ~50 µs (zeroing 2 MiB). The heap then never shrinks (M_TRIM_THRESHOLD is raised), which
// suits a command that lives for milliseconds, not a daemon.
//
// Call it once, early (before the allocations it should cover). It changes nothing when the heap is not glibc's
// contiguous brk heap, under the sanitizers, or when THP is off (the madvise is then only a hint). Returns whether
// the heap now continues on the marked range.
bool start_heap_on_huge_page();

}  // namespace virtlab
