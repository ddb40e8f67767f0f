// The host side: helper processes, what this machine offers (KVM, pure cgroup v2, swap, QEMU), the cache.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace virtlab::testvm {

struct CommandResult {
  int status = -1;     // exit code, or 128+N when killed by signal N
  std::string output;  // stdout and stderr together
};
// Runs argv (no shell) in `cwd` with stdin from /dev/null, collects its output; logged to --explain.
// Throws virtlab::Error when the program cannot be started at all.
CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& cwd = {});

// The first executable `name` on $PATH (or `name` itself when it contains a '/'); nullopt when none.
std::optional<std::filesystem::path> find_program(const std::string& name);

// qemu-system-x86_64: $VIRTLAB_TESTVM_QEMU when set (nullopt if that is not executable), else from $PATH.
std::optional<std::filesystem::path> find_qemu();

// What the host itself provides; a vm test runs on the host when every need is met here.
struct HostFeatures {
  bool kvm = false;           // /dev/kvm opens read-write and answers KVM_GET_API_VERSION = 12
  std::string kvm_detail;     // why not
  bool pure_cgroup2 = false;  // /sys/fs/cgroup is cgroup2 with cpu, memory, io and pids available
  std::string cgroup_detail;  // "pure v2", "hybrid (cgroup2 at /sys/fs/cgroup/unified)", "v1 only"
  bool swap = false;          // at least one swap device active (/proc/swaps)
};
HostFeatures probe_host();

// Needs a test may declare (virtlab_add_vm_test NEEDS): kvm, cgroup2, swap. Returns the unmet ones.
std::vector<std::string> unmet_needs(const HostFeatures& host, const std::vector<std::string>& needs);
// Throws Error(usage) for a need name we do not know.
void validate_needs(const std::vector<std::string>& needs);

// A fresh directory (mkdtemp "<parent>/<prefix>XXXXXX"), removed with everything in it when the object goes away —
// on success, errors and interrupts alike.
class TempDir {
 public:
  TempDir(const std::filesystem::path& parent, const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// write(2) until all of `data` is out (retrying EINTR); false when the fd is gone (EPIPE, closed).
bool write_all(int fd, std::string_view data);

// $VIRTLAB_TESTVM_CACHE, else /var/cache/virtlab/testvm (root), else $XDG_CACHE_HOME or ~/.cache/virtlab/testvm.
std::filesystem::path default_cache_dir();

}  // namespace virtlab::testvm
