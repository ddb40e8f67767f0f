// `pagewalk PID`: per-VMA page counts. Fast path: PAGEMAP_SCAN reports regions with categories, and only present
// anonymous regions are read from pagemap (for the exclusive bit). Fallback: pagemap in 64K-entry batches plus
// kpageflags over sorted PFN runs for THP and zero-page counts.
#include <algorithm>

#include "pagewalk/walk.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"

namespace virtlab::pagewalk {

namespace {

// The page tables we can read: everything below the top of the user address space ([vsyscall] lives above it).
constexpr std::uint64_t kMergeGapPages = 64;

bool walkable(const MapsEntry& vma) { return vma.kind != VmaKind::vsyscall && vma.end <= (1ULL << 57); }

void add_optional(std::optional<std::uint64_t>& into, const std::optional<std::uint64_t>& value) {
  if (into && value) *into += *value;
  else into.reset();
}

// Returns the anonymous pages mapped by huge PMDs (smaps' AnonHugePages).
std::uint64_t count_with_scan(const ProcessPages& pages, std::vector<VmaSummary>& vmas, bool soft_dirty) {
  namespace sc = scan_category;
  std::uint64_t lo = UINT64_MAX, hi = 0;
  for (const auto& v : vmas)
    if (v.walked) lo = std::min(lo, v.vma.start), hi = std::max(hi, v.vma.end);
  if (lo >= hi) return 0;
  std::uint64_t anon_huge = 0;
  const std::uint64_t ret = sc::file | sc::present | sc::swapped | sc::pfn_zero | sc::huge | sc::soft_dirty;
  auto regions = pages.scan(lo, hi, sc::present | sc::swapped, ret);

  // Present anonymous ranges (not the zero page) still need pagemap for bit 56 (exclusive), which the scan lacks.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> anon_ranges;
  std::size_t r = 0;
  for (auto& v : vmas) {
    auto& c = v.counts;
    c.thp = 0;
    c.zero_page = 0;
    if (soft_dirty) c.soft_dirty = 0;
    if (!v.walked) continue;
    while (r < regions.size() && regions[r].end <= v.vma.start) ++r;
    for (std::size_t k = r; k < regions.size() && regions[k].start < v.vma.end; ++k) {
      const auto& g = regions[k];
      std::uint64_t s = std::max(g.start, v.vma.start), e = std::min(g.end, v.vma.end);
      std::uint64_t n = (e - s) / kPageSize;
      bool present = g.categories & sc::present, swapped = g.categories & sc::swapped;
      bool file = g.categories & sc::file, zero = g.categories & sc::pfn_zero;
      if (present) c.resident += n;
      if (swapped) c.swapped += n;
      if ((present || swapped) && file) c.file_shared += n;
      if (present && zero) *c.zero_page += n;
      if (present && (g.categories & sc::huge)) *c.thp += n;
      if (soft_dirty && (g.categories & sc::soft_dirty)) *c.soft_dirty += n;
      if (present && !file && !zero) {
        c.anonymous += n;
        if (g.categories & sc::huge) anon_huge += n;
        // Ranges a few pages apart share one pread: entries in the gap are filtered out below.
        if (!anon_ranges.empty() && s - anon_ranges.back().second <= kMergeGapPages * kPageSize)
          anon_ranges.back().second = e;
        else anon_ranges.emplace_back(s, e);
      }
    }
  }
  // Exclusive bits: pagemap over the anonymous ranges only, 64K entries per pread.
  std::size_t vi = 0;
  for (auto [s, e] : anon_ranges) {
    pages.for_each_pagemap_batch(s, e, [&](std::uint64_t va, std::span<const std::uint64_t> entries) {
      for (std::size_t i = 0; i < entries.size();) {
        std::uint64_t addr = va + i * kPageSize;
        while (vmas[vi].vma.end <= addr) ++vi;
        std::size_t stop = std::min(entries.size(), i + static_cast<std::size_t>((vmas[vi].vma.end - addr) / kPageSize));
        std::uint64_t exclusive = 0;
        for (std::size_t k = i; k < stop; ++k) {
          PagemapEntry e{entries[k]};
          exclusive += e.present() && !e.file_or_shared() && e.exclusive();  // the zero page is never exclusive
        }
        vmas[vi].counts.anon_exclusive += exclusive;
        i = stop;
      }
    });
  }
  return anon_huge;
}

// Returns anonymous pages inside THPs (from kpageflags THP+ANON; 0 when frames are not readable).
std::uint64_t count_with_pread(const ProcessPages& pages, std::vector<VmaSummary>& vmas, bool soft_dirty) {
  const bool frames = pages.access().pfn_visible && pages.access().kpageflags_readable;
  std::vector<std::uint64_t> pfns;
  std::vector<std::size_t> pfn_owner;  // index into vmas for each entry of pfns
  for (std::size_t vi = 0; vi < vmas.size(); ++vi) {
    auto& v = vmas[vi];
    auto& c = v.counts;
    if (soft_dirty) c.soft_dirty = 0;
    if (!v.walked) continue;
    pages.for_each_pagemap_batch(v.vma.start, v.vma.end, [&](std::uint64_t, std::span<const std::uint64_t> entries) {
      for (std::uint64_t raw : entries) {
        PagemapEntry e{raw};
        if (e.present()) {
          ++c.resident;
          if (e.file_or_shared()) ++c.file_shared;
          else {
            ++c.anonymous;
            if (e.exclusive()) ++c.anon_exclusive;
          }
          if (frames) {
            pfns.push_back(e.pfn());
            pfn_owner.push_back(vi);
          }
        } else if (e.swapped()) {
          ++c.swapped;
          if (e.file_or_shared()) ++c.file_shared;
        }
        if (soft_dirty && e.soft_dirty()) ++*c.soft_dirty;
      }
    });
  }
  if (!frames) return 0;  // thp/zero stay unknown (nullopt); the notes say why
  for (auto& v : vmas) v.counts.thp = 0, v.counts.zero_page = 0;
  auto flags = pages.kpageflags(pfns);
  if (!flags) return 0;
  std::uint64_t anon_huge = 0;
  for (std::size_t k = 0; k < pfns.size(); ++k) {
    auto& c = vmas[pfn_owner[k]].counts;
    std::uint64_t f = (*flags)[k];
    if ((f >> kpf::thp) & 1) {
      ++*c.thp;
      if ((f >> kpf::anon) & 1) ++anon_huge;
    }
    if ((f >> kpf::zero_page) & 1) {
      ++*c.zero_page;
      --c.anonymous;  // the zero page has no anonymous page behind it (smaps does not count it)
    }
  }
  return anon_huge;
}

}  // namespace

void PageCounts::add(const PageCounts& o) {
  pages += o.pages;
  resident += o.resident;
  swapped += o.swapped;
  file_shared += o.file_shared;
  anonymous += o.anonymous;
  anon_exclusive += o.anon_exclusive;
  add_optional(thp, o.thp);
  add_optional(zero_page, o.zero_page);
  add_optional(soft_dirty, o.soft_dirty);
}

Summary summarize(pid_t pid, const SummaryOptions& options) {
  Summary summary;
  summary.process = inspect_process(pid);
  summary.paging_mode = detect_paging_mode();
  auto maps = read_maps(pid);
  ProcessPages pages = ProcessPages::open(pid, options.read);
  summary.access = pages.access();
  summary.soft_dirty_supported = kernel_has_soft_dirty();
  for (auto& m : maps) {
    VmaSummary v;
    v.vma = std::move(m);
    v.walked = walkable(v.vma);
    v.counts.pages = v.vma.pages();
    summary.vmas.push_back(std::move(v));
  }
  if (summary.access.scan_available) {
    summary.method = "PAGEMAP_SCAN";
    summary.anon_huge_bytes = count_with_scan(pages, summary.vmas, summary.soft_dirty_supported) * kPageSize;
  } else {
    summary.method = "pread";
    summary.anon_huge_bytes = count_with_pread(pages, summary.vmas, summary.soft_dirty_supported) * kPageSize;
  }
  summary.totals.thp = 0;
  summary.totals.zero_page = 0;
  if (summary.soft_dirty_supported) summary.totals.soft_dirty = 0;
  for (const auto& v : summary.vmas) {
    summary.totals.add(v.counts);
    if (v.vma.kind == VmaKind::vvar) continue;  // PFN-mapped kernel data: smaps does not count it in Rss
    std::uint64_t zero = v.counts.zero_page.value_or(0);
    summary.rss_bytes += (v.counts.resident - zero) * kPageSize;
    summary.anonymous_bytes += v.counts.anonymous * kPageSize;
    summary.swap_bytes += v.counts.swapped * kPageSize;
  }
  summary.notes = summary.access.hidden;
  if (!summary.soft_dirty_supported)
    summary.notes.push_back("soft-dirty: n/a: kernel built without CONFIG_MEM_SOFT_DIRTY");
  if (summary.method == "pread" && !summary.totals.thp)
    summary.notes.push_back(
        "THP and zero-page counts: n/a: without PAGEMAP_SCAN they come from kpageflags, which needs root");
  if (summary.method == "pread" && summary.totals.thp)
    summary.notes.push_back("THP counts come from kpageflags (any page of a huge folio, also when mapped by 4 KiB "
                            "entries); with PAGEMAP_SCAN they count pages mapped by a huge PMD");
  return summary;
}

}  // namespace virtlab::pagewalk
