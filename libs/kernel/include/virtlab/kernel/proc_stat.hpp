// /proc/PID/stat, parsed (proc(5)): the process's name, state, flags and fault counts. Pure: tests run it on
// fixtures; the pagemap reader uses it to tell an exited process from a read error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace virtlab::kernel {

// /proc/PID/stat: the fields the tools need (comm may contain spaces and parentheses).
struct ProcStat {
  std::string comm;
  char state = '?';
  std::uint64_t flags = 0;  // PF_* flags; PF_KTHREAD (0x00200000) marks a kernel thread
  std::uint64_t minor_faults = 0;
  std::uint64_t major_faults = 0;
  bool kernel_thread() const noexcept { return (flags & 0x00200000u) != 0; }
};
std::optional<ProcStat> parse_proc_stat(std::string_view text);

}  // namespace virtlab::kernel
