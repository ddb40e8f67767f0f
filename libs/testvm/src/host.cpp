#include "virtlab/testvm/host.hpp"

#include <fcntl.h>
#include <linux/kvm.h>
#include <linux/magic.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"

namespace virtlab::testvm {

using virtlab::Error;
using virtlab::ExitCode;

CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& cwd) {
  std::string shown;
  for (const auto& a : argv) shown += (shown.empty() ? "" : " ") + a;
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) virtlab::throw_errno("pipe2 for " + argv.at(0));
  virtlab::UniqueFd read_end(pipefd[0]), write_end(pipefd[1]);
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  std::string cwd_str = cwd.string();
  pid_t pid = ::fork();
  if (pid < 0) virtlab::throw_errno("fork for " + argv.at(0));
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::dup2(pipefd[1], 1);
    ::dup2(pipefd[1], 2);
    if (!cwd_str.empty() && ::chdir(cwd_str.c_str()) != 0) _exit(126);
    ::execvp(cargv[0], cargv.data());
    _exit(errno == ENOENT ? 127 : 126);
  }
  write_end.reset();
  CommandResult result;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(read_end.get(), buf, sizeof buf);
    if (n > 0) {
      result.output.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  virtlab::explain(
      "fork+execvp", shown + (cwd_str.empty() ? "" : " (in " + cwd_str + ")"),
      "exit " + std::to_string(result.status) + ", " + std::to_string(result.output.size()) + " bytes of output");
  if (result.status == 127 && !find_program(argv.at(0))) {
    throw Error(ExitCode::unsupported, "cannot run " + argv.at(0) + ": not installed", "", ENOENT);
  }
  return result;
}

std::optional<std::filesystem::path> find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    if (::access(name.c_str(), X_OK) == 0) return std::filesystem::path(name);
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
  // qemu and apt tools live in /usr/bin or /usr/sbin even when a minimal PATH leaves them out.
  dirs += ":/usr/bin:/usr/sbin:/bin:/sbin";
  for (std::string_view dir : [&] {
         std::vector<std::string_view> parts;
         std::string_view all = dirs;
         while (!all.empty()) {
           auto colon = all.find(':');
           parts.push_back(all.substr(0, colon));
           if (colon == std::string_view::npos) break;
           all.remove_prefix(colon + 1);
         }
         return parts;
       }()) {
    if (dir.empty()) continue;
    std::filesystem::path candidate = std::filesystem::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0 && std::filesystem::is_regular_file(candidate)) return candidate;
  }
  return std::nullopt;
}

std::optional<std::filesystem::path> find_qemu() {
  if (const char* env = std::getenv("VIRTLAB_TESTVM_QEMU"); env != nullptr && *env != '\0') {
    if (::access(env, X_OK) == 0) return std::filesystem::path(env);
    return std::nullopt;
  }
  return find_program("qemu-system-x86_64");
}

HostFeatures probe_host() {
  HostFeatures host;
  int fd = ::open("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    host.kvm_detail = "/dev/kvm: " + std::string(std::strerror(err));
    virtlab::explain("openat", "/dev/kvm O_RDWR", virtlab::errno_result(err), "no KVM on this host");
  } else {
    virtlab::UniqueFd kvm(fd);
    int version = ::ioctl(kvm.get(), KVM_GET_API_VERSION, 0);
    virtlab::explain("ioctl(KVM_GET_API_VERSION)", "/dev/kvm", std::to_string(version), "12 is the stable KVM API");
    host.kvm = version == 12;
    host.kvm_detail = host.kvm ? "/dev/kvm usable (API 12)" : "/dev/kvm answers API " + std::to_string(version);
  }
  struct statfs sfs {};
  if (::statfs("/sys/fs/cgroup", &sfs) == 0 && sfs.f_type == CGROUP2_SUPER_MAGIC) {
    auto controllers = virtlab::try_read_file("/sys/fs/cgroup/cgroup.controllers").value_or("");
    virtlab::explain("statfs+read", "/sys/fs/cgroup/cgroup.controllers", std::string(virtlab::trim(controllers)),
                     "cgroup2 is mounted at /sys/fs/cgroup: pure v2");
    auto words = virtlab::split_whitespace(controllers);
    bool all = true;
    for (std::string_view want : {"cpu", "memory", "io", "pids"}) {
      all = all && std::find(words.begin(), words.end(), want) != words.end();
    }
    host.pure_cgroup2 = all;
    host.cgroup_detail = all ? "pure v2" : "pure v2 but missing some of cpu memory io pids";
  } else {
    struct statfs unified {};
    bool hybrid = ::statfs("/sys/fs/cgroup/unified", &unified) == 0 && unified.f_type == CGROUP2_SUPER_MAGIC;
    host.cgroup_detail = hybrid ? "hybrid (v1 controllers, cgroup2 at /sys/fs/cgroup/unified)" : "v1 only";
    virtlab::explain("statfs", "/sys/fs/cgroup", "not cgroup2", host.cgroup_detail);
  }
  auto swaps = virtlab::try_read_file("/proc/swaps").value_or("");
  host.swap = virtlab::split_lines(swaps).size() > 1;
  virtlab::explain("read", "/proc/swaps", host.swap ? "swap active" : "no swap device", "");
  return host;
}

void validate_needs(const std::vector<std::string>& needs) {
  for (const auto& need : needs) {
    if (need != "kvm" && need != "cgroup2" && need != "swap" && need != "vm") {
      throw Error(ExitCode::usage, "unknown need '" + need + "'", "use kvm, cgroup2, swap or vm (always the VM)");
    }
  }
}

std::vector<std::string> unmet_needs(const HostFeatures& host, const std::vector<std::string>& needs) {
  std::vector<std::string> unmet;
  for (const auto& need : needs) {
    bool met = (need == "kvm" && host.kvm) || (need == "cgroup2" && host.pure_cgroup2) || (need == "swap" && host.swap);
    if (!met) unmet.push_back(need);
  }
  return unmet;
}

TempDir::TempDir(const std::filesystem::path& parent, const std::string& prefix) {
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  std::string templ = (parent / (prefix + "XXXXXX")).string();
  if (::mkdtemp(templ.data()) == nullptr)
    virtlab::throw_errno("mkdtemp " + templ, "check that the directory is writable");
  path_ = templ;
  virtlab::explain("mkdtemp", path_.string(), "0");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::filesystem::path default_cache_dir() {
  if (const char* env = std::getenv("VIRTLAB_TESTVM_CACHE"); env != nullptr && *env != '\0') return env;
  std::filesystem::path system = "/var/cache/virtlab/testvm";
  std::error_code ec;
  std::filesystem::create_directories(system, ec);
  if (!ec && ::access(system.c_str(), W_OK) == 0) return system;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    return std::filesystem::path(xdg) / "virtlab/testvm";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return std::filesystem::path(home) / ".cache/virtlab/testvm";
  }
  return system;
}

}  // namespace virtlab::testvm
