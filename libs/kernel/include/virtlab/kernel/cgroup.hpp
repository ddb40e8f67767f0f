// Create a control group with limits on whatever hierarchy the machine has (v1, v2 or hybrid), put processes in
// it, and remove it again — RAII, so it also disappears on exceptions, Ctrl-C and SIGTERM (with
// virtlab::InterruptGuard in the command). cgtop run and nsenter-lite run both make their cgroups with it.
//
//   namespace kernel = virtlab::kernel;
//   auto h = kernel::discover();
//   kernel::Limits lim;  lim.cpu_cores = 0.5;  lim.memory_bytes = 64 << 20;  lim.pids_max = 32;
//   kernel::ScopedCgroup cg = kernel::ScopedCgroup::create(h, "demo", lim);   // throws virtlab::Error
//   cg.add_process(pid);
//   ...                                                    // ~ScopedCgroup kills what is left and rmdirs
#pragma once

#include <sys/types.h>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "virtlab/kernel/cgroup_hierarchy.hpp"

namespace virtlab::kernel {

// One block-device I/O limit: "10M:/dev/sda" → read (or write) 10 MiB/s on device 8:0.
struct IoLimit {
  std::string device_path;  // as given ("/dev/sda"); may be empty when given as "8:0"
  unsigned major = 0;
  unsigned minor = 0;
  std::optional<std::uint64_t> read_bps;
  std::optional<std::uint64_t> write_bps;
};

struct Limits {
  std::optional<double> cpu_cores;            // 0.5 = half of one CPU (quota = cores × period)
  std::uint64_t cpu_period_us = 100000;       // CFS period; the kernel's default
  std::optional<std::uint64_t> memory_bytes;  // memory.max / memory.limit_in_bytes
  std::optional<std::uint64_t> pids_max;      // pids.max
  std::vector<IoLimit> io;                    // io.max / blkio.throttle.{read,write}_bps_device
  bool empty() const noexcept { return !cpu_cores && !memory_bytes && !pids_max && io.empty(); }
};

// Parsers for the command-line forms; all throw virtlab::Error(ExitCode::usage) with a one-line fix on junk
// ("50Q", "-1", "0", "").
double parse_cpu_cores(std::string_view text);            // "0.5", "2", "150%" (= 1.5)
std::uint64_t parse_memory_bytes(std::string_view text);  // "64M", "1.5G", "4096" (binary units)
std::uint64_t parse_pids_max(std::string_view text);      // "32"
// "10M:/dev/sda" or "10M:8:0"; resolving /dev/X needs stat(2) (not pure): major/minor are filled in.
IoLimit parse_io_limit(std::string_view text, bool write);

// The files a limit is written to on one hierarchy, in order, for --explain and the final report:
// {"cpu.max", "50000 100000"} on v2; {"cpu.cfs_period_us", "100000"}, {"cpu.cfs_quota_us", "50000"} on v1.
struct LimitWrite {
  std::string controller;  // "cpu", "memory", "pids", "io" / "blkio"
  std::string file;        // "cpu.max"
  std::string value;       // "50000 100000"
};
// Pure: what would be written for `limits` on a cgroup whose controllers live in `h`. Throws
// virtlab::Error(ExitCode::unsupported) naming the missing controller and how to enable it, or a limit the
// hierarchy cannot express (e.g. an I/O limit with no io/blkio controller).
std::vector<LimitWrite> plan_limits(const Hierarchy& h, const Limits& limits);

class ScopedCgroup {
 public:
  // Creates "<mount>/virtlab/<name>" in every hierarchy that holds a controller the limits need (plus cpuacct,
  // pids and the cgroup2 mount when present, so usage, task counts, PSI and cgroup.events work), enables the
  // controllers on v2 (cgroup.subtree_control of the parents), and writes the limits. On failure nothing is
  // left behind. Errors: busy (name taken), permission (not root), unsupported (controller missing).
  static ScopedCgroup create(const Hierarchy& h, const std::string& name, const Limits& limits);

  ScopedCgroup(ScopedCgroup&& other) noexcept;
  ScopedCgroup& operator=(ScopedCgroup&& other) noexcept;
  ScopedCgroup(const ScopedCgroup&) = delete;
  ScopedCgroup& operator=(const ScopedCgroup&) = delete;
  ~ScopedCgroup();  // remove(), errors swallowed (a destructor must not throw)

  // Moves a process (all its threads) into the cgroup in every hierarchy (writes cgroup.procs).
  void add_process(pid_t pid);
  // Kills every process still inside (cgroup.kill on v2, SIGKILL loop on v1), then removes the directories
  // (children first, then the "virtlab" parent if it became empty). Idempotent; throws on failure.
  void remove();

  const std::string& name() const noexcept { return name_; }
  // The path inside each hierarchy ("/virtlab/demo"); the same in all of them.
  std::string relative_path() const;
  // The directories made, one per hierarchy: "/sys/fs/cgroup/memory/virtlab/demo" …
  const std::vector<std::string>& directories() const noexcept { return dirs_; }
  // The directory in the hierarchy that holds `controller`, or "" (e.g. for io limits or reading stats).
  std::string directory_for(std::string_view controller) const;
  // The cgroup2 directory, or "" on pure v1. On pure v2 usable with clone3(CLONE_INTO_CGROUP).
  std::string unified_directory() const;
  const std::vector<LimitWrite>& applied() const noexcept { return applied_; }
  bool removed() const noexcept { return dirs_.empty(); }

 private:
  ScopedCgroup() = default;
  std::string name_;
  Hierarchy hierarchy_;
  std::vector<std::string> dirs_;          // created leaf directories (removed in reverse order)
  std::vector<std::string> made_parents_;  // "virtlab" parents we created (removed if empty)
  std::vector<LimitWrite> applied_;
};

// The hierarchies a ScopedCgroup is made in: cgroup2 and each one holding cpu, cpuacct, memory, pids, blkio or io.
std::vector<const CgroupMount*> hierarchies_we_use(const Hierarchy& h);
// Removes what SIGKILLed virtlab runs left in those hierarchies (owner dead; see virtlab/stale.hpp). Call before
// ScopedCgroup::create; needs root; never throws.
void reap_stale_cgroups(const Hierarchy& h);

// Checks a cgroup name: one path component, no "/", not "." or "..", ≤ 200 bytes. Throws usage.
void validate_cgroup_name(std::string_view name);

}  // namespace virtlab::kernel
