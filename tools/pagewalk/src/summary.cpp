// `pagewalk PID`: per-VMA page counts. Fast path: PAGEMAP_SCAN reports regions with categories, and only present
// anonymous regions are read from pagemap (for the exclusive bit). Fallback: pagemap in 64K-entry batches plus
// kpageflags over sorted PFN runs for THP and zero-page counts.
#include <algorithm>

#include "pagewalk/walk.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"

namespace virtlab::pagewalk {

namespace {

// The page tables we can read: everything below the top of the user address space ([vsyscall] lives above it).
constexpr std::uint64_t kMergeGapPages = 64;

bool walkable(const MapsEntry& vma) {
  return vma.kind != VmaKind::vsyscall && vma.end <= (1ULL << 57);
}

void add_optional(std::optional<std::uint64_t>& into, const std::optional<std::uint64_t>& value) {
  if (into && value)
    *into += *value;
  else
    into.reset();
}

bool anonymous_kind(VmaKind kind) {
  return kind == VmaKind::anonymous || kind == VmaKind::named_anonymous || kind == VmaKind::heap ||
         kind == VmaKind::stack;
}

// File and exclusive bits of the present pages in private mappings: pagemap, 64K entries per pread. `ranges` are
// what to read (nearby ranges merged), `counted` the pages in them to count (both sorted).
void count_private_pages(const kernel::ProcessPages& pages, std::vector<VmaSummary>& vmas,
                         const std::vector<std::pair<std::uint64_t, std::uint64_t>>& ranges,
                         const std::vector<std::pair<std::uint64_t, std::uint64_t>>& counted) {
  std::size_t vi = 0, ci = 0;
  for (auto [s, e] : ranges) {
    pages.for_each_pagemap_batch(s, e, [&](std::uint64_t va, std::span<const std::uint64_t> entries) {
      for (std::size_t i = 0; i < entries.size();) {
        std::uint64_t addr = va + i * kernel::kPageSize;
        while (vmas[vi].vma.end <= addr) ++vi;
        const auto& vma = vmas[vi].vma;
        if (addr < vma.start) {  // a hole between mappings inside a merged range
          i += static_cast<std::size_t>(
              std::min<std::uint64_t>((vma.start - addr) / kernel::kPageSize, entries.size() - i));
          continue;
        }
        std::size_t stop = std::min(entries.size(), i + static_cast<std::size_t>((vma.end - addr) / kernel::kPageSize));
        if (!vma.shared() && vmas[vi].walked) {
          auto& c = vmas[vi].counts;
          for (std::size_t k = i; k < stop; ++k) {
            const std::uint64_t page = va + k * kernel::kPageSize;
            while (ci < counted.size() && counted[ci].second <= page) ++ci;
            if (ci == counted.size() || page < counted[ci].first) continue;  // in a merged gap
            kernel::PagemapEntry entry{entries[k]};
            if (!entry.present()) continue;
            if (entry.file_or_shared()) {
              ++c.file_shared;
            } else {
              ++c.anonymous;
              c.anon_exclusive += entry.exclusive();
            }
          }
        }
        i = stop;
      }
    });
  }
}

// Fast path. One PAGEMAP_SCAN over the whole address space gives present/swapped/zero-page/huge/soft-dirty per
// region. We do not ask it for PAGE_IS_FILE: that makes the kernel look up every page's struct page, which here
// costs as much as reading pagemap itself. Instead: in shared mappings every page is file/shared (shmem or page
// cache); in private mappings the present ranges are read from pagemap once, which gives the file bit (61) and the
// exclusive bit (56, which the scan has no category for) together.
// Returns the anonymous pages mapped by huge PMDs (smaps' AnonHugePages).
std::uint64_t count_with_scan(const kernel::ProcessPages& pages, std::vector<VmaSummary>& vmas, bool soft_dirty) {
  namespace sc = kernel::scan_category;
  std::uint64_t lo = UINT64_MAX, hi = 0;
  for (const auto& v : vmas)
    if (v.walked) lo = std::min(lo, v.vma.start), hi = std::max(hi, v.vma.end);
  if (lo >= hi) return 0;
  std::uint64_t anon_huge = 0;
  const std::uint64_t ret = sc::present | sc::swapped | sc::pfn_zero | sc::huge | (soft_dirty ? sc::soft_dirty : 0);
  auto regions = pages.scan(lo, hi, sc::present | sc::swapped, ret);

  std::vector<std::pair<std::uint64_t, std::uint64_t>> private_present;  // ranges to read from pagemap
  std::vector<std::pair<std::uint64_t, std::uint64_t>> counted;          // the pages to count in them
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
      std::uint64_t n = (e - s) / kernel::kPageSize;
      bool present = g.categories & sc::present, swapped = g.categories & sc::swapped;
      bool zero = g.categories & sc::pfn_zero, huge = g.categories & sc::huge;
      if (present) c.resident += n;
      if (swapped) c.swapped += n;
      if (present && zero) *c.zero_page += n;
      if (present && huge) *c.thp += n;
      if (soft_dirty && (g.categories & sc::soft_dirty)) *c.soft_dirty += n;
      if (v.vma.shared()) {
        if (present || swapped) c.file_shared += n;
        continue;
      }
      if (present && huge && !zero && anonymous_kind(v.vma.kind)) anon_huge += n;
      if (present && !zero) {
        // Ranges a few pages apart share one pread; only `counted` is counted, so the gap's entries (zero pages
        // among them, which are present and look anonymous in pagemap) are skipped below.
        counted.emplace_back(s, e);
        if (!private_present.empty() && s - private_present.back().second <= kMergeGapPages * kernel::kPageSize)
          private_present.back().second = e;
        else
          private_present.emplace_back(s, e);
      }
    }
  }
  count_private_pages(pages, vmas, private_present, counted);
  // The zero page was counted neither way above: it was left out of the ranges.
  return anon_huge;
}

using Ranges = std::vector<std::pair<std::uint64_t, std::uint64_t>>;

// What the pread path reads of `vma`: all of it, or, when `locate` (the kernel has PAGEMAP_SCAN and the mapping is
// over twice the process's resident pages, so at least half of it is unpopulated), only the pages present or in
// swap. PAGEMAP_SCAN finds them without producing an entry per page: pagemap makes one for every page of a hole, and
// across an ASan process's 20 TiB of shadow that is 5 billion entries, minutes of work. Outside the ranges every
// entry is neither present nor swapped, so the counts are the same; ranges a few pages apart are read together.
Ranges ranges_to_read(const kernel::ProcessPages& pages, const MapsEntry& vma, bool locate) {
  if (!locate) return {{vma.start, vma.end}};
  namespace sc = kernel::scan_category;
  Ranges ranges;
  for (const auto& region : pages.scan(vma.start, vma.end, sc::present | sc::swapped, sc::present | sc::swapped)) {
    if (!ranges.empty() && region.start - ranges.back().second <= kMergeGapPages * kernel::kPageSize)
      ranges.back().second = region.end;
    else
      ranges.emplace_back(region.start, region.end);
  }
  return ranges;
}

// The soft-dirty bits of the pages ranges_to_read left out: pagemap sets bit 55 on every page of a mapping the
// kernel marked VM_SOFTDIRTY (holes too) and on no page that is neither present nor swapped otherwise, so one entry
// of a left-out page tells them all. Returns how many of them count as soft-dirty.
std::uint64_t soft_dirty_left_out(const kernel::ProcessPages& pages, const MapsEntry& vma, const Ranges& ranges) {
  std::uint64_t read = 0, probe = vma.start;
  for (auto [s, e] : ranges) {
    read += (e - s) / kernel::kPageSize;
    if (probe == s) probe = e;
  }
  if (probe >= vma.end) return 0;  // nothing was left out
  std::uint64_t raw = 0;
  pages.read_pagemap(probe, probe + kernel::kPageSize, std::span(&raw, 1));
  return kernel::PagemapEntry{raw}.soft_dirty() ? vma.pages() - read : 0;
}

// THP and zero-page counts from kpageflags, for the candidates count_with_pread found (sorted-run preads).
// Returns the anonymous pages inside THPs.
std::uint64_t count_frames(const kernel::ProcessPages& pages, std::vector<VmaSummary>& vmas,
                           const std::vector<std::pair<std::uint64_t, std::size_t>>& huge_heads,
                           const std::vector<std::pair<std::uint64_t, std::size_t>>& shared_anon) {
  constexpr std::uint64_t kHugePages = HugeRunFinder::kRunPages;
  for (auto& v : vmas) v.counts.thp = 0, v.counts.zero_page = 0;
  std::uint64_t anon_huge = 0;
  std::vector<std::uint64_t> pfns;
  for (const auto& h : huge_heads) pfns.push_back(h.first);
  if (auto flags = pages.kpageflags(pfns)) {
    for (std::size_t k = 0; k < pfns.size(); ++k) {
      std::uint64_t f = (*flags)[k];
      if (!(((f >> kernel::kpf::thp) & 1) || ((f >> kernel::kpf::huge) & 1)))
        continue;  // consecutive by chance: not huge
      *vmas[huge_heads[k].second].counts.thp += kHugePages;
      if (((f >> kernel::kpf::thp) & 1) && ((f >> kernel::kpf::anon) & 1)) anon_huge += kHugePages;
    }
  }
  pfns.clear();
  for (const auto& z : shared_anon) pfns.push_back(z.first);
  if (auto flags = pages.kpageflags(pfns)) {
    for (std::size_t k = 0; k < pfns.size(); ++k) {
      if (!(((*flags)[k] >> kernel::kpf::zero_page) & 1)) continue;
      auto& c = vmas[shared_anon[k].second].counts;
      ++*c.zero_page;
      --c.anonymous;  // the zero page has no anonymous page behind it (smaps does not count it)
    }
  }
  return anon_huge;
}

// Reads every page table entry of every mapping (64K entries per pread) — on a densely populated address space
// this is the least work possible. THP and zero-page counts then need kpageflags (root), but only for candidates,
// never for every page: a huge-PMD THP shows up as 512 consecutive frames starting on a 512-frame boundary at a
// 2 MiB-aligned address (one lookup of its head frame), and the zero page is present, anonymous and not exclusive.
// The counting itself is a branch-free tally per batch; candidates are looked for only where they can be.
// Returns the anonymous pages inside THPs.
// Mappings larger than `locate_above_pages` are read only where ranges_to_read finds pages.
std::uint64_t count_with_pread(const kernel::ProcessPages& pages, std::vector<VmaSummary>& vmas, bool soft_dirty,
                               std::uint64_t locate_above_pages) {
  const bool frames = pages.access().pfn_visible && pages.access().kpageflags_readable;
  std::vector<std::pair<std::uint64_t, std::size_t>> huge_heads;   // (head PFN, vma index)
  std::vector<std::pair<std::uint64_t, std::size_t>> shared_anon;  // zero-page candidates: (PFN, vma index)
  std::vector<std::uint64_t> heads;
  HugeRunFinder huge_runs;
  for (std::size_t vi = 0; vi < vmas.size(); ++vi) {
    auto& v = vmas[vi];
    auto& c = v.counts;
    if (soft_dirty) c.soft_dirty = 0;
    if (!v.walked) continue;
    const bool locate = pages.access().scan_available && v.counts.pages > locate_above_pages;
    const Ranges ranges = ranges_to_read(pages, v.vma, locate);
    if (soft_dirty && locate) *c.soft_dirty += soft_dirty_left_out(pages, v.vma, ranges);
    const auto count_batch = [&](std::uint64_t va, std::span<const std::uint64_t> entries) {
      const PagemapTally t = tally_pagemap_entries(entries);
      c.resident += t.resident;
      c.swapped += t.swapped;
      c.file_shared += t.file_shared;
      c.anonymous += t.anonymous;
      c.anon_exclusive += t.anon_exclusive;
      if (soft_dirty) *c.soft_dirty += t.soft_dirty;
      if (!frames) return;
      if (t.anonymous != t.anon_exclusive)  // some present anonymous page is shared: maybe the zero page
        for (const std::uint64_t raw : entries) {
          const kernel::PagemapEntry e{raw};
          if (e.present() && !e.file_or_shared() && !e.exclusive()) shared_anon.emplace_back(e.pfn(), vi);
        }
      heads.clear();
      huge_runs.feed(va, entries, heads);
      for (const std::uint64_t head : heads) huge_heads.emplace_back(head, vi);
    };
    for (auto [start, end] : ranges) {
      huge_runs.reset();  // a THP run never spans a range boundary: the pages between are not present
      pages.for_each_pagemap_batch(start, end, count_batch);
    }
  }
  if (!frames) return 0;  // thp/zero stay unknown (nullopt); the notes say why
  return count_frames(pages, vmas, huge_heads, shared_anon);
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
  kernel::ProcessPages pages = kernel::ProcessPages::open(pid, options.read);
  summary.access = pages.access();
  summary.soft_dirty_supported = kernel::kernel_has_soft_dirty();
  for (auto& m : maps) {
    VmaSummary v;
    v.vma = std::move(m);
    v.walked = walkable(v.vma);
    v.counts.pages = v.vma.pages();
    summary.vmas.push_back(std::move(v));
  }
  // PAGEMAP_SCAN skips unpopulated ranges without reading them (vital for sparse giants such as ASan shadow
  // memory), but its per-page loop costs extra on densely populated memory. So: when at least a quarter of the
  // mapped pages are resident (statm) and we may read frames (root: THP and zero page need kpageflags), read
  // pagemap directly (a mapping over twice the resident pages is still read only where PAGEMAP_SCAN finds pages);
  // otherwise scan first.
  std::uint64_t mapped = 0;
  for (const auto& v : summary.vmas)
    if (v.walked) mapped += v.counts.pages;
  std::uint64_t resident_hint = 0;
  if (auto statm = try_read_file("/proc/" + std::to_string(pid) + "/statm")) {
    auto fields = split_whitespace(*statm);
    if (fields.size() > 1) resident_hint = parse_u64(fields[1]).value_or(0);
  }
  const bool frames = summary.access.pfn_visible && summary.access.kpageflags_readable;
  const bool dense = resident_hint * 4 >= mapped;
  const bool scan =
      options.count_with == CountWith::scan || (options.count_with == CountWith::automatic && !(dense && frames));
  if (summary.access.scan_available && scan) {
    summary.method = "PAGEMAP_SCAN";
    summary.anon_huge_bytes = count_with_scan(pages, summary.vmas, summary.soft_dirty_supported) * kernel::kPageSize;
  } else {
    if (summary.access.scan_available && dense && frames && explaining())
      Explain::instance().note("dense address space (" + std::to_string(resident_hint) + " of " +
                               std::to_string(mapped) +
                               " pages resident): reading pagemap directly is cheaper than PAGEMAP_SCAN here");
    summary.method = "pread";
    const std::uint64_t locate_above = resident_hint > 0 ? 2 * resident_hint : UINT64_MAX;
    summary.anon_huge_bytes =
        count_with_pread(pages, summary.vmas, summary.soft_dirty_supported, locate_above) * kernel::kPageSize;
  }
  summary.totals.thp = 0;
  summary.totals.zero_page = 0;
  if (summary.soft_dirty_supported) summary.totals.soft_dirty = 0;
  for (const auto& v : summary.vmas) {
    summary.totals.add(v.counts);
    if (v.vma.kind == VmaKind::vvar) continue;  // PFN-mapped kernel data: smaps does not count it in Rss
    std::uint64_t zero = v.counts.zero_page.value_or(0);
    summary.rss_bytes += (v.counts.resident - zero) * kernel::kPageSize;
    summary.anonymous_bytes += v.counts.anonymous * kernel::kPageSize;
    summary.swap_bytes += v.counts.swapped * kernel::kPageSize;
  }
  summary.notes = summary.access.hidden;
  if (!summary.soft_dirty_supported)
    summary.notes.push_back("soft-dirty: n/a: kernel built without CONFIG_MEM_SOFT_DIRTY");
  if (summary.method == "pread" && !summary.totals.thp)
    summary.notes.push_back(
        "THP and zero-page counts: n/a: without PAGEMAP_SCAN they come from kpageflags, which needs root");
  return summary;
}

}  // namespace virtlab::pagewalk
