#include "virtlab/signals.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

#include "virtlab/error.hpp"

namespace virtlab {
namespace {

std::atomic<int> g_signal{0};
int g_pipe[2] = {-1, -1};
// SIGPIPE too: a reader that goes away (`| head -1`) must not kill us before we remove what we made; the write
// fails with EPIPE instead, and the command unwinds as on SIGTERM.
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
constexpr int kSignalCount = sizeof(kSignals) / sizeof(kSignals[0]);
struct sigaction g_previous[kSignalCount];

void on_signal(int signo) {
  int saved = errno;
  g_signal.store(signo);
  if (g_pipe[1] >= 0) {
    char byte = 1;
    [[maybe_unused]] ssize_t n = ::write(g_pipe[1], &byte, 1);
  }
  errno = saved;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_signal.store(0);
  if (g_pipe[0] < 0 && ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0) throw_errno("pipe2 for signal handling");
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: blocking calls return EINTR so loops notice the signal
  for (int i = 0; i < kSignalCount; ++i) ::sigaction(kSignals[i], &action, &g_previous[i]);
}

InterruptGuard::~InterruptGuard() {
  for (int i = 0; i < kSignalCount; ++i) ::sigaction(kSignals[i], &g_previous[i], nullptr);
}

bool InterruptGuard::requested() noexcept {
  return g_signal.load() != 0;
}
int InterruptGuard::signal_number() noexcept {
  return g_signal.load();
}
int InterruptGuard::poll_fd() noexcept {
  return g_pipe[0];
}

void InterruptGuard::throw_if_requested() {
  int signo = g_signal.load();
  if (signo != 0) {
    throw Error(ExitCode::interrupted, std::string("interrupted by SIG") + sigabbrev_np(signo) + ", cleaned up", {}, 0);
  }
}

}  // namespace virtlab
