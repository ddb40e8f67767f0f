// `virtlab-runc start | state | kill | delete | run | features`: what engines call after `create`, each acting on
// the container through its state directory (runc_state.hpp) and the init's pid with its start time.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "nsenter_lite/runc.hpp"
#include "runc_cgroup.hpp"
#include "runc_hooks.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/stale.hpp"

namespace virtlab::nsenter_lite {

namespace {

// The init's /proc/PID/stat, or nullopt once it is gone or a zombie (it has exited; the engine reaps it).
std::optional<std::string> live_init_stat(pid_t pid) {
  auto stat = virtlab::try_read_file("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return std::nullopt;
  const std::size_t paren = stat->rfind(')');
  if (paren != std::string::npos && paren + 2 < stat->size() && (*stat)[paren + 2] == 'Z') return std::nullopt;
  return stat;
}

ContainerStatus status_of(const StateStore& store, const ContainerState& state) {
  return derive_status(state, live_init_stat(state.init.pid), access(store.fifo(state.id).c_str(), F_OK) == 0);
}

// A pidfd for the init, or -1 when that pid is gone or now belongs to another process.
virtlab::UniqueFd open_init(const ContainerState& state) {
  virtlab::UniqueFd fd(static_cast<int>(syscall(SYS_pidfd_open, state.init.pid, 0)));
  if (fd.get() >= 0 && virtlab::owner_state(state.init) != virtlab::OwnerState::alive) fd.reset();
  return fd;
}

void signal_init(const ContainerState& state, int sig) {
  virtlab::UniqueFd pidfd = open_init(state);
  const int rc = pidfd.get() < 0 ? -1 : static_cast<int>(syscall(SYS_pidfd_send_signal, pidfd.get(), sig, nullptr, 0));
  virtlab::explain("pidfd_send_signal",
                   "init pid " + std::to_string(state.init.pid) + ", signal " + std::to_string(sig),
                   rc < 0 ? virtlab::errno_result(errno) : "0", "to the container's pid 1 [runc kill]");
  if (rc < 0 && errno != ESRCH) virtlab::throw_errno("kill " + std::to_string(state.init.pid));
}

// pidfds report POLLIN once the process has exited (a zombie counts).
bool wait_for_exit(const ContainerState& state, int timeout_ms) {
  virtlab::UniqueFd pidfd = open_init(state);
  if (pidfd.get() < 0) return true;
  pollfd pfd{pidfd.get(), POLLIN, 0};
  return poll(&pfd, 1, timeout_ms) > 0;
}

void kill_cgroup_members(const ContainerState& state, int sig) {
  for (const std::string& dir : state.cgroup_paths) {
    auto procs = virtlab::try_read_file(dir + "/cgroup.procs");
    if (!procs) continue;
    std::size_t start = 0;
    while (start < procs->size()) {
      const std::size_t end = std::min(procs->find('\n', start), procs->size());
      if (end > start) ::kill(static_cast<pid_t>(std::stol(procs->substr(start, end - start))), sig);
      start = end + 1;
    }
  }
}

void destroy(const StateStore& store, const ContainerState& state) {
  signal_init(state, SIGKILL);
  if (!wait_for_exit(state, 5000))
    throw virtlab::Error(virtlab::ExitCode::busy, "the init " + std::to_string(state.init.pid) + " did not die",
                         "is it stuck in the kernel (D state)? see /proc/" + std::to_string(state.init.pid) + "/stack");
  const std::vector<std::string> left = remove_runc_cgroup(state.cgroup_paths);
  run_later_hooks(store.dir(state.id), "poststop", state_document(state, ContainerStatus::stopped));
  store.remove(state.id);
  virtlab::explain("rm -r", store.dir(state.id), "0", "state directory removed [runc delete]");
  for (const std::string& dir : left) virtlab::explain("(kept)", dir, "busy", "a parent cgroup still in use");
}

// `start`'s end of the exec fifo: non-blocking, so an init that died meanwhile is noticed instead of waited for.
void release_init(const StateStore& store, const ContainerState& state) {
  virtlab::UniqueFd fifo(open(store.fifo(state.id).c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fifo.get() < 0) virtlab::throw_errno("open " + store.fifo(state.id));
  virtlab::explain("open", store.fifo(state.id) + " (O_RDONLY)", "0", "the init's open(O_WRONLY) returns");
  for (;;) {
    pollfd pfd{fifo.get(), POLLIN, 0};
    if (poll(&pfd, 1, 50) > 0 && (pfd.revents & POLLIN)) break;
    if (!live_init_stat(state.init.pid))
      throw virtlab::Error(virtlab::ExitCode::failure, "the container's init has exited before start",
                           "delete it and create it again");
  }
  char byte = 0;
  if (read(fifo.get(), &byte, 1) != 1) virtlab::throw_errno("read " + store.fifo(state.id));
  virtlab::explain("read", "exec.fifo", "1 byte", "the init goes on to execve process.args [runc start]");
  unlink(store.fifo(state.id).c_str());
}

}  // namespace

void runc_start(const RuncGlobals& globals, const std::string& id) {
  const StateStore store(globals.root);
  const ContainerState state = store.load(id);
  const ContainerStatus status = status_of(store, state);
  if (status != ContainerStatus::created)
    throw virtlab::Error(virtlab::ExitCode::busy,
                         "cannot start container " + id + ": it is " + std::string(to_string(status)),
                         "only a created container can be started; create it again", EINVAL);
  release_init(store, state);
  run_later_hooks(store.dir(id), "poststart", state_document(state, ContainerStatus::running));
}

virtlab::Json runc_state(const RuncGlobals& globals, const std::string& id) {
  const StateStore store(globals.root);
  const ContainerState state = store.load(id);
  return state_document(state, status_of(store, state));
}

void runc_kill(const RuncGlobals& globals, const std::string& id, const std::string& signal, bool all) {
  const int sig = parse_signal(signal);
  const StateStore store(globals.root);
  const ContainerState state = store.load(id);
  const ContainerStatus status = status_of(store, state);
  if (status == ContainerStatus::stopped)
    throw virtlab::Error(virtlab::ExitCode::failure, "container not running: " + id + " has stopped",
                         "nothing to signal; `delete " + id + "` removes it", ESRCH);
  if (all) kill_cgroup_members(state, sig);
  signal_init(state, sig);
}

void runc_delete(const RuncGlobals& globals, const std::string& id, bool force) {
  const StateStore store(globals.root);
  validate_container_id(id);
  if (access((store.dir(id) + "/state.json").c_str(), F_OK) != 0) {
    store.remove(id);  // an aborted create may have left the directory without state.json (runc does the same)
    if (force) return;
  }
  const ContainerState state = store.load(id);
  const ContainerStatus status = status_of(store, state);
  if (status == ContainerStatus::running && !force)
    throw virtlab::Error(virtlab::ExitCode::busy, "cannot delete container " + id + " that is not stopped: running",
                         "stop it first (kill " + id + " KILL) or use delete --force", EBUSY);
  destroy(store, state);
}

namespace {

// Until the container's process ends or a signal arrives (both fds are polled, so a signal that came before the
// wait is not missed).
void wait_for_exit_or_signal(int pidfd) {
  for (;;) {
    virtlab::InterruptGuard::throw_if_requested();
    pollfd fds[2] = {{pidfd, POLLIN, 0}, {virtlab::InterruptGuard::poll_fd(), POLLIN, 0}};
    if (poll(fds, 2, -1) < 0 && errno != EINTR) virtlab::throw_errno("poll on the init's pidfd");
    if (fds[0].revents & POLLIN) return;
  }
}

}  // namespace

int runc_run(const RuncGlobals& globals, const CreateOptions& options) {
  // Ctrl-C, SIGTERM or a reader that went away (SIGPIPE) from create to delete: the container goes, then its traces.
  const virtlab::InterruptGuard interrupts;
  const CreateResult created = runc_create(globals, options, true);
  virtlab::UniqueFd pidfd(created.init_pidfd);
  siginfo_t info{};
  try {
    virtlab::InterruptGuard::throw_if_requested();
    runc_start(globals, options.id);
    wait_for_exit_or_signal(pidfd.get());
    if (waitid(P_PIDFD, static_cast<id_t>(pidfd.get()), &info, WEXITED) != 0) virtlab::throw_errno("waitid");
  } catch (...) {
    syscall(SYS_pidfd_send_signal, pidfd.get(), SIGKILL, nullptr, 0);
    (void)waitid(P_PIDFD, static_cast<id_t>(pidfd.get()), &info, WEXITED);
    runc_delete(globals, options.id, true);
    throw;
  }
  runc_delete(globals, options.id, true);
  return info.si_code == CLD_EXITED ? info.si_status : 128 + info.si_status;
}

virtlab::Json runc_features() {
  virtlab::Json f = virtlab::Json::object();
  f["ociVersionMin"] = "1.0.0";
  f["ociVersionMax"] = "1.1.0";
  f["hooks"] = {"prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"};
  f["mountOptions"] = {"ro",       "rw",      "nosuid",      "suid",     "nodev",  "dev",     "noexec", "exec",
                       "bind",     "rbind",   "private",     "rprivate", "shared", "rshared", "slave",  "rslave",
                       "relatime", "noatime", "strictatime", "sync",     "async",  "remount"};
  virtlab::Json linux = virtlab::Json::object();
  linux["namespaces"] = {"cgroup", "ipc", "mount", "network", "pid", "user", "uts", "time"};
  linux["cgroup"] = {{"v1", true}, {"v2", true}, {"systemd", false}, {"systemdUser", false}};
  linux["seccomp"] = {{"enabled", true}};
  linux["apparmor"] = {{"enabled", false}};
  linux["selinux"] = {{"enabled", false}};
  f["linux"] = linux;
  f["annotations"] = {{"org.virtlab.runc.explain", "--explain writes every step into --log"}};
  return f;
}

}  // namespace virtlab::nsenter_lite
