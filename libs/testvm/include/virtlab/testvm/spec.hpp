// What one test VM run is asked to do, and the checks that turn bad values into one-line usage errors.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace virtlab::testvm {

enum class CgroupMode {
  v2,      // pure cgroup v2 (booted with cgroup_no_v1=all), what most users have today
  hybrid,  // v1 controllers under /sys/fs/cgroup/<controller>, cgroup2 at /sys/fs/cgroup/unified (systemd hybrid)
};
std::string_view to_string(CgroupMode mode);

// A host file or directory copied into the guest. ELF files also bring their loader and shared libraries.
struct FileSpec {
  std::filesystem::path source;  // host path
  std::string dest;              // absolute guest path; defaults to the absolute host path
};
// "SRC[:DST]" → FileSpec (SRC made absolute against `cwd`); throws virtlab::Error(usage) on a bad form.
FileSpec parse_file_spec(std::string_view text, const std::filesystem::path& cwd);

struct RunSpec {
  std::vector<std::string> command;  // argv of the one command to run inside; argv[0] found on the guest PATH
                                     // or a host path (then copied in automatically, with its libraries)
  std::uint64_t memory_mib = 512;    // guest RAM (-m)
  unsigned cpus = 1;                 // vCPUs (-smp); 2 for scheduling demos
  std::uint64_t swap_bytes = 0;      // 0 = no swap; else a virtio disk of this size, mkswap + swapon inside
  CgroupMode cgroup = CgroupMode::v2;
  std::vector<FileSpec> files;
  std::vector<std::pair<std::string, std::string>> env;  // exported before the command runs
  std::string workdir;                                   // guest working directory (created); default "/"
  std::chrono::seconds timeout{300};                     // the whole run, boot included
  std::filesystem::path kernel_log;                      // when set, the guest's full kernel log is written here
};

// Throws virtlab::Error(usage) naming the first bad field and its allowed range.
void validate(const RunSpec& spec);

// Limits (also shown in --help).
inline constexpr std::uint64_t kMinMemoryMib = 128;
inline constexpr std::uint64_t kMaxMemoryMib = 65536;
inline constexpr unsigned kMaxCpus = 64;
inline constexpr std::uint64_t kMinSwapBytes = 1u << 20;
inline constexpr std::uint64_t kMaxSwapBytes = std::uint64_t{64} << 30;
inline constexpr std::int64_t kMaxTimeoutSeconds = std::int64_t{24} * 3600;

// "512" (MiB) or "512M", "1G", "1.5GiB" → MiB; throws Error(usage).
std::uint64_t parse_memory_mib(std::string_view text);
// "256M", "1G", "0" → bytes; throws Error(usage).
std::uint64_t parse_swap_bytes(std::string_view text);

}  // namespace virtlab::testvm
