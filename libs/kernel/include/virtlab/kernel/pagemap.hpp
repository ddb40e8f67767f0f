// A process's page tables as the kernel exposes them, for every tool that reads them (pagewalk; vmctl's HVA → HPA
// step): kept-open fds to /proc/PID/pagemap and /proc/kpage{flags,count,cgroup}, read in large
// batches (never one syscall per page), plus the PAGEMAP_SCAN ioctl (Linux 6.7+) with a pread fallback.
// Every open / pread / ioctl is logged to --explain once per batch.
#pragma once

#include <sys/types.h>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "virtlab/fd.hpp"
#include "virtlab/kernel/page_words.hpp"

namespace virtlab::kernel {

inline constexpr std::size_t kPagemapBatchEntries =
    std::size_t{64} * 1024;  // 64K entries = 512 KiB per pread (as page-types)

// PAGEMAP_SCAN page categories (linux/fs.h, PAGE_IS_*).
namespace scan_category {
inline constexpr std::uint64_t wp_allowed = 1u << 0;  // uffd write-protect may be applied
inline constexpr std::uint64_t written = 1u << 1;     // written since uffd write-protect
inline constexpr std::uint64_t file = 1u << 2;        // file page or shared anonymous (pagemap bit 61)
inline constexpr std::uint64_t present = 1u << 3;     // in RAM (pagemap bit 63)
inline constexpr std::uint64_t swapped = 1u << 4;     // in swap (pagemap bit 62)
inline constexpr std::uint64_t pfn_zero = 1u << 5;    // mapped to the shared zero page (or huge zero page)
inline constexpr std::uint64_t huge = 1u << 6;        // mapped by a huge PMD/PUD entry (THP or hugetlb)
inline constexpr std::uint64_t soft_dirty = 1u << 7;  // soft-dirty (needs CONFIG_MEM_SOFT_DIRTY)
}  // namespace scan_category

// One region PAGEMAP_SCAN reported: pages [start, end) sharing the same categories.
struct ScanRegion {
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::uint64_t categories = 0;  // scan_category bits, masked by the request's return mask
};

// Folds scan output into `out`, clamping regions that overlap what was already reported (the kernel may report
// regions of the last PMD twice when the output vector fills exactly at a range end). Pure; unit-tested.
void append_scan_regions(std::vector<ScanRegion>& out, std::span<const ScanRegion> batch);

// How the reader may read the page tables.
struct ReadOptions {
  bool allow_scan = true;  // false: never use PAGEMAP_SCAN, read pagemap in batches (the tool's --no-scan)
};

// What this process may see (decided once, from our credentials and what opened).
struct Access {
  bool pfn_visible = false;          // CAP_SYS_ADMIN: pagemap shows PFNs (otherwise they read as 0)
  bool kpageflags_readable = false;  // /proc/kpageflags opened (root only)
  bool kpagecount_readable = false;
  bool kpagecgroup_readable = false;  // also needs CONFIG_MEMCG
  bool scan_available = false;        // PAGEMAP_SCAN accepted by this kernel (and not disabled)
  // One sentence per thing that is hidden and why, for the output ("PFNs read as 0: ...").
  std::vector<std::string> hidden;
};

// A process's page tables as the kernel exposes them. Keeps its fds open for repeated reads (demos read the same
// process before and after an event).
class ProcessPages {
 public:
  // Opens /proc/PID/pagemap (required) and /proc/kpageflags, kpagecount, kpagecgroup (optional: without root they
  // are recorded as hidden). Throws Error: no such pid → not_found, not allowed → permission.
  static ProcessPages open(pid_t pid, ReadOptions options = {});

  pid_t pid() const noexcept { return pid_; }
  const Access& access() const noexcept { return access_; }

  // Reads the pagemap entries of [start, end) (page-aligned) into `out` (size (end-start)/4096), 64K entries per
  // pread. Entries past the end of the user address space read as 0. Throws not_found when the process exited.
  void read_pagemap(std::uint64_t start, std::uint64_t end, std::span<std::uint64_t> out) const;
  // Same, but calls `consume(first_va, entries)` once per batch, so 8 GiB need not be held in memory.
  void for_each_pagemap_batch(std::uint64_t start, std::uint64_t end,
                              const std::function<void(std::uint64_t, std::span<const std::uint64_t>)>& consume) const;

  // PAGEMAP_SCAN over [start, end): regions having any of `anyof` categories, reporting `return_mask` categories.
  // Loops on walk_end until the range is done. Only when access().scan_available.
  std::vector<ScanRegion> scan(std::uint64_t start, std::uint64_t end, std::uint64_t anyof,
                               std::uint64_t return_mask) const;

  // Per-frame lookups. `pfns` may be unsorted and repeat; the result is aligned with `pfns`. Reads go in batches over
  // sorted runs of PFNs (gaps up to 64 frames are read through), never one pread per page.
  // nullopt when the file is not readable (see access().hidden).
  std::optional<std::vector<std::uint64_t>> kpageflags(std::span<const std::uint64_t> pfns) const;
  std::optional<std::vector<std::uint64_t>> kpagecount(std::span<const std::uint64_t> pfns) const;
  std::optional<std::vector<std::uint64_t>> kpagecgroup(std::span<const std::uint64_t> pfns) const;

 private:
  ProcessPages() = default;
  std::vector<std::uint64_t> read_pfn_table(int fd, const char* name, std::span<const std::uint64_t> pfns) const;
  [[noreturn]] void throw_exited(const std::string& during) const;

  pid_t pid_ = 0;
  std::string pagemap_path_;
  UniqueFd pagemap_;
  UniqueFd kpageflags_;
  UniqueFd kpagecount_;
  UniqueFd kpagecgroup_;
  Access access_;
};

// Do we hold CAP_SYS_ADMIN in the initial user namespace (so pagemap shows PFNs)? capget(2), the effective set.
bool have_cap_sys_admin();
// Does this kernel track soft-dirty bits (CONFIG_MEM_SOFT_DIRTY)? Then pagemap bit 55 is set for a page we wrote
// (and the mapping carries the "sd" VmFlag in smaps); without the config option the bit always reads 0.
bool kernel_has_soft_dirty();
// The memory cgroup directory whose inode is `inode` (kpagecgroup's value): searched under the v1 memory controller
// mount (/sys/fs/cgroup/memory) or the cgroup2 mount; "/" for the root cgroup; nullopt when not found.
std::optional<std::string> memory_cgroup_path(std::uint64_t inode);

}  // namespace virtlab::kernel
