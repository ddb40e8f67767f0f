// Where the cgroup hierarchies are: pure v2, v1, or hybrid (v1 controllers plus a cgroup2 mount).
// Discovery reads /proc/self/mountinfo, /proc/cgroups and the cgroup2 root's cgroup.controllers; the parsers are
// pure functions of the file text so they are tested on fixtures of all three layouts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace virtlab::kernel {

enum class Version { v1, v2 };
enum class Layout { none, v1, v2, hybrid };
std::string_view to_string(Layout layout) noexcept;  // "none", "v1", "v2", "hybrid"

// One line of /proc/self/mountinfo (proc(5)); only the fields discovery needs.
struct MountInfoEntry {
  int mount_id = 0;
  int parent_id = 0;
  std::string root;         // field 4: the part of the file system that is mounted ("/" or a subtree)
  std::string mount_point;  // field 5, with \040-style escapes decoded
  std::string fs_type;      // after " - ": "cgroup", "cgroup2", "tmpfs" …
  std::string source;
  std::vector<std::string> super_options;  // last field split on ',': "rw", "memory", "name=systemd" …
};
std::vector<MountInfoEntry> parse_mountinfo(std::string_view text);

// One row of /proc/cgroups: "memory 4 35 1". hierarchy 0 means "not on a v1 hierarchy" (on cgroup2 or unused).
struct ControllerRow {
  std::string name;
  int hierarchy = 0;
  std::uint64_t num_cgroups = 0;
  bool enabled = false;
};
std::vector<ControllerRow> parse_proc_cgroups(std::string_view text);

// One line of /proc/PID/cgroup: "4:memory:/docker/abc" (v1) or "0::/user.slice/..." (v2).
struct MembershipRow {
  int hierarchy = 0;
  std::vector<std::string> controllers;  // empty for the v2 line; "name=systemd" kept as is
  std::string path;
};
std::vector<MembershipRow> parse_proc_pid_cgroup(std::string_view text);

// A mounted cgroup hierarchy.
struct CgroupMount {
  Version version = Version::v2;
  std::string mount_point;               // "/sys/fs/cgroup/memory", "/sys/fs/cgroup"
  std::string root;                      // the hierarchy path visible at the mount point (mountinfo field 4)
  std::vector<std::string> controllers;  // v1: from mount options; v2: the root's cgroup.controllers
  std::string name;                      // v1 named hierarchy ("systemd" for name=systemd), else empty
  bool has(std::string_view controller) const;
};

struct Hierarchy {
  Layout layout = Layout::none;
  std::vector<CgroupMount> mounts;         // the first mount of each distinct hierarchy, v2 first
  std::vector<ControllerRow> controllers;  // /proc/cgroups (what the kernel has compiled in and enabled)

  const CgroupMount* unified() const;  // the cgroup2 mount, or nullptr
  // The mount that holds `controller` ("cpu", "cpuacct", "memory", "pids", "io", "blkio", "hugetlb" …): a v1
  // hierarchy that has it, otherwise the cgroup2 mount if its root lists it; nullptr if neither.
  const CgroupMount* mount_for(std::string_view controller) const;
  bool kernel_has(std::string_view controller) const;  // compiled in and enabled (/proc/cgroups)
};

// Pure: builds the picture from file text. `v2_root_controllers` is the cgroup2 root's cgroup.controllers
// (empty when there is no cgroup2 mount).
Hierarchy build_hierarchy(std::string_view mountinfo, std::string_view proc_cgroups,
                          std::string_view v2_root_controllers);

// Reads the real files of this process (logged to --explain). Throws virtlab::Error when /proc is unreadable.
Hierarchy discover();

// Decodes mountinfo octal escapes ("\040" → ' ').
std::string unescape_mount_field(std::string_view field);

}  // namespace virtlab::kernel
