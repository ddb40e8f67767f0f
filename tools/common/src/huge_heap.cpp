#include "virtlab/huge_heap.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace virtlab {

namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
constexpr int kGlibcDefaultMmapMax = 65536;  // M_MMAP_MAX's default (mallopt(3))

std::uintptr_t round_up(std::uintptr_t value, std::uintptr_t to) {
  return (value + to - 1) & ~(to - 1);
}

// A malloc/free pair whose result is unused may be removed by the compiler; these must happen.
void keep(void* p) {
  asm volatile("" : : "r"(p) : "memory");
}

}  // namespace

bool start_heap_on_huge_page() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return false;  // the sanitizers' allocators do not use glibc's heap
#else
  const long page = sysconf(_SC_PAGESIZE);
  // The 2 MiB range starts past the page at the current break: growing the heap below writes malloc's new top
  // header there, and a range already holding a 4 KiB page can no longer get a huge one at its first touch.
  const auto break_before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::uintptr_t huge_start = round_up(break_before + static_cast<std::uintptr_t>(page), kHugePage);

  // The two big blocks below must come from the heap, not from mmap.
  if (mallopt(M_MMAP_MAX, 0) == 0) return false;
  struct RestoreMmap {
    ~RestoreMmap() { mallopt(M_MMAP_MAX, kGlibcDefaultMmapMax); }
  } restore_mmap;

  // Grow the heap in one step by enough to hold the whole aligned range: ask for more than the top chunk has
  // while malloc pads every growth by 3 huge pages. Freed, the block returns to the top chunk, and the raised trim
  // threshold keeps that chunk (and the range) mapped.
  if (mallopt(M_TRIM_THRESHOLD, 256 << 20) == 0 || mallopt(M_TOP_PAD, 3 * kHugePage) == 0) return false;
  void* grow = malloc(mallinfo2().keepcost + 64);
  keep(grow);
  free(grow);
  mallopt(M_TOP_PAD, 128 << 10);  // later growths stay small

  const auto break_after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::uintptr_t top_start = break_after - mallinfo2().keepcost;
  if (top_start % 16 != 0 || top_start >= huge_start || huge_start + kHugePage > break_after) return false;
  if (madvise(reinterpret_cast<void*>(huge_start), (break_after - huge_start) & ~(kHugePage - 1), MADV_HUGEPAGE) != 0)
    return false;

  // Step over the 4 KiB pages below the range with one block that is never touched or freed (address space only):
  // malloc's next allocation then starts at huge_start.
  const std::uintptr_t gap = huge_start - top_start;
  void* skipped = gap > 32 ? malloc(gap - 16) : nullptr;
  keep(skipped);
  return reinterpret_cast<std::uintptr_t>(sbrk(0)) - mallinfo2().keepcost == huge_start;
#endif
}

}  // namespace virtlab
