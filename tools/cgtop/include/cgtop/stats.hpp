// Pure parsers for the cgroup interface files cgtop reads (v1 and v2). Each takes the file text and returns the
// numbers; missing keys stay nullopt so "not available here" never reads as zero.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace virtlab::cgtop {

// "key value" lines (cpu.stat, memory.stat, memory.events, pids.events, v1 memory.oom_control, cgroup.events,
// cpuacct.stat). Unparsable lines are skipped.
std::map<std::string, std::uint64_t, std::less<>> parse_flat_keyed(std::string_view text);
std::optional<std::uint64_t> lookup(const std::map<std::string, std::uint64_t, std::less<>>& keyed,
                                    std::string_view key);

// One key of a "key value" file without building a map (memory.stat has ~50 lines; we need one).
std::optional<std::uint64_t> find_flat_key(std::string_view text, std::string_view key);

// A single number file ("123\n"); "max" → nullopt (unlimited). v1's "unlimited" value 9223372036854771712
// (PAGE_COUNTER_MAX × page size) and -1 also mean unlimited.
struct Number {
  std::optional<std::uint64_t> value;  // nullopt = unlimited ("max")
  bool valid = false;                  // false: the text was not a number at all
};
Number parse_number_or_max(std::string_view text);
bool is_v1_unlimited(std::uint64_t value) noexcept;

// v2 cpu.max: "max 100000" / "50000 100000".
struct CpuMax {
  std::optional<std::uint64_t> quota_us;  // nullopt = max (no limit)
  std::uint64_t period_us = 100000;
  std::optional<double> cores() const;  // quota/period
};
std::optional<CpuMax> parse_cpu_max(std::string_view text);
// v1 cpu.cfs_quota_us (-1 = unlimited) + cpu.cfs_period_us.
std::optional<CpuMax> parse_cfs_quota(std::string_view quota_text, std::string_view period_text);

// v2 io.stat: "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0" summed over devices.
struct IoTotals {
  std::uint64_t read_bytes = 0;
  std::uint64_t write_bytes = 0;
  std::uint64_t read_ios = 0;
  std::uint64_t write_ios = 0;
};
IoTotals parse_io_stat(std::string_view text);
// v1 blkio.throttle.io_service_bytes[_recursive] / io_serviced: "8:0 Read 4096" … "Total 8192". The per-device
// Read/Write lines are summed (the trailing "Total" line is the sum of all ops and is ignored).
struct BlkioTotals {
  std::uint64_t read = 0;
  std::uint64_t write = 0;
};
BlkioTotals parse_blkio_service(std::string_view text);

// PSI (cpu.pressure, memory.pressure, io.pressure):
//   some avg10=0.00 avg60=0.00 avg300=0.00 total=0
//   full avg10=0.00 avg60=0.00 avg300=0.00 total=0
struct PressureLine {
  double avg10 = 0, avg60 = 0, avg300 = 0;
  std::uint64_t total_us = 0;
};
struct Pressure {
  std::optional<PressureLine> some;
  std::optional<PressureLine> full;
};
Pressure parse_pressure(std::string_view text);

// v1 cpuacct.usage (ns) or any single decimal counter.
std::optional<std::uint64_t> parse_counter(std::string_view text);

// Counts non-empty lines (cgroup.procs / tasks when there is no pids controller).
std::uint64_t count_lines(std::string_view text);

}  // namespace virtlab::cgtop
