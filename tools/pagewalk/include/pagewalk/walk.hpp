// pagewalk's three views of a process, as plain data (computed from the kernel by the functions below), and how
// each is printed as a table or as JSON (schema pagewalk/1, schemas/pagewalk.v1.json, "kind" tells them apart).
//
// The demos call these to show before/after:  auto before = walk_address(pid, va); ...; render(out, term, before);
#pragma once

#include <sys/types.h>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "pagewalk/decode.hpp"
#include "virtlab/engines/state.hpp"
#include "virtlab/json.hpp"
#include "virtlab/kernel/pagemap.hpp"
#include "virtlab/kernel/proc_stat.hpp"
#include "virtlab/table.hpp"

namespace virtlab::pagewalk {

// kernel::ReadOptions with pagewalk's environment applied: PAGEWALK_NO_SCAN=1 forces the pread path (as --no-scan).
kernel::ReadOptions read_options_from_environment();

// The process behind a pid, checked: exists (else not_found), is not a kernel thread (no address space: not_found).
struct ProcessInfo {
  pid_t pid = 0;
  std::string command;  // comm from /proc/PID/stat
  kernel::ProcStat stat;
};
ProcessInfo inspect_process(pid_t pid);
// The VMAs of a live process (/proc/PID/maps). Throws not_found when the pid is gone.
std::vector<MapsEntry> read_maps(pid_t pid);

// --- pagewalk <pid> -----------------------------------------------------------------------------------------------

struct PageCounts {
  std::uint64_t pages = 0;                  // virtual pages in the range (size / 4 KiB)
  std::uint64_t resident = 0;               // present in RAM (pagemap bit 63), zero page and PFN-mapped pages included
  std::uint64_t swapped = 0;                // in swap (bit 62)
  std::uint64_t file_shared = 0;            // present or swapped, file page or shared anonymous (bit 61)
  std::uint64_t anonymous = 0;              // present anonymous pages (bit 61 clear), the zero page not included
  std::uint64_t anon_exclusive = 0;         // present anonymous page mapped by this process only (bit 56, bit 61 clear)
  std::optional<std::uint64_t> thp;         // present pages inside a huge-PMD mapping; nullopt: not knowable here
  std::optional<std::uint64_t> zero_page;   // present pages that map the shared zero page; nullopt: not knowable
  std::optional<std::uint64_t> soft_dirty;  // nullopt when the kernel has no CONFIG_MEM_SOFT_DIRTY
  void add(const PageCounts& other);
};

struct VmaSummary {
  MapsEntry vma;
  PageCounts counts;
  bool walked = true;  // false for [vsyscall] (outside the user page tables) — counts stay 0
};

struct Summary {
  ProcessInfo process;
  PagingMode paging_mode = PagingMode::x86_64_4level;
  std::string method;  // "PAGEMAP_SCAN" or "pread"
  kernel::Access access;
  bool soft_dirty_supported = false;
  std::vector<VmaSummary> vmas;
  PageCounts totals;
  // Bytes comparable with /proc/PID/smaps_rollup: Rss excludes the zero page and PFN-mapped pages ([vvar]).
  std::uint64_t rss_bytes = 0;
  std::uint64_t anonymous_bytes = 0;  // smaps "Anonymous": present anonymous pages (not the zero page)
  std::uint64_t anon_huge_bytes = 0;  // smaps "AnonHugePages": anonymous pages in huge-PMD mappings
  std::uint64_t swap_bytes = 0;       // smaps "Swap"
  std::vector<std::string> notes;     // what is hidden or not applicable, in words
};

// How the summary counts pages. automatic: PAGEMAP_SCAN's categories, except on a densely populated address space
// when frames are readable (then reading pagemap directly is cheaper). scan / pread: that path whenever the kernel
// allows it (tests compare both).
enum class CountWith { automatic, scan, pread };

struct SummaryOptions {
  kernel::ReadOptions read = read_options_from_environment();
  CountWith count_with = CountWith::automatic;
};
Summary summarize(pid_t pid, const SummaryOptions& options = {});

// --- pagewalk <pid> <address> -------------------------------------------------------------------------------------

struct AddressWalk {
  ProcessInfo process;
  std::uint64_t address = 0;
  AddressSplit split;
  MapsEntry vma;  // the mapping that contains the address
  kernel::PagemapEntry entry;
  kernel::Access access;
  std::optional<std::uint64_t> pfn;           // when present and visible
  std::optional<std::uint64_t> phys_address;  // pfn * 4096 + page offset
  std::optional<std::uint64_t> kpageflags;    // flags of that frame
  std::optional<std::uint64_t> kpagecount;    // how many times the frame is mapped
  std::optional<std::uint64_t> cgroup_inode;  // kpagecgroup: inode of the memory cgroup charged for the frame
  std::optional<std::string> cgroup_path;     // that cgroup's directory
  // The container that cgroup is, named from its engine's own state files ("docker vl-test-web").
  std::optional<virtlab::engines::Container> cgroup_container;
  std::vector<std::string> notes;  // what is hidden and why
};

struct WalkOptions {
  std::optional<PagingMode> mode;  // --arch; default: the CPU's mode from /proc/cpuinfo
  kernel::ReadOptions read = read_options_from_environment();
};
// Throws Error: usage for an address the mode cannot hold (i386 > 4 GiB), not_found for an unmapped address.
AddressWalk walk_address(pid_t pid, std::uint64_t address, const WalkOptions& options = {});
// The same on already-open page tables (demos keep one kernel::ProcessPages across before/after).
AddressWalk walk_address(const kernel::ProcessPages& pages, std::uint64_t address, const WalkOptions& options = {});
PagingMode detect_paging_mode();  // an mmap probe above 47 bits (5-level honours it); /proc/cpuinfo as fallback

// --- pagewalk <pid> --list [--range A-B] --------------------------------------------------------------------------

enum class PageState { not_present, present, swapped };
const char* page_state_name(PageState state);

// Consecutive pages folded into one run: same state and flags, and (when present) consecutive PFNs.
struct PageRun {
  std::uint64_t start = 0;  // first virtual address
  std::uint64_t pages = 0;
  PageState state = PageState::not_present;
  std::uint64_t first_pfn = 0;  // present: PFN of the first page (0 when hidden); swapped: swap offset of the first
  unsigned swap_type = 0;
  bool file_shared = false;
  bool exclusive = false;
  bool soft_dirty = false;
};

// Folds pagemap entries of pages starting at `first_va` onto `runs` (extends the last run when it continues). Pure.
void fold_page_runs(std::vector<PageRun>& runs, std::uint64_t first_va, std::span<const std::uint64_t> entries);

struct PageList {
  ProcessInfo process;
  AddressRange range;  // what was asked (or the whole address space)
  kernel::Access access;
  std::vector<PageRun> runs;
  std::uint64_t pages = 0;  // pages listed (inside mappings)
  std::vector<std::string> notes;
};
struct ListOptions {
  std::optional<AddressRange> range;
  bool include_not_present = false;  // --all: also list runs of pages not in memory
  kernel::ReadOptions read = read_options_from_environment();
};
// Throws not_found when the range touches no mapping.
PageList list_pages(pid_t pid, const ListOptions& options = {});

// --- output -------------------------------------------------------------------------------------------------------

// JSON fragments (without the document header); to_document() adds make_document("pagewalk", 1) + "kind".
Json to_json(const Summary& summary);
Json to_json(const AddressWalk& walk);
Json to_json(const PageList& list);
Json pagemap_entry_json(kernel::PagemapEntry entry, bool pfn_visible);
Json to_document(const Summary& summary);
Json to_document(const AddressWalk& walk);
Json to_document(const PageList& list);

void render(std::ostream& out, const Terminal& term, const Summary& summary);
void render(std::ostream& out, const Terminal& term, const AddressWalk& walk);
void render(std::ostream& out, const Terminal& term, const PageList& list);

}  // namespace virtlab::pagewalk
