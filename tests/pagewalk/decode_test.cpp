// pagewalk's pure decoders on fixtures and hand-built words: maps lines, address splits, smaps_rollup, command-line
// values, run folding, pagemap tallies and huge-page runs (the per-page words: tests/kernel/pagemap_test.cpp).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "pagewalk/decode.hpp"
#include "pagewalk/walk.hpp"

namespace pw = virtlab::pagewalk;
namespace kernel = virtlab::kernel;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(VIRTLAB_FIXTURES_DIR) + "/" + name);
  EXPECT_TRUE(in) << "missing fixture " << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(Maps, ParsesEveryKindOfLine) {
  auto maps = pw::parse_maps(fixture("maps_odd.txt"));
  ASSERT_EQ(maps.size(), 14u);
  EXPECT_EQ(maps[0].start, 0x55d0c0a00000u);
  EXPECT_EQ(maps[0].end, 0x55d0c0a2f000u);
  EXPECT_EQ(maps[0].pages(), 0x2fu);
  EXPECT_EQ(maps[0].perms, "r--p");
  EXPECT_EQ(maps[0].device, "fd:01");
  EXPECT_EQ(maps[0].inode, 1835021u);
  EXPECT_EQ(maps[0].path, "/usr/bin/bash");
  EXPECT_EQ(maps[0].kind, pw::VmaKind::file);
  EXPECT_EQ(maps[1].offset, 0x2f000u);
  EXPECT_EQ(maps[2].kind, pw::VmaKind::heap);
  // Anonymous with a trailing blank and no path.
  EXPECT_EQ(maps[3].kind, pw::VmaKind::anonymous);
  EXPECT_EQ(maps[3].path, "");
  EXPECT_EQ(maps[3].display_name(), "anon");
  // Spaces inside the path are kept.
  EXPECT_EQ(maps[4].path, "/home/me/My Documents/lecture notes.pdf");
  EXPECT_FALSE(maps[4].deleted);
  // Shared anonymous memory shows as a deleted /dev/zero.
  EXPECT_EQ(maps[5].path, "/dev/zero");
  EXPECT_TRUE(maps[5].deleted);
  EXPECT_TRUE(maps[5].shared());
  // Only the last " (deleted)" is the kernel's suffix.
  EXPECT_EQ(maps[6].path, "/tmp/x (deleted)");
  EXPECT_TRUE(maps[6].deleted);
  EXPECT_EQ(maps[6].display_name(), "/tmp/x (deleted) (deleted)");
  EXPECT_EQ(maps[7].kind, pw::VmaKind::named_anonymous);
  EXPECT_EQ(maps[7].path, "[anon:glibc malloc arena]");
  EXPECT_EQ(maps[8].path, "/memfd:jit");
  EXPECT_EQ(maps[9].kind, pw::VmaKind::stack);
  EXPECT_EQ(maps[10].kind, pw::VmaKind::vvar);
  EXPECT_EQ(maps[11].kind, pw::VmaKind::vvar);
  EXPECT_EQ(maps[12].kind, pw::VmaKind::vdso);
  EXPECT_EQ(maps[13].kind, pw::VmaKind::vsyscall);
  EXPECT_EQ(maps[13].start, 0xffffffffff600000u);
}

TEST(Maps, RejectsJunk) {
  EXPECT_FALSE(pw::parse_maps_line("hello world"));
  EXPECT_FALSE(pw::parse_maps_line("1000-0800 r--p 00000000 00:00 0"));  // end before start
  EXPECT_FALSE(pw::parse_maps_line("1000-2000 r--p 00000000 0000 0"));   // device without ':'
  EXPECT_FALSE(pw::parse_maps_line("1000-2000 rw 00000000 00:00 0"));    // perms too short
  EXPECT_FALSE(pw::parse_maps_line("1000-2000 r--p 0000zz00 00:00 0"));  // offset not hex
  EXPECT_THROW(pw::parse_maps("1000-2000 r--p 00000000 00:00 0\nbroken\n"), std::invalid_argument);
}

TEST(AddressSplit, FourLevel) {
  auto s = pw::split_address(0x564f63e7d123ULL, pw::PagingMode::x86_64_4level);
  ASSERT_EQ(s.levels.size(), 5u);
  EXPECT_EQ(s.levels[0].name, "PGD");
  EXPECT_EQ(s.levels[0].index, 172u);
  EXPECT_EQ(s.levels[1].name, "PUD");
  EXPECT_EQ(s.levels[1].index, 317u);
  EXPECT_EQ(s.levels[2].name, "PMD");
  EXPECT_EQ(s.levels[2].index, 287u);
  EXPECT_EQ(s.levels[3].name, "PTE");
  EXPECT_EQ(s.levels[3].index, 125u);
  EXPECT_EQ(s.levels[4].name, "offset");
  EXPECT_EQ(s.levels[4].index, 0x123u);
  EXPECT_EQ(s.page_number, 0x564f63e7dULL);
  EXPECT_TRUE(s.canonical);
  // Reassembling the indices gives the address back.
  std::uint64_t back = (s.levels[0].index << 39) | (s.levels[1].index << 30) | (s.levels[2].index << 21) |
                       (s.levels[3].index << 12) | s.levels[4].index;
  EXPECT_EQ(back, 0x564f63e7d123ULL);
  EXPECT_TRUE(pw::split_address(0xffffffffff600000ULL, pw::PagingMode::x86_64_4level).canonical);
  EXPECT_FALSE(pw::split_address(0x0000800000000000ULL, pw::PagingMode::x86_64_4level).canonical);
  EXPECT_EQ(pw::split_address(0x7fffffffffffULL, pw::PagingMode::x86_64_4level).levels[0].index, 255u);
}

TEST(AddressSplit, FiveLevel) {
  std::uint64_t va = (0x1aULL << 48) | (0x3ULL << 39) | (0x1ffULL << 30) | (0x2ULL << 21) | (0x44ULL << 12) | 0xabc;
  auto s = pw::split_address(va, pw::PagingMode::x86_64_5level);
  ASSERT_EQ(s.levels.size(), 6u);
  EXPECT_EQ(s.levels[0].name, "PGD");
  EXPECT_EQ(s.levels[0].high_bit, 56);
  EXPECT_EQ(s.levels[0].index, 0x1au);
  EXPECT_EQ(s.levels[1].name, "P4D");
  EXPECT_EQ(s.levels[1].index, 3u);
  EXPECT_EQ(s.levels[2].index, 0x1ffu);
  EXPECT_EQ(s.levels[3].index, 2u);
  EXPECT_EQ(s.levels[4].index, 0x44u);
  EXPECT_EQ(s.levels[5].index, 0xabcu);
  EXPECT_TRUE(s.canonical);
  // Canonical in 5-level (bits 57+ copy bit 56) but not in 4-level.
  EXPECT_FALSE(pw::split_address(va, pw::PagingMode::x86_64_4level).canonical);
}

TEST(AddressSplit, I386NotesSplit) {
  // The notes: 0x12345678 → page number 0x12345, offset 0x678.
  auto s = pw::split_address(0x12345678, pw::PagingMode::i386);
  EXPECT_EQ(s.page_number, 0x12345u);
  EXPECT_EQ(s.page_offset, 0x678u);
  ASSERT_EQ(s.levels.size(), 4u);
  EXPECT_EQ(s.levels[0].name, "page number");
  EXPECT_EQ(s.levels[0].high_bit, 31);
  EXPECT_EQ(s.levels[0].low_bit, 12);
  EXPECT_EQ(s.levels[0].index, 0x12345u);
  EXPECT_EQ(s.levels[1].index, 0x12345u >> 10);    // page directory entry (10 bits)
  EXPECT_EQ(s.levels[2].index, 0x12345u & 0x3ff);  // page table entry (10 bits)
  EXPECT_EQ(s.levels[3].index, 0x678u);
  EXPECT_THROW(pw::split_address(0x100000000ULL, pw::PagingMode::i386), std::invalid_argument);
}

TEST(Cpuinfo, PagingModeFromFlagsAndWidth) {
  EXPECT_EQ(pw::paging_mode_from_cpuinfo(fixture("cpuinfo_4level.txt")), pw::PagingMode::x86_64_4level);
  EXPECT_EQ(pw::paging_mode_from_cpuinfo(fixture("cpuinfo_5level.txt")), pw::PagingMode::x86_64_5level);
  // la57 listed but a 48-bit virtual width: the kernel runs 4-level.
  EXPECT_EQ(pw::paging_mode_from_cpuinfo(fixture("cpuinfo_la57_48bit.txt")), pw::PagingMode::x86_64_4level);
  auto sizes = pw::address_sizes_from_cpuinfo(fixture("cpuinfo_5level.txt"));
  EXPECT_EQ(sizes.physical_bits, 46);
  EXPECT_EQ(sizes.virtual_bits, 57);
}

TEST(SmapsRollup, ParsesKbLines) {
  auto values = pw::parse_smaps_rollup(fixture("smaps_rollup.txt"));
  EXPECT_EQ(values.at("Rss"), 3928u * 1024);
  EXPECT_EQ(values.at("Anonymous"), 1172u * 1024);
  EXPECT_EQ(values.at("AnonHugePages"), 2048u * 1024);
  EXPECT_EQ(values.at("Swap"), 12u * 1024);
  EXPECT_EQ(values.count("55d0c0a00000-7ffd5e7fe000 ---p 00000000 00"), 0u);
}

TEST(CommandLine, AddressesAndRanges) {
  EXPECT_EQ(pw::parse_address("0x7ffd1234"), 0x7ffd1234u);
  EXPECT_EQ(pw::parse_address("7ffd1234"), 0x7ffd1234u);
  EXPECT_EQ(pw::parse_address("00400000"), 0x400000u);  // maps style: always hex
  EXPECT_FALSE(pw::parse_address("zzz"));
  EXPECT_FALSE(pw::parse_address(""));
  EXPECT_FALSE(pw::parse_address("0x"));
  EXPECT_FALSE(pw::parse_address("0x1ffffffffffffffff"));  // overflow
  auto r = pw::parse_range("0x1000-0x3000");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, 0x1000u);
  EXPECT_EQ(r->end, 0x3000u);
  auto sized = pw::parse_range("400000+64K");
  ASSERT_TRUE(sized);
  EXPECT_EQ(sized->start, 0x400000u);
  EXPECT_EQ(sized->end, 0x410000u);
  EXPECT_FALSE(pw::parse_range("0x3000-0x1000"));
  EXPECT_FALSE(pw::parse_range("0x1000"));
  EXPECT_FALSE(pw::parse_range("a-"));
  EXPECT_FALSE(pw::parse_range("0x1000+0"));
}

TEST(Runs, FoldConsecutiveFrames) {
  constexpr std::uint64_t P = 1ULL << 63, X = 1ULL << 56, F = 1ULL << 61;
  std::vector<std::uint64_t> entries = {P | X | 100, P | X | 101, P | X | 102,  // one run of 3 frames
                                        P | X | 500,                            // frame jump → new run
                                        0,           0,                         // two pages not present
                                        P | F | 7,   P | F | 8};                // file pages, new run
  std::vector<pw::PageRun> runs;
  pw::fold_page_runs(runs, 0x10000, entries);
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].start, 0x10000u);
  EXPECT_EQ(runs[0].pages, 3u);
  EXPECT_EQ(runs[0].first_pfn, 100u);
  EXPECT_TRUE(runs[0].exclusive);
  EXPECT_EQ(runs[1].first_pfn, 500u);
  EXPECT_EQ(runs[2].state, pw::PageState::not_present);
  EXPECT_EQ(runs[2].pages, 2u);
  EXPECT_TRUE(runs[3].file_shared);
  EXPECT_EQ(runs[3].pages, 2u);
  // A second batch continues the last run when the frames continue.
  pw::fold_page_runs(runs, 0x18000, std::vector<std::uint64_t>{P | F | 9});
  EXPECT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[3].pages, 3u);
  // Hidden PFNs (all 0) fold by state alone.
  std::vector<pw::PageRun> hidden;
  pw::fold_page_runs(hidden, 0, std::vector<std::uint64_t>{P, P, P});
  ASSERT_EQ(hidden.size(), 1u);
  EXPECT_EQ(hidden[0].pages, 3u);
}

namespace {

// The summary's counting rules written out per entry, branch by branch (as PageCounts documents them).
pw::PagemapTally tally_one_by_one(const std::vector<std::uint64_t>& entries) {
  pw::PagemapTally t;
  for (std::uint64_t raw : entries) {
    kernel::PagemapEntry e{raw};
    if (e.present()) {
      ++t.resident;
      if (e.file_or_shared()) {
        ++t.file_shared;
      } else {
        ++t.anonymous;
        if (e.exclusive()) ++t.anon_exclusive;
      }
    } else if (e.swapped()) {
      ++t.swapped;
      if (e.file_or_shared()) ++t.file_shared;
    }
    if (e.soft_dirty()) ++t.soft_dirty;
  }
  return t;
}

// The THP-candidate rule followed entry by entry: a run starts at a 2 MiB-aligned page whose frame is 512-aligned,
// continues while frames are consecutive and present, and counts once it reaches 512.
std::vector<std::uint64_t> huge_heads_one_by_one(std::uint64_t va, const std::vector<std::uint64_t>& entries) {
  std::vector<std::uint64_t> heads;
  std::uint64_t head = 0, length = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    kernel::PagemapEntry e{entries[i]};
    const bool aligned = (va / kernel::kPageSize + i) % 512 == 0;
    if (e.present() && aligned && e.pfn() % 512 == 0) {
      head = e.pfn(), length = 1;
    } else if (e.present() && length && e.pfn() == head + length) {
      if (++length == 512) heads.push_back(head), length = 0;
    } else {
      length = 0;
    }
  }
  return heads;
}

void expect_same_tally(const pw::PagemapTally& a, const pw::PagemapTally& b) {
  EXPECT_EQ(a.resident, b.resident);
  EXPECT_EQ(a.swapped, b.swapped);
  EXPECT_EQ(a.file_shared, b.file_shared);
  EXPECT_EQ(a.anonymous, b.anonymous);
  EXPECT_EQ(a.anon_exclusive, b.anon_exclusive);
  EXPECT_EQ(a.soft_dirty, b.soft_dirty);
}

constexpr std::uint64_t kPresent = 1ULL << 63, kSwapped = 1ULL << 62, kFile = 1ULL << 61, kExclusive = 1ULL << 56,
                        kSoftDirty = 1ULL << 55;

}  // namespace

TEST(PagemapTally, EveryFlagCombinationCountsAsTheRulesSay) {
  std::vector<std::uint64_t> entries;
  const std::uint64_t bits[] = {kPresent, kSwapped, kFile, kExclusive, kSoftDirty, 1ULL << 58, 1ULL << 57};
  for (unsigned combo = 0; combo < 128; ++combo) {
    std::uint64_t raw = 0x1234 + combo;  // a frame number (or swap slot) below the flags
    for (unsigned b = 0; b < 7; ++b)
      if ((combo >> b) & 1) raw |= bits[b];
    entries.push_back(raw);
  }
  const pw::PagemapTally t = pw::tally_pagemap_entries(entries);
  expect_same_tally(t, tally_one_by_one(entries));
  EXPECT_EQ(t.resident, 64u);        // half of the combinations have bit 63
  EXPECT_EQ(t.anonymous, 32u);       // present without bit 61
  EXPECT_EQ(t.anon_exclusive, 16u);  // ... and with bit 56
  EXPECT_EQ(t.swapped, 32u);         // bit 62 without bit 63
  EXPECT_EQ(t.file_shared, 32u + 16u);
  EXPECT_EQ(t.soft_dirty, 64u);
}

TEST(PagemapTally, RandomEntriesMatchTheOneByOneRules) {
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;  // xorshift: the same entries on every run
  std::vector<std::uint64_t> entries(100'003);
  for (auto& raw : entries) {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    raw = state;
  }
  expect_same_tally(pw::tally_pagemap_entries(entries), tally_one_by_one(entries));
  expect_same_tally(pw::tally_pagemap_entries({}), pw::PagemapTally{});
}

TEST(HugeRunFinder, FindsAlignedConsecutiveRunsAcrossBatches) {
  constexpr std::uint64_t kBase = 0x7f0000000000;  // 2 MiB-aligned
  std::vector<std::uint64_t> entries(4 * 512, 0);
  auto fill_run = [&](std::size_t first, std::uint64_t pfn, std::size_t length) {
    for (std::size_t k = 0; k < length; ++k) entries[first + k] = kPresent | kExclusive | (pfn + k);
  };
  fill_run(0, 0x40000, 512);          // a THP: found
  fill_run(512, 0x80000, 511);        // one frame short (the last page is not present): not found
  fill_run(1024 + 1, 0xc0000, 511);   // starts one page past the 2 MiB line: not found
  fill_run(1536, 0x100000 + 1, 512);  // frames not 512-aligned: not found
  const std::vector<std::uint64_t> expected = {0x40000};
  ASSERT_EQ(huge_heads_one_by_one(kBase, entries), expected);
  for (std::size_t batch : {std::size_t{1}, std::size_t{7}, std::size_t{300}, std::size_t{512}, entries.size()}) {
    pw::HugeRunFinder finder;
    std::vector<std::uint64_t> heads;
    for (std::size_t i = 0; i < entries.size(); i += batch) {
      const std::size_t n = std::min(batch, entries.size() - i);
      finder.feed(kBase + i * kernel::kPageSize, std::span(entries).subspan(i, n), heads);
    }
    EXPECT_EQ(heads, expected) << "batches of " << batch;
  }
}

TEST(HugeRunFinder, PlantedRunsInNoiseMatchTheOneByOneRule) {
  std::uint64_t state = 0x2545f4914f6cdd1dULL;
  auto next = [&] { return state ^= state << 13, state ^= state >> 7, state ^= state << 17; };
  constexpr std::uint64_t kBase = 0x7f1234400000 + 37 * kernel::kPageSize;  // not 2 MiB-aligned: the runs start inside
  std::vector<std::uint64_t> entries(40 * 512);
  for (auto& raw : entries) raw = (next() & 1 ? kPresent : 0) | (next() & 0xffffff);
  const std::size_t first_aligned = 512 - 37;
  for (std::size_t run = 0; run < 30; run += 3)  // every third 2 MiB block holds a THP
    for (std::size_t k = 0; k < 512; ++k)
      entries[first_aligned + run * 512 + k] = kPresent | (0x200000 + run * 512 + k);
  const auto expected = huge_heads_one_by_one(kBase, entries);
  ASSERT_EQ(expected.size(), 10u);
  pw::HugeRunFinder finder;
  std::vector<std::uint64_t> heads;
  for (std::size_t i = 0; i < entries.size();) {
    const std::size_t n = std::min<std::size_t>(1 + next() % 900, entries.size() - i);
    finder.feed(kBase + i * kernel::kPageSize, std::span(entries).subspan(i, n), heads);
    i += n;
  }
  EXPECT_EQ(heads, expected);
}
