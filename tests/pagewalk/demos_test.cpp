// Integration tests of `pagewalk demo`: each demo runs its real child process on this kernel, and we check the
// facts it measured against what the kernel must do (label: integration; needs root for PFNs and kpageflags).
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iostream>
#include <string>

#include "pagewalk/demos.hpp"
#include "virtlab/fd.hpp"

namespace pw = virtlab::pagewalk;

namespace {

bool root() {
  return ::geteuid() == 0;
}

#define REQUIRE_ROOT() \
  if (!root()) GTEST_SKIP() << "needs root: PFNs read as 0 and kpageflags is unreadable otherwise"

std::uint64_t u64(const pw::DemoReport& r, const char* name) {
  const auto& v = r.value(name);
  const bool ok = v.is_number_integer() && v.get<std::int64_t>() >= 0;  // pids are stored signed
  EXPECT_TRUE(ok) << name << " = " << v.dump();
  return ok ? v.get<std::uint64_t>() : 0;
}

bool flag(const pw::DemoReport& r, const char* name) {
  const auto& v = r.value(name);
  EXPECT_TRUE(v.is_boolean()) << name << " = " << v.dump();
  return v.is_boolean() && v.get<bool>();
}

bool process_gone(pid_t pid) {
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

bool swap_configured() {
  auto swaps = virtlab::try_read_file("/proc/swaps");
  if (!swaps) return false;
  return std::count(swaps->begin(), swaps->end(), '\n') > 1;
}

}  // namespace

TEST(Demos, RegistryListsEveryDemoOnce) {
  std::vector<std::string> names;
  for (const auto& d : pw::all_demos()) names.emplace_back(d.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"fault", "two-processes", "cow", "referenced", "file-vs-anon", "thp", "swap"}));
  EXPECT_NE(pw::find_demo("cow"), nullptr);
  EXPECT_EQ(pw::find_demo("nope"), nullptr);
}

TEST(Demos, FaultFirstTouchGivesFramesAndCountsMinorFaults) {
  REQUIRE_ROOT();
  auto r = pw::demo_fault({});
  EXPECT_FALSE(flag(r, "before_present"));
  EXPECT_EQ(u64(r, "present_pages_before"), 0u);
  // A read fault makes the page present: either the shared zero page or (as on our 6.18 kernel) its own frame.
  EXPECT_TRUE(flag(r, "after_read_present"));
  EXPECT_GE(u64(r, "minor_faults_after_read"), u64(r, "minor_faults_before") + 1);
  // After the writes every page has a private anonymous frame.
  EXPECT_TRUE(flag(r, "after_write_present"));
  EXPECT_TRUE(flag(r, "after_write_anon"));
  EXPECT_TRUE(flag(r, "after_write_exclusive"));
  EXPECT_EQ(u64(r, "present_pages_after"), 8u);
  if (flag(r, "after_read_zero_page")) {
    // The zero page is shared and read-only: the first write must move page 0 to a new frame (8 write faults).
    EXPECT_NE(u64(r, "after_write_pfn"), u64(r, "after_read_pfn"));
    EXPECT_GE(u64(r, "minor_faults_after_write"), u64(r, "minor_faults_after_read") + 8);
  } else {
    // Page 0 already owned a writable frame: it keeps it, and only pages 1..7 fault.
    EXPECT_EQ(u64(r, "after_write_pfn"), u64(r, "after_read_pfn"));
    EXPECT_GE(u64(r, "minor_faults_after_write"), u64(r, "minor_faults_after_read") + 7);
  }
  ASSERT_EQ(r.stages.size(), 3u);
}

TEST(Demos, TwoProcessesSameAddressDifferentFrames) {
  REQUIRE_ROOT();
  auto r = pw::demo_two_processes({});
  const auto va = u64(r, "address_msword");
  EXPECT_EQ(va, u64(r, "address_chrome"));
  auto min_addr = virtlab::try_read_file("/proc/sys/vm/mmap_min_addr");
  if (min_addr && std::stoull(*min_addr) <= pw::kTwoProcessesAddress) {
    EXPECT_EQ(va, pw::kTwoProcessesAddress);
  }
  EXPECT_TRUE(flag(r, "msword_present"));
  EXPECT_TRUE(flag(r, "chrome_present"));
  EXPECT_NE(u64(r, "msword_pfn"), u64(r, "chrome_pfn"));
  EXPECT_EQ(r.value("msword_text").get<std::string>(), "MS-Word's data");
  EXPECT_EQ(r.value("chrome_text").get<std::string>(), "Chrome's data");
  // Nothing left behind: both children were reaped when the demo returned.
  EXPECT_TRUE(process_gone(static_cast<pid_t>(u64(r, "pid_msword"))));
  EXPECT_TRUE(process_gone(static_cast<pid_t>(u64(r, "pid_chrome"))));
}

TEST(Demos, CowSharesTheFrameUntilTheChildWrites) {
  REQUIRE_ROOT();
  auto r = pw::demo_cow({});
  EXPECT_TRUE(flag(r, "exclusive_alone"));
  const auto shared = u64(r, "pfn_alone");
  EXPECT_EQ(u64(r, "pfn_parent_before"), shared);
  EXPECT_EQ(u64(r, "pfn_child_before"), shared);
  EXPECT_FALSE(flag(r, "exclusive_parent_before"));
  EXPECT_FALSE(flag(r, "exclusive_child_before"));
  EXPECT_EQ(u64(r, "kpagecount_before"), 2u);
  // After the child's write: the child has a new frame, the parent keeps the old one, both exclusive.
  EXPECT_NE(u64(r, "pfn_child_after"), shared);
  EXPECT_EQ(u64(r, "pfn_parent_after"), shared);
  EXPECT_TRUE(flag(r, "exclusive_child_after"));
  EXPECT_TRUE(flag(r, "exclusive_parent_after"));
  EXPECT_EQ(u64(r, "kpagecount_child_after"), 1u);
  EXPECT_TRUE(process_gone(static_cast<pid_t>(u64(r, "child_pid"))));
}

TEST(Demos, ReferencedAfterClearRefsAndReadDirtyAfterWriteCleanAfterMsync) {
  REQUIRE_ROOT();
  auto r = pw::demo_referenced({});
  EXPECT_FALSE(flag(r, "referenced_after_clear"));
  EXPECT_TRUE(flag(r, "referenced_after_read"));
  EXPECT_TRUE(flag(r, "dirty_after_write"));
  if (flag(r, "file_on_disk")) {
    EXPECT_FALSE(flag(r, "dirty_start"));
    EXPECT_FALSE(flag(r, "dirty_after_msync"));
  } else {
    // tmpfs/ramfs (the test VM's initramfs): no disk behind the page, so it never becomes clean.
    std::cout << "note: the demo file is on tmpfs/ramfs; the clean-after-fsync/msync checks do not apply\n";
    EXPECT_FALSE(r.notes.empty());
  }
  EXPECT_EQ(u64(r, "pfn"), u64(r, "pfn_start"));  // a shared file page is never copied
}

TEST(Demos, FilePagesAndAnonymousPagesDiffer) {
  REQUIRE_ROOT();
  auto r = pw::demo_file_vs_anon({});
  EXPECT_FALSE(flag(r, "anon_file_bit"));
  EXPECT_TRUE(flag(r, "anon_flag_anon"));
  EXPECT_TRUE(flag(r, "anon_swapbacked"));
  EXPECT_TRUE(flag(r, "anon_exclusive"));
  EXPECT_TRUE(flag(r, "file_file_bit"));
  EXPECT_FALSE(flag(r, "file_flag_anon"));
  // A write to a MAP_PRIVATE file page makes an anonymous copy in a new frame.
  EXPECT_FALSE(flag(r, "file_after_write_file_bit"));
  EXPECT_TRUE(flag(r, "file_after_write_anon"));
  EXPECT_NE(u64(r, "file_after_write_pfn"), u64(r, "file_pfn"));
}

TEST(Demos, ThpIsOneCompound2MiBFrame) {
  REQUIRE_ROOT();
  auto mode = virtlab::try_read_file("/sys/kernel/mm/transparent_hugepage/enabled");
  if (!mode || mode->find("[never]") != std::string::npos) GTEST_SKIP() << "transparent huge pages are off here";
  auto r = pw::demo_thp({});
  if (!flag(r, "head_thp")) {
    GTEST_SKIP() << "the kernel gave no huge page this time (fragmented memory): " << r.stages.at(0).explanation;
  }
  EXPECT_EQ(u64(r, "present_pages"), 512u);
  EXPECT_TRUE(flag(r, "pfns_consecutive"));
  EXPECT_TRUE(flag(r, "head_compound_head"));
  EXPECT_TRUE(flag(r, "tail_compound_tail"));
  EXPECT_EQ(u64(r, "tail_pfn"), u64(r, "head_pfn") + 1);
  EXPECT_EQ(u64(r, "last_pfn"), u64(r, "head_pfn") + 511);
  EXPECT_EQ(u64(r, "head_pfn") % 512, 0u);  // a 2 MiB frame starts on a 2 MiB physical boundary
  EXPECT_EQ(u64(r, "anon_huge_kb"), 2048u);
}

// Without swap: the anonymous page cannot leave, the clean file page is dropped and read back (a major fault).
TEST(Demos, SwapWithoutSwapOnlyFilePagesLeave) {
  REQUIRE_ROOT();
  if (swap_configured()) GTEST_SKIP() << "this machine has swap; SwapPageGoesOutAndComesBack covers it";
  auto r = pw::demo_swap({});
  EXPECT_FALSE(flag(r, "swap_available"));
  EXPECT_TRUE(flag(r, "anon_present_after_pageout"));
  EXPECT_FALSE(flag(r, "anon_swapped_after_pageout"));
  EXPECT_FALSE(flag(r, "file_present_after_pageout"));
  EXPECT_TRUE(flag(r, "file_present_after_touch"));
  EXPECT_GE(u64(r, "major_faults_coming_back"), 1u);
  EXPECT_FALSE(r.notes.empty());
}

// With swap (the test VM adds a swap device): the anonymous page really goes to swap and comes back.
TEST(Demos, SwapPageGoesOutAndComesBack) {
  REQUIRE_ROOT();
  if (!swap_configured()) GTEST_SKIP() << "no swap on this machine (/proc/swaps is empty); runs in the test VM";
  auto r = pw::demo_swap({});
  EXPECT_TRUE(flag(r, "swap_available"));
  EXPECT_FALSE(flag(r, "anon_present_after_pageout"));
  EXPECT_TRUE(flag(r, "anon_swapped_after_pageout"));
  EXPECT_TRUE(r.value("anon_swap_offset").is_number_unsigned());
  EXPECT_TRUE(flag(r, "anon_present_after_touch"));
}

TEST(Demos, JsonCarriesStagesFactsAndWalks) {
  REQUIRE_ROOT();
  auto r = pw::demo_cow({});
  auto j = pw::demo_to_json(r);
  EXPECT_EQ(j["demo"], "cow");
  ASSERT_EQ(j["stages"].size(), 3u);
  EXPECT_EQ(j["stages"][1]["observations"].size(), 2u);
  EXPECT_EQ(j["facts"]["pfn_parent_before"], j["facts"]["pfn_child_before"]);
  EXPECT_TRUE(j["fact_meanings"].contains("pfn_child_after"));
}
