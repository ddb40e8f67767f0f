// The process behind a pid: exists, has an address space, and its VMAs.
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string_view>

#include "pagewalk/walk.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"

namespace virtlab::pagewalk {

namespace {
Error no_such_process(pid_t pid, int err) {
  return Error(ExitCode::not_found, "no process with pid " + std::to_string(pid),
               "check the pid with `ps -e` (it may have exited)", err);
}
}  // namespace

kernel::ReadOptions read_options_from_environment() {
  kernel::ReadOptions options;
  const char* env = std::getenv("PAGEWALK_NO_SCAN");
  if (env && *env && std::string_view(env) != "0") options.allow_scan = false;
  return options;
}

ProcessInfo inspect_process(pid_t pid) {
  if (pid <= 0)
    throw Error(ExitCode::usage, "pid must be a positive number, got " + std::to_string(pid),
                "give the pid of a running process, e.g. `pagewalk $$`");
  const std::string path = "/proc/" + std::to_string(pid) + "/stat";
  auto text = try_read_file(path);
  if (!text) throw no_such_process(pid, errno);
  auto stat = kernel::parse_proc_stat(*text);
  if (!stat) throw Error(ExitCode::failure, "cannot parse " + path, "please report this with the file's content");
  ProcessInfo info;
  info.pid = pid;
  info.command = stat->comm;
  info.stat = *stat;
  if (stat->kernel_thread())
    throw Error(ExitCode::not_found,
                "pid " + std::to_string(pid) + " (" + stat->comm +
                    ") is a kernel thread: it has no user address space, so there are no page tables of its own to "
                    "walk",
                "pick a user process, e.g. `pagewalk $$` for this shell");
  if (stat->state == 'Z' || stat->state == 'X')
    throw Error(ExitCode::not_found,
                "pid " + std::to_string(pid) + " (" + stat->comm + ") has exited (zombie): its memory is already freed",
                "pick a live process");
  return info;
}

std::vector<MapsEntry> read_maps(pid_t pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/maps";
  auto text = try_read_file(path, 256u << 20);
  if (!text) {
    int err = errno;
    if (err == ENOENT || err == ESRCH) throw no_such_process(pid, err);
    if (err == EACCES || err == EPERM)
      throw Error(ExitCode::permission, "not allowed to read " + path, "run as the process's owner or as root", err);
    throw_errno(err, "cannot read " + path);
  }
  try {
    auto maps = parse_maps(*text);
    if (maps.empty())
      throw Error(ExitCode::not_found, "pid " + std::to_string(pid) + " has no mappings (it exited)",
                  "pick a live user process");
    return maps;
  } catch (const std::invalid_argument& e) {
    throw Error(ExitCode::failure, path + ": " + e.what(), "please report this with the file's content");
  }
}

PagingMode detect_paging_mode() {
  // Ask the kernel itself: a 5-level (LA57) kernel places a mapping at a hint above the 47-bit line, a 4-level one
  // cannot (its user space ends there) and picks a lower address (Documentation/arch/x86/x86_64/5level-paging.rst).
  // Two syscalls instead of formatting /proc/cpuinfo for every CPU; cpuinfo stays the fallback.
  constexpr std::uintptr_t kAbove47Bits = std::uintptr_t{1} << 47;
  void* probe = ::mmap(reinterpret_cast<void*>(kAbove47Bits), kernel::kPageSize, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (probe != MAP_FAILED) {
    const auto where = reinterpret_cast<std::uintptr_t>(probe);
    ::munmap(probe, kernel::kPageSize);
    const bool five_level = where >= kAbove47Bits;
    if (explaining())
      explain("mmap", "hint " + hex(kAbove47Bits) + ", 4096 bytes, PROT_NONE (then munmap)", hex(where),
              five_level ? "placed above 47 bits: the kernel runs 5-level paging (LA57)"
                         : "placed below 47 bits: the kernel runs 4-level paging (user space ends at 47 bits)");
    return five_level ? PagingMode::x86_64_5level : PagingMode::x86_64_4level;
  }
  auto text = try_read_file("/proc/cpuinfo", 16u << 20);
  return text ? paging_mode_from_cpuinfo(*text) : PagingMode::x86_64_4level;
}

}  // namespace virtlab::pagewalk
