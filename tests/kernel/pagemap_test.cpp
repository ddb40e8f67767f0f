// The pagemap words and the reader's pure parts: pagemap entries and kpageflags words built by hand (bit layout of
// Documentation/admin-guide/mm/pagemap.rst), and the folding of PAGEMAP_SCAN regions.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "virtlab/kernel/page_words.hpp"
#include "virtlab/kernel/pagemap.hpp"

namespace {

namespace kernel = virtlab::kernel;

TEST(Pagemap, PresentEntryWithPfn) {
  // present | exclusive | pfn 0x17cc5b
  kernel::PagemapEntry e{(1ULL << 63) | (1ULL << 56) | 0x17cc5bULL};
  EXPECT_TRUE(e.present());
  EXPECT_FALSE(e.swapped());
  EXPECT_TRUE(e.exclusive());
  EXPECT_FALSE(e.file_or_shared());
  EXPECT_FALSE(e.soft_dirty());
  EXPECT_EQ(e.pfn(), 0x17cc5bu);
  EXPECT_EQ(e.swap_type(), 0u);
  auto fields = kernel::describe_pagemap_entry(e, true);
  ASSERT_FALSE(fields.empty());
  EXPECT_EQ(fields.front().bits, "63");
  EXPECT_EQ(fields.front().value, 1u);
  EXPECT_EQ(fields.back().name, "pfn");
  EXPECT_EQ(fields.back().value, 0x17cc5bu);
  EXPECT_NE(fields.back().meaning.find("0x17cc5b000"), std::string::npos);
}

TEST(Pagemap, EveryFlagBit) {
  for (int bit : {55, 56, 57, 58, 61, 62, 63}) {
    kernel::PagemapEntry e{1ULL << bit};
    EXPECT_EQ(e.soft_dirty(), bit == 55);
    EXPECT_EQ(e.exclusive(), bit == 56);
    EXPECT_EQ(e.uffd_wp(), bit == 57);
    EXPECT_EQ(e.guard(), bit == 58);
    EXPECT_EQ(e.file_or_shared(), bit == 61);
    EXPECT_EQ(e.swapped(), bit == 62);
    EXPECT_EQ(e.present(), bit == 63);
  }
}

TEST(Pagemap, SwapTypeAndOffset) {
  // swapped | soft-dirty | type 3 | offset 0x12345
  kernel::PagemapEntry e{(1ULL << 62) | (1ULL << 55) | (0x12345ULL << 5) | 3};
  EXPECT_FALSE(e.present());
  EXPECT_TRUE(e.swapped());
  EXPECT_TRUE(e.soft_dirty());
  EXPECT_EQ(e.swap_type(), 3u);
  EXPECT_EQ(e.swap_offset(), 0x12345u);
  EXPECT_EQ(e.pfn(), 0u);  // not a frame number when swapped
  auto fields = kernel::describe_pagemap_entry(e, true);
  EXPECT_EQ(fields[fields.size() - 2].name, "swap type");
  EXPECT_EQ(fields[fields.size() - 2].value, 3u);
  EXPECT_EQ(fields.back().name, "swap offset");
  EXPECT_EQ(fields.back().value, 0x12345u);
}

TEST(Pagemap, HiddenPfnIsExplained) {
  kernel::PagemapEntry e{1ULL << 63};
  auto hidden = kernel::describe_pagemap_entry(e, false);
  EXPECT_NE(hidden.back().meaning.find("CAP_SYS_ADMIN"), std::string::npos);
  auto visible = kernel::describe_pagemap_entry(e, true);
  EXPECT_EQ(visible.back().meaning.find("CAP_SYS_ADMIN"), std::string::npos);
}

TEST(Kpageflags, NamesOfAllStableBits) {
  const char* expected[] = {"LOCKED",      "ERROR",     "REFERENCED", "UPTODATE",      "DIRTY",         "LRU",
                            "ACTIVE",      "SLAB",      "WRITEBACK",  "RECLAIM",       "BUDDY",         "MMAP",
                            "ANON",        "SWAPCACHE", "SWAPBACKED", "COMPOUND_HEAD", "COMPOUND_TAIL", "HUGE",
                            "UNEVICTABLE", "HWPOISON",  "NOPAGE",     "KSM",           "THP",           "OFFLINE",
                            "ZERO_PAGE",   "IDLE",      "PGTABLE"};
  for (int bit = 0; bit < kernel::kKpageflagsNamedBits; ++bit) {
    EXPECT_STREQ(kernel::kpageflag_name(bit), expected[bit]) << "bit " << bit;
    EXPECT_STRNE(kernel::kpageflag_meaning(bit), "");
  }
  EXPECT_STREQ(kernel::kpageflag_name(34), "MAPPEDTODISK");
  EXPECT_STREQ(kernel::kpageflag_name(30), "");
  // 0x400005828 as seen for an anonymous heap page here.
  auto names = kernel::kpageflag_names(0x0000000400005828ULL);
  std::vector<std::string> want = {"UPTODATE", "LRU", "MMAP", "ANON", "SWAPBACKED", "MAPPEDTODISK"};
  EXPECT_EQ(names, want);
  EXPECT_EQ(kernel::kpageflag_names(1ULL << 50), std::vector<std::string>{"bit 50"});
}

TEST(ScanRegions, DuplicateRegionsAreClamped) {
  std::vector<kernel::ScanRegion> out;
  using R = kernel::ScanRegion;
  // First batch ends exactly at a PMD end; the second batch repeats part of that PMD.
  kernel::append_scan_regions(out, std::vector<R>{{0x1000, 0x200000, 8}});
  kernel::append_scan_regions(out, std::vector<R>{{0x100000, 0x200000, 8}, {0x200000, 0x300000, 8 | 4}});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].start, 0x1000u);
  EXPECT_EQ(out[0].end, 0x200000u);
  EXPECT_EQ(out[1].start, 0x200000u);
  EXPECT_EQ(out[1].end, 0x300000u);
  // A region split at a batch end with equal categories is joined; a partly repeated one is trimmed.
  kernel::append_scan_regions(out, std::vector<R>{{0x280000, 0x380000, 8 | 4}});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].end, 0x380000u);
  std::uint64_t pages = 0;
  for (const auto& r : out) pages += (r.end - r.start) / 4096;
  EXPECT_EQ(pages, (0x380000u - 0x1000u) / 4096);
}

}  // namespace
