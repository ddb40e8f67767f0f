#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "vmctl/layout.hpp"
#include "vmctl/paging.hpp"
#include "vmctl/x86.hpp"

namespace virtlab::vmctl::paging {
namespace {

struct LongTables : ::testing::Test {
  std::vector<std::uint8_t> mem = std::vector<std::uint8_t>(2u << 20, 0xcc);
  void SetUp() override { layout::write_system_tables(mem, x86::CpuMode::long64); }
  Walk at(std::uint64_t gva) {
    return walk(span_reader(mem), x86::kCr0Pe | x86::kCr0Pg, layout::kPml4, x86::kCr4Pae, x86::kEferLme | x86::kEferLma,
                gva);
  }
  std::uint64_t entry(std::uint64_t gpa) {
    std::uint64_t v;
    std::memcpy(&v, mem.data() + gpa, 8);
    return v;
  }
};

TEST_F(LongTables, NotesExampleGva0x1000MapsToGpa0x5000) {
  const Walk w = at(0x1000 + 0x12);
  EXPECT_EQ(w.paging, "4-level");
  ASSERT_TRUE(w.gpa) << w.fault;
  EXPECT_EQ(*w.gpa, 0x5012u);
  EXPECT_EQ(w.page_size, 4096u);
  ASSERT_EQ(w.levels.size(), 4u);
  EXPECT_EQ(w.levels[0].table, "PML4");
  EXPECT_EQ(w.levels[0].table_gpa, layout::kPml4);
  EXPECT_EQ(w.levels[1].table_gpa, layout::kPdpt);
  EXPECT_EQ(w.levels[2].table_gpa, layout::kPd);
  EXPECT_EQ(w.levels[3].table, "PT");
  EXPECT_EQ(w.levels[3].table_gpa, layout::kPt);
  EXPECT_EQ(w.levels[3].index, 1u);
  EXPECT_EQ(w.levels[3].entry_gpa, layout::kPt + 8);
  EXPECT_EQ(w.levels[3].entry, 0x5000u | kTableFlags);
  EXPECT_EQ(w.levels[3].flags, "P RW A D");
  EXPECT_TRUE(w.levels[3].leaf);
  EXPECT_TRUE(w.writable);
}

TEST_F(LongTables, EntriesPointToTheNextTableWithFlags) {
  EXPECT_EQ(entry(layout::kPml4), layout::kPdpt | kTableFlags);
  EXPECT_EQ(entry(layout::kPdpt), layout::kPd | kTableFlags);
  EXPECT_EQ(entry(layout::kPd), layout::kPt | kTableFlags);
  EXPECT_EQ(entry(layout::kPml4 + 8), 0u);  // the rest of each table was zeroed
}

TEST_F(LongTables, OtherLowPagesAreIdentityMapped) {
  for (std::uint64_t gva : {0x2000ull, 0x5000ull, 0x10000ull, 0x1ff000ull}) {
    const Walk w = at(gva + 8);
    ASSERT_TRUE(w.gpa) << std::hex << gva << ": " << w.fault;
    EXPECT_EQ(*w.gpa, gva + 8);
  }
}

TEST_F(LongTables, PageZeroIsNotMapped) {
  const Walk w = at(0x10);
  EXPECT_FALSE(w.gpa);
  EXPECT_EQ(w.fault, "PT entry 0 is not present");
  ASSERT_EQ(w.levels.size(), 4u);
}

TEST_F(LongTables, AboveTwoMiBUsesLargePagesUpToOneGiB) {
  const Walk w = at(layout::kMmioDevice + 4);
  ASSERT_TRUE(w.gpa);
  EXPECT_EQ(*w.gpa, layout::kMmioDevice + 4);
  EXPECT_EQ(w.page_size, 2u << 20);
  ASSERT_EQ(w.levels.size(), 3u);
  EXPECT_TRUE(w.levels[2].leaf);
  EXPECT_NE(w.levels[2].flags.find("PS"), std::string::npos);
  EXPECT_EQ(w.levels[2].index, (layout::kMmioDevice >> 21) & 511);
  const Walk beyond = at(std::uint64_t{1} << 30);
  EXPECT_FALSE(beyond.gpa);
  EXPECT_EQ(beyond.fault, "PDPT entry 1 is not present");
}

TEST_F(LongTables, NoPagingMeansIdentity) {
  const Walk w = walk(span_reader(mem), 0, 0, 0, 0, 0x1234);
  EXPECT_EQ(w.paging, "none");
  EXPECT_EQ(w.gpa, 0x1234u);
}

TEST_F(LongTables, TableOutsideMemoryIsAFault) {
  const Walk w = walk(span_reader(mem), x86::kCr0Pe | x86::kCr0Pg, 0x40000000, x86::kCr4Pae,
                      x86::kEferLme | x86::kEferLma, 0x1000);
  EXPECT_FALSE(w.gpa);
  EXPECT_NE(w.fault.find("outside guest memory"), std::string::npos);
}

TEST_F(LongTables, EveryPageIsWritableByDefault) {
  EXPECT_TRUE(at(0x10000).writable);
  EXPECT_TRUE(at(0x140000).writable);
}

TEST(LongTablesReadOnly, ReadOnlyRangeDropsRwOnlyThere) {
  std::vector<std::uint8_t> mem(2u << 20, 0);
  layout::write_system_tables(mem, x86::CpuMode::long64, 0x10000, 0x11000);
  const auto at = [&](std::uint64_t gva) {
    return walk(span_reader(mem), x86::kCr0Pe | x86::kCr0Pg, layout::kPml4, x86::kCr4Pae, x86::kEferLme | x86::kEferLma,
                gva);
  };
  const Walk code = at(0x10000);
  ASSERT_TRUE(code.gpa) << code.fault;
  EXPECT_EQ(*code.gpa, 0x10000u);
  EXPECT_FALSE(code.writable);
  EXPECT_EQ(code.levels.back().flags.find("RW"), std::string::npos) << code.levels.back().flags;
  EXPECT_TRUE(at(0xf000).writable);
  EXPECT_TRUE(at(0x11000).writable);
  EXPECT_TRUE(at(0x140000).writable);
}

TEST(LongModeBuilder, ArbitraryMappingAndPoolExhaustion) {
  std::vector<std::uint8_t> mem(64 * 1024);
  LongModeBuilder b(mem, {0x1000, 0x2000, 0x3000, 0x4000});
  b.map_4k(0x7f0000001000ull, 0x9000);  // a high canonical address: PML4 index 254
  const Walk w = walk(span_reader(mem), x86::kCr0Pe | x86::kCr0Pg, b.cr3(), x86::kCr4Pae, x86::kEferLme | x86::kEferLma,
                      0x7f0000001abcull);
  ASSERT_TRUE(w.gpa) << w.fault;
  EXPECT_EQ(*w.gpa, 0x9abcu);
  EXPECT_EQ(w.levels[0].index, 254u);
  EXPECT_THROW(b.map_4k(0x1000, 0x1000), std::logic_error);  // needs 3 new tables, pool is empty
}

// CR4.LA57 (a Linux guest on a CPU with 5-level paging): a PML5 above the PML4, GVA bits 48-56 index it.
TEST(LongModeBuilder, FiveLevelWalkStartsAtThePml5) {
  std::vector<std::uint8_t> mem(1u << 20, 0);
  LongModeBuilder b(mem, {0x1000, 0x2000, 0x3000, 0x4000});
  const std::uint64_t gva = 0x7f3a1c2e4000;
  b.map_4k(gva, 0x80000);
  const std::uint64_t pml5 = 0x9000, pml5_index = 0;  // a user address below 2^48 uses PML5 entry 0
  const std::uint64_t pml5e = b.cr3() | kTableFlags;
  std::memcpy(mem.data() + pml5 + 8 * pml5_index, &pml5e, 8);
  const Walk w = walk(span_reader(mem), x86::kCr0Pe | x86::kCr0Pg, pml5, x86::kCr4Pae | x86::kCr4La57,
                      x86::kEferLme | x86::kEferLma, gva + 0x10);
  EXPECT_EQ(w.paging, "5-level");
  ASSERT_EQ(w.levels.size(), 5u);
  EXPECT_EQ(w.levels[0].table, "PML5");
  EXPECT_EQ(w.levels[1].table_gpa, b.cr3());
  ASSERT_TRUE(w.gpa) << w.fault;
  EXPECT_EQ(*w.gpa, 0x80010u);
  // The same tables without LA57: CR3 = PML5 page is read as a PML4 whose entry 254 is empty.
  const Walk four =
      walk(span_reader(mem), x86::kCr0Pe | x86::kCr0Pg, pml5, x86::kCr4Pae, x86::kEferLme | x86::kEferLma, gva);
  EXPECT_FALSE(four.gpa);
  EXPECT_EQ(four.fault, "PML4 entry 254 is not present");
}

TEST(LongModeBuilder, LargePageConflictsAreRejected) {
  std::vector<std::uint8_t> mem(64 * 1024);
  LongModeBuilder b(mem, {0x1000, 0x2000, 0x3000, 0x4000});
  b.map_2m(0x200000, 0x200000);
  EXPECT_THROW(b.map_2m(0x200000, 0x400000), std::logic_error);
  EXPECT_THROW(b.map_4k(0x201000, 0x1000), std::logic_error);
  EXPECT_THROW(b.map_2m(0x201000, 0x200000), std::logic_error);
}

TEST(Protected32Tables, NotesExampleAndFourMiBPages) {
  std::vector<std::uint8_t> mem(2u << 20);
  layout::write_system_tables(mem, x86::CpuMode::protected32);
  auto at = [&](std::uint64_t gva) {
    return walk(span_reader(mem), x86::kCr0Pe | x86::kCr0Pg, layout::kPageDir32, x86::kCr4Pse, 0, gva);
  };
  const Walk w = at(0x1000);
  EXPECT_EQ(w.paging, "32-bit");
  ASSERT_TRUE(w.gpa) << w.fault;
  EXPECT_EQ(*w.gpa, 0x5000u);
  ASSERT_EQ(w.levels.size(), 2u);
  EXPECT_EQ(w.levels[0].table_gpa, layout::kPageDir32);
  EXPECT_EQ(w.levels[1].table_gpa, layout::kPageTable32);
  EXPECT_EQ(w.levels[1].entry_gpa, layout::kPageTable32 + 4);
  const Walk big = at(layout::kMmioDevice + 0x10);
  ASSERT_TRUE(big.gpa);
  EXPECT_EQ(*big.gpa, layout::kMmioDevice + 0x10);
  EXPECT_EQ(big.page_size, 4u << 20);
  EXPECT_FALSE(at(0).gpa);
}

TEST(EntryFlags, Decode) {
  EXPECT_EQ(decode_entry_flags(0), "-");
  EXPECT_EQ(decode_entry_flags(kPresent | kUser | kPageSize | kNoExecute), "P US PS NX");
}

}  // namespace
}  // namespace virtlab::vmctl::paging
