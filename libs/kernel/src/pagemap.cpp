// The kernel interface: kept-open fds, batched pagemap reads, PAGEMAP_SCAN, per-frame tables over sorted PFN runs.
#include "virtlab/kernel/pagemap.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <linux/capability.h>
#include <linux/fs.h>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/kernel/proc_stat.hpp"
#include "virtlab/text.hpp"

// PAGEMAP_SCAN arrived in Linux 6.7 (include/uapi/linux/fs.h). Debian 12 ships 6.1 kernel headers, so define the
// ABI here when the headers lack it; the kernel checks `size`, and an old kernel answers ENOTTY.
#ifndef PAGEMAP_SCAN
struct page_region {
  __u64 start;
  __u64 end;
  __u64 categories;
};
struct pm_scan_arg {
  __u64 size;
  __u64 flags;
  __u64 start;
  __u64 end;
  __u64 walk_end;
  __u64 vec;
  __u64 vec_len;
  __u64 max_pages;
  __u64 category_inverted;
  __u64 category_mask;
  __u64 category_anyof_mask;
  __u64 return_mask;
};
#define PAGEMAP_SCAN _IOWR('f', 16, struct pm_scan_arg)
#endif

namespace virtlab::kernel {

namespace {

constexpr std::size_t kScanVecRegions = 4096;     // regions per PAGEMAP_SCAN call (96 KiB of output)
constexpr std::uint64_t kPfnGapReadThrough = 64;  // read through gaps this small instead of starting a new pread
constexpr std::size_t kPfnBatch = std::size_t{64} * 1024;  // frames per pread of kpageflags/kpagecount/kpagecgroup

std::string hexa(std::uint64_t v) {
  return hex(v);
}

bool process_gone(pid_t pid) {
  auto stat = try_read_file("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  auto parsed = parse_proc_stat(*stat);
  return !parsed || parsed->state == 'Z' || parsed->state == 'X';
}

std::string categories_text(std::uint64_t mask) {
  static constexpr const char* kNames[] = {"WPALLOWED", "WRITTEN", "FILE", "PRESENT",
                                           "SWAPPED",   "PFNZERO", "HUGE", "SOFT_DIRTY"};
  std::string out;
  for (int bit = 0; bit < 8; ++bit) {
    if (!((mask >> bit) & 1)) continue;
    if (!out.empty()) out += '|';
    out += kNames[bit];
  }
  return out.empty() ? "0" : out;
}

}  // namespace

bool have_cap_sys_admin() {
  // capget answers from the task's credentials; /proc/self/status would format some 50 lines to say the same.
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
  if (::syscall(SYS_capget, &header, data) != 0) return geteuid() == 0;
  return (data[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective & CAP_TO_MASK(CAP_SYS_ADMIN)) != 0;
}

bool kernel_has_soft_dirty() {
  // With CONFIG_MEM_SOFT_DIRTY the kernel marks every page it maps for a write soft-dirty (pte_mkdirty sets the
  // bit), and every new mapping carries VM_SOFTDIRTY, so pagemap bit 55 is set for a stack page this process has
  // written; without the option the bit does not exist and reads 0. Nothing here clears the bits (clear_refs).
  // One 8-byte pread of our own pagemap; /proc/self/smaps would format (and page-walk) whole mappings to tell.
  static const bool answer = [] {
    std::uint64_t entry = 0;  // lives on the stack page being asked about, written just now
    const std::uint64_t address = reinterpret_cast<std::uintptr_t>(&entry);
    const off_t offset = static_cast<off_t>(address / kPageSize * sizeof entry);
    UniqueFd fd = open_optional("/proc/self/pagemap", O_RDONLY);
    ssize_t n = fd ? ::pread(fd.get(), &entry, sizeof entry, offset) : -1;
    const int err = errno;
    const bool found = n == static_cast<ssize_t>(sizeof entry) && PagemapEntry{entry}.soft_dirty();
    if (explaining())
      explain("pread", "/proc/self/pagemap, 8 bytes at offset " + hexa(static_cast<std::uint64_t>(offset)),
              n >= 0 ? std::to_string(n) + " bytes" : errno_result(err),
              found ? "bit 55 (soft-dirty) is set on a page we wrote: this kernel tracks soft-dirty bits"
                    : "bit 55 (soft-dirty) is clear on a page we wrote: kernel built without CONFIG_MEM_SOFT_DIRTY");
    return found;
  }();
  return answer;
}

void append_scan_regions(std::vector<ScanRegion>& out, std::span<const ScanRegion> batch) {
  for (ScanRegion region : batch) {
    if (!out.empty() && region.start < out.back().end) region.start = out.back().end;  // reported twice: clamp
    if (region.end <= region.start) continue;
    if (!out.empty() && out.back().end == region.start && out.back().categories == region.categories) {
      out.back().end = region.end;  // the kernel splits at batch ends; join what it split
      continue;
    }
    out.push_back(region);
  }
}

ProcessPages ProcessPages::open(pid_t pid, ReadOptions options) {
  ProcessPages pages;
  pages.pid_ = pid;
  pages.pagemap_path_ = "/proc/" + std::to_string(pid) + "/pagemap";
  pages.pagemap_ = open_optional(pages.pagemap_path_, O_RDONLY);
  if (!pages.pagemap_) {
    int err = errno;
    if (err == ENOENT || err == ESRCH)
      throw Error(ExitCode::not_found, "no process with pid " + std::to_string(pid),
                  "check the pid with `ps -e`; it may have exited", err);
    if (err == EACCES || err == EPERM)
      throw Error(ExitCode::permission, "not allowed to read " + pages.pagemap_path_,
                  "run as the process's owner or as root (reading pagemap needs ptrace read access)", err);
    throw_errno(err, "cannot open " + pages.pagemap_path_);
  }
  Access& access = pages.access_;
  access.pfn_visible = have_cap_sys_admin();
  if (!access.pfn_visible)
    access.hidden.push_back(
        "PFNs read as 0: pagemap hides frame numbers from processes without CAP_SYS_ADMIN (Linux 4.2+, since "
        "frame numbers help rowhammer attacks); run as root to see them");
  pages.kpageflags_ = open_optional("/proc/kpageflags", O_RDONLY);
  access.kpageflags_readable = static_cast<bool>(pages.kpageflags_);
  if (!access.kpageflags_readable)
    access.hidden.push_back(std::string("kpageflags unreadable (") + std::strerror(errno) +
                            "): frame flags such as REFERENCED, DIRTY, THP need root");
  pages.kpagecount_ = open_optional("/proc/kpagecount", O_RDONLY);
  access.kpagecount_readable = static_cast<bool>(pages.kpagecount_);
  if (!access.kpagecount_readable)
    access.hidden.push_back(std::string("kpagecount unreadable (") + std::strerror(errno) +
                            "): how many mappings share a frame needs root");
  pages.kpagecgroup_ = open_optional("/proc/kpagecgroup", O_RDONLY);
  access.kpagecgroup_readable = static_cast<bool>(pages.kpagecgroup_);
  if (!access.kpagecgroup_readable)
    access.hidden.push_back(std::string("kpagecgroup unreadable (") + std::strerror(errno) +
                            "): the memory cgroup charged for a frame needs root and CONFIG_MEMCG");

  if (options.allow_scan) {
    // Probe PAGEMAP_SCAN on an empty range: ENOTTY means the kernel predates 6.7.
    page_region region{};
    pm_scan_arg arg{};
    arg.size = sizeof arg;
    arg.start = 0;
    arg.end = 0;
    arg.vec = reinterpret_cast<std::uintptr_t>(&region);
    arg.vec_len = 1;
    arg.return_mask = scan_category::present;
    arg.category_anyof_mask = scan_category::present;
    int rc = ioctl(pages.pagemap_.get(), PAGEMAP_SCAN, &arg);
    int err = errno;
    access.scan_available = rc >= 0;
    if (explaining())
      explain("ioctl(PAGEMAP_SCAN)", pages.pagemap_path_ + ", probe on an empty range",
              rc >= 0 ? std::to_string(rc) : errno_result(err),
              rc >= 0 ? "this kernel has PAGEMAP_SCAN (6.7+): the kernel filters pages for us"
                      : "no PAGEMAP_SCAN here: pagemap is read in 64K-entry batches instead");
  } else if (explaining()) {
    Explain::instance().note("PAGEMAP_SCAN disabled (--no-scan, or its environment variable): using pread batches");
  }
  return pages;
}

void ProcessPages::throw_exited(const std::string& during) const {
  throw Error(ExitCode::not_found, "pid " + std::to_string(pid_) + " exited " + during,
              "the process ended while its page tables were read; run again on a live process", ESRCH);
}

void ProcessPages::for_each_pagemap_batch(
    std::uint64_t start, std::uint64_t end,
    const std::function<void(std::uint64_t, std::span<const std::uint64_t>)>& consume) const {
  std::vector<std::uint64_t> buffer(std::min<std::uint64_t>(kPagemapBatchEntries, (end - start) / kPageSize));
  for (std::uint64_t va = start; va < end;) {
    std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(kPagemapBatchEntries, (end - va) / kPageSize));
    if (count == 0) break;
    std::span<std::uint64_t> out(buffer.data(), count);
    read_pagemap(va, va + count * kPageSize, out);
    consume(va, out);
    va += count * kPageSize;
  }
}

void ProcessPages::read_pagemap(std::uint64_t start, std::uint64_t end, std::span<std::uint64_t> out) const {
  std::uint64_t va = start;
  std::size_t index = 0;
  while (va < end) {
    std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(kPagemapBatchEntries, (end - va) / kPageSize));
    auto bytes = std::as_writable_bytes(out.subspan(index, count));
    off_t offset = static_cast<off_t>((va / kPageSize) * sizeof(std::uint64_t));
    std::size_t got = 0;
    try {
      got = pread_full(pagemap_.get(), bytes, offset, pagemap_path_);
    } catch (const Error& e) {
      if (e.sys_errno() == ESRCH || process_gone(pid_)) throw_exited("while its pagemap was read");
      throw;
    }
    if (explaining())
      explain("pread", pagemap_path_ + ", " + std::to_string(bytes.size()) + " bytes at offset " + hexa(offset),
              std::to_string(got) + " bytes",
              std::to_string(count) + " page table entries for " + hexa(va) + "-" + hexa(va + count * kPageSize));
    if (got < bytes.size()) {
      // Past the end of the user address space the kernel returns EOF; inside it, EOF means the mm is gone.
      if (got == 0 && process_gone(pid_)) throw_exited("while its pagemap was read");
      std::fill(out.begin() + static_cast<std::ptrdiff_t>(index + got / 8),
                out.begin() + static_cast<std::ptrdiff_t>(index + count), 0);
    }
    index += count;
    va += count * kPageSize;
  }
}

std::vector<ScanRegion> ProcessPages::scan(std::uint64_t start, std::uint64_t end, std::uint64_t anyof,
                                           std::uint64_t return_mask) const {
  std::vector<ScanRegion> regions;
  std::vector<page_region> vec(kScanVecRegions);
  std::vector<ScanRegion> batch;
  std::uint64_t cursor = start;
  while (cursor < end) {
    pm_scan_arg arg{};
    arg.size = sizeof arg;
    arg.start = cursor;
    arg.end = end;
    arg.vec = reinterpret_cast<std::uintptr_t>(vec.data());
    arg.vec_len = vec.size();
    arg.category_anyof_mask = anyof;
    arg.return_mask = return_mask;
    int rc;
    do {
      rc = ioctl(pagemap_.get(), PAGEMAP_SCAN, &arg);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
      int err = errno;
      if (explaining())
        explain("ioctl(PAGEMAP_SCAN)", pagemap_path_ + ", " + hexa(cursor) + "-" + hexa(end), errno_result(err));
      if (err == ESRCH || process_gone(pid_)) throw_exited("during PAGEMAP_SCAN");
      throw_errno(err, "PAGEMAP_SCAN on " + pagemap_path_, "retry with --no-scan to use plain pagemap reads");
    }
    if (explaining())
      explain("ioctl(PAGEMAP_SCAN)",
              pagemap_path_ + ", " + hexa(cursor) + "-" + hexa(end) + ", any of " + categories_text(anyof) +
                  ", return " + categories_text(return_mask) + ", room for " + std::to_string(vec.size()) + " regions",
              std::to_string(rc) + " regions, walk_end " + hexa(arg.walk_end),
              "the kernel walked the page tables and merged pages with equal categories into regions");
    batch.clear();
    for (int i = 0; i < rc; ++i) batch.push_back({vec[i].start, vec[i].end, vec[i].categories});
    append_scan_regions(regions, batch);
    if (arg.walk_end <= cursor) {
      // No progress would loop forever; a kernel that does this is broken, so say so instead of spinning.
      throw Error(ExitCode::failure, "PAGEMAP_SCAN made no progress at " + hexa(cursor),
                  "retry with --no-scan to use plain pagemap reads");
    }
    cursor = arg.walk_end;
  }
  return regions;
}

std::vector<std::uint64_t> ProcessPages::read_pfn_table(int fd, const char* name,
                                                        std::span<const std::uint64_t> pfns) const {
  std::vector<std::uint64_t> sorted(pfns.begin(), pfns.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<std::uint64_t> values(sorted.size(), 0);
  std::vector<std::uint64_t> buffer;
  const std::string path = std::string("/proc/") + name;
  std::size_t i = 0;
  std::size_t reads = 0;
  while (i < sorted.size()) {
    // One run: frames close enough together to read in one pread.
    std::size_t j = i + 1;
    while (j < sorted.size() && sorted[j] - sorted[j - 1] <= kPfnGapReadThrough && sorted[j] - sorted[i] < kPfnBatch)
      ++j;
    std::uint64_t first = sorted[i];
    std::size_t span_len = static_cast<std::size_t>(sorted[j - 1] - first + 1);
    buffer.assign(span_len, 0);
    std::size_t got = pread_full(fd, std::as_writable_bytes(std::span(buffer)), static_cast<off_t>(first * 8), path);
    ++reads;
    if (explaining())
      explain("pread", path + ", " + std::to_string(span_len * 8) + " bytes at offset " + hexa(first * 8),
              std::to_string(got) + " bytes",
              "frames " + std::to_string(first) + "-" + std::to_string(first + span_len - 1) + " (" +
                  std::to_string(j - i) + " wanted)");
    for (std::size_t k = i; k < j; ++k) values[k] = buffer[sorted[k] - first];
    i = j;
  }
  (void)reads;
  // Align with the caller's order.
  std::vector<std::uint64_t> out(pfns.size());
  for (std::size_t k = 0; k < pfns.size(); ++k) {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), pfns[k]);
    out[k] = values[static_cast<std::size_t>(it - sorted.begin())];
  }
  return out;
}

std::optional<std::vector<std::uint64_t>> ProcessPages::kpageflags(std::span<const std::uint64_t> pfns) const {
  if (!kpageflags_) return std::nullopt;
  return read_pfn_table(kpageflags_.get(), "kpageflags", pfns);
}
std::optional<std::vector<std::uint64_t>> ProcessPages::kpagecount(std::span<const std::uint64_t> pfns) const {
  if (!kpagecount_) return std::nullopt;
  return read_pfn_table(kpagecount_.get(), "kpagecount", pfns);
}
std::optional<std::vector<std::uint64_t>> ProcessPages::kpagecgroup(std::span<const std::uint64_t> pfns) const {
  if (!kpagecgroup_) return std::nullopt;
  return read_pfn_table(kpagecgroup_.get(), "kpagecgroup", pfns);
}

std::optional<std::string> memory_cgroup_path(std::uint64_t inode) {
  namespace fs = std::filesystem;
  // v1 (or hybrid): the memory controller has its own hierarchy; pure v2: the unified mount holds memory.
  std::vector<fs::path> roots;
  if (fs::exists("/sys/fs/cgroup/memory/memory.usage_in_bytes")) roots.emplace_back("/sys/fs/cgroup/memory");
  if (fs::exists("/sys/fs/cgroup/cgroup.controllers")) roots.emplace_back("/sys/fs/cgroup");
  if (fs::exists("/sys/fs/cgroup/unified/cgroup.controllers")) roots.emplace_back("/sys/fs/cgroup/unified");
  for (const fs::path& root : roots) {
    struct stat st {};
    if (::stat(root.c_str(), &st) == 0 && st.st_ino == inode) {
      explain("stat", root.string(), "inode " + std::to_string(st.st_ino), "the root memory cgroup");
      return root.string() + " (root cgroup)";
    }
    std::error_code ec;
    std::size_t visited = 0;
    for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
         it != end && !ec; it.increment(ec)) {
      if (!it->is_directory(ec)) continue;
      ++visited;
      if (::stat(it->path().c_str(), &st) == 0 && st.st_ino == inode) {
        explain("stat", "directories under " + root.string() + " (" + std::to_string(visited) + " visited)",
                "inode " + std::to_string(inode) + " is " + it->path().string(),
                "kpagecgroup gives the inode of the memory cgroup's directory");
        return it->path().string();
      }
    }
    explain("stat", "directories under " + root.string() + " (" + std::to_string(visited) + " visited)",
            "no directory with inode " + std::to_string(inode));
  }
  return std::nullopt;
}

}  // namespace virtlab::kernel
