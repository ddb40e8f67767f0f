#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "virtlab/huge_heap.hpp"

namespace {

// The smaps block of the mapping that holds `address`.
std::string smaps_block_of(std::uintptr_t address) {
  std::ifstream in("/proc/self/smaps");
  std::string line, block;
  bool inside = false;
  while (std::getline(in, line)) {
    std::uintptr_t lo = 0, hi = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> lo >> dash >> hi && dash == '-' && line.find(' ') > line.find('-')) {
      if (inside) break;
      inside = address >= lo && address < hi;
    }
    if (inside) block += line + "\n";
  }
  return block;
}

std::string thp_mode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string text;
  std::getline(in, text);
  return text;
}

}  // namespace

TEST(HugeHeap, NextAllocationsLandOnAMarkedAlignedRange) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "the sanitizers replace glibc's heap; start_heap_on_huge_page() is a no-op under them";
#else
  ASSERT_TRUE(virtlab::start_heap_on_huge_page());
  auto* block = static_cast<char*>(malloc(64 << 10));
  ASSERT_NE(block, nullptr);
  std::memset(block, 1, 64 << 10);
  const auto address = reinterpret_cast<std::uintptr_t>(block);
  const std::string smaps = smaps_block_of(address);
  ASSERT_FALSE(smaps.empty());
  // The first allocation after the call starts just past the 2 MiB boundary (a chunk header in front).
  EXPECT_LT(address % (std::uintptr_t{2} << 20), 64u) << std::hex << address;
  EXPECT_NE(smaps.find("VmFlags:"), std::string::npos);
  EXPECT_NE(smaps.find(" hg"), std::string::npos) << smaps;  // MADV_HUGEPAGE
  if (thp_mode().find("[never]") != std::string::npos) {
    free(block);
    GTEST_SKIP() << "transparent huge pages are off here ([never]): the range is marked but backed by 4 KiB pages";
  }
  // A huge page at the first touch (THP fault). The kernel may fall back to small pages when no 2 MiB of
  // contiguous memory is free; say so rather than fail.
  if (smaps.find("AnonHugePages:      2048 kB") == std::string::npos)
    std::cout << "note: no huge page was allocated (memory fragmented?):\n" << smaps;
  free(block);
#endif
}
