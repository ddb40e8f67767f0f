// The demos' choreography: what each child does, step by step, and what pagewalk's library reads in between.
#include "pagewalk/demos.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "pagewalk/demos_child.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/kernel/pagemap.hpp"
#include "virtlab/text.hpp"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

namespace virtlab::pagewalk {

const DemoFact* DemoReport::fact(std::string_view wanted) const {
  for (const auto& f : facts) {
    if (f.name == wanted) return &f;
  }
  return nullptr;
}

const Json& DemoReport::value(std::string_view wanted) const {
  const DemoFact* f = fact(wanted);
  if (f == nullptr) throw std::out_of_range("demo " + name + " recorded no fact '" + std::string(wanted) + "'");
  return f->value;
}

namespace {

constexpr std::uint64_t kHugePageSize = 2u << 20;
constexpr std::uint64_t kTmpfsMagic = 0x01021994;  // statfs f_type of tmpfs (linux/magic.h)
constexpr std::uint64_t kRamfsMagic = 0x858458f6;  // ramfs

// ---- small helpers -------------------------------------------------------------------------------------------

struct Faults {
  std::uint64_t minor = 0;
  std::uint64_t major = 0;
};

Faults read_faults(pid_t pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/stat";
  auto stat = kernel::parse_proc_stat(read_file(path));
  if (!stat) throw Error(ExitCode::failure, "cannot parse " + path);
  explain("read", path,
          "minflt " + std::to_string(stat->minor_faults) + ", majflt " + std::to_string(stat->major_faults),
          "fields 10 and 12: page faults the process has taken so far (minor: no disk I/O; major: read from disk)");
  return {stat->minor_faults, stat->major_faults};
}

Json optional_json(const std::optional<std::uint64_t>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json flag_json(const AddressWalk& w, int bit) {
  if (!w.kpageflags) return nullptr;
  return ((*w.kpageflags >> bit) & 1) != 0;
}

void add_fact(DemoReport& r, std::string name, Json value, std::string meaning) {
  r.facts.push_back({std::move(name), std::move(value), std::move(meaning)});
}

// Facts every observation of a page offers: present, swapped, PFN, exclusive, file/shared, and chosen flags.
void add_page_facts(DemoReport& r, const std::string& prefix, const AddressWalk& w, const std::string& when) {
  add_fact(r, prefix + "_present", w.entry.present(), "pagemap bit 63 (page in RAM) " + when);
  add_fact(r, prefix + "_pfn", optional_json(w.pfn), "physical frame number " + when + " (null: not present/hidden)");
}

DemoStage& add_stage(DemoReport& r, const DemoOptions& o, std::string title, std::string explanation,
                     std::vector<DemoObservation> observations) {
  r.stages.push_back({std::move(title), std::move(explanation), std::move(observations)});
  if (o.on_stage) o.on_stage(r, r.stages.back());
  return r.stages.back();
}

// The child's own state: set by one action, used by the next (lives in the child's copy of the heap).
struct ChildState {
  char* page = nullptr;
  char* file_page = nullptr;
  int fd = -1;
  std::size_t length = 0;
};

std::uint64_t map_anonymous(ChildState& s, std::size_t length, int extra_flags = 0, void* at = nullptr) {
  void* p = ::mmap(at, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | extra_flags, -1, 0);
  if (p == MAP_FAILED) DemoChild::fail("mmap " + std::to_string(length) + " bytes anonymous");
  s.page = static_cast<char*>(p);
  s.length = length;
  return reinterpret_cast<std::uint64_t>(p);
}

int write_clean_page(int fd) {
  char data[4096];
  std::memset(data, 'v', sizeof data);
  static constexpr char kHeader[] = "virtlab pagewalk demo page\n";
  std::copy_n(kHeader, sizeof kHeader - 1, data);  // a marker at the start of the page, no NUL needed
  if (::write(fd, data, sizeof data) != static_cast<ssize_t>(sizeof data) || ::fsync(fd) != 0) {
    DemoChild::fail("write and fsync one page to the demo's temporary file");
  }
  return fd;
}

// A one-page file, unlinked from birth (O_TMPFILE) so nothing is left behind even on a crash; written and
// fsync'ed, so its page starts clean (not Dirty) when it lives on a disk filesystem.
int make_clean_file_page() {
  for (const char* dir : {"/var/tmp", "/tmp"}) {
    int fd = ::open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) return write_clean_page(fd);
  }
  // Filesystems without O_TMPFILE (ramfs, as in an initramfs): a named file, unlinked at once.
  char name[] = "/tmp/pagewalk-demo-XXXXXX";
  int fd = ::mkostemp(name, O_CLOEXEC);
  if (fd < 0) DemoChild::fail("cannot create a temporary file in /var/tmp or /tmp");
  ::unlink(name);
  return write_clean_page(fd);
}

// The child reports the statfs magic of its demo file's filesystem: tmpfs and ramfs pages have no disk behind them
// (they stay Dirty, and with swap they go to swap like anonymous memory), so the demos measure it.
DemoAction filesystem_action(const std::shared_ptr<ChildState>& state) {
  return {"fstatfs the file: which filesystem holds it", [state] {
            struct statfs fs {};
            if (::fstatfs(state->fd, &fs) != 0) DemoChild::fail("fstatfs");
            return static_cast<std::uint64_t>(fs.f_type);
          }};
}

bool is_memory_filesystem(std::uint64_t magic) {
  return magic == kTmpfsMagic || magic == kRamfsMagic;
}

std::uint64_t map_file_page(ChildState& s, int prot, int flags) {
  void* p = ::mmap(nullptr, 4096, prot, flags, s.fd, 0);
  if (p == MAP_FAILED) DemoChild::fail("mmap the file page");
  s.file_page = static_cast<char*>(p);
  return reinterpret_cast<std::uint64_t>(p);
}

std::uint64_t read_byte(const char* p) {
  return static_cast<unsigned char>(*static_cast<const volatile char*>(p));
}

void write_byte(char* p, char value) {
  *static_cast<volatile char*>(p) = value;
}

DemoObservation observe(const kernel::ProcessPages& pages, std::uint64_t va, std::string label) {
  return {std::move(label), walk_address(pages, va)};
}

std::string pfn_text(const AddressWalk& w) {
  if (!w.entry.present()) return w.entry.swapped() ? "in swap" : "none";
  return w.pfn ? hex(*w.pfn) : "(PFN hidden: not root)";
}

void require_pfns(const kernel::ProcessPages& pages, DemoReport& r) {
  if (!pages.access().pfn_visible) {
    r.notes.push_back("PFNs read as 0 without CAP_SYS_ADMIN: run as root to compare frame numbers");
  }
}

std::uint64_t present_count(const kernel::ProcessPages& pages, std::uint64_t start, std::size_t count) {
  std::vector<std::uint64_t> entries(count);
  pages.read_pagemap(start, start + count * kernel::kPageSize, entries);
  std::uint64_t n = 0;
  for (auto e : entries) n += kernel::PagemapEntry{e}.present() ? 1 : 0;
  return n;
}

// smaps "Referenced:" of the mapping at `va`: pages whose page-table entry has the CPU's Accessed bit (or the
// kernel's referenced flag).
std::optional<std::uint64_t> smaps_field_kb(pid_t pid, std::uint64_t va, std::string_view field) {
  auto text = try_read_file("/proc/" + std::to_string(pid) + "/smaps", 64u << 20);
  if (!text) return std::nullopt;
  bool inside = false;
  for (auto line : split_lines(*text)) {
    auto dash = line.find('-');
    auto space = line.find(' ');
    if (dash != std::string_view::npos && space != std::string_view::npos && dash < space) {
      auto start = parse_u64(line.substr(0, dash), true);
      auto end = parse_u64(line.substr(dash + 1, space - dash - 1), true);
      if (start && end) {
        inside = va >= *start && va < *end;
        continue;
      }
    }
    if (inside && starts_with(line, field) && line.size() > field.size() && line[field.size()] == ':') {
      auto words = split_whitespace(line.substr(field.size() + 1));
      if (!words.empty()) return parse_u64(words[0]);
    }
  }
  return std::nullopt;
}

bool swap_available(std::string* detail) {
  auto swaps = try_read_file("/proc/swaps");
  explain("read", "/proc/swaps", swaps ? std::to_string(swaps->size()) + " bytes" : errno_result(errno),
          "the swap devices and files the kernel is using");
  if (!swaps) return false;
  auto lines = split_lines(*swaps);
  std::size_t devices = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (!trim(lines[i]).empty()) {
      ++devices;
      if (detail != nullptr && detail->empty()) *detail = std::string(trim(lines[i]));
    }
  }
  return devices > 0;
}

}  // namespace

// ---- fault ---------------------------------------------------------------------------------------------------

DemoReport demo_fault(const DemoOptions& o) {
  DemoReport r;
  r.name = "fault";
  r.title = "Page fault on first touch";
  r.intro =
      "mmap() only reserves virtual addresses: no frame of RAM is used yet, and the page-table entry says 'not "
      "present'. The first touch makes the MMU raise a page fault; the kernel's fault handler finds a free frame, "
      "fills the entry and restarts the instruction (notes: 'page fault handling', case a: first access). The "
      "kernel counts these in /proc/PID/stat field 10 (minor faults: no disk read was needed).";
  constexpr std::size_t kPages = 8;
  auto state = std::make_shared<ChildState>();
  DemoChild child("pw-demo-fault",
                  {{"mmap 8 anonymous pages", [state] { return map_anonymous(*state, kPages * kernel::kPageSize); }},
                   {"read 1 byte of page 0", [state] { return read_byte(state->page); }},
                   {"write 1 byte to each of the 8 pages", [state] {
                      for (std::size_t i = 0; i < kPages; ++i) write_byte(state->page + i * kernel::kPageSize, 1);
                      return std::uint64_t{0};
                    }}});
  auto pages = kernel::ProcessPages::open(child.pid());
  require_pfns(pages, r);
  const std::uint64_t va = child.run(0);
  explain("mmap (in the child)", "8 pages, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS", hex(va));
  Faults f0 = read_faults(child.pid());
  auto before = observe(pages, va, "after mmap, untouched");
  const auto present0 = present_count(pages, va, kPages);
  add_stage(r, o, "1. the child maps 8 pages (" + hex(va) + ") and touches nothing",
            "The range is in /proc/" + std::to_string(child.pid()) +
                "/maps, but pagemap says not present: " + std::to_string(present0) + " of 8 pages have a frame.",
            {before});

  child.run(1);
  Faults f1 = read_faults(child.pid());
  auto after_read = observe(pages, va, "after reading 1 byte");
  const bool zero_page = after_read.walk.kpageflags && ((*after_read.walk.kpageflags >> kernel::kpf::zero_page) & 1);
  add_stage(
      r, o, "2. the child READS one byte of page 0",
      std::string(zero_page ? "A read fault on never-written anonymous memory maps the shared zero page: one "
                              "read-only frame full of zeros that every process shares (kpageflags ZERO_PAGE); a "
                              "private frame comes only with the first write."
                            : "The read faulted and this kernel gave page 0 its own zeroed frame at once (kpageflags "
                              "ANON, no ZERO_PAGE). Kernels may instead map the shared, read-only zero page on a "
                              "read fault and copy on the first write; this one did not.") +
          " Minor faults went from " + std::to_string(f0.minor) + " to " + std::to_string(f1.minor) + ".",
      {after_read});

  child.run(2);
  Faults f2 = read_faults(child.pid());
  auto after_write = observe(pages, va, "after writing");
  const auto present2 = present_count(pages, va, kPages);
  const bool same_frame = after_read.walk.pfn && after_write.walk.pfn && *after_read.walk.pfn == *after_write.walk.pfn;
  add_stage(r, o, "3. the child WRITES one byte to each of the 8 pages",
            std::string(same_frame ? "Page 0 already had a writable frame, so its write did not fault; each of the "
                                     "other 7 pages faulted on its first write and got its own zeroed frame. "
                                   : "Each first write faulted; the kernel gave each page its own zeroed frame "
                                     "(page 0 left the zero page for frame " +
                                         pfn_text(after_write.walk) + "). ") +
                std::to_string(present2) + " of 8 pages are present; minor faults went from " +
                std::to_string(f1.minor) + " to " + std::to_string(f2.minor) + " (+" +
                std::to_string(f2.minor - f1.minor) + ").",
            {after_write});

  add_fact(r, "address", va, "virtual address of the first page");
  add_page_facts(r, "before", before.walk, "before any touch");
  add_fact(r, "present_pages_before", present0, "pages of the 8 with a frame before any touch");
  add_page_facts(r, "after_read", after_read.walk, "after the read");
  add_fact(r, "after_read_zero_page", flag_json(after_read.walk, kernel::kpf::zero_page),
           "kpageflags ZERO_PAGE after the read");
  add_page_facts(r, "after_write", after_write.walk, "after the write");
  add_fact(r, "after_write_anon", flag_json(after_write.walk, kernel::kpf::anon), "kpageflags ANON after the write");
  add_fact(r, "after_write_exclusive", after_write.walk.entry.exclusive(), "pagemap bit 56 after the write");
  add_fact(r, "present_pages_after", present2, "pages of the 8 with a frame after the writes");
  add_fact(r, "minor_faults_before", f0.minor, "/proc/PID/stat field 10 before any touch");
  add_fact(r, "minor_faults_after_read", f1.minor, "field 10 after the read");
  add_fact(r, "minor_faults_after_write", f2.minor, "field 10 after the 8 writes");
  r.conclusion = "Touching memory, not allocating it, is what uses RAM: " + std::to_string(present0) +
                 " present pages after mmap, " + std::to_string(present2) + " after the writes, and " +
                 std::to_string(f2.minor - f0.minor) + " minor page faults on the way.";
  return r;
}

// ---- two processes, same address -----------------------------------------------------------------------------

namespace {

// A child that maps one page at the notes' fixed address (step 0) and writes `text` there (step 1).
std::unique_ptr<DemoChild> fixed_address_child(const char* name, const char* text) {
  auto state = std::make_shared<ChildState>();
  return std::make_unique<DemoChild>(
      name, std::vector<DemoAction>{
                {"mmap 1 page at a fixed address",
                 [state] {
                   // The notes' 0x1000 needs vm.mmap_min_addr <= 4096 (the default 65536 forbids it).
                   for (std::uint64_t at : {kTwoProcessesAddress, kTwoProcessesFallbackAddress}) {
                     void* p = ::mmap(reinterpret_cast<void*>(at), kernel::kPageSize, PROT_READ | PROT_WRITE,
                                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
                     if (p == MAP_FAILED) continue;
                     if (reinterpret_cast<std::uint64_t>(p) != at) {  // kernels before 4.17 ignore the flag
                       ::munmap(p, kernel::kPageSize);
                       continue;
                     }
                     state->page = static_cast<char*>(p);
                     return at;
                   }
                   DemoChild::fail("mmap at 0x1000 and at 0x10000000 (MAP_FIXED_NOREPLACE)");
                 }},
                {std::string("write \"") + text + "\"", [state, text] {
                   std::strcpy(state->page, text);
                   return std::uint64_t{0};
                 }}});
}

// What a process sees at an address, read through /proc/PID/mem.
std::string read_process_text(pid_t pid, std::uint64_t va) {
  const std::string path = "/proc/" + std::to_string(pid) + "/mem";
  UniqueFd fd = open_or_throw(path, O_RDONLY, "run as root (ptrace access to the child)");
  char buf[32] = {};
  std::size_t n =
      pread_full(fd.get(), std::as_writable_bytes(std::span(buf, sizeof buf - 1)), static_cast<off_t>(va), path);
  explain("pread", path + " at " + hex(va), std::to_string(n) + " bytes", "what the process sees at that address");
  return std::string(buf);
}

}  // namespace

DemoReport demo_two_processes(const DemoOptions& o) {
  DemoReport r;
  r.name = "two-processes";
  r.title = "Two processes, same virtual address, different frames";
  r.intro =
      "The notes: 'MS-Word uses address 0x1000 and Chrome can use 0x1000 too - each is mapped to a different "
      "place in physical memory, so they do not interfere.' Two children map one page at the same fixed address "
      "(mmap MAP_FIXED_NOREPLACE) and write different text there. Each has its own page table, so the same "
      "virtual page leads to two different frames.";
  auto word = fixed_address_child("pw-msword", "MS-Word's data");
  auto chrome = fixed_address_child("pw-chrome", "Chrome's data");
  auto word_pages = kernel::ProcessPages::open(word->pid());
  auto chrome_pages = kernel::ProcessPages::open(chrome->pid());
  require_pfns(word_pages, r);
  const std::uint64_t va_word = word->run(0);
  const std::uint64_t va_chrome = chrome->run(0);
  if (va_word != kTwoProcessesAddress) {
    r.notes.push_back("0x1000 could not be mapped (vm.mmap_min_addr = " +
                      std::string(trim(try_read_file("/proc/sys/vm/mmap_min_addr").value_or("?"))) +
                      " protects low addresses against NULL-pointer bugs); the demo uses " + hex(va_word) +
                      " instead - the lesson is the same");
  }
  explain("mmap (in both children)", hex(va_word) + ", 1 page, MAP_FIXED_NOREPLACE",
          hex(va_word) + ", " + hex(va_chrome));
  auto w0 = observe(word_pages, va_word, "pw-msword " + std::to_string(word->pid()));
  auto c0 = observe(chrome_pages, va_chrome, "pw-chrome " + std::to_string(chrome->pid()));
  add_stage(r, o, "1. both children map one page at " + hex(va_word),
            "Same virtual address in both maps; neither page has a frame yet.", {w0, c0});
  word->run(1);
  chrome->run(1);
  auto w1 = observe(word_pages, va_word, "pw-msword " + std::to_string(word->pid()));
  auto c1 = observe(chrome_pages, va_chrome, "pw-chrome " + std::to_string(chrome->pid()));
  const std::string text_word = read_process_text(word->pid(), va_word);
  const std::string text_chrome = read_process_text(chrome->pid(), va_chrome);
  add_stage(r, o, "2. each child writes its own text at " + hex(va_word),
            "pw-msword reads \"" + text_word + "\" there, pw-chrome reads \"" + text_chrome +
                "\": same address, different frames (" + pfn_text(w1.walk) + " vs " + pfn_text(c1.walk) + ").",
            {w1, c1});
  add_fact(r, "address_msword", va_word, "virtual address used by pw-msword");
  add_fact(r, "address_chrome", va_chrome, "virtual address used by pw-chrome");
  add_fact(r, "pid_msword", word->pid(), "pid of pw-msword");
  add_fact(r, "pid_chrome", chrome->pid(), "pid of pw-chrome");
  add_page_facts(r, "msword", w1.walk, "in pw-msword after its write");
  add_page_facts(r, "chrome", c1.walk, "in pw-chrome after its write");
  add_fact(r, "msword_text", text_word, "bytes at the address in pw-msword (/proc/PID/mem)");
  add_fact(r, "chrome_text", text_chrome, "bytes at the address in pw-chrome (/proc/PID/mem)");
  r.conclusion = "The virtual address is only a name inside one process: " + hex(va_word) + " is frame " +
                 pfn_text(w1.walk) + " for pw-msword and frame " + pfn_text(c1.walk) +
                 " for pw-chrome. The MMU translates through each process's own page table.";
  return r;
}

// ---- copy-on-write -------------------------------------------------------------------------------------------

DemoReport demo_cow(const DemoOptions& o) {
  DemoReport r;
  r.name = "cow";
  r.title = "Copy-on-write after fork";
  r.intro =
      "fork() does not copy memory. Parent and child share every private page, read-only, and the kernel copies "
      "a page only when one of them writes to it (copy-on-write). pagewalk itself is the parent here: it writes a "
      "page, forks a child, and compares both processes' page tables before and after the child writes.";
  // The parent's page: mapped and written before the fork, so both processes start with the same frame.
  void* region = ::mmap(nullptr, kernel::kPageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) throw_errno("mmap 1 page for the copy-on-write demo");
  struct Unmap {
    void* p;
    ~Unmap() { ::munmap(p, kernel::kPageSize); }
  } unmap{region};
  std::strcpy(static_cast<char*>(region), "written by the parent before fork");
  const auto va = reinterpret_cast<std::uint64_t>(region);
  explain("mmap + write", "1 anonymous page in pagewalk itself", hex(va));
  auto self_pages = kernel::ProcessPages::open(::getpid());
  require_pfns(self_pages, r);
  auto alone = observe(self_pages, va, "parent " + std::to_string(::getpid()) + ", before fork");

  char* page = static_cast<char*>(region);
  DemoChild child("pw-demo-cow", {{"write 1 byte to the shared page", [page] {
                                     write_byte(page, 'C');
                                     return std::uint64_t{0};
                                   }}});
  auto child_pages = kernel::ProcessPages::open(child.pid());
  add_stage(r, o, "1. the parent (pagewalk) writes one page",
            "One process, one frame, mapped exclusively (pagemap bit 56 = 1).", {alone});

  auto parent0 = observe(self_pages, va, "parent " + std::to_string(::getpid()));
  auto child0 = observe(child_pages, va, "child " + std::to_string(child.pid()));
  add_stage(r, o, "2. fork(): the child gets a copy of the page tables, not of the memory",
            "Both entries point at the same frame " + pfn_text(parent0.walk) +
                "; it is no longer exclusive (bit 56 = 0) and kpagecount says it is mapped " +
                (parent0.walk.kpagecount ? std::to_string(*parent0.walk.kpagecount) : std::string("?")) +
                " times. Both entries are now read-only, so a write will fault.",
            {parent0, child0});

  child.run(0);
  auto parent1 = observe(self_pages, va, "parent " + std::to_string(::getpid()));
  auto child1 = observe(child_pages, va, "child " + std::to_string(child.pid()));
  add_stage(r, o, "3. the child writes one byte",
            "The write hit a read-only entry: a copy-on-write fault. The kernel copied the page to a new frame " +
                pfn_text(child1.walk) + " for the child; the parent keeps " + pfn_text(parent1.walk) +
                " and is its only user again.",
            {parent1, child1});

  add_fact(r, "address", va, "virtual address of the page in both processes");
  add_fact(r, "child_pid", child.pid(), "pid of the forked child");
  add_fact(r, "pfn_alone", optional_json(alone.walk.pfn), "frame of the page before fork");
  add_fact(r, "exclusive_alone", alone.walk.entry.exclusive(), "pagemap bit 56 before fork");
  add_fact(r, "pfn_parent_before", optional_json(parent0.walk.pfn), "parent's frame after fork, before the write");
  add_fact(r, "pfn_child_before", optional_json(child0.walk.pfn), "child's frame after fork, before the write");
  add_fact(r, "exclusive_parent_before", parent0.walk.entry.exclusive(), "parent's bit 56 before the write");
  add_fact(r, "exclusive_child_before", child0.walk.entry.exclusive(), "child's bit 56 before the write");
  add_fact(r, "kpagecount_before", optional_json(parent0.walk.kpagecount), "mappings of the shared frame");
  add_fact(r, "pfn_parent_after", optional_json(parent1.walk.pfn), "parent's frame after the child's write");
  add_fact(r, "pfn_child_after", optional_json(child1.walk.pfn), "child's frame after its write");
  add_fact(r, "exclusive_parent_after", parent1.walk.entry.exclusive(), "parent's bit 56 after the write");
  add_fact(r, "exclusive_child_after", child1.walk.entry.exclusive(), "child's bit 56 after the write");
  add_fact(r, "kpagecount_child_after", optional_json(child1.walk.kpagecount), "mappings of the child's new frame");
  r.conclusion = "fork shared frame " + pfn_text(parent0.walk) +
                 " between two processes; one write gave the "
                 "child its own frame " +
                 pfn_text(child1.walk) +
                 ". Pages never written after fork are never copied - that is why fork is cheap.";
  return r;
}

// ---- referenced and dirty ------------------------------------------------------------------------------------

namespace {

// The child of the referenced demo: map a clean file page and read it, pread it, write it, msync it.
std::vector<DemoAction> referenced_demo_actions(const std::shared_ptr<ChildState>& state) {
  return {{"create a 1-page file (fsync: clean), mmap it MAP_SHARED and read it",
           [state] {
             state->fd = make_clean_file_page();
             auto va = map_file_page(*state, PROT_READ | PROT_WRITE, MAP_SHARED);
             (void)read_byte(state->file_page);
             return va;
           }},
          {"read the page with pread(2) (through the page cache)",
           [state] {
             char buf[64];
             if (::pread(state->fd, buf, sizeof buf, 0) < 0) DemoChild::fail("pread");
             return std::uint64_t{0};
           }},
          {"write 1 byte through the mapping",
           [state] {
             write_byte(state->file_page + 100, 'D');
             return std::uint64_t{0};
           }},
          {"msync(MS_SYNC): write the page back to the file",
           [state] {
             if (::msync(state->file_page, kernel::kPageSize, MS_SYNC) != 0) DemoChild::fail("msync");
             return std::uint64_t{0};
           }},
          filesystem_action(state)};
}

// The referenced demo's facts and conclusion, from the page at each of its five stages.
void add_referenced_facts(DemoReport& r, std::uint64_t va, bool memory_fs, std::optional<std::uint64_t> smaps_ref1,
                          const std::array<AddressWalk, 5>& walks) {
  const AddressWalk& start = walks[0];
  const AddressWalk& cleared = walks[1];
  const AddressWalk& after_read = walks[2];
  const AddressWalk& written = walks[3];
  const AddressWalk& synced = walks[4];
  add_fact(r, "address", va, "virtual address of the file page in the child");
  add_fact(r, "file_on_disk", !memory_fs, "the file is on a disk filesystem (not tmpfs/ramfs), so Dirty can clear");
  add_fact(r, "referenced_start", flag_json(start, kernel::kpf::referenced), "kpageflags REFERENCED after mmap + load");
  add_fact(r, "referenced_after_clear", flag_json(cleared, kernel::kpf::referenced), "REFERENCED after clear_refs 1");
  add_fact(r, "smaps_referenced_kb_after_clear", optional_json(smaps_ref1), "smaps Referenced after clear_refs 1");
  add_fact(r, "referenced_after_read", flag_json(after_read, kernel::kpf::referenced), "REFERENCED after read(2)");
  add_fact(r, "dirty_start", flag_json(start, kernel::kpf::dirty), "kpageflags DIRTY of the fsync'ed page");
  add_fact(r, "dirty_after_write", flag_json(written, kernel::kpf::dirty), "DIRTY after the write through the mapping");
  add_fact(r, "dirty_after_msync", flag_json(synced, kernel::kpf::dirty), "DIRTY after msync(MS_SYNC)");
  add_fact(r, "pfn", optional_json(synced.pfn), "the frame (the same throughout: nothing was copied)");
  add_fact(r, "pfn_start", optional_json(start.pfn), "the frame at the start");
  r.conclusion = "The kernel keeps these bits per page so that page replacement can choose well: REFERENCED went " +
                 flag_json(cleared, kernel::kpf::referenced).dump() + " -> " +
                 flag_json(after_read, kernel::kpf::referenced).dump() + " when the page was used, DIRTY went " +
                 flag_json(start, kernel::kpf::dirty).dump() + " -> " + flag_json(written, kernel::kpf::dirty).dump() +
                 " on the write and back to " + flag_json(synced, kernel::kpf::dirty).dump() +
                 " after the write-back. Try `pagewalk simulate --help`: its tables show the same Dirty write-backs.";
}

}  // namespace

DemoReport demo_referenced(const DemoOptions& o) {
  DemoReport r;
  r.name = "referenced";
  r.title = "The Referenced and Dirty bits";
  r.intro =
      "The notes' page-table entry has a Reference bit ('accessed recently?') and a Dirty bit ('modified?'). "
      "Page replacement uses them: recently used pages stay, and a Dirty page must be written to disk before its "
      "frame is reused. A child maps one page of a file; we clear its Referenced bits with "
      "`echo 1 > /proc/PID/clear_refs`, let it read the page, then write it, then write it back (msync).";
  auto state = std::make_shared<ChildState>();
  DemoChild child("pw-demo-ref", referenced_demo_actions(state));
  auto pages = kernel::ProcessPages::open(child.pid());
  require_pfns(pages, r);
  if (!pages.access().kpageflags_readable) {
    r.notes.push_back("/proc/kpageflags is not readable (root only): the Referenced and Dirty flags are hidden");
  }
  const std::uint64_t va = child.run(0);
  const pid_t pid = child.pid();
  // tmpfs and ramfs pages have no disk behind them: they stay Dirty, and msync has nothing to write them to.
  const std::uint64_t fs_magic = child.run(4);
  const bool memory_fs = is_memory_filesystem(fs_magic);
  auto s0 = observe(pages, va, "after mmap + read");
  add_stage(r, o, "1. the child maps one page of a freshly written, fsync'ed file and reads it",
            "The page is in the page cache and mapped; fsync wrote it to disk, so it is clean (no DIRTY).", {s0});

  const std::string clear_refs = "/proc/" + std::to_string(pid) + "/clear_refs";
  write_file(clear_refs, "1", "run as root");
  explain("write", clear_refs + " <- \"1\"", "ok",
          "clears the Accessed bit of every page-table entry of the process and the pages' referenced flag");
  auto s1 = observe(pages, va, "after clear_refs 1");
  const auto smaps_ref1 = smaps_field_kb(pid, va, "Referenced");
  add_stage(r, o, "2. echo 1 > " + clear_refs,
            "The kernel cleared the page's Referenced state (kpageflags REFERENCED = 0, smaps Referenced: " +
                (smaps_ref1 ? std::to_string(*smaps_ref1) + " kB" : std::string("?")) + ").",
            {s1});

  child.run(1);
  auto s2 = observe(pages, va, "after the read");
  add_stage(r, o, "3. the child reads the page with read(2)",
            "The kernel touched the page through the page cache and marked it accessed: REFERENCED is back. "
            "(A load through the mapping sets the CPU's Accessed bit in the page-table entry instead - only on a TLB "
            "miss - which smaps' Referenced counts and reclaim turns into REFERENCED later.)",
            {s2});

  child.run(2);
  auto s3 = observe(pages, va, "after the write");
  add_stage(r, o, "4. the child writes one byte through its mapping",
            "The first write to a shared file page faults so the kernel can mark it DIRTY: the page now differs "
            "from the file on disk. Evicting it now would need a write-back first (the notes' Dirty = 1 case).",
            {s3});

  child.run(3);
  auto s4 = observe(pages, va, "after msync");
  add_stage(r, o, "5. the child calls msync(MS_SYNC)",
            "The kernel wrote the page back to the file; it is clean again (DIRTY = 0) and could be dropped "
            "without any I/O (the notes' Dirty = 0 case).",
            {s4});
  if (memory_fs) {
    r.notes.push_back(
        "the demo file lives on tmpfs/ramfs (no disk filesystem with O_TMPFILE here): its pages have "
        "no disk behind them, so they stay DIRTY and msync cannot clean them");
  }

  add_referenced_facts(r, va, memory_fs, smaps_ref1, {s0.walk, s1.walk, s2.walk, s3.walk, s4.walk});
  return r;
}

// ---- file vs anonymous ---------------------------------------------------------------------------------------

DemoReport demo_file_vs_anon(const DemoOptions& o) {
  DemoReport r;
  r.name = "file-vs-anon";
  r.title = "File pages and anonymous pages";
  r.intro =
      "A file page is a copy of part of a file, kept in the page cache: under memory pressure a clean one can "
      "simply be dropped and read again later. An anonymous page (heap, stack, mmap MAP_ANONYMOUS) has no file "
      "behind it: it can only leave RAM through swap. A child maps one of each; then it writes to its private "
      "file mapping, which turns that page into an anonymous copy.";
  auto state = std::make_shared<ChildState>();
  DemoChild child("pw-demo-file", {{"mmap 1 anonymous page and write it",
                                    [state] {
                                      auto va = map_anonymous(*state, kernel::kPageSize);
                                      write_byte(state->page, 1);
                                      return va;
                                    }},
                                   {"mmap 1 page of a file MAP_PRIVATE and read it",
                                    [state] {
                                      state->fd = make_clean_file_page();
                                      auto va = map_file_page(*state, PROT_READ | PROT_WRITE, MAP_PRIVATE);
                                      (void)read_byte(state->file_page);
                                      return va;
                                    }},
                                   {"write 1 byte to the private file page", [state] {
                                      write_byte(state->file_page, 'X');
                                      return std::uint64_t{0};
                                    }}});
  auto pages = kernel::ProcessPages::open(child.pid());
  require_pfns(pages, r);
  const std::uint64_t anon_va = child.run(0);
  const std::uint64_t file_va = child.run(1);
  auto anon = observe(pages, anon_va, "anonymous page");
  auto file = observe(pages, file_va, "file page (MAP_PRIVATE, read)");
  add_stage(r, o, "1. one anonymous page (written) and one file page (read)",
            "The file page: pagemap bit 61 (file/shared) = 1, kpageflags without ANON - the frame belongs to the "
            "page cache and is shared with anyone reading the file. The anonymous page: bit 61 = 0, ANON and "
            "SWAPBACKED (only swap could hold it), and exclusive to this process.",
            {anon, file});
  child.run(2);
  auto file_after = observe(pages, file_va, "file page after the write");
  add_stage(r, o, "2. the child writes to its private file mapping",
            "MAP_PRIVATE means changes stay private: the write faulted and the kernel copied the page into a new "
            "anonymous frame " +
                pfn_text(file_after.walk) + " (was " + pfn_text(file.walk) +
                "). Bit 61 is now 0 and ANON is set; the file itself is unchanged.",
            {file_after});
  add_fact(r, "anon_address", anon_va, "the anonymous page");
  add_fact(r, "file_address", file_va, "the file page");
  add_fact(r, "anon_file_bit", anon.walk.entry.file_or_shared(), "pagemap bit 61 of the anonymous page");
  add_fact(r, "anon_flag_anon", flag_json(anon.walk, kernel::kpf::anon), "kpageflags ANON of the anonymous page");
  add_fact(r, "anon_swapbacked", flag_json(anon.walk, kernel::kpf::swapbacked),
           "kpageflags SWAPBACKED of the anonymous page");
  add_fact(r, "anon_exclusive", anon.walk.entry.exclusive(), "pagemap bit 56 of the anonymous page");
  add_fact(r, "file_file_bit", file.walk.entry.file_or_shared(), "pagemap bit 61 of the file page");
  add_fact(r, "file_flag_anon", flag_json(file.walk, kernel::kpf::anon), "kpageflags ANON of the file page");
  add_fact(r, "file_pfn", optional_json(file.walk.pfn), "frame of the file page (page cache)");
  add_fact(r, "file_after_write_file_bit", file_after.walk.entry.file_or_shared(), "bit 61 after the private write");
  add_fact(r, "file_after_write_anon", flag_json(file_after.walk, kernel::kpf::anon), "ANON after the private write");
  add_fact(r, "file_after_write_pfn", optional_json(file_after.walk.pfn), "frame after the private write");
  r.conclusion =
      "pagewalk tells them apart by pagemap bit 61 and kpageflags ANON. The distinction decides what "
      "the kernel can do under pressure: drop a clean file page, but swap an anonymous one.";
  return r;
}

// ---- transparent huge page -----------------------------------------------------------------------------------

DemoReport demo_thp(const DemoOptions& o) {
  DemoReport r;
  r.name = "thp";
  r.title = "A transparent huge page: one 2 MiB frame";
  r.intro =
      "With 4 KiB pages, 2 MiB of memory needs 512 page-table entries and 512 TLB entries. x86-64 can also map "
      "2 MiB with ONE entry in the PMD level (the walk stops one level early). The child asks for that with "
      "madvise(MADV_HUGEPAGE) and touches one byte: the kernel allocates a compound page of 512 consecutive "
      "frames - a head page and 511 tail pages.";
  const std::string thp_mode =
      std::string(trim(try_read_file("/sys/kernel/mm/transparent_hugepage/enabled").value_or("(missing)")));
  explain("read", "/sys/kernel/mm/transparent_hugepage/enabled", thp_mode, "[brackets] mark the active mode");
  if (thp_mode.find("[never]") != std::string::npos || thp_mode == "(missing)") {
    throw Error(ExitCode::unsupported, "transparent huge pages are off here (" + thp_mode + ")",
                "echo madvise > /sys/kernel/mm/transparent_hugepage/enabled (as root), then run the demo again");
  }
  auto state = std::make_shared<ChildState>();
  DemoChild child("pw-demo-thp",
                  {{"mmap 4 MiB, madvise(MADV_HUGEPAGE) on an aligned 2 MiB, write 1 byte", [state] {
                      auto va = map_anonymous(*state, 2 * kHugePageSize);
                      std::uint64_t aligned = (va + kHugePageSize - 1) & ~(kHugePageSize - 1);
                      if (::madvise(reinterpret_cast<void*>(aligned), kHugePageSize, MADV_HUGEPAGE) != 0) {
                        DemoChild::fail("madvise(MADV_HUGEPAGE)");
                      }
                      write_byte(reinterpret_cast<char*>(aligned), 1);
                      return aligned;
                    }}});
  auto pages = kernel::ProcessPages::open(child.pid());
  require_pfns(pages, r);
  const std::uint64_t va = child.run(0);
  auto head = observe(pages, va, "first 4 KiB (touched)");
  auto tail = observe(pages, va + kernel::kPageSize, "second 4 KiB (never touched)");
  auto last = observe(pages, va + kHugePageSize - kernel::kPageSize, "last 4 KiB of the 2 MiB");
  std::vector<std::uint64_t> entries(kHugePageSize / kernel::kPageSize);
  pages.read_pagemap(va, va + kHugePageSize, entries);
  std::uint64_t present = 0;
  bool consecutive = true;
  const std::uint64_t first_pfn = kernel::PagemapEntry{entries[0]}.pfn();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    kernel::PagemapEntry e{entries[i]};
    present += e.present() ? 1 : 0;
    if (!e.present() || e.pfn() != first_pfn + i) consecutive = false;
  }
  const auto anon_huge_kb = smaps_field_kb(child.pid(), va, "AnonHugePages");
  const bool got_thp = head.walk.kpageflags && ((*head.walk.kpageflags >> kernel::kpf::thp) & 1);
  add_stage(r, o, "1. the child madvises 2 MiB at " + hex(va) + " and writes ONE byte",
            got_thp ? "One fault filled all 512 pages: " + std::to_string(present) + " present, frames " +
                          pfn_text(head.walk) +
                          ".. consecutive, kpageflags THP with "
                          "COMPOUND_HEAD on the first frame and COMPOUND_TAIL on the others; smaps AnonHugePages: " +
                          (anon_huge_kb ? std::to_string(*anon_huge_kb) + " kB" : std::string("?")) + "."
                    : "The kernel did not give a huge page this time (" + std::to_string(present) +
                          " of 512 present): free 2 MiB blocks may be fragmented, or khugepaged/defrag settings "
                          "prevent it. Try again, or `echo 1 > /proc/sys/vm/compact_memory`.",
            {head, tail, last});
  add_fact(r, "address", va, "2 MiB-aligned virtual address");
  add_fact(r, "thp_mode", thp_mode, "/sys/kernel/mm/transparent_hugepage/enabled");
  add_fact(r, "present_pages", present, "of the 512 base pages, how many are present after one write");
  add_fact(r, "pfns_consecutive", consecutive, "the 512 frames are consecutive (one 2 MiB block)");
  add_fact(r, "head_pfn", optional_json(head.walk.pfn), "frame of the first 4 KiB");
  add_fact(r, "head_thp", flag_json(head.walk, kernel::kpf::thp), "kpageflags THP of the first frame");
  add_fact(r, "head_compound_head", flag_json(head.walk, kernel::kpf::compound_head),
           "COMPOUND_HEAD of the first frame");
  add_fact(r, "tail_pfn", optional_json(tail.walk.pfn), "frame of the second 4 KiB");
  add_fact(r, "tail_compound_tail", flag_json(tail.walk, kernel::kpf::compound_tail),
           "COMPOUND_TAIL of the second frame");
  add_fact(r, "last_pfn", optional_json(last.walk.pfn), "frame of the last 4 KiB");
  add_fact(r, "anon_huge_kb", optional_json(anon_huge_kb), "smaps AnonHugePages of the mapping");
  if (!got_thp) r.notes.push_back("no huge page was allocated this time (see stage 1)");
  r.conclusion = got_thp ? "One write, one fault, 2 MiB of RAM: a huge page trades memory for fewer faults, "
                           "fewer page-table entries and fewer TLB misses."
                         : "This run did not get a huge page; the facts above show what the kernel did instead.";
  return r;
}

// ---- swap ----------------------------------------------------------------------------------------------------

namespace {

// The child of the swap demo: an anonymous and a clean file page, paged out with MADV_PAGEOUT, touched again.
std::vector<DemoAction> swap_demo_actions(const std::shared_ptr<ChildState>& state) {
  return {{"mmap 1 anonymous page and write it",
           [state] {
             auto va = map_anonymous(*state, kernel::kPageSize);
             std::strcpy(state->page, "anonymous data");
             return va;
           }},
          {"mmap 1 page of a clean file and read it",
           [state] {
             state->fd = make_clean_file_page();
             auto va = map_file_page(*state, PROT_READ, MAP_PRIVATE);
             (void)read_byte(state->file_page);
             return va;
           }},
          {"madvise(MADV_PAGEOUT) both pages",
           [state] {
             if (::madvise(state->page, kernel::kPageSize, MADV_PAGEOUT) != 0 ||
                 ::madvise(state->file_page, kernel::kPageSize, MADV_PAGEOUT) != 0) {
               DemoChild::fail("madvise(MADV_PAGEOUT) (Linux 5.4+)");
             }
             return std::uint64_t{0};
           }},
          {"touch both pages again", [state] { return read_byte(state->page) + read_byte(state->file_page); }},
          filesystem_action(state)};
}

// What MADV_PAGEOUT did to each page, read from the two pages' entries.
std::string pageout_outcome(const AddressWalk& anon, const AddressWalk& file, bool have_swap, bool memory_fs) {
  std::string out_text;
  if (anon.entry.swapped()) {
    out_text = "The anonymous page was written to swap: pagemap bit 62 (swapped) = 1, swap type " +
               std::to_string(anon.entry.swap_type()) + ", offset " + hex(anon.entry.swap_offset()) +
               " - the entry now holds a swap location instead of a frame. ";
  } else if (anon.entry.present()) {
    out_text = have_swap ? "The anonymous page stayed in RAM this time (reclaim may skip pages it just saw used). "
                         : "The anonymous page stayed in RAM: without swap there is no place to put it. ";
  } else {
    out_text = "The anonymous page is neither present nor swapped. ";
  }
  if (file.entry.present()) {
    out_text += "The file page stayed in RAM this time.";
  } else if (memory_fs) {
    out_text +=
        "The file page left RAM too, but its file is on tmpfs/ramfs - memory, not disk - so it went the "
        "way of anonymous memory (into swap). A shared-memory page's own entry just says 'not present'.";
  } else {
    out_text +=
        "The clean file page was simply dropped (not present, not swapped): its data is still in the "
        "file on disk, so nothing had to be written.";
  }
  return out_text;
}

struct SwapDemoPages {
  std::uint64_t anon_va = 0, file_va = 0;
  AddressWalk anon_out, file_out, anon_back, file_back;
};

void add_swap_facts(DemoReport& r, bool have_swap, const std::string& device, bool memory_fs, const SwapDemoPages& p,
                    const Faults& f_out, const Faults& f_back) {
  add_fact(r, "swap_available", have_swap, "/proc/swaps lists at least one swap area");
  add_fact(r, "swap_device", have_swap ? Json(device) : Json(nullptr), "the first line of /proc/swaps");
  add_fact(r, "anon_address", p.anon_va, "the anonymous page");
  add_fact(r, "file_address", p.file_va, "the file page");
  add_fact(r, "anon_present_after_pageout", p.anon_out.entry.present(), "bit 63 after MADV_PAGEOUT");
  add_fact(r, "anon_swapped_after_pageout", p.anon_out.entry.swapped(), "bit 62 after MADV_PAGEOUT");
  add_fact(r, "anon_swap_offset", p.anon_out.entry.swapped() ? Json(p.anon_out.entry.swap_offset()) : Json(nullptr),
           "swap offset in the entry after MADV_PAGEOUT");
  add_fact(r, "file_on_disk", !memory_fs, "the file page's file is on a disk filesystem (not tmpfs/ramfs)");
  add_fact(r, "file_present_after_pageout", p.file_out.entry.present(), "file page bit 63 after MADV_PAGEOUT");
  add_fact(r, "anon_present_after_touch", p.anon_back.entry.present(), "bit 63 after touching again");
  add_fact(r, "file_present_after_touch", p.file_back.entry.present(), "file page bit 63 after touching again");
  add_fact(r, "major_faults_coming_back", f_back.major - f_out.major, "major faults taken by the touch");
  add_fact(r, "minor_faults_coming_back", f_back.minor - f_out.minor, "minor faults taken by the touch");
}

}  // namespace

DemoReport demo_swap(const DemoOptions& o) {
  DemoReport r;
  r.name = "swap";
  r.title = "Swap: a page goes out and comes back";
  std::string device;
  const bool have_swap = swap_available(&device);
  r.intro =
      "The notes' swap manager moves pages that are not used to the disk's swap area when RAM runs short, and "
      "brings them back on the next touch (page fault case b). MADV_PAGEOUT asks the kernel to reclaim chosen "
      "pages now, as memory pressure would.";
  auto state = std::make_shared<ChildState>();
  DemoChild child("pw-demo-swap", swap_demo_actions(state));
  auto pages = kernel::ProcessPages::open(child.pid());
  require_pfns(pages, r);
  const std::uint64_t anon_va = child.run(0);
  const std::uint64_t file_va = child.run(1);
  const std::uint64_t fs_magic = child.run(4);
  const bool memory_fs = is_memory_filesystem(fs_magic);
  auto anon0 = observe(pages, anon_va, "anonymous page");
  auto file0 = observe(pages, file_va, "file page");
  add_stage(r, o, "1. the child has one anonymous page (written) and one clean file page (read)",
            have_swap ? "This machine has swap (" + device + ")."
                      : "This machine has NO swap: /proc/swaps lists no device or file. Anonymous pages have "
                        "nowhere to go then - their only copy is in RAM - so only file pages can leave memory.",
            {anon0, file0});
  child.run(2);
  Faults f_out = read_faults(child.pid());
  auto anon1 = observe(pages, anon_va, "anonymous page after MADV_PAGEOUT");
  auto file1 = observe(pages, file_va, "file page after MADV_PAGEOUT");
  const std::string out_text = pageout_outcome(anon1.walk, file1.walk, have_swap, memory_fs);
  add_stage(r, o, "2. the child calls madvise(MADV_PAGEOUT) on both", out_text, {anon1, file1});
  child.run(3);
  Faults f_back = read_faults(child.pid());
  auto anon2 = observe(pages, anon_va, "anonymous page after the touch");
  auto file2 = observe(pages, file_va, "file page after the touch");
  add_stage(r, o, "3. the child touches both pages again",
            "Both are present again. Page faults while coming back: minor +" +
                std::to_string(f_back.minor - f_out.minor) + ", major +" + std::to_string(f_back.major - f_out.major) +
                (f_back.major > f_out.major
                     ? " (a major fault waited for the disk: a swap-in or a re-read of the file)."
                     : " (no major fault: the data was still in RAM in the swap or page cache - written out but not "
                       "yet freed - so the kernel only had to map it again)."),
            {anon2, file2});
  add_swap_facts(r, have_swap, device, memory_fs, {anon_va, file_va, anon1.walk, file1.walk, anon2.walk, file2.walk},
                 f_out, f_back);
  if (!have_swap) {
    r.notes.push_back(
        "no swap here: the anonymous page cannot go out. Run this demo on a machine (or the test VM) "
        "with swap to see bit 62 and a swap offset: swapon a swap file, then pagewalk demo swap");
  }
  r.conclusion = have_swap ? "A page's entry can point to a frame (present) or to a place in swap (swapped); the "
                             "fault on the next touch brings it back, just as the notes describe."
                           : "Without swap, RAM is the only home of anonymous memory: only clean file pages can be "
                             "evicted, and they come back from their file on the next touch.";
  return r;
}

// ---- registry ------------------------------------------------------------------------------------------------

const std::vector<DemoInfo>& all_demos() {
  static const std::vector<DemoInfo> demos{
      {"fault", "first touch: not present -> present, minor faults counted", demo_fault},
      {"two-processes", "same virtual address in two processes, two different frames (MS-Word/Chrome)",
       demo_two_processes},
      {"cow", "copy-on-write: fork shares the frame, a write copies it", demo_cow},
      {"referenced", "Referenced after clear_refs and a read; Dirty after a write, clean after msync", demo_referenced},
      {"file-vs-anon", "page-cache pages vs anonymous pages; a private write makes a file page anonymous",
       demo_file_vs_anon},
      {"thp", "madvise(MADV_HUGEPAGE): one 2 MiB frame, head and tail pages", demo_thp},
      {"swap", "MADV_PAGEOUT: a page leaves RAM and comes back on touch (or why it cannot, without swap)", demo_swap},
  };
  return demos;
}

const DemoInfo* find_demo(std::string_view name) {
  for (const auto& d : all_demos()) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

}  // namespace virtlab::pagewalk
