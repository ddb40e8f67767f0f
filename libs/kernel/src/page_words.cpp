// Pure decoders of pagemap entries and kpageflags words.
#include "virtlab/kernel/page_words.hpp"

#include <bit>

#include "virtlab/text.hpp"

namespace virtlab::kernel {

// --- pagemap ------------------------------------------------------------------------------------------------------

std::vector<BitField> describe_pagemap_entry(PagemapEntry e, bool pfn_visible) {
  std::vector<BitField> f;
  f.reserve(11);  // 9 flag bits + at most 2 fields for bits 0-54: pagewalk describes every page it lists
  // The meanings stay C strings until one is chosen: only that one becomes a std::string.
  auto bit = [&](int n, const char* name, bool on, const char* yes, const char* no) {
    f.push_back({std::to_string(n), name, on ? 1u : 0u, on ? yes : no});
  };
  bit(63, "present", e.present(), "the page is in RAM: the page table entry points at a physical frame",
      "the page is not in RAM: touching it raises a page fault");
  bit(62, "swapped", e.swapped(), "the page was written out to swap; bits 0-54 say where", "the page is not in swap");
  bit(61, "file/shared", e.file_or_shared(), "a page of a file's page cache, or shared anonymous memory",
      e.present() ? "a private anonymous page (or the zero page)" : "no page to classify");
  bit(60, "reserved", (e.raw >> 60) & 1, "reserved bit is set (unexpected)", "reserved, always 0");
  bit(59, "reserved", (e.raw >> 59) & 1, "reserved bit is set (unexpected)", "reserved, always 0");
  bit(58, "guard", e.guard(), "a guard region (MADV_GUARD_INSTALL): touching it raises SIGSEGV", "not a guard region");
  bit(57, "uffd-wp", e.uffd_wp(), "write-protected by userfaultfd: a write is reported to the monitor",
      "not write-protected by userfaultfd");
  bit(56, "exclusive", e.exclusive(), "mapped by exactly one page table entry: only this process uses the frame",
      e.present() ? "the frame is also mapped elsewhere (shared, e.g. after fork until a write copies it)"
                  : "only meaningful for present pages");
  bit(55, "soft-dirty", e.soft_dirty(), "written since the last `echo 4 > /proc/PID/clear_refs`",
      "not written since soft-dirty was cleared (or the kernel lacks CONFIG_MEM_SOFT_DIRTY)");
  if (e.present()) {
    std::uint64_t pfn = e.pfn();
    std::string meaning;
    if (pfn != 0)
      meaning = "page frame number: the frame starts at physical address " + hex(pfn * kPageSize);
    else if (!pfn_visible)
      meaning = "hidden: PFNs read as 0 without CAP_SYS_ADMIN (since Linux 4.2); run as root to see the frame";
    else
      meaning = "frame 0";
    f.push_back({"0-54", "pfn", pfn, std::move(meaning)});
  } else if (e.swapped()) {
    f.push_back({"0-4", "swap type", e.swap_type(), "which swap area (index in /proc/swaps order) holds the page"});
    f.push_back({"5-54", "swap offset", e.swap_offset(), "slot number of the page inside that swap area"});
  } else {
    f.push_back({"0-54", "pfn", e.raw & ((1ULL << 55) - 1), "unused: the page is neither in RAM nor in swap"});
  }
  return f;
}

// --- kpageflags ---------------------------------------------------------------------------------------------------

namespace {
struct FlagInfo {
  const char* name;
  const char* meaning;
};
constexpr FlagInfo kFlags[] = {
    {"LOCKED", "locked for exclusive access, e.g. while I/O is in flight"},
    {"ERROR", "an I/O error happened on this page"},
    {"REFERENCED", "accessed recently (cleared by reclaim or `echo 1 > /proc/PID/clear_refs`)"},
    {"UPTODATE", "the page's contents are valid (read from disk or written)"},
    {"DIRTY", "modified in memory and not yet written back to its file or swap"},
    {"LRU", "on an LRU list, so reclaim can find it"},
    {"ACTIVE", "on the active LRU list (used repeatedly)"},
    {"SLAB", "owned by the kernel's slab allocator"},
    {"WRITEBACK", "being written back to disk right now"},
    {"RECLAIM", "reclaim is about to free it after writeback"},
    {"BUDDY", "a free page in the buddy allocator"},
    {"MMAP", "mapped into some process's address space"},
    {"ANON", "anonymous memory (not backed by a file)"},
    {"SWAPCACHE", "in the swap cache: has a swap slot assigned"},
    {"SWAPBACKED", "backed by swap (anonymous or shmem), not by a file"},
    {"COMPOUND_HEAD", "first page of a compound (huge) page"},
    {"COMPOUND_TAIL", "a later page of a compound (huge) page"},
    {"HUGE", "part of a hugetlbfs page"},
    {"UNEVICTABLE", "cannot be reclaimed (mlocked or ramfs)"},
    {"HWPOISON", "hardware detected memory corruption on this frame"},
    {"NOPAGE", "no page frame exists at this PFN"},
    {"KSM", "merged with identical pages by KSM"},
    {"THP", "part of a transparent huge page"},
    {"OFFLINE", "logically offline (e.g. balloon-inflated)"},
    {"ZERO_PAGE", "the shared zero page (reads of untouched memory map it)"},
    {"IDLE", "not accessed since marked idle (idle page tracking)"},
    {"PGTABLE", "holds a page table"},
};
constexpr FlagInfo kInternalFlags[] = {
    {"RESERVED", "reserved by the kernel (kernel-hacking flag)"},
    {"MLOCKED", "mlocked (kernel-hacking flag)"},
    {"MAPPEDTODISK", "has disk blocks allocated (kernel-hacking flag)"},
    {"PRIVATE", "has fs-private data (kernel-hacking flag)"},
    {"PRIVATE_2", "fs-private flag 2 (kernel-hacking flag)"},
    {"OWNER_PRIVATE", "owner-private flag (kernel-hacking flag)"},
    {"ARCH", "architecture-specific flag (kernel-hacking flag)"},
    {"UNCACHED", "mapped uncached (kernel-hacking flag)"},
    {"SOFTDIRTY", "soft-dirty in the page (kernel-hacking flag)"},
    {"ARCH_2", "architecture-specific flag 2 (kernel-hacking flag)"},
};
}  // namespace

const char* kpageflag_name(int bit) {
  if (bit >= 0 && bit < kKpageflagsNamedBits) return kFlags[bit].name;
  if (bit >= 32 && bit < 42) return kInternalFlags[bit - 32].name;
  return "";
}

const char* kpageflag_meaning(int bit) {
  if (bit >= 0 && bit < kKpageflagsNamedBits) return kFlags[bit].meaning;
  if (bit >= 32 && bit < 42) return kInternalFlags[bit - 32].meaning;
  return "a flag this version of pagewalk does not know";
}

std::vector<std::string> kpageflag_names(std::uint64_t flags) {
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(std::popcount(flags)));
  for (int bit = 0; bit < 64; ++bit) {
    if (!((flags >> bit) & 1)) continue;
    const char* name = kpageflag_name(bit);
    names.emplace_back(*name ? name : "bit " + std::to_string(bit));
  }
  return names;
}

}  // namespace virtlab::kernel
