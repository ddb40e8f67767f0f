#include "virtlab/lsm.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <cerrno>

#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"

#ifndef SYS_lsm_list_modules
#define SYS_lsm_list_modules 461  // x86_64, Linux 6.8; glibc 2.36's headers predate it
#endif

namespace virtlab {

std::string_view lsm_source_name(LsmSource source) {
  switch (source) {
    case LsmSource::syscall:
      return "lsm_list_modules";
    case LsmSource::securityfs:
      return "securityfs";
    case LsmSource::unavailable:
      break;
  }
  return "unavailable";
}

std::string lsm_name(std::uint64_t id) {
  // include/uapi/linux/lsm.h: LSM_ID_CAPABILITY = 100 and on in this order.
  static constexpr std::array<std::string_view, 14> kNames{"capability", "selinux", "smack",     "tomoyo",   "apparmor",
                                                           "yama",       "loadpin", "safesetid", "lockdown", "bpf",
                                                           "landlock",   "ima",     "evm",       "ipe"};
  if (id >= 100 && id - 100 < kNames.size()) return std::string(kNames[id - 100]);
  return "lsm-" + std::to_string(id);
}

std::vector<std::string> lsm_names(std::span<const std::uint64_t> ids) {
  std::vector<std::string> names;
  for (std::uint64_t id : ids) names.push_back(lsm_name(id));
  return names;
}

std::vector<std::string> parse_lsm_list(std::string_view text) {
  std::vector<std::string> names;
  text = trim(text);
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view name = trim(text.substr(0, comma));
    if (!name.empty()) names.emplace_back(name);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return names;
}

std::optional<std::string> mandatory_access_control(const std::vector<std::string>& active) {
  for (const auto& name : active)
    if (name == "apparmor" || name == "selinux" || name == "smack" || name == "tomoyo") return name;
  return std::nullopt;
}

namespace {

std::optional<std::vector<std::string>> list_through_syscall() {
  std::array<std::uint64_t, 32> ids{};
  std::uint32_t size = sizeof ids;
  const long count = ::syscall(SYS_lsm_list_modules, ids.data(), &size, 0);
  if (count < 0) {
    explain("lsm_list_modules", "", errno_result(errno), "Linux 6.8+ lists the active LSMs without securityfs");
    return std::nullopt;
  }
  auto names = lsm_names(std::span(ids.data(), static_cast<std::size_t>(count)));
  explain("lsm_list_modules", "", std::to_string(count) + " active LSM(s)", "ids from include/uapi/linux/lsm.h");
  return names;
}

std::optional<std::string> read_label(int pid) {
  const std::string path = (pid > 0 ? "/proc/" + std::to_string(pid) : std::string("/proc/self")) + "/attr/current";
  // EINVAL here means no active module labels processes (no AppArmor/SELinux/Smack).
  auto text = try_read_file(path, 4096);
  explain("read", path, text ? std::string(trim(*text)) : std::string("no label"),
          "the process's label under AppArmor/SELinux/Smack");
  if (!text) return std::nullopt;
  std::string label(trim(*text));
  while (!label.empty() && label.back() == '\0') label.pop_back();  // SELinux ends the context with a NUL
  if (label.empty()) return std::nullopt;
  return label;
}

}  // namespace

LsmFacts read_lsm_facts(int pid) {
  LsmFacts facts;
  if (auto names = list_through_syscall()) {
    facts.active = std::move(*names);
    facts.source = LsmSource::syscall;
  } else if (auto text = try_read_file("/sys/kernel/security/lsm", 4096)) {
    facts.active = parse_lsm_list(*text);
    facts.source = LsmSource::securityfs;
    explain("read", "/sys/kernel/security/lsm", *text, "securityfs's list of active LSMs");
  }
  facts.mandatory_access_control = mandatory_access_control(facts.active);
  facts.label = read_label(pid);
  return facts;
}

}  // namespace virtlab
