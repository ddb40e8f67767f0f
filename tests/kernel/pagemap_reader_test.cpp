// The shared pagemap reader on this process's own memory (real /proc/self/pagemap, kpageflags, PAGEMAP_SCAN): pages
// we wrote, read and never touched; batches past 64K entries; a pid that is gone. pagewalk's own integration tests
// (tests/pagewalk/kernel_test.cpp) cover the reader through the tool on child processes.
#include <gtest/gtest.h>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "virtlab/error.hpp"
#include "virtlab/kernel/page_words.hpp"
#include "virtlab/kernel/pagemap.hpp"

namespace {

namespace kernel = virtlab::kernel;
using kernel::kPageSize;

// An anonymous private mapping, unmapped at the end of the test.
class Mapping {
 public:
  explicit Mapping(std::size_t pages) : bytes_(pages * kPageSize) {
    void* p = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) base_ = static_cast<char*>(p);
    if (base_) madvise(base_, bytes_, MADV_NOHUGEPAGE);  // 4 KiB pages, so "untouched" stays untouched
  }
  ~Mapping() {
    if (base_) munmap(base_, bytes_);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;

  char* page(std::size_t i) const { return base_ + i * kPageSize; }
  std::uint64_t start() const { return reinterpret_cast<std::uintptr_t>(base_); }
  std::uint64_t end() const { return start() + bytes_; }
  bool ok() const { return base_ != nullptr; }

 private:
  std::size_t bytes_;
  char* base_ = nullptr;
};

TEST(PagemapReader, WrittenReadAndUntouchedPages) {
  Mapping m(4);
  ASSERT_TRUE(m.ok());
  std::memset(m.page(0), 0x5a, kPageSize);  // page 0: our own frame
  volatile char seen = *m.page(1);          // page 1: read only, the shared zero page
  (void)seen;
  auto pages = kernel::ProcessPages::open(getpid());
  std::vector<std::uint64_t> raw(4);
  pages.read_pagemap(m.start(), m.end(), raw);

  const kernel::PagemapEntry written{raw[0]}, read{raw[1]}, untouched{raw[2]};
  EXPECT_TRUE(written.present());
  EXPECT_TRUE(written.exclusive()) << "a private page we wrote is mapped only here";
  EXPECT_FALSE(written.file_or_shared());
  EXPECT_EQ(written.pfn() != 0, pages.access().pfn_visible) << "PFNs show exactly when CAP_SYS_ADMIN is held";
  EXPECT_TRUE(read.present()) << "a read fault maps the zero page";
  EXPECT_FALSE(read.exclusive());
  EXPECT_FALSE(untouched.present());
  EXPECT_FALSE(untouched.swapped());
  EXPECT_EQ(raw[3], raw[2]);

  auto flags = pages.kpageflags(std::vector<std::uint64_t>{written.pfn()});
  if (!flags || !pages.access().pfn_visible) GTEST_SKIP() << "kpageflags and PFNs need root; not checked here";
  EXPECT_TRUE(((*flags)[0] >> kernel::kpf::anon) & 1) << "our written page is anonymous memory";
  EXPECT_TRUE(((*flags)[0] >> kernel::kpf::mmap) & 1) << "and mapped into a process";
}

TEST(PagemapReader, ScanAgreesWithPread) {
  Mapping m(8);
  ASSERT_TRUE(m.ok());
  for (int i : {1, 2, 5}) *m.page(i) = 1;
  auto pages = kernel::ProcessPages::open(getpid());
  if (!pages.access().scan_available) GTEST_SKIP() << "this kernel has no PAGEMAP_SCAN (Linux 6.7+)";
  std::vector<std::uint64_t> raw(8);
  pages.read_pagemap(m.start(), m.end(), raw);
  std::vector<bool> by_scan(8, false);
  for (const auto& r : pages.scan(m.start(), m.end(), kernel::scan_category::present, kernel::scan_category::present))
    for (std::uint64_t va = r.start; va < r.end; va += kPageSize) by_scan[(va - m.start()) / kPageSize] = true;
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(by_scan[i], kernel::PagemapEntry{raw[i]}.present()) << "page " << i;
  EXPECT_TRUE(by_scan[1] && by_scan[2] && by_scan[5] && !by_scan[0]);
}

TEST(PagemapReader, BatchesCoverLargeRangesInOrder) {
  const std::size_t count = kernel::kPagemapBatchEntries + 8;  // two batches: 64K entries, then 8
  Mapping m(count);
  ASSERT_TRUE(m.ok());
  *m.page(count - 1) = 1;
  auto pages = kernel::ProcessPages::open(getpid());
  std::vector<std::uint64_t> firsts;
  std::size_t entries = 0;
  bool last_present = false;
  pages.for_each_pagemap_batch(m.start(), m.end(), [&](std::uint64_t va, std::span<const std::uint64_t> batch) {
    firsts.push_back(va);
    entries += batch.size();
    last_present = kernel::PagemapEntry{batch.back()}.present();
  });
  ASSERT_EQ(firsts.size(), 2u);
  EXPECT_EQ(firsts[0], m.start());
  EXPECT_EQ(firsts[1], m.start() + kernel::kPagemapBatchEntries * kPageSize);
  EXPECT_EQ(entries, count);
  EXPECT_TRUE(last_present) << "the page written at the end is seen in the second batch";
}

TEST(PagemapReader, GoneProcessIsNotFound) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(0);
  ASSERT_EQ(waitpid(child, nullptr, 0), child);  // reaped: /proc/PID is gone
  try {
    kernel::ProcessPages::open(child);
    ADD_FAILURE() << "opened the pagemap of reaped pid " << child;
  } catch (const virtlab::Error& e) {
    EXPECT_EQ(e.code(), virtlab::ExitCode::not_found) << e.what();
  }
}

}  // namespace
