// Pure decoders for what the kernel tells us about a process's memory. No I/O here: every function takes text or
// numbers, so tests run on fixtures and the GUI can decode replayed values.
//
// Sources: Documentation/admin-guide/mm/pagemap.rst (pagemap entry, kpageflags), proc(5) (maps, smaps_rollup),
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

namespace virtlab::pagewalk {

inline constexpr std::uint64_t kPageSize = 4096;  // x86 base page; pagemap has one 8-byte entry per base page
inline constexpr int kPageShift = 12;

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

  std::uint64_t pages() const noexcept { return (end - start) / kPageSize; }
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

// /proc/PID/stat: the fields pagewalk needs (comm may contain spaces and parentheses).
struct ProcStat {
  std::string comm;
  char state = '?';
  std::uint64_t flags = 0;  // PF_* flags; PF_KTHREAD (0x00200000) marks a kernel thread
  std::uint64_t minor_faults = 0;
  std::uint64_t major_faults = 0;
  bool kernel_thread() const noexcept { return (flags & 0x00200000u) != 0; }
};
std::optional<ProcStat> parse_proc_stat(std::string_view text);

}  // namespace virtlab::pagewalk
