// virtlab-runc's pure helpers (runc.hpp): signal names, the cgroup path, limits from linux.resources, clone flags,
// the executable's candidates, exec's extra capabilities and gids; one fcntl (the --preserve-fds check). Otherwise no
// system calls here: unit-tested in tests/nsenter-lite/runc_helpers_test.cpp.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>

#include <algorithm>
#include <cctype>
#include <limits>

#include "nsenter_lite/namespaces.hpp"
#include "nsenter_lite/runc.hpp"
#include "nsenter_lite/security.hpp"
#include "virtlab/error.hpp"
#include "virtlab/text.hpp"

namespace virtlab::nsenter_lite {

namespace {

constexpr std::string_view kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace

int parse_signal(std::string_view text) {
  if (auto number = virtlab::parse_u64(text); number && *number >= 1 && *number < static_cast<std::uint64_t>(NSIG))
    return static_cast<int>(*number);
  std::string name = upper(text);
  if (name.rfind("SIG", 0) == 0) name.erase(0, 3);
  for (int sig = 1; sig < SIGRTMIN; ++sig) {
    const char* abbrev = sigabbrev_np(sig);
    if (abbrev && name == abbrev) return sig;
  }
  throw virtlab::Error(virtlab::ExitCode::usage, "unknown signal '" + std::string(text) + "'",
                       "give a name or number: KILL, SIGTERM, 15", EINVAL);
}

std::string cgroup_path_for(std::string_view cgroups_path, std::string_view id, bool systemd_form) {
  std::string path;
  if (cgroups_path.empty()) {
    path = "/virtlab-runc/" + std::string(id);
  } else if (systemd_form && cgroups_path.find(':') != std::string_view::npos) {
    // "slice:prefix:name" as runc's systemd driver spells it; placed where systemd would put the scope.
    const std::size_t first = cgroups_path.find(':'), second = cgroups_path.find(':', first + 1);
    if (second == std::string_view::npos)
      throw virtlab::Error(virtlab::ExitCode::usage,
                           "linux.cgroupsPath '" + std::string(cgroups_path) + "' is not slice:prefix:name",
                           "with --systemd-cgroup give e.g. machine.slice:libpod:ID", EINVAL);
    std::string slice(cgroups_path.substr(0, first));
    if (slice.empty()) slice = "system.slice";
    path = "/" + slice + "/" + std::string(cgroups_path.substr(first + 1, second - first - 1)) + "-" +
           std::string(cgroups_path.substr(second + 1)) + ".scope";
  } else {
    path = cgroups_path[0] == '/' ? std::string(cgroups_path) : "/" + std::string(cgroups_path);
  }
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path == "/" || ("/" + path + "/").find("/../") != std::string::npos)
    throw virtlab::Error(virtlab::ExitCode::usage,
                         "linux.cgroupsPath '" + std::string(cgroups_path) + "' names the root or leaves it with ..",
                         "give a path below the root, e.g. /virtlab-runc/ID", EINVAL);
  return path;
}

virtlab::kernel::Limits limits_from_resources(const OciResources& r, std::vector<std::string>& not_applied) {
  virtlab::kernel::Limits limits;
  if (r.memory_limit && *r.memory_limit > 0) limits.memory_bytes = static_cast<std::uint64_t>(*r.memory_limit);
  if (r.cpu_quota && *r.cpu_quota > 0) {
    limits.cpu_period_us = r.cpu_period.value_or(100000);
    limits.cpu_cores = static_cast<double>(*r.cpu_quota) / static_cast<double>(limits.cpu_period_us);
  }
  if (r.pids_limit && *r.pids_limit > 0) limits.pids_max = static_cast<std::uint64_t>(*r.pids_limit);
  auto skip = [&](bool given, const char* field, const char* why) {
    if (given) not_applied.push_back(std::string("linux.resources.") + field + ": " + why);
  };
  skip(r.memory_swap.has_value(), "memory.swap", "swap is not limited (the limit is memory only)");
  skip(r.memory_reservation.has_value(), "memory.reservation", "no soft limit is set");
  skip(r.cpu_shares.value_or(0) > 0, "cpu.shares", "no CPU weight is set (quota/period is)");
  skip(r.cpuset_cpus || r.cpuset_mems, "cpu.cpus/mems", "no cpuset is set");
  return limits;
}

int oci_namespace_clone_flag(OciNamespaceType type) {
  // config.json spells mnt and net "mount" and "network"; parse_ns_type knows both spellings.
  const std::optional<NsType> ns = parse_ns_type(oci_namespace_name(type));
  return ns ? ns_clone_flag(*ns) : 0;
}

int clone_flags_for(const std::vector<OciNamespace>& namespaces) {
  int flags = 0;
  for (const OciNamespace& ns : namespaces)
    if (ns.path.empty() && ns.type != OciNamespaceType::cgroup && ns.type != OciNamespaceType::time)
      flags |= oci_namespace_clone_flag(ns.type);
  return flags;
}

void add_exec_extras(OciProcess& process, const std::vector<std::string>& caps, const std::vector<std::int64_t>& gids) {
  OciCapabilities& sets = process.capabilities;
  for (const std::string& name : caps) {
    const int cap = parse_cap_name(name);
    if (cap < 0)
      throw virtlab::Error(virtlab::ExitCode::usage, "exec --cap: unknown capability '" + name + "'",
                           "use a name from capabilities(7) such as CAP_NET_ADMIN", EINVAL);
    for (std::vector<int>* set : {&sets.bounding, &sets.effective, &sets.permitted})
      if (std::find(set->begin(), set->end(), cap) == set->end()) set->push_back(cap);
    if (!sets.inheritable.empty() && std::find(sets.ambient.begin(), sets.ambient.end(), cap) == sets.ambient.end())
      sets.ambient.push_back(cap);
  }
  for (const std::int64_t gid : gids) {
    if (gid < 0 || gid > std::numeric_limits<std::uint32_t>::max())
      throw virtlab::Error(virtlab::ExitCode::usage, "exec --additional-gids: " + std::to_string(gid) + " is not a gid",
                           "give a number from 0 to 4294967295", EINVAL);
    process.additional_gids.push_back(static_cast<std::uint32_t>(gid));
  }
}

void check_preserved_fds(int count) {
  if (count < 0)
    throw virtlab::Error(virtlab::ExitCode::usage, "--preserve-fds " + std::to_string(count) + " is negative",
                         "give how many fds after stdio to pass, e.g. 1 (fd 3)", EINVAL);
  for (int fd = 3; fd < 3 + count; ++fd)
    if (fcntl(fd, F_GETFD) < 0)
      throw virtlab::Error(virtlab::ExitCode::usage,
                           "--preserve-fds " + std::to_string(count) + ": fd " + std::to_string(fd) + " is not open",
                           "pass as many as the caller opened after stdio (fds 3, 4, …)", EBADF);
}

std::vector<std::string> exec_candidates(const std::string& arg0, const std::vector<std::string>& env) {
  if (arg0.find('/') != std::string::npos) return {arg0};
  std::string_view path = kDefaultPath;
  for (const std::string& e : env)
    if (e.rfind("PATH=", 0) == 0) path = std::string_view(e).substr(5);
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t colon = std::min(path.find(':', start), path.size());
    std::string dir(path.substr(start, colon - start));
    out.push_back((dir.empty() ? std::string(".") : dir) + "/" + arg0);
    start = colon + 1;
  }
  return out;
}

}  // namespace virtlab::nsenter_lite
