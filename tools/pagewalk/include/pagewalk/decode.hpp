// Pure decoders for what the kernel tells us about a process's memory, as pagewalk views it (the per-page words
// themselves are decoded in virtlab/kernel/page_words.hpp). No I/O here: every function takes text or
// numbers, so tests run on fixtures and the GUI can decode replayed values.
//
// Sources: Documentation/admin-guide/mm/pagemap.rst (pagemap entry), proc(5) (maps, smaps_rollup),
// Intel SDM vol. 3 ch. 4 (4-level and 5-level paging, 32-bit paging).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "virtlab/kernel/page_words.hpp"

namespace virtlab::pagewalk {

// ---------------------------------------------------------------------------------------------------------------
// /proc/PID/maps

enum class VmaKind {
  anonymous,        // no path: private or shared anonymous memory (malloc arenas, mmap(MAP_ANONYMOUS))
  named_anonymous,  // "[anon:name]" / "[anon_shmem:name]" set with prctl(PR_SET_VMA_ANON_NAME)
  file,             // a path: a mapped file (program text, libraries, mmap'ed data)
  heap,             // "[heap]": the brk() area
  stack,            // "[stack]": the main thread's stack
  vdso,             // "[vdso]": kernel code mapped into every process for fast system calls
  vvar,             // "[vvar]", "[vvar_vclock]": kernel data pages for the vdso (PFN-mapped, not counted in Rss)
  vsyscall,         // "[vsyscall]": legacy fixed page above the user address space (not in the page tables we can read)
  special,          // any other "[...]" name (e.g. "[uprobes]")
};

struct MapsEntry {
  std::uint64_t start = 0;   // first byte of the range
  std::uint64_t end = 0;     // one past the last byte
  std::string perms;         // "r-xp": read, write, execute, p(rivate, copy-on-write) or s(hared)
  std::uint64_t offset = 0;  // offset into the file (or pgoff for anonymous memory)
  std::string device;        // "fd:01" major:minor of the file's device, "00:00" when none
  std::uint64_t inode = 0;   // inode of the file, 0 when none
  std::string path;          // as the kernel printed it, without the " (deleted)" suffix
  bool deleted = false;      // the file was unlinked after it was mapped
  VmaKind kind = VmaKind::anonymous;

  std::uint64_t pages() const noexcept { return (end - start) / kernel::kPageSize; }
  bool readable() const noexcept { return !perms.empty() && perms[0] == 'r'; }
  bool writable() const noexcept { return perms.size() > 1 && perms[1] == 'w'; }
  bool shared() const noexcept { return perms.size() > 3 && perms[3] == 's'; }
  // "[heap]", "/usr/lib/x.so (deleted)", "anon" — what a table shows in its path column.
  std::string display_name() const;
};

// Parses one line of /proc/PID/maps; nullopt when the line is not a maps line.
std::optional<MapsEntry> parse_maps_line(std::string_view line);
// Parses the whole file; throws std::invalid_argument naming the bad line number.
std::vector<MapsEntry> parse_maps(std::string_view text);
const char* vma_kind_name(VmaKind kind);  // "anonymous", "file", "heap", ...

// ---------------------------------------------------------------------------------------------------------------
// /proc/PID/pagemap: runs of entries (kernel::PagemapEntry decodes one)

// The summary's per-page counts over a run of entries, as PageCounts defines them: resident (63), swapped (62 and
// not 63), file/shared (61, present or swapped), anonymous (63 without 61), exclusive anonymous (also 56),
// soft-dirty (55, every entry). Branch-free, two entries per SSE2 operation: the 8 GiB benchmark decodes 2 M
// entries, where a scalar loop took about 5 ms of pagewalk's 60.
struct PagemapTally {
  std::uint64_t resident = 0;
  std::uint64_t swapped = 0;
  std::uint64_t file_shared = 0;
  std::uint64_t anonymous = 0;
  std::uint64_t anon_exclusive = 0;
  std::uint64_t soft_dirty = 0;
};
PagemapTally tally_pagemap_entries(std::span<const std::uint64_t> entries);

// Candidate transparent huge pages in pagemap entries read in order: a huge-PMD THP shows up as 512 present
// entries starting at a 2 MiB-aligned address whose frames are consecutive and start on a 512-frame boundary (the
// head frame's kpageflags then confirms it). Only 2 MiB-aligned entries can start a run, so entries outside a run
// are skipped 512 at a time. A run may span consecutive batches; call reset() between mappings.
class HugeRunFinder {
 public:
  static constexpr std::uint64_t kRunPages = 512;  // 2 MiB / 4 KiB
  // `entries` are the entries of the pages from `va` on; appends the head PFN of every completed run to `heads`.
  void feed(std::uint64_t va, std::span<const std::uint64_t> entries, std::vector<std::uint64_t>& heads);
  void reset() noexcept { length_ = 0; }

 private:
  std::uint64_t head_ = 0;    // head PFN of the run being followed
  std::uint64_t length_ = 0;  // frames in it so far; 0: not in a run
};

// ---------------------------------------------------------------------------------------------------------------
// Virtual address → page-table indices

enum class PagingMode {
  x86_64_4level,  // 48-bit virtual addresses: PGD 47-39, PUD 38-30, PMD 29-21, PTE 20-12, offset 11-0
  x86_64_5level,  // 57-bit (LA57): PGD 56-48, P4D 47-39, PUD, PMD, PTE, offset
  i386,           // the notes' 32-bit split: page number 31-12 (20 bits) + offset 11-0 (12 bits)
};
const char* paging_mode_name(PagingMode mode);  // "x86-64 4-level", "x86-64 5-level (LA57)", "i386 32-bit"

struct AddressLevel {
  std::string name;  // "PGD", "P4D", "PUD", "PMD", "PTE", "offset", "page number"
  int high_bit;      // inclusive bit range in the virtual address
  int low_bit;
  std::uint64_t index;  // the value of those bits
  std::string meaning;  // "entry 255 of the top-level table (each entry covers 512 GiB)"
};

struct AddressSplit {
  PagingMode mode = PagingMode::x86_64_4level;
  std::uint64_t address = 0;
  bool canonical = true;             // upper bits are a sign extension of the top used bit (x86-64 rule)
  std::uint64_t page_number = 0;     // address >> 12 (the "virtual page number")
  std::uint64_t page_offset = 0;     // address & 0xfff
  std::vector<AddressLevel> levels;  // walk order: top-level table first, offset last
};

// Splits `address` for `mode`. For i386 an address above 4 GiB throws std::invalid_argument.
AddressSplit split_address(std::uint64_t address, PagingMode mode);

// The CPU's paging mode from /proc/cpuinfo text: 5-level when the "la57" flag is listed (the kernel clears the flag
// when it did not enable LA57) and the "address sizes" line reports 57 bits virtual; otherwise 4-level.
PagingMode paging_mode_from_cpuinfo(std::string_view cpuinfo);
// "address sizes : 48 bits physical, 48 bits virtual" → {48, 48}; zeros when missing.
struct AddressSizes {
  int physical_bits = 0;
  int virtual_bits = 0;
};
AddressSizes address_sizes_from_cpuinfo(std::string_view cpuinfo);

// ---------------------------------------------------------------------------------------------------------------
// /proc/PID/smaps_rollup

// "Rss: 1234 kB" lines → {"Rss": 1263616, ...} in bytes; non-kB lines are ignored.
std::map<std::string, std::uint64_t> parse_smaps_rollup(std::string_view text);

// ---------------------------------------------------------------------------------------------------------------
// Command-line values

// "0x7ffd1234" or "7ffd1234" (bare hex, as /proc/PID/maps prints it) → address; nullopt on junk. Always hex.
std::optional<std::uint64_t> parse_address(std::string_view text);
struct AddressRange {
  std::uint64_t start = 0;  // inclusive
  std::uint64_t end = 0;    // exclusive
};
// "A-B" (maps style, end exclusive) or "A+SIZE" (SIZE may use K/M/G suffixes); nullopt when malformed or empty.
std::optional<AddressRange> parse_range(std::string_view text);

}  // namespace virtlab::pagewalk
