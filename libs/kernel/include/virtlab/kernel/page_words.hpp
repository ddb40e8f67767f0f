// Pure decoders of the 64-bit words the kernel reports per page: /proc/PID/pagemap entries (one per virtual page)
// and /proc/kpageflags words (one per physical frame). No I/O: tests and fuzzers run them on numbers, and every tool
// that reads pagemap (pagewalk, vmctl's HVA → HPA step) decodes the same way. The reader is virtlab/kernel/pagemap.hpp.
//
// Source: Documentation/admin-guide/mm/pagemap.rst.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace virtlab::kernel {

inline constexpr std::uint64_t kPageSize = 4096;  // x86 base page; pagemap has one 8-byte entry per base page
inline constexpr int kPageShift = 12;

// ---------------------------------------------------------------------------------------------------------------
// /proc/PID/pagemap: one 64-bit entry per virtual page

struct PagemapEntry {
  std::uint64_t raw = 0;

  bool present() const noexcept { return (raw >> 63) & 1; }         // 63: page is in RAM
  bool swapped() const noexcept { return (raw >> 62) & 1; }         // 62: page is in swap
  bool file_or_shared() const noexcept { return (raw >> 61) & 1; }  // 61: file page or shared anonymous
  bool guard() const noexcept { return (raw >> 58) & 1; }           // 58: guard region (MADV_GUARD_INSTALL, 6.15+)
  bool uffd_wp() const noexcept { return (raw >> 57) & 1; }         // 57: userfaultfd write-protected
  bool exclusive() const noexcept { return (raw >> 56) & 1; }       // 56: mapped by exactly one process
  bool soft_dirty() const noexcept { return (raw >> 55) & 1; }      // 55: written since clear_refs 4
  // Bits 0-54: PFN when present (0 without CAP_SYS_ADMIN), otherwise swap type/offset when swapped.
  std::uint64_t pfn() const noexcept { return present() ? (raw & ((1ULL << 55) - 1)) : 0; }
  unsigned swap_type() const noexcept { return swapped() ? static_cast<unsigned>(raw & 0x1f) : 0; }
  std::uint64_t swap_offset() const noexcept { return swapped() ? (raw & ((1ULL << 55) - 1)) >> 5 : 0; }
};

// One named field of a decoded word, for bit-by-bit display ("63 present = 1: the page is in RAM").
struct BitField {
  std::string bits;     // "63", "0-54"
  std::string name;     // "present", "pfn"
  std::uint64_t value;  // the field's value
  std::string meaning;  // what this value means, in words
};

// Every field of a pagemap entry, high bits first; the meaning describes the value actually seen.
// pfn_visible=false says PFNs were hidden (no CAP_SYS_ADMIN), so a 0 PFN is explained as hidden, not as frame 0.
std::vector<BitField> describe_pagemap_entry(PagemapEntry entry, bool pfn_visible);

// ---------------------------------------------------------------------------------------------------------------
// /proc/kpageflags: one 64-bit flag word per physical frame

inline constexpr int kKpageflagsNamedBits = 27;  // bits 0-26 are the stable ABI (KPF_LOCKED .. KPF_PGTABLE)

// "LOCKED", "ERROR", ... for bits 0-26; kernel-internal bits 32-41 ("RESERVED", "MLOCKED", ...); else "".
const char* kpageflag_name(int bit);
// One line per flag: "the page is on an LRU list (reclaim can find it)".
const char* kpageflag_meaning(int bit);
// Names of the set bits, low to high ("bit 45" for a bit without a name).
std::vector<std::string> kpageflag_names(std::uint64_t flags);
// Bit numbers of the well-known flags used by the summary and the demos.
namespace kpf {
inline constexpr int locked = 0, error = 1, referenced = 2, uptodate = 3, dirty = 4, lru = 5, active = 6, slab = 7,
                     writeback = 8, reclaim = 9, buddy = 10, mmap = 11, anon = 12, swapcache = 13, swapbacked = 14,
                     compound_head = 15, compound_tail = 16, huge = 17, unevictable = 18, hwpoison = 19, nopage = 20,
                     ksm = 21, thp = 22, offline = 23, zero_page = 24, idle = 25, pgtable = 26;
}

}  // namespace virtlab::kernel
