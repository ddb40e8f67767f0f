#include "virtlab/kernel/process.hpp"

#include <sys/wait.h>
#include <cerrno>
#include <csignal>
#include <utility>

#include "virtlab/error.hpp"

namespace virtlab::kernel {

std::vector<char*> exec_argv(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  // exec's prototype takes char* const[]; it does not write through them.
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  return argv;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept : pid_(std::exchange(other.pid_, -1)) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    kill_and_reap();
    pid_ = std::exchange(other.pid_, -1);
  }
  return *this;
}

std::optional<int> ChildProcess::try_reap() {
  if (pid_ <= 0) return std::nullopt;
  int status = 0;
  pid_t got;
  while ((got = ::waitpid(pid_, &status, WNOHANG)) < 0 && errno == EINTR) {
  }
  if (got < 0) virtlab::throw_errno("waitpid " + std::to_string(pid_), "the child was reaped elsewhere");
  if (got == 0) return std::nullopt;
  pid_ = -1;
  return status;
}

std::optional<int> ChildProcess::kill_and_reap() noexcept {
  if (pid_ <= 0) return std::nullopt;
  ::kill(pid_, SIGKILL);
  int status = 0;
  pid_t got;
  while ((got = ::waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (got < 0) return std::nullopt;
  return status;
}

pid_t ChildProcess::release() noexcept {
  return std::exchange(pid_, -1);
}

}  // namespace virtlab::kernel
