// Linux security modules (LSMs): which ones this kernel runs, and the label a process carries under them.
// The notes' AppArmor/SELinux box; read through the lsm_list_modules syscall (Linux 6.8+), which needs no mount,
// else /sys/kernel/security/lsm (securityfs), else unknown.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace virtlab {

enum class LsmSource { syscall, securityfs, unavailable };
std::string_view lsm_source_name(LsmSource source);  // "lsm_list_modules", "securityfs", "unavailable"

struct LsmFacts {
  std::vector<std::string> active;  // in the kernel's order: "lockdown", "capability", "landlock", "bpf", ...
  LsmSource source = LsmSource::unavailable;
  // The active module that labels processes and files by policy (AppArmor, SELinux, Smack, TOMOYO), if any.
  std::optional<std::string> mandatory_access_control;
  std::optional<std::string> label;  // /proc/PID/attr/current: "unconfined", "docker-default (enforce)", ...
};

// Pure: an LSM id from include/uapi/linux/lsm.h (100 = capability, 104 = apparmor, ...) → its name;
// "lsm-<id>" for an id newer than this table.
std::string lsm_name(std::uint64_t id);
// Pure: the ids lsm_list_modules wrote → names.
std::vector<std::string> lsm_names(std::span<const std::uint64_t> ids);
// Pure: "lockdown,capability,landlock,bpf\n" (securityfs) → names.
std::vector<std::string> parse_lsm_list(std::string_view text);
// Pure: the first of apparmor/selinux/smack/tomoyo among the names.
std::optional<std::string> mandatory_access_control(const std::vector<std::string>& active);

// Reads the kernel now; `pid` names the process whose label is read (0 = this process). Never throws.
LsmFacts read_lsm_facts(int pid = 0);

}  // namespace virtlab
