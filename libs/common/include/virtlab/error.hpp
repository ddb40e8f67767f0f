// Errors every virtlab tool reports the same way: one line that names the problem, errno, and the fix.
#pragma once

#include <stdexcept>
#include <string>

namespace virtlab {

// Documented process exit codes, shared by all tools (docs/exit-codes.md).
enum class ExitCode : int {
  ok = 0,
  failure = 1,       // the operation failed at run time (kernel said no for another reason)
  usage = 2,         // bad command line: unknown option, malformed value or address
  not_found = 3,     // the target does not exist: no such pid, unmapped address, missing file or cgroup
  permission = 4,    // needs root or a capability
  unsupported = 5,   // this kernel / machine cannot do it (feature, controller or device missing)
  busy = 6,          // the name or resource is already taken
  interrupted = 130  // stopped by SIGINT/SIGTERM after cleaning up
};

// errno → exit code: ENOENT/ESRCH → not_found, EPERM/EACCES → permission, ENOSYS/ENOTTY/EOPNOTSUPP/ENODEV →
// unsupported, EEXIST/EBUSY → busy, EINTR → interrupted, others → failure.
ExitCode exit_code_for_errno(int err) noexcept;

class Error : public std::runtime_error {
 public:
  // what: the problem ("cannot open /proc/42/pagemap"); hint: the fix ("run as root"); err: errno or 0.
  Error(ExitCode code, const std::string& what, std::string hint = {}, int err = 0);

  ExitCode code() const noexcept { return code_; }
  int sys_errno() const noexcept { return errno_; }
  const std::string& hint() const noexcept { return hint_; }

  // "cannot open /proc/42/pagemap: Permission denied (errno 13); hint: run as root"
  std::string one_line() const;

 private:
  ExitCode code_;
  std::string hint_;
  int errno_;
};

// Throws Error for the current errno; the exit code follows exit_code_for_errno unless given.
[[noreturn]] void throw_errno(const std::string& what, const std::string& hint = {});
[[noreturn]] void throw_errno(int err, const std::string& what, const std::string& hint = {});

}  // namespace virtlab
