// The supervisor loop of `run` (container_run.hpp: supervise): the shim's job while the container runs.
#include <poll.h>
#include <sys/wait.h>
#include <time.h>

#include <cerrno>
#include <limits>

#include "container_run.hpp"
#include "seccomp_notify.hpp"
#include "sync_socket.hpp"
#include "virtlab/explain.hpp"

namespace virtlab::nsenter_lite {

double now_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

virtlab::Error container_error(const ChildFailure& f, bool rootless) {
  std::string hint = f.hint;
  if (hint.empty() && (f.err == EPERM || f.err == EACCES))
    hint = rootless ? "in a user namespace some mounts are refused (locked mounts, nosuid sources)"
                    : "needs CAP_SYS_ADMIN";
  return virtlab::Error(f.code.value_or(virtlab::exit_code_for_errno(f.err)), "container: " + f.what, hint, f.err);
}

namespace {

constexpr std::size_t kAbsent = std::numeric_limits<std::size_t>::max();

ChildFailure failure_from(const Received& m) {
  return ChildFailure(!m.parts.empty() ? m.parts[0] : "container setup failed", m.parts.size() > 1 ? m.parts[1] : "",
                      m.header.err);
}

// What we wait on: the container's pidfd, the signal pipe and, while they exist, the sync socket, the seccomp
// notify fd and the network namespace helper's pidfd.
struct PollSet {
  std::vector<pollfd> fds;
  std::size_t sock = kAbsent, notify = kAbsent, helper = kAbsent;

  std::size_t add(int fd) {
    fds.push_back({fd, POLLIN, 0});
    return fds.size() - 1;
  }
  bool ready(std::size_t index, short events = POLLIN) const {
    return index != kAbsent && (fds[index].revents & events);
  }
};

PollSet poll_set(const ContainerRun& run, bool sock_open) {
  PollSet set;
  set.add(run.child->pidfd());
  set.add(virtlab::InterruptGuard::poll_fd());
  if (sock_open) set.sock = set.add(run.parent_sock.get());
  if (run.notify_fd) set.notify = set.add(run.notify_fd.get());
  if (run.netns_ahead) set.helper = set.add(run.netns_ahead->pidfd());
  return set;
}

// false when a signal interrupted the wait (look again)
bool wait_for_events(PollSet& set) {
  if (poll(set.fds.data(), set.fds.size(), -1) >= 0) return true;
  if (errno == EINTR) return false;
  virtlab::throw_errno("poll");
}

// One record of the child: a step to log, its namespaces, the notify fd or its error. false at EOF (the child
// exec'd or died: the socket is CLOEXEC).
bool receive_record(ContainerRun& run) {
  Received m = recv_msg(run.parent_sock.get());
  if (m.eof) return false;
  if (m.header.type == Msg::step && m.parts.size() >= 4) {
    virtlab::explain(m.parts[0], m.parts[1], m.parts[2], m.parts[3]);
  } else if (m.header.type == Msg::namespaces && !m.parts.empty()) {
    run.namespaces = virtlab::Json::parse(m.parts[0], nullptr, false);
  } else if (m.header.type == Msg::notify_fd && m.fd >= 0) {
    run.notify_fd.reset(m.fd);
  } else if (m.header.type == Msg::error) {
    run.child_error = container_error(failure_from(m), run.o.rootless);
  }
  return true;
}

void answer_notification(ContainerRun& run) {
  if (answer_seccomp_notification(run.notify_fd.get(), run.result.seccomp_events) == NotifyOutcome::filter_gone)
    run.notify_fd.reset();  // the filter is gone (container exited)
}

bool reap_child(ContainerRun& run) {
  if (waitid(P_PIDFD, static_cast<id_t>(run.child->pidfd()), &run.exit_info, WEXITED) != 0) return false;
  run.child->mark_reaped();
  return true;
}

void record_exit_status(ContainerRun& run) {
  RunResult& result = run.result;
  if (run.exit_info.si_code == CLD_EXITED) {
    result.exit_code = run.exit_info.si_status;
  } else {
    result.signal = run.exit_info.si_status;
    result.exit_code = 128 + run.exit_info.si_status;
  }
  virtlab::explain("waitid(P_PIDFD)", "container pid " + std::to_string(run.child->pid()),
                   result.signal ? "killed by signal " + std::to_string(result.signal)
                                 : "exit status " + std::to_string(result.exit_code),
                   "the shim's job: collect the exit status [containerd-shim]");
}

// The error and namespace records that arrived together with the exit.
void drain_records(ContainerRun& run, bool sock_open) {
  while (sock_open) {
    pollfd pf{run.parent_sock.get(), POLLIN, 0};
    if (poll(&pf, 1, 0) <= 0) break;
    Received m = recv_msg(run.parent_sock.get());
    if (m.eof) break;
    if (m.header.type == Msg::error) run.child_error = container_error(failure_from(m), run.o.rootless);
    if (m.header.type == Msg::namespaces && !m.parts.empty())
      run.namespaces = virtlab::Json::parse(m.parts[0], nullptr, false);
  }
}

}  // namespace

void supervise(ContainerRun& run) {
  bool sock_open = static_cast<bool>(run.parent_sock);
  bool exited = false;
  while (!exited) {
    PollSet set = poll_set(run, sock_open);
    if (!wait_for_events(set)) continue;
    if (set.fds[1].revents) virtlab::InterruptGuard::throw_if_requested();  // ChildGuard kills + reaps on unwind
    if (set.ready(set.sock, POLLIN | POLLHUP)) sock_open = receive_record(run);
    if (set.ready(set.notify) && run.notify_fd) answer_notification(run);
    if (set.ready(set.helper) && run.netns_ahead && run.netns_ahead->try_reap()) run.netns_ahead.reset();
    if (set.ready(0)) exited = reap_child(run);
  }
  if (run.o.json) run.result.seconds = now_seconds() - run.clone_time;
  record_exit_status(run);
  drain_records(run, sock_open);
}

}  // namespace virtlab::nsenter_lite
