#include "nsenter_lite/security.hpp"

#include <linux/capability.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/lsm.hpp"
#include "virtlab/text.hpp"

namespace virtlab::nsenter_lite {

const std::vector<std::string>& default_denied_syscalls() {
  // Each of these reaches outside the container (kernel modules, clock, reboot, keyring, new namespaces,
  // mounts after setup). Docker's profile denies the same set unless a capability is granted.
  static const std::vector<std::string> list = {"acct",
                                                "add_key",
                                                "bpf",
                                                "clock_adjtime",
                                                "clock_settime",
                                                "delete_module",
                                                "finit_module",
                                                "init_module",
                                                "kexec_file_load",
                                                "kexec_load",
                                                "keyctl",
                                                "mount",
                                                "move_mount",
                                                "fsmount",
                                                "fsopen",
                                                "open_by_handle_at",
                                                "perf_event_open",
                                                "pivot_root",
                                                "quotactl",
                                                "reboot",
                                                "request_key",
                                                "setns",
                                                "settimeofday",
                                                "swapoff",
                                                "swapon",
                                                "syslog",
                                                "umount2",
                                                "unshare",
                                                "userfaultfd",
                                                "vhangup"};
  return list;
}

SeccompSpec parse_seccomp_spec(std::string_view text) {
  SeccompSpec spec;
  bool in_deny = false;
  bool saw_mode = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto comma = text.find(',', pos);
    auto token =
        virtlab::trim(text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
    pos = comma == std::string_view::npos ? text.size() + 1 : comma + 1;
    if (token.empty()) continue;
    std::string name;
    if (token == "default") {
      spec.use_default = true, spec.enabled = true, saw_mode = true, in_deny = false;
      continue;
    } else if (token == "none") {
      spec.enabled = false, saw_mode = true, in_deny = false;
      continue;
    } else if (token == "show") {
      spec.show = true;
      continue;
    } else if (virtlab::starts_with(token, "deny=")) {
      name = std::string(token.substr(5));
      in_deny = true;
      if (!saw_mode) spec.use_default = false;  // "deny=X" alone: only X is denied, so the effect is visible
    } else if (in_deny) {
      name = std::string(token);
    } else {
      throw virtlab::Error(virtlab::ExitCode::usage, "unknown --seccomp value '" + std::string(token) + "'",
                           "use default, none, deny=SYSCALL[,SYSCALL...] and optionally show");
    }
    if (seccomp_syscall_resolve_name(name.c_str()) == __NR_SCMP_ERROR)
      throw virtlab::Error(virtlab::ExitCode::usage, "unknown syscall name '" + name + "'",
                           "use a name from `ausyscall --dump` or syscalls(2), e.g. deny=mkdir,chmod", EINVAL);
    spec.enabled = true;
    spec.denied.push_back(name);
  }
  return spec;
}

SeccompFilter::SeccompFilter(const SeccompSpec& spec, bool notify) {
  ctx_ = seccomp_init(SCMP_ACT_ALLOW);
  if (!ctx_) throw virtlab::Error(virtlab::ExitCode::failure, "seccomp_init failed", "", ENOMEM);
  // No rollback snapshot per rule: a failed add throws and releases the whole filter anyway. Without this,
  // libseccomp copies its rule database on every add (30 adds, 435 rule copies).
  seccomp_attr_set(ctx_, SCMP_FLTATR_API_TSKIP, 1);
  if (spec.use_default) denied_ = default_denied_syscalls();
  for (const auto& n : spec.denied)
    if (std::find(denied_.begin(), denied_.end(), n) == denied_.end()) denied_.push_back(n);
  const std::uint32_t action = notify ? SCMP_ACT_NOTIFY : SCMP_ACT_ERRNO(EPERM);
  for (const auto& n : denied_) {
    int nr = seccomp_syscall_resolve_name(n.c_str());
    if (nr == __NR_SCMP_ERROR) continue;  // not on this architecture (e.g. create_module)
    int rc = seccomp_rule_add(ctx_, action, nr, 0);
    if (rc < 0) {
      seccomp_release(ctx_);
      throw virtlab::Error(virtlab::ExitCode::failure, "seccomp_rule_add(" + n + ") failed", "", -rc);
    }
  }
  virtlab::explain("seccomp_init + seccomp_rule_add (libseccomp, in memory)",
                   std::to_string(denied_.size()) + " syscalls → " + (notify ? "SCMP_ACT_NOTIFY" : "ERRNO(EPERM)"),
                   "ok", "the BPF program is compiled now and loaded into the kernel as the very last step");
}

SeccompFilter::~SeccompFilter() {
  if (ctx_) seccomp_release(ctx_);
}

std::string SeccompFilter::pfc() const {
  int fd = memfd_create("seccomp-pfc", MFD_CLOEXEC);
  if (fd < 0) virtlab::throw_errno("memfd_create");
  std::string out;
  if (seccomp_export_pfc(ctx_, fd) == 0) {
    lseek(fd, 0, SEEK_SET);
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  return out;
}

std::string syscall_name(int nr) {
  char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
  if (!name) return "syscall#" + std::to_string(nr);
  std::string s(name);
  free(name);
  return s;
}

namespace {
constexpr const char* kCapNames[] = {"CHOWN",
                                     "DAC_OVERRIDE",
                                     "DAC_READ_SEARCH",
                                     "FOWNER",
                                     "FSETID",
                                     "KILL",
                                     "SETGID",
                                     "SETUID",
                                     "SETPCAP",
                                     "LINUX_IMMUTABLE",
                                     "NET_BIND_SERVICE",
                                     "NET_BROADCAST",
                                     "NET_ADMIN",
                                     "NET_RAW",
                                     "IPC_LOCK",
                                     "IPC_OWNER",
                                     "SYS_MODULE",
                                     "SYS_RAWIO",
                                     "SYS_CHROOT",
                                     "SYS_PTRACE",
                                     "SYS_PACCT",
                                     "SYS_ADMIN",
                                     "SYS_BOOT",
                                     "SYS_NICE",
                                     "SYS_RESOURCE",
                                     "SYS_TIME",
                                     "SYS_TTY_CONFIG",
                                     "MKNOD",
                                     "LEASE",
                                     "AUDIT_WRITE",
                                     "AUDIT_CONTROL",
                                     "SETFCAP",
                                     "MAC_OVERRIDE",
                                     "MAC_ADMIN",
                                     "SYSLOG",
                                     "WAKE_ALARM",
                                     "BLOCK_SUSPEND",
                                     "AUDIT_READ",
                                     "PERFMON",
                                     "BPF",
                                     "CHECKPOINT_RESTORE"};
constexpr int kCapCount = sizeof kCapNames / sizeof kCapNames[0];
}  // namespace

int parse_cap_name(std::string_view name) {
  std::string upper;
  for (char c : name) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (virtlab::starts_with(upper, "CAP_")) upper = upper.substr(4);
  for (int i = 0; i < kCapCount; ++i)
    if (upper == kCapNames[i]) return i;
  return -1;
}

std::string cap_name(int cap) {
  if (cap < 0 || cap >= kCapCount) return "CAP_" + std::to_string(cap);
  return std::string("CAP_") + kCapNames[cap];
}

std::vector<int> kept_capabilities(const std::vector<std::string>& cap_drop) {
  std::vector<int> keep = {
      CAP_CHOWN,  CAP_DAC_OVERRIDE, CAP_FSETID,  CAP_FOWNER,           CAP_MKNOD,      CAP_NET_RAW, CAP_SETGID,
      CAP_SETUID, CAP_SETFCAP,      CAP_SETPCAP, CAP_NET_BIND_SERVICE, CAP_SYS_CHROOT, CAP_KILL,    CAP_AUDIT_WRITE};
  for (const auto& item : cap_drop) {
    std::size_t pos = 0;
    while (pos <= item.size()) {
      auto comma = item.find(',', pos);
      std::string name = item.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      pos = comma == std::string::npos ? item.size() + 1 : comma + 1;
      if (name.empty()) continue;
      if (name == "ALL" || name == "all") {
        keep.clear();
        continue;
      }
      int cap = parse_cap_name(name);
      if (cap < 0)
        throw virtlab::Error(virtlab::ExitCode::usage, "unknown capability '" + name + "'",
                             "use a name from capabilities(7) such as CAP_NET_RAW, or ALL", EINVAL);
      keep.erase(std::remove(keep.begin(), keep.end(), cap), keep.end());
    }
  }
  std::sort(keep.begin(), keep.end());
  return keep;
}

std::uint64_t cap_mask(const std::vector<int>& caps) {
  std::uint64_t m = 0;
  for (int c : caps) m |= 1ULL << c;
  return m;
}

virtlab::Json lsm_report() {
  const virtlab::LsmFacts facts = virtlab::read_lsm_facts();
  const auto optional = [](const std::optional<std::string>& v) {
    return v ? virtlab::Json(*v) : virtlab::Json(nullptr);
  };
  return {{"active", facts.active},
          {"source", virtlab::lsm_source_name(facts.source)},
          {"mandatory_access_control", optional(facts.mandatory_access_control)},
          {"label", optional(facts.label)}};
}

}  // namespace virtlab::nsenter_lite
