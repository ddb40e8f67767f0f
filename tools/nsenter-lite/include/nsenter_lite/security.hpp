// The container's last two locks: capabilities (what root may do) and the seccomp filter (which syscalls exist).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "virtlab/json.hpp"

typedef void* scmp_filter_ctx;

namespace virtlab::nsenter_lite {

// ---- seccomp -------------------------------------------------------------------------------------------------
// --seccomp default|none|deny=SYS[,SYS…][,show]: tokens separated by commas; bare names after deny= add to it.
struct SeccompSpec {
  bool enabled = true;              // "none" → false
  bool use_default = true;          // the Docker-like deny list (kDefaultDenied)
  std::vector<std::string> denied;  // extra names from deny=
  bool show = false;                // print the filter as PFC and exit
};
// Throws usage for an unknown syscall name (resolved through libseccomp for the native arch).
SeccompSpec parse_seccomp_spec(std::string_view text);
// The default profile: syscalls a container must not make (modelled on Docker's default seccomp profile).
const std::vector<std::string>& default_denied_syscalls();

// A libseccomp filter: default allow, each denied syscall → EPERM (or → user notification when `notify`).
class SeccompFilter {
 public:
  SeccompFilter(const SeccompSpec& spec, bool notify);
  ~SeccompFilter();
  SeccompFilter(const SeccompFilter&) = delete;
  SeccompFilter& operator=(const SeccompFilter&) = delete;
  scmp_filter_ctx ctx() const noexcept { return ctx_; }
  std::string pfc() const;  // seccomp_export_pfc, readable by students
  const std::vector<std::string>& denied() const noexcept { return denied_; }
  int rules() const noexcept { return static_cast<int>(denied_.size()); }

 private:
  scmp_filter_ctx ctx_ = nullptr;
  std::vector<std::string> denied_;
};
std::string syscall_name(int nr);

// ---- capabilities --------------------------------------------------------------------------------------------
// "CAP_NET_RAW", "net_raw", "NET_RAW" → 13; -1 when unknown.
int parse_cap_name(std::string_view name);
std::string cap_name(int cap);  // 13 → "CAP_NET_RAW"
// What the container keeps: Docker's default set minus --cap-drop (which may say ALL). Throws usage on junk.
std::vector<int> kept_capabilities(const std::vector<std::string>& cap_drop);
std::uint64_t cap_mask(const std::vector<int>& caps);

// ---- Linux security modules ----------------------------------------------------------------------------------
// The LSMs this kernel runs and the label the container inherits: nsenter-lite applies no AppArmor or SELinux
// profile of its own (Docker would apply docker-default where AppArmor is active), so the container carries the
// label of the process that started it. {"active": [...], "source": ..., "mandatory_access_control": ..., "label": ...}
virtlab::Json lsm_report();

}  // namespace virtlab::nsenter_lite
