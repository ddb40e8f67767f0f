// Live sampling of the cgroup tree. Each cgroup's files are opened once and pread on every refresh; the tree is
// re-walked only when inotify reports a directory created/removed or a read fails with ENOENT/ENODEV (that row then
// disappears). Samples are keyed by the cgroup directory's inode so a recreated cgroup never gets a bogus delta.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cgtop/naming.hpp"
#include "cgtop/stats.hpp"
#include "virtlab/kernel/cgroup_hierarchy.hpp"

namespace virtlab::cgtop {

struct CgroupSample {
  std::string path;         // "/system.slice/foo.service"; "/" for the root
  std::uint64_t inode = 0;  // of the directory in the first hierarchy where the cgroup was found
  int depth = 0;            // 0 for the sampled root
  CgroupName name;

  // CPU
  std::optional<std::uint64_t> cpu_usage_ns;  // cumulative
  std::optional<double> cpu_percent;          // Δusage/Δt × 100; 100 = one CPU busy (can exceed 100)
  std::optional<CpuMax> cpu_max;              // quota (nullopt quota = unlimited)
  std::optional<std::uint64_t> nr_periods, nr_throttled, throttled_ns;  // cumulative
  std::optional<double> throttled_percent;  // Δnr_throttled/Δnr_periods × 100 over the interval
  // Memory
  std::optional<std::uint64_t> memory_current;
  bool memory_limited = false;  // memory_limit holds a real limit
  std::optional<std::uint64_t> memory_limit;
  std::optional<std::uint64_t> inactive_file;
  std::optional<std::uint64_t> working_set;        // memory_current − inactive_file
  std::optional<std::uint64_t> memory_peak;        // v2 memory.peak, v1 memory.max_usage_in_bytes
  std::optional<std::uint64_t> oom_kills;          // memory.events oom_kill / v1 memory.oom_control oom_kill
  std::optional<std::uint64_t> oom_events;         // memory.events oom (v2) / v1 memory.failcnt is not OOM: unset
  std::optional<std::uint64_t> memory_max_events;  // memory.events max (times the limit was hit)
  std::optional<std::uint64_t> swap_current;       // memory.swap.current / memsw − usage
  // I/O (cumulative bytes + rates)
  std::optional<std::uint64_t> io_read_bytes, io_write_bytes;
  std::optional<double> io_read_bps, io_write_bps;
  // Tasks
  std::optional<std::uint64_t> tasks;            // pids.current, or cgroup.procs lines counted
  bool tasks_counted = false;                    // true when counted from cgroup.procs (not recursive)
  std::optional<std::uint64_t> pids_max;         // nullopt = max
  std::optional<std::uint64_t> pids_max_events;  // pids.events max = forks refused
  // PSI (cgroup2 only)
  std::optional<Pressure> cpu_pressure, memory_pressure, io_pressure;
};

struct MetricSource {
  std::string metric;  // "cpu", "memory", "io", "tasks", "pressure"
  std::string file;    // "cpuacct.usage"
  std::string mount;   // "/sys/fs/cgroup/cpuacct"
  kernel::Version version = kernel::Version::v1;
};

struct Snapshot {
  std::chrono::system_clock::time_point wall_time;
  double interval_s = 0;  // since the previous refresh (0 on the first)
  kernel::Layout layout = kernel::Layout::none;
  int cpus = 1;
  std::vector<MetricSource> sources;
  std::vector<CgroupSample> rows;  // depth-first pre-order; children follow their parent
  std::uint64_t refresh = 0;       // 1, 2, …
  std::uint64_t rescans = 0;       // how many times the tree was re-walked so far
};

struct SamplerOptions {
  std::string root = "/";      // subtree to sample (focus), relative to the hierarchy roots
  int max_depth = -1;          // -1 = unlimited; 0 = only the root
  bool root_from_proc = true;  // root row from /proc/stat + /proc/meminfo (systemd-cgtop does the same) when
                               // the root cgroup has no usage file (v2 root has no memory.current)
};

class Sampler {
 public:
  Sampler(const kernel::Hierarchy& hierarchy, SamplerOptions options);
  ~Sampler();
  Sampler(const Sampler&) = delete;
  Sampler& operator=(const Sampler&) = delete;

  // Reads every kept-open file once (pread), computes rates against the previous refresh.
  const Snapshot& refresh();
  const Snapshot& last() const;
  // Where each metric comes from on this machine (also in the snapshot).
  const std::vector<MetricSource>& sources() const;
  // Forces a re-walk on the next refresh (after the focus or depth changes).
  void set_options(SamplerOptions options);
  const SamplerOptions& options() const;
  std::size_t open_files() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace virtlab::cgtop
