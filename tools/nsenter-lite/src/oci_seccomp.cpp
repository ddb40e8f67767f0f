// OCI seccomp JSON → libseccomp: the same translation runc's libcontainer/seccomp/patchbpf does through
// libseccomp-golang, one seccomp_rule_add_array per syscall name and rule.
#include "nsenter_lite/oci_seccomp.hpp"

#include <seccomp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string_view>

#include "virtlab/error.hpp"
#include "virtlab/fd.hpp"

namespace virtlab::nsenter_lite {

namespace {

[[noreturn]] void refuse(const std::string& what, const std::string& hint) {
  throw virtlab::Error(virtlab::ExitCode::usage, "config.json: linux.seccomp: " + what, hint, EINVAL);
}

std::uint32_t action_value(const std::string& name, std::optional<int> errno_ret) {
  if (name == "SCMP_ACT_ALLOW") return SCMP_ACT_ALLOW;
  if (name == "SCMP_ACT_ERRNO") return SCMP_ACT_ERRNO(static_cast<std::uint16_t>(errno_ret.value_or(EPERM)));
  if (name == "SCMP_ACT_KILL" || name == "SCMP_ACT_KILL_THREAD") return SCMP_ACT_KILL_THREAD;
  if (name == "SCMP_ACT_KILL_PROCESS") return SCMP_ACT_KILL_PROCESS;
  if (name == "SCMP_ACT_TRAP") return SCMP_ACT_TRAP;
  if (name == "SCMP_ACT_TRACE") return SCMP_ACT_TRACE(static_cast<std::uint16_t>(errno_ret.value_or(EPERM)));
  if (name == "SCMP_ACT_LOG") return SCMP_ACT_LOG;
  refuse("unknown or unsupported action '" + name + "'",
         "use SCMP_ACT_ALLOW, ERRNO, KILL, KILL_PROCESS, TRAP, TRACE or LOG (NOTIFY needs a listener)");
}

scmp_compare compare_op(const std::string& op) {
  static constexpr std::pair<std::string_view, scmp_compare> kOps[] = {{"SCMP_CMP_NE", SCMP_CMP_NE},
                                                                       {"SCMP_CMP_LT", SCMP_CMP_LT},
                                                                       {"SCMP_CMP_LE", SCMP_CMP_LE},
                                                                       {"SCMP_CMP_EQ", SCMP_CMP_EQ},
                                                                       {"SCMP_CMP_GE", SCMP_CMP_GE},
                                                                       {"SCMP_CMP_GT", SCMP_CMP_GT},
                                                                       {"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ}};
  for (const auto& [name, value] : kOps)
    if (name == op) return value;
  refuse("unknown operator '" + op + "'", "use SCMP_CMP_EQ, NE, LT, LE, GE, GT or MASKED_EQ");
}

std::uint32_t arch_token(const std::string& name) {
  if (name.rfind("SCMP_ARCH_", 0) != 0)
    refuse("unknown architecture '" + name + "'", "use SCMP_ARCH_X86_64 or similar");
  std::string lower;
  for (char c : name.substr(10)) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  const std::uint32_t token = seccomp_arch_resolve_name(lower.c_str());
  if (token == 0) refuse("architecture '" + name + "' is unknown to libseccomp", "remove it from architectures");
  return token;
}

}  // namespace

OciSeccompFilter::OciSeccompFilter(const OciSeccomp& profile) {
  const std::uint32_t default_action = action_value(profile.default_action, profile.default_errno_ret);
  ctx_ = seccomp_init(default_action);
  if (!ctx_) throw virtlab::Error(virtlab::ExitCode::failure, "seccomp_init failed", "out of memory?", ENOMEM);
  try {
    for (const auto& arch : profile.architectures) {
      const std::uint32_t token = arch_token(arch);
      if (token != seccomp_arch_native()) {
        int rc = seccomp_arch_add(ctx_, token);
        if (rc < 0 && rc != -EEXIST) virtlab::throw_errno(-rc, "seccomp_arch_add " + arch);
      }
    }
    for (const auto& rule : profile.syscalls) {
      const std::uint32_t action = action_value(rule.action, rule.errno_ret);
      std::vector<scmp_arg_cmp> args;
      for (const auto& a : rule.args) {
        if (a.index > 5)
          refuse("argument index " + std::to_string(a.index) + " is above 5", "syscalls have 6 arguments");
        args.push_back({a.index, compare_op(a.op), a.value, a.value_two});
      }
      for (const auto& name : rule.names) {
        const int nr = seccomp_syscall_resolve_name(name.c_str());
        if (nr == __NR_SCMP_ERROR) {
          unknown_names_.push_back(name);
          continue;
        }
        if (action == default_action) continue;  // libseccomp refuses a rule equal to the default
        int rc = seccomp_rule_add_array(ctx_, action, nr, static_cast<unsigned>(args.size()), args.data());
        if (rc < 0) virtlab::throw_errno(-rc, "seccomp_rule_add " + name, "check the rule's arguments");
        ++rules_;
      }
    }
  } catch (...) {
    seccomp_release(ctx_);
    throw;
  }
}

OciSeccompFilter::~OciSeccompFilter() {
  seccomp_release(ctx_);
}

std::string OciSeccompFilter::pfc() const {
  virtlab::UniqueFd fd(memfd_create("oci-seccomp-pfc", MFD_CLOEXEC));
  if (fd.get() < 0) virtlab::throw_errno("memfd_create for the seccomp pseudo-code");
  if (int rc = seccomp_export_pfc(ctx_, fd.get()); rc < 0) virtlab::throw_errno(-rc, "seccomp_export_pfc");
  std::string out;
  char buf[4096];
  ssize_t n;
  for (off_t at = 0; (n = pread(fd.get(), buf, sizeof buf, at)) > 0; at += n)
    out.append(buf, static_cast<std::size_t>(n));
  return out;
}

}  // namespace virtlab::nsenter_lite
