// Child processes: the argv form exec wants, and the RAII owner that kills and reaps a child we started.
#pragma once

#include <sys/types.h>
#include <optional>
#include <string>
#include <vector>

namespace virtlab::kernel {

// Pointers into `args` for execv/execvp/execve, ending in nullptr. `args` must outlive the result: it is built
// before fork so the child only calls exec.
std::vector<char*> exec_argv(const std::vector<std::string>& args);

// Owns one child process: unless it has been reaped, the destructor sends SIGKILL and waits for it, so no child
// outlives the scope that started it (also when an exception or Ctrl-C unwinds the stack).
class ChildProcess {
 public:
  ChildProcess() = default;
  explicit ChildProcess(pid_t pid) noexcept : pid_(pid) {}
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() { kill_and_reap(); }

  pid_t pid() const noexcept { return pid_; }
  bool running() const noexcept { return pid_ > 0; }
  // waitpid(WNOHANG): the wait status once the child has exited (it is then no longer ours), else nullopt.
  std::optional<int> try_reap();
  // SIGKILL, then wait (EINTR retried): the wait status, or nullopt when there is no child. Never throws.
  std::optional<int> kill_and_reap() noexcept;
  // Gives the child up without signalling it (its new owner reaps it).
  pid_t release() noexcept;

 private:
  pid_t pid_ = -1;
};

}  // namespace virtlab::kernel
