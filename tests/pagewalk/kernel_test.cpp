// pagewalk on the real kernel, on processes these tests create with known mappings: touched vs untouched pages,
// the zero page, a file mapping, fork/COW, THP, the i386 split of a low address, smaps_rollup agreement, both read
// paths (PAGEMAP_SCAN and pread), no privileges, and bad input with its exit codes.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <grp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "pagewalk/decode.hpp"
#include "pagewalk/walk.hpp"
#include "virtlab/error.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/kernel/pagemap.hpp"

namespace pw = virtlab::pagewalk;
namespace kernel = virtlab::kernel;
using virtlab::ExitCode;

namespace {

constexpr std::uint64_t kPage = 4096;

// A forked child that sets up mappings, reports addresses, then obeys one-byte commands until killed.
class Child {
 public:
  using Setup = std::function<std::vector<std::uint64_t>()>;
  using Handler = std::function<void(char)>;
  explicit Child(const Setup& setup, const Handler& handler = {}) {
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) std::abort();
    pid_ = fork();
    if (pid_ == 0) {
      close(to_child[1]);
      close(from_child[0]);
      std::vector<std::uint64_t> values = setup();
      std::uint64_t n = values.size();
      if (write(from_child[1], &n, sizeof n) != sizeof n) _exit(1);
      if (n && write(from_child[1], values.data(), n * 8) != static_cast<ssize_t>(n * 8)) _exit(1);
      char c;
      while (read(to_child[0], &c, 1) == 1) {
        if (handler) handler(c);
        if (write(from_child[1], &c, 1) != 1) _exit(1);
      }
      _exit(0);
    }
    close(to_child[0]);
    close(from_child[1]);
    cmd_ = to_child[1];
    ack_ = from_child[0];
    std::uint64_t n = 0;
    if (read(ack_, &n, sizeof n) != sizeof n) return;
    values_.resize(n);
    if (n && read(ack_, values_.data(), n * 8) != static_cast<ssize_t>(n * 8)) values_.clear();
  }
  ~Child() { stop(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  std::uint64_t value(std::size_t i) const { return values_.at(i); }
  bool ready() const { return !values_.empty(); }
  void command(char c) {
    char ack = 0;
    ASSERT_EQ(write(cmd_, &c, 1), 1);
    ASSERT_EQ(read(ack_, &ack, 1), 1);
  }
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    close(cmd_);
    close(ack_);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int cmd_ = -1, ack_ = -1;
  std::vector<std::uint64_t> values_;
};

const pw::VmaSummary* vma_at(const pw::Summary& s, std::uint64_t start) {
  for (const auto& v : s.vmas)
    if (v.vma.start == start) return &v;
  return nullptr;
}

void* map_anon(std::size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) std::abort();
  return p;
}

// 64 pages: pages 0-15 written, 16-23 only read (zero page), 24-63 untouched. Guard pages around it keep the kernel
// from merging it with a neighbour, so its VMA starts exactly at the returned address.
std::vector<std::uint64_t> setup_anon() {
  char* base = static_cast<char*>(mmap(nullptr, 66 * kPage, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  if (base == MAP_FAILED) std::abort();
  char* p = base + kPage;
  if (mprotect(p, 64 * kPage, PROT_READ | PROT_WRITE) != 0) std::abort();
  madvise(p, 64 * kPage, MADV_NOHUGEPAGE);
  volatile char sink = 0;
  for (int i = 0; i < 16; ++i) p[i * kPage] = static_cast<char>(i + 1);
  for (int i = 16; i < 24; ++i) sink = sink + p[i * kPage];
  return {reinterpret_cast<std::uint64_t>(p)};
}

// A shared mapping of an 8-page file, all pages read.
std::vector<std::uint64_t> setup_file() {
  char path[] = "/tmp/pagewalk-test-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) std::abort();
  unlink(path);
  std::vector<char> data(8 * kPage, 'x');
  if (write(fd, data.data(), data.size()) != static_cast<ssize_t>(data.size())) std::abort();
  char* p = static_cast<char*>(mmap(nullptr, 8 * kPage, PROT_READ, MAP_SHARED, fd, 0));
  if (p == MAP_FAILED) std::abort();
  volatile char sink = 0;
  for (int i = 0; i < 8; ++i) sink = sink + p[i * kPage];
  return {reinterpret_cast<std::uint64_t>(p)};
}

// A 2 MiB-aligned 2 MiB region with MADV_HUGEPAGE, written in full.
std::vector<std::uint64_t> setup_thp() {
  constexpr std::size_t kHuge = 2u << 20;
  char* raw = static_cast<char*>(map_anon(3 * kHuge));
  char* p = reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(raw) + kHuge - 1) & ~(kHuge - 1));
  munmap(raw, p - raw);
  munmap(p + kHuge, raw + 3 * kHuge - (p + kHuge));
  madvise(p, kHuge, MADV_HUGEPAGE);
  std::memset(p, 1, kHuge);
  return {reinterpret_cast<std::uint64_t>(p)};
}

std::map<std::string, std::uint64_t> smaps_rollup(pid_t pid) {
  return pw::parse_smaps_rollup(virtlab::read_file("/proc/" + std::to_string(pid) + "/smaps_rollup"));
}

// scan: PAGEMAP_SCAN's categories count the pages; otherwise pagemap's entries do (the pread path, which on a kernel
// with PAGEMAP_SCAN reads large sparse mappings only where it finds pages).
pw::SummaryOptions with_scan(bool scan) {
  pw::SummaryOptions o;
  o.count_with = scan ? pw::CountWith::scan : pw::CountWith::pread;
  return o;
}

// The pread path as on a kernel before 6.7: PAGEMAP_SCAN never used, every page's entry read.
pw::SummaryOptions without_scan() {
  pw::SummaryOptions o;
  o.read.allow_scan = false;
  o.count_with = pw::CountWith::pread;
  return o;
}

// Under ASan this process and its forks map about 20 TiB of shadow memory; without PAGEMAP_SCAN pagemap has an entry
// for every page of it (5 billion, over 150 s here), so whole-process reads without it run in the default preset.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAsanShadow = true;
#else
constexpr bool kAsanShadow = false;
#endif
constexpr const char* kAsanShadowReason =
    "under ASan a whole-process read without PAGEMAP_SCAN covers 20 TiB of shadow memory (over 150 s); the default "
    "preset runs this test";

// 1 GiB mapped, three pages written (first, one in the middle, last): a sparse mapping far larger than what the
// process has resident, which the pread path reads only where PAGEMAP_SCAN finds pages.
std::vector<std::uint64_t> setup_sparse() {
  constexpr std::size_t kBytes = std::size_t{1} << 30;
  char* p = static_cast<char*>(map_anon(kBytes));
  madvise(p, kBytes, MADV_NOHUGEPAGE);
  for (std::size_t at : {std::size_t{0}, kBytes / 2 + 5 * kPage, kBytes - kPage}) p[at] = 1;
  return {reinterpret_cast<std::uint64_t>(p)};
}

pid_t dead_pid() {
  pid_t p = fork();
  if (p == 0) _exit(0);
  waitpid(p, nullptr, 0);
  return p;
}

// Runs the pagewalk binary; returns {exit code, stderr+stdout}.
std::pair<int, std::string> run_tool(const std::string& args) {
  std::string cmd = std::string(PAGEWALK_BINARY) + " " + args + " 2>&1";
  FILE* f = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), f)) out.append(buf.data(), n);
  int status = pclose(f);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

ExitCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const virtlab::Error& e) {
    return e.code();
  }
  return ExitCode::ok;
}

}  // namespace

TEST(PagewalkKernel, TouchedUntouchedAndZeroPages) {
  Child child(setup_anon);
  ASSERT_TRUE(child.ready());
  const std::uint64_t base = child.value(0);
  // Read faults map the shared zero page on most kernels; some (this VM's) give a fresh page instead. Ask each
  // read page's frame flags one by one, so the summary's batched count is checked against single walks.
  std::uint64_t zero_pages = 0;
  for (int i = 16; i < 24; ++i) {
    auto w = pw::walk_address(child.pid(), base + i * kPage);
    ASSERT_TRUE(w.kpageflags.has_value());
    zero_pages += (*w.kpageflags >> kernel::kpf::zero_page) & 1;
  }
  if (zero_pages == 0)
    std::cout << "note: this kernel gave read faults fresh pages, not the zero page; zero-page count expected 0\n";
  for (bool scan : {true, false}) {
    SCOPED_TRACE(scan ? "PAGEMAP_SCAN" : "pread");
    auto s = pw::summarize(child.pid(), with_scan(scan));
    EXPECT_EQ(s.method, scan && s.access.scan_available ? "PAGEMAP_SCAN" : "pread");
    const auto* v = vma_at(s, base);
    ASSERT_NE(v, nullptr) << "no VMA starts at the child's mapping";
    EXPECT_EQ(v->counts.pages, 64u);
    EXPECT_EQ(v->counts.resident, 24u);  // 16 written + 8 read
    EXPECT_EQ(v->counts.anonymous, 24u - zero_pages);
    EXPECT_EQ(v->counts.anon_exclusive, 24u - zero_pages);
    EXPECT_EQ(v->counts.file_shared, 0u);
    EXPECT_EQ(v->counts.swapped, 0u);
    ASSERT_TRUE(v->counts.zero_page.has_value());
    EXPECT_EQ(*v->counts.zero_page, zero_pages);
    ASSERT_TRUE(v->counts.thp.has_value());
    EXPECT_EQ(*v->counts.thp, 0u);
    EXPECT_EQ(v->counts.soft_dirty.has_value(), kernel::kernel_has_soft_dirty());
  }
  // One written page, walked.
  auto touched = pw::walk_address(child.pid(), base + 3 * kPage + 0x10);
  EXPECT_TRUE(touched.entry.present());
  EXPECT_TRUE(touched.entry.exclusive());
  EXPECT_FALSE(touched.entry.file_or_shared());
  ASSERT_TRUE(touched.pfn.has_value());
  EXPECT_NE(*touched.pfn, 0u);
  EXPECT_EQ(*touched.phys_address, *touched.pfn * kPage + 0x10);
  ASSERT_TRUE(touched.kpageflags.has_value());
  EXPECT_TRUE((*touched.kpageflags >> kernel::kpf::anon) & 1);
  EXPECT_TRUE((*touched.kpageflags >> kernel::kpf::mmap) & 1);
  ASSERT_TRUE(touched.kpagecount.has_value());
  EXPECT_EQ(*touched.kpagecount, 1u);
  EXPECT_EQ(touched.vma.start, base);
  // A read-only page: the zero page (never exclusive) or, on kernels without it for read faults, a fresh page.
  auto read_only = pw::walk_address(child.pid(), base + 20 * kPage);
  EXPECT_TRUE(read_only.entry.present());
  if (zero_pages == 8) {
    EXPECT_FALSE(read_only.entry.exclusive());
  }
  // An untouched page has no frame.
  auto untouched = pw::walk_address(child.pid(), base + 40 * kPage);
  EXPECT_FALSE(untouched.entry.present());
  EXPECT_FALSE(untouched.pfn.has_value());
  EXPECT_FALSE(untouched.kpageflags.has_value());
}

TEST(PagewalkKernel, ListFoldsRunsThatMatchSingleWalks) {
  Child child(setup_anon);
  ASSERT_TRUE(child.ready());
  const std::uint64_t base = child.value(0);
  pw::ListOptions o;
  o.range = pw::AddressRange{base, base + 64 * kPage};
  o.include_not_present = true;
  auto list = pw::list_pages(child.pid(), o);
  EXPECT_EQ(list.pages, 64u);
  std::uint64_t present = 0, absent = 0, covered = 0;
  for (const auto& r : list.runs) {
    covered += r.pages;
    if (r.state == pw::PageState::present) present += r.pages;
    if (r.state == pw::PageState::not_present) absent += r.pages;
    // Every page of a present anonymous run has the frame the single-address walk reports.
    if (r.state == pw::PageState::present && r.exclusive) {
      for (std::uint64_t i = 0; i < r.pages; ++i) {
        auto w = pw::walk_address(child.pid(), r.start + i * kPage);
        ASSERT_TRUE(w.pfn.has_value());
        EXPECT_EQ(*w.pfn, r.first_pfn + i);
      }
    }
  }
  EXPECT_EQ(covered, 64u);
  EXPECT_EQ(present, 24u);
  EXPECT_EQ(absent, 40u);
  EXPECT_LT(list.runs.size(), 64u);  // folded, not one row per page
  EXPECT_EQ(list.runs.back().state, pw::PageState::not_present);
  EXPECT_EQ(list.runs.back().pages, 40u);
}

TEST(PagewalkKernel, FileMappingIsFileBacked) {
  Child child(setup_file);
  ASSERT_TRUE(child.ready());
  const std::uint64_t base = child.value(0);
  auto s = pw::summarize(child.pid());
  const auto* v = vma_at(s, base);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->vma.kind, pw::VmaKind::file);
  EXPECT_TRUE(v->vma.deleted);  // unlinked after mkstemp
  EXPECT_EQ(v->counts.resident, 8u);
  EXPECT_EQ(v->counts.file_shared, 8u);
  EXPECT_EQ(v->counts.anonymous, 0u);
  EXPECT_EQ(v->counts.anon_exclusive, 0u);
  auto w = pw::walk_address(child.pid(), base);
  EXPECT_TRUE(w.entry.present());
  EXPECT_TRUE(w.entry.file_or_shared());
  ASSERT_TRUE(w.kpageflags.has_value());
  EXPECT_FALSE((*w.kpageflags >> kernel::kpf::anon) & 1);
  EXPECT_TRUE((*w.kpageflags >> kernel::kpf::uptodate) & 1);
}

TEST(PagewalkKernel, ForkSharesTheFrameUntilAWrite) {
  char* page = static_cast<char*>(map_anon(kPage));
  page[0] = 'p';
  const auto addr = reinterpret_cast<std::uint64_t>(page);
  Child child([&] { return std::vector<std::uint64_t>{addr}; },
              [&](char c) {
                if (c == 'w') page[0] = 'c';  // the write that breaks copy-on-write
              });
  ASSERT_TRUE(child.ready());
  auto parent_before = pw::walk_address(getpid(), addr);
  auto child_before = pw::walk_address(child.pid(), addr);
  ASSERT_TRUE(parent_before.pfn && child_before.pfn);
  EXPECT_EQ(*parent_before.pfn, *child_before.pfn) << "after fork both map the same frame";
  EXPECT_FALSE(parent_before.entry.exclusive());
  EXPECT_FALSE(child_before.entry.exclusive());
  ASSERT_TRUE(parent_before.kpagecount.has_value());
  EXPECT_EQ(*parent_before.kpagecount, 2u);

  child.command('w');
  auto parent_after = pw::walk_address(getpid(), addr);
  auto child_after = pw::walk_address(child.pid(), addr);
  ASSERT_TRUE(parent_after.pfn && child_after.pfn);
  EXPECT_NE(*child_after.pfn, *parent_after.pfn) << "the write gave the child its own copy";
  EXPECT_EQ(*parent_after.pfn, *parent_before.pfn) << "the parent keeps the original frame";
  EXPECT_TRUE(child_after.entry.exclusive());
  EXPECT_TRUE(parent_after.entry.exclusive());
  EXPECT_EQ(parent_after.kpagecount.value_or(0), 1u);
  child.stop();
  munmap(page, kPage);
}

TEST(PagewalkKernel, TransparentHugePage) {
  Child child(setup_thp);
  ASSERT_TRUE(child.ready());
  const std::uint64_t base = child.value(0);
  if (smaps_rollup(child.pid())["AnonHugePages"] == 0)
    GTEST_SKIP() << "the kernel gave no THP for a 2 MiB MADV_HUGEPAGE region (see "
                    "/sys/kernel/mm/transparent_hugepage/enabled); nothing to check";
  for (bool scan : {true, false}) {
    SCOPED_TRACE(scan ? "PAGEMAP_SCAN" : "pread");
    auto s = pw::summarize(child.pid(), with_scan(scan));
    const auto* v = vma_at(s, base);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->counts.resident, 512u);
    ASSERT_TRUE(v->counts.thp.has_value());
    EXPECT_EQ(*v->counts.thp, 512u);
    EXPECT_EQ(s.anon_huge_bytes, smaps_rollup(child.pid())["AnonHugePages"]);
  }
  auto head = pw::walk_address(child.pid(), base);
  ASSERT_TRUE(head.kpageflags.has_value());
  EXPECT_TRUE((*head.kpageflags >> kernel::kpf::thp) & 1);
  EXPECT_TRUE((*head.kpageflags >> kernel::kpf::compound_head) & 1);
  // One 2 MiB frame: 512 consecutive PFNs, folded into one run.
  pw::ListOptions o;
  o.range = pw::AddressRange{base, base + (2u << 20)};
  auto list = pw::list_pages(child.pid(), o);
  ASSERT_EQ(list.runs.size(), 1u);
  EXPECT_EQ(list.runs[0].pages, 512u);
  EXPECT_EQ(list.runs[0].first_pfn % 512, 0u) << "a 2 MiB frame starts on a 2 MiB physical boundary";
}

TEST(PagewalkKernel, TotalsAgreeWithSmapsRollup) {
  // One process holding all kinds at once: written, zero-page, file and THP pages.
  Child child([] {
    auto a = setup_anon();
    auto f = setup_file();
    auto t = setup_thp();
    return std::vector<std::uint64_t>{a[0], f[0], t[0]};
  });
  ASSERT_TRUE(child.ready());
  auto rollup = smaps_rollup(child.pid());
  for (bool scan : {true, false}) {
    SCOPED_TRACE(scan ? "PAGEMAP_SCAN" : "pread");
    auto s = pw::summarize(child.pid(), with_scan(scan));
    EXPECT_EQ(s.rss_bytes, rollup.at("Rss"));
    EXPECT_EQ(s.anonymous_bytes, rollup.at("Anonymous"));
    EXPECT_EQ(s.anon_huge_bytes, rollup.at("AnonHugePages"));
    EXPECT_EQ(s.swap_bytes, rollup.at("Swap"));
    EXPECT_GT(s.totals.resident, 512u + 24u + 8u);
  }
}

Child child_with_every_kind_of_mapping() {
  return Child([] {
    auto a = setup_anon();
    auto f = setup_file();
    auto s = setup_sparse();
    return std::vector<std::uint64_t>{a[0], f[0], s[0]};
  });
}

// Per-VMA counts of two summaries of the same child agree (the exclusive bit on the child's own mappings only:
// mappings inherited from this test process share frames with it copy-on-write, and whenever this process writes
// its own stack or heap between the two summaries, the child's page becomes exclusive).
void expect_same_counts(const pw::Summary& one, const pw::Summary& other, const Child& child) {
  ASSERT_EQ(one.vmas.size(), other.vmas.size());
  for (std::size_t i = 0; i < one.vmas.size(); ++i) {
    SCOPED_TRACE(one.vmas[i].vma.display_name());
    const auto &a = one.vmas[i].counts, &b = other.vmas[i].counts;
    std::uint64_t start = one.vmas[i].vma.start;
    if (start == child.value(0) || start == child.value(1) || start == child.value(2)) {
      EXPECT_EQ(a.anon_exclusive, b.anon_exclusive);
    }
    EXPECT_EQ(a.resident, b.resident);
    EXPECT_EQ(a.swapped, b.swapped);
    EXPECT_EQ(a.file_shared, b.file_shared);
    EXPECT_EQ(a.anonymous, b.anonymous);
    EXPECT_EQ(a.zero_page, b.zero_page);
  }
}

TEST(PagewalkKernel, ScanAndPreadAgreePerVma) {
  Child child = child_with_every_kind_of_mapping();
  ASSERT_TRUE(child.ready());
  auto scan = pw::summarize(child.pid(), with_scan(true));
  if (!scan.access.scan_available) GTEST_SKIP() << "no PAGEMAP_SCAN on this kernel (needs Linux 6.7+)";
  auto pread = pw::summarize(child.pid(), with_scan(false));
  EXPECT_EQ(pread.method, "pread");
  expect_same_counts(scan, pread, child);
  const auto* sparse = vma_at(pread, child.value(2));
  ASSERT_NE(sparse, nullptr) << "no VMA starts at the child's sparse mapping";
  EXPECT_EQ(sparse->counts.resident, 3u);
  EXPECT_EQ(sparse->counts.anon_exclusive, 3u);
}

// The pread path reads sparse mappings only where PAGEMAP_SCAN finds pages; without PAGEMAP_SCAN (a kernel before
// 6.7, or --no-scan) it reads every entry, and both count the same.
TEST(PagewalkKernel, PreadCountsTheSameWithoutScan) {
  if (kAsanShadow) GTEST_SKIP() << kAsanShadowReason;
  Child child = child_with_every_kind_of_mapping();
  ASSERT_TRUE(child.ready());
  auto located = pw::summarize(child.pid(), with_scan(false));
  auto whole = pw::summarize(child.pid(), without_scan());
  EXPECT_FALSE(whole.access.scan_available);
  expect_same_counts(located, whole, child);
  for (std::size_t i = 0; i < located.vmas.size(); ++i)
    EXPECT_EQ(located.vmas[i].counts.soft_dirty, whole.vmas[i].counts.soft_dirty) << located.vmas[i].vma.display_name();
}

TEST(PagewalkKernel, I386SplitOfALowAddress) {
  Child child([] {
    void* p = mmap(reinterpret_cast<void*>(0x12345000), kPage, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED) return std::vector<std::uint64_t>{0};
    static_cast<char*>(p)[0] = 1;
    return std::vector<std::uint64_t>{reinterpret_cast<std::uint64_t>(p)};
  });
  ASSERT_TRUE(child.ready());
  ASSERT_EQ(child.value(0), 0x12345000u) << "could not map the notes' address";
  pw::WalkOptions o;
  o.mode = pw::PagingMode::i386;
  auto w = pw::walk_address(child.pid(), 0x12345678, o);
  EXPECT_EQ(w.split.page_number, 0x12345u);
  EXPECT_EQ(w.split.page_offset, 0x678u);
  EXPECT_TRUE(w.entry.present());
  ASSERT_TRUE(w.phys_address.has_value());
  EXPECT_EQ(*w.phys_address & 0xfff, 0x678u);
  // The CPU's own mode for the same address.
  auto native = pw::walk_address(child.pid(), 0x12345678);
  EXPECT_EQ(native.split.mode, pw::detect_paging_mode());
  EXPECT_EQ(native.pfn, w.pfn);
}

// The cheap probes the summary uses agree with what the kernel's text files say.
TEST(PagewalkKernel, ProbesAgreeWithTheProcFiles) {
  // Paging mode: an mmap above 47 bits vs cpuinfo's la57 flag and address sizes.
  EXPECT_EQ(pw::detect_paging_mode(), pw::paging_mode_from_cpuinfo(virtlab::read_file("/proc/cpuinfo")));
  // Soft-dirty: pagemap bit 55 of a written page vs the "sd" VmFlag of a fresh mapping in smaps.
  // Between two PROT_NONE pages, so that the kernel cannot merge it with a neighbouring read-write mapping (under
  // ASan the allocator's regions lie next to it) and its smaps entry starts at the page.
  char* guarded = static_cast<char*>(mmap(nullptr, 3 * kPage, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(guarded, MAP_FAILED);
  void* fresh = guarded + kPage;
  ASSERT_EQ(mprotect(fresh, kPage, PROT_READ | PROT_WRITE), 0);
  static_cast<char*>(fresh)[0] = 1;
  const std::string smaps = virtlab::read_file("/proc/self/smaps");
  char header[40];
  std::snprintf(header, sizeof header, "%lx-", reinterpret_cast<unsigned long>(fresh));
  std::size_t at = smaps.find(std::string("\n") + header);
  ASSERT_NE(at, std::string::npos) << "no smaps entry for the fresh mapping";
  std::size_t flags = smaps.find("VmFlags:", at);
  ASSERT_NE(flags, std::string::npos);
  const std::string line = smaps.substr(flags, smaps.find('\n', flags) - flags);
  munmap(guarded, 3 * kPage);
  EXPECT_EQ(kernel::kernel_has_soft_dirty(), (line + " ").find(" sd ") != std::string::npos) << line;
  // CAP_SYS_ADMIN: capget vs CapEff in /proc/self/status.
  const std::string status = virtlab::read_file("/proc/self/status");
  const std::size_t cap = status.find("CapEff:");
  ASSERT_NE(cap, std::string::npos);
  const std::uint64_t effective = std::stoull(status.substr(cap + 7, 24), nullptr, 16);
  EXPECT_EQ(kernel::have_cap_sys_admin(), ((effective >> 21) & 1) != 0);
}

TEST(PagewalkKernel, BatchedReadsNeverPerPage) {
  // 1 GiB mapped: the pread path must read pagemap in 64K-entry batches (4 preads), not 262,144.
  if (kAsanShadow) GTEST_SKIP() << kAsanShadowReason;
  Child child([] {
    char* p = static_cast<char*>(map_anon(1u << 30));
    p[0] = 1;
    return std::vector<std::uint64_t>{reinterpret_cast<std::uint64_t>(p)};
  });
  ASSERT_TRUE(child.ready());
  auto [code, out] = run_tool("--no-scan --explain " + std::to_string(child.pid()));
  ASSERT_EQ(code, 0) << out;
  std::size_t preads = 0, full_batches = 0;
  for (std::size_t at = out.find("pread("); at != std::string::npos; at = out.find("pread(", at + 1)) ++preads;
  for (std::size_t at = out.find("65536 page table entries"); at != std::string::npos;
       at = out.find("65536 page table entries", at + 1))
    ++full_batches;
  EXPECT_GE(full_batches, 4u);
  EXPECT_LT(preads, 200u) << out.substr(0, 2000);
}

TEST(PagewalkKernel, WithoutPrivilegesSaysWhatIsHidden) {
  // A forked child drops to nobody (which drops all capabilities), then walks its own memory.
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string report;
    auto fail = [&](const std::string& what) { report += what + "; "; };
    if (setgroups(0, nullptr) != 0 || setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0)
      fail(std::string("cannot drop privileges: ") + std::strerror(errno));
    prctl(PR_SET_DUMPABLE, 1);  // a credential change clears it, which would hide our own /proc files from us
    char* page = static_cast<char*>(map_anon(kPage));
    page[0] = 1;
    try {
      auto w = pw::walk_address(getpid(), reinterpret_cast<std::uint64_t>(page));
      if (w.access.pfn_visible) fail("pfn_visible is true");
      if (w.access.kpageflags_readable) fail("kpageflags readable");
      if (!w.entry.present()) fail("touched page not present");
      if (w.entry.pfn() != 0) fail("PFN not hidden");
      if (w.pfn) fail("walk reports a PFN");
      bool said = false;
      for (const auto& n : w.notes) said = said || n.find("PFNs read as 0") != std::string::npos;
      if (!said) fail("notes do not say PFNs are hidden");
      auto s = pw::summarize(getpid());
      if (s.totals.resident == 0) fail("summary found nothing resident");
      bool kpf = false;
      for (const auto& n : s.notes) kpf = kpf || n.find("kpageflags unreadable") != std::string::npos;
      if (!kpf) fail("summary notes do not say kpageflags is unreadable");
    } catch (const std::exception& e) {
      fail(std::string("threw: ") + e.what());
    }
    if (write(fds[1], report.data(), report.size()) < 0) _exit(2);
    _exit(report.empty() ? 0 : 1);
  }
  close(fds[1]);
  std::string report;
  char buf[512];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) report.append(buf, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << report;
}

TEST(PagewalkKernel, BadInputIsAnErrorWithItsExitCode) {
  Child child(setup_anon);
  ASSERT_TRUE(child.ready());
  const pid_t gone = dead_pid();
  EXPECT_EQ(code_of([&] { pw::summarize(gone); }), ExitCode::not_found);
  EXPECT_EQ(code_of([&] { pw::summarize(2); }), ExitCode::not_found);  // kthreadd: no address space
  EXPECT_EQ(code_of([&] { pw::walk_address(child.pid(), 0x1000); }), ExitCode::not_found);
  pw::WalkOptions i386;
  i386.mode = pw::PagingMode::i386;
  EXPECT_EQ(code_of([&] { pw::walk_address(child.pid(), child.value(0), i386); }), ExitCode::usage);
  pw::ListOptions nowhere;
  nowhere.range = pw::AddressRange{0x1000, 0x2000};
  EXPECT_EQ(code_of([&] { pw::list_pages(child.pid(), nowhere); }), ExitCode::not_found);

  // The CLI: one line on stderr and the documented code.
  const std::string pid = std::to_string(child.pid());
  struct Case {
    std::string args;
    int code;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{{std::to_string(gone), 3, "no process with pid"},
                                         {"2", 3, "kernel thread"},
                                         {pid + " 0x1000", 3, "is not mapped"},
                                         {pid + " 0xzz", 2, "malformed address"},
                                         {pid + " --list --range 0x3000-0x1000", 2, "malformed range"},
                                         {pid + " --list --range nonsense", 2, "malformed range"},
                                         {"12ab", 2, "is not a pid"},
                                         {"", 2, "missing PID"}}) {
    auto [code, out] = run_tool(c.args);
    EXPECT_EQ(code, c.code) << c.args << ": " << out;
    EXPECT_NE(out.find(c.says), std::string::npos) << c.args << ": " << out;
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << "one line: " << out;
  }
}

TEST(PagewalkKernel, ProcessExitingMidWalkIsNotFound) {
  Child child(setup_anon);
  ASSERT_TRUE(child.ready());
  const std::uint64_t base = child.value(0);
  auto pages = kernel::ProcessPages::open(child.pid());  // fds kept open, as during a walk
  std::vector<std::uint64_t> entries(64);
  pages.read_pagemap(base, base + 64 * kPage, entries);
  EXPECT_TRUE(kernel::PagemapEntry{entries[0]}.present());
  child.stop();  // the process exits between two batches
  EXPECT_EQ(code_of([&] { pages.read_pagemap(base, base + 64 * kPage, entries); }), ExitCode::not_found);
  if (pages.access().scan_available) {
    EXPECT_EQ(code_of([&] { pages.scan(base, base + 64 * kPage, kernel::scan_category::present, 0xff); }),
              ExitCode::not_found);
  }
}
