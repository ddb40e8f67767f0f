// `pagewalk PID --list [--range A-B]`: VA → PFN per page, consecutive pages folded into runs.
#include <algorithm>

#include "pagewalk/walk.hpp"
#include "virtlab/error.hpp"
#include "virtlab/text.hpp"

namespace virtlab::pagewalk {

const char* page_state_name(PageState state) {
  switch (state) {
    case PageState::not_present:
      return "not-present";
    case PageState::present:
      return "present";
    case PageState::swapped:
      return "swapped";
  }
  return "?";
}

void fold_page_runs(std::vector<PageRun>& runs, std::uint64_t first_va, std::span<const std::uint64_t> entries) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    kernel::PagemapEntry e{entries[i]};
    PageRun page;
    page.start = first_va + i * kernel::kPageSize;
    page.pages = 1;
    page.state = e.present() ? PageState::present : e.swapped() ? PageState::swapped : PageState::not_present;
    page.first_pfn = e.present() ? e.pfn() : e.swapped() ? e.swap_offset() : 0;
    page.swap_type = e.swap_type();
    page.file_shared = e.file_or_shared();
    page.exclusive = e.exclusive();
    page.soft_dirty = e.soft_dirty();
    if (!runs.empty()) {
      PageRun& last = runs.back();
      bool adjacent = last.start + last.pages * kernel::kPageSize == page.start;
      bool same = last.state == page.state && last.file_shared == page.file_shared &&
                  last.exclusive == page.exclusive && last.soft_dirty == page.soft_dirty &&
                  last.swap_type == page.swap_type;
      // Frames continue the run when they are consecutive (or all hidden as 0, or the state has no frame).
      bool frames_continue = page.state == PageState::not_present || (last.first_pfn == 0 && page.first_pfn == 0) ||
                             (last.first_pfn != 0 && page.first_pfn == last.first_pfn + last.pages);
      if (adjacent && same && frames_continue) {
        ++last.pages;
        continue;
      }
    }
    runs.push_back(page);
  }
}

PageList list_pages(pid_t pid, const ListOptions& options) {
  PageList list;
  list.process = inspect_process(pid);
  auto maps = read_maps(pid);
  kernel::ProcessPages pages = kernel::ProcessPages::open(pid, options.read);
  list.access = pages.access();
  list.notes = list.access.hidden;
  list.range = options.range.value_or(AddressRange{0, maps.back().end});
  std::uint64_t lo = list.range.start & ~(kernel::kPageSize - 1);
  std::uint64_t hi = (list.range.end + kernel::kPageSize - 1) & ~(kernel::kPageSize - 1);
  bool any = false;
  std::vector<PageRun> runs;
  for (const auto& m : maps) {
    if (m.kind == VmaKind::vsyscall) continue;
    std::uint64_t s = std::max(lo, m.start), e = std::min(hi, m.end);
    if (s >= e) continue;
    any = true;
    list.pages += (e - s) / kernel::kPageSize;
    std::size_t before = runs.size();
    pages.for_each_pagemap_batch(s, e, [&](std::uint64_t va, std::span<const std::uint64_t> entries) {
      // Do not fold across VMA boundaries: a run belongs to one mapping.
      if (runs.size() == before && !runs.empty()) {
        std::vector<PageRun> fresh;
        fold_page_runs(fresh, va, entries);
        runs.insert(runs.end(), fresh.begin(), fresh.end());
      } else {
        fold_page_runs(runs, va, entries);
      }
    });
  }
  if (!any)
    throw Error(ExitCode::not_found,
                "range " + hex(list.range.start) + "-" + hex(list.range.end) + " touches no mapping of pid " +
                    std::to_string(pid),
                "pick a range inside the mappings listed by `pagewalk " + std::to_string(pid) + "`");
  if (!options.include_not_present)
    std::erase_if(runs, [](const PageRun& r) { return r.state == PageState::not_present; });
  list.runs = std::move(runs);
  return list;
}

}  // namespace virtlab::pagewalk
