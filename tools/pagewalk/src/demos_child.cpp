#include "pagewalk/demos_child.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/signals.hpp"

namespace virtlab::pagewalk {

namespace {

// The reply a child sends for each action.
struct Reply {
  std::int32_t err = 0;  // 0 = success
  std::uint64_t value = 0;
  char message[200] = {};
};

bool write_all(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Reads exactly `size` bytes; false on EOF or error.
bool read_all(int fd, void* data, std::size_t size) {
  auto* p = static_cast<char*>(data);
  while (size > 0) {
    ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

struct ChildFailure {
  int err;
  std::string what;
};

[[noreturn]] void child_main(int commands, int replies, const std::vector<DemoAction>& actions) {
  std::uint32_t index = 0;
  while (read_all(commands, &index, sizeof index)) {
    Reply reply;
    try {
      if (index >= actions.size()) throw ChildFailure{EINVAL, "no such action"};
      reply.value = actions[index].body();
    } catch (const ChildFailure& f) {
      reply.err = f.err == 0 ? EIO : f.err;
      std::strncpy(reply.message, f.what.c_str(), sizeof reply.message - 1);
    } catch (const Error& e) {
      reply.err = e.sys_errno() == 0 ? EIO : e.sys_errno();
      std::strncpy(reply.message, e.what(), sizeof reply.message - 1);
    } catch (const std::exception& e) {
      reply.err = EIO;
      std::strncpy(reply.message, e.what(), sizeof reply.message - 1);
    }
    if (!write_all(replies, &reply, sizeof reply)) break;
  }
  ::_exit(0);  // never run the parent's atexit handlers or flush its stdio buffers twice
}

}  // namespace

void DemoChild::fail(const std::string& what) {
  throw ChildFailure{errno, what};
}

DemoChild::DemoChild(std::string name, std::vector<DemoAction> actions)
    : name_(std::move(name)), actions_(std::move(actions)) {
  int to_child[2];
  int to_parent[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0) throw_errno("cannot create a pipe for the demo child");
  UniqueFd to_child_read(to_child[0]);
  UniqueFd to_child_write(to_child[1]);
  if (::pipe2(to_parent, O_CLOEXEC) != 0) throw_errno("cannot create a pipe for the demo child");
  UniqueFd to_parent_read(to_parent[0]);
  UniqueFd to_parent_write(to_parent[1]);
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) throw_errno("cannot fork the demo child", "check ulimit -u and free memory");
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);  // the parent died before prctl took effect
    ::prctl(PR_SET_NAME, name_.substr(0, 15).c_str());
    ::signal(SIGINT, SIG_IGN);  // Ctrl-C goes to the parent, which cleans up and kills us
    to_child_write.reset();
    to_parent_read.reset();
    child_main(to_child_read.get(), to_parent_write.get(), actions_);
  }
  explain("fork", "demo child '" + name_ + "'", "pid " + std::to_string(pid_),
          "the child runs one step at a time when told to, so we can look at its page tables in between");
  commands_ = std::move(to_child_write);
  replies_ = std::move(to_parent_read);
}

DemoChild::~DemoChild() {
  stop();
}

std::uint64_t DemoChild::run(std::size_t index) {
  if (pid_ <= 0) throw Error(ExitCode::failure, "the demo child '" + name_ + "' is not running");
  const std::string& action = actions_.at(index).name;
  auto index32 = static_cast<std::uint32_t>(index);
  if (!write_all(commands_.get(), &index32, sizeof index32)) {
    throw_errno("cannot tell the demo child to " + action);
  }
  // Wait for the reply, the deadline, or Ctrl-C.
  for (int waited_ms = 0;;) {
    pollfd fds[2] = {{replies_.get(), POLLIN, 0}, {InterruptGuard::poll_fd(), POLLIN, 0}};
    const nfds_t count = InterruptGuard::poll_fd() >= 0 ? 2 : 1;
    int n = ::poll(fds, count, 200);
    if (n < 0 && errno != EINTR) throw_errno("poll on the demo child's pipe");
    InterruptGuard::throw_if_requested();
    if (n > 0 && fds[0].revents != 0) break;
    waited_ms += 200;
    if (waited_ms >= 30000) {
      throw Error(ExitCode::failure, "the demo child did not finish '" + action + "' within 30 s",
                  "the machine may be out of memory; try again");
    }
  }
  Reply reply;
  if (!read_all(replies_.get(), &reply, sizeof reply)) {
    throw Error(ExitCode::failure, "the demo child died during '" + action + "'",
                "see dmesg (out of memory? killed?) and try again");
  }
  if (reply.err != 0) {
    throw Error(exit_code_for_errno(reply.err), "demo child: " + action + ": " + reply.message, {}, reply.err);
  }
  explain("child step", "pid " + std::to_string(pid_) + ": " + action, std::to_string(reply.value),
          "the child did this itself; the parent only asked over the pipe");
  return reply.value;
}

void DemoChild::stop() noexcept {
  if (pid_ <= 0) return;
  commands_.reset();  // EOF: the child leaves its loop and exits
  replies_.reset();
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_ || (r < 0 && errno != EINTR)) {
      pid_ = -1;
      return;
    }
    ::usleep(10000);
  }
  ::kill(pid_, SIGKILL);
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

}  // namespace virtlab::pagewalk
