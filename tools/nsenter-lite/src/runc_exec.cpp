// `virtlab-runc exec`: a helper joins the container's cgroup and namespaces (setns on the init's pidfd), then clones
// the new process as our child (CLONE_PARENT, so it is born in the pid namespace and we — or the engine, after
// --detach — reap it); that process runs the process part of the init's steps (runc_init.cpp) and execs [runc exec].
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "container_run.hpp"
#include "nsenter_lite/oci_seccomp.hpp"
#include "nsenter_lite/runc.hpp"
#include "runc_init.hpp"
#include "sync_socket.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/stale.hpp"

namespace virtlab::nsenter_lite {

namespace {

// The container's cgroup as the exec joins it without an RCU grace period (runc_cgroup.hpp): the helper is born in
// the cgroup2 leaf (clone3 CLONE_INTO_CGROUP, before any setns) and writes "0" to each v1 leaf's `tasks`.
struct ExecCgroup {
  virtlab::UniqueFd unified;  // O_PATH fd of the cgroup2 leaf, or empty
  std::string unified_leaf;
  std::vector<std::string> v1_leaves;
};

struct ExecRun {
  ExecRun(const RuncGlobals& globals, const ExecOptions& options) : o(options), store(globals.root) {}
  const ExecOptions& o;
  StateStore store;
  ContainerState state;
  OciSpec spec;  // the container's config.json with process replaced by the exec's
  std::unique_ptr<OciSeccompFilter> filter;
  virtlab::UniqueFd init_pidfd, parent_sock, child_sock, console, pid_read, pid_write;
  InitPlan plan;
  ExecCgroup cgroup;
  bool born_in_cgroup = false;  // the helper came from clone3 CLONE_INTO_CGROUP
  pid_t pid = -1;
};

// The OCI process object (--process FILE, or built from the command line) read by the config.json parser.
OciProcess read_process(const ExecRun& run) {
  virtlab::Json process;
  if (!run.o.process_file.empty()) {
    process = virtlab::Json::parse(virtlab::read_file(run.o.process_file), nullptr, false);
  } else {
    if (run.o.args.empty())
      throw virtlab::Error(virtlab::ExitCode::usage, "exec needs a command", "virtlab-runc exec ID CMD [ARG…]");
    std::vector<std::string> env = run.o.env;
    env.insert(env.begin(), "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    process = {
        {"args", run.o.args}, {"env", env}, {"cwd", run.o.cwd.empty() ? "/" : run.o.cwd}, {"terminal", run.o.tty}};
    if (!run.o.user.empty()) {
      const std::size_t colon = run.o.user.find(':');
      process["user"] = {{"uid", std::stoul(run.o.user.substr(0, colon))},
                         {"gid", colon == std::string::npos ? 0 : std::stoul(run.o.user.substr(colon + 1))}};
    }
  }
  const virtlab::Json wrapper = {
      {"ociVersion", "1.0.2"}, {"process", process}, {"root", {{"path", "/"}}}, {"linux", virtlab::Json::object()}};
  return parse_oci_spec(wrapper.dump()).process;
}

void load_container(ExecRun& run) {
  virtlab::Explain::instance().note("1. the container: state.json, its config.json, the exec's process  [runc exec]");
  run.state = run.store.load(run.o.id);
  run.init_pidfd.reset(static_cast<int>(syscall(SYS_pidfd_open, run.state.init.pid, 0)));
  if (run.init_pidfd.get() < 0 || virtlab::owner_state(run.state.init) != virtlab::OwnerState::alive ||
      access(run.store.fifo(run.o.id).c_str(), F_OK) == 0)
    throw virtlab::Error(virtlab::ExitCode::busy, "cannot exec in container " + run.o.id + ": it is not running",
                         "start it first (exec needs a running container)", ESRCH);
  run.spec = load_oci_bundle(run.state.bundle);
  const bool caps_given = !run.o.process_file.empty();
  const OciCapabilities container_caps = run.spec.process.capabilities;
  run.spec.process = read_process(run);
  if (!caps_given) run.spec.process.capabilities = container_caps;
  add_exec_extras(run.spec.process, run.o.caps, run.o.additional_gids);
  if (run.spec.seccomp) run.filter = std::make_unique<OciSeccompFilter>(*run.spec.seccomp);
  virtlab::explain("read", run.state.bundle + "/config.json", "0",
                   "the exec gets the container's seccomp filter; process " + run.spec.process.args[0]);
}

void open_channels(ExecRun& run) {
  int sv[2], pipe_fds[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0 || pipe2(pipe_fds, O_CLOEXEC) != 0)
    virtlab::throw_errno("socketpair/pipe2 for exec");
  run.parent_sock.reset(sv[0]);
  run.child_sock.reset(sv[1]);
  run.pid_read.reset(pipe_fds[0]);
  run.pid_write.reset(pipe_fds[1]);
  if (!run.o.console_socket.empty() && run.spec.process.terminal)
    run.console = connect_console_socket(run.o.console_socket);
  InitPlan& p = run.plan;
  p.spec = &run.spec;
  p.base.sock = run.child_sock.get();
  p.base.explain = virtlab::explaining();
  p.base.seccomp = run.filter ? run.filter->ctx() : nullptr;
  p.console_fd = run.console.get();
  p.preserve_fds = run.o.preserve_fds;
  p.base.keep_caps = run.spec.process.capabilities.bounding;
}

// The leaves among the directories state.json lists (none of the others below them), cgroup2's told apart by statfs.
ExecCgroup open_exec_cgroup(const ContainerState& state) {
  ExecCgroup cg;
  for (const std::string& dir : state.cgroup_paths) {
    const bool leaf = std::none_of(state.cgroup_paths.begin(), state.cgroup_paths.end(), [&](const std::string& d) {
      return d.size() > dir.size() && d.rfind(dir + "/", 0) == 0;
    });
    struct statfs fs {};
    if (!leaf || statfs(dir.c_str(), &fs) != 0) continue;
    if (fs.f_type != CGROUP2_SUPER_MAGIC) {
      cg.v1_leaves.push_back(dir);
      continue;
    }
    cg.unified_leaf = dir;
    cg.unified = virtlab::open_or_throw(dir, O_PATH | O_DIRECTORY, "the container's cgroup must still exist");
  }
  return cg;
}

// The init's namespaces; its user namespace only when it is not ours (setns refuses to "join" one's own).
int namespace_flags(const ExecRun& run) {
  int flags = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWPID | CLONE_NEWCGROUP;
  struct stat ours {
  }, theirs{};
  const std::string user = "/proc/" + std::to_string(run.state.init.pid) + "/ns/user";
  if (stat("/proc/self/ns/user", &ours) == 0 && stat(user.c_str(), &theirs) == 0 && ours.st_ino != theirs.st_ino)
    flags |= CLONE_NEWUSER;
  return flags;
}

// The helper: the cgroup while it still sees the host's /sys/fs/cgroup, then every namespace at once, then the
// process as a sibling. Writes its pid to the pipe and ends.
[[noreturn]] void helper_main(ExecRun& run, int flags) noexcept {
  const ChildContext c(run.plan.base);
  try {
    if (!run.born_in_cgroup && !run.cgroup.unified_leaf.empty()) {  // no CLONE_INTO_CGROUP: the slow write
      const std::string self = std::to_string(getpid());
      const int fd = open((run.cgroup.unified_leaf + "/cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC);
      c.step("write", run.cgroup.unified_leaf + "/cgroup.procs",
             fd < 0 || write(fd, self.data(), self.size()) < 0 ? -1 : 0,
             "the exec'd process is limited with the container");
      close(fd);
    }
    for (const std::string& leaf : run.cgroup.v1_leaves) {  // our one thread: no rwsem, no grace period
      const int fd = open((leaf + "/tasks").c_str(), O_WRONLY | O_CLOEXEC);
      c.step("write", leaf + "/tasks \"0\"", fd < 0 || write(fd, "0", 1) < 0 ? -1 : 0,
             &leaf == &run.cgroup.v1_leaves.front() ? "the helper moves itself into the container's v1 cgroups" : "");
      close(fd);
    }
    c.step("setns", "pidfd of the init, every namespace", setns(run.init_pidfd.get(), flags),
           "join all of the container's namespaces in one call (setns on a pidfd)");
    clone_args args{};
    args.flags = CLONE_PARENT;
    args.exit_signal = 0;  // CLONE_PARENT: the exit signal is the parent's choice of ours, SIGCHLD
    const long pid = syscall(SYS_clone3, &args, sizeof args);
    if (pid == 0) runc_exec_main(run.plan);
    c.step("clone3", "CLONE_PARENT", pid < 0 ? -1 : 0, "born in the container's pid namespace, our sibling");
    const pid_t child = static_cast<pid_t>(pid);
    (void)!write(run.pid_write.get(), &child, sizeof child);
  } catch (const ChildFailure& f) {
    c.fail(f);
  }
  _exit(0);
}

// Like fork, but born in the container's cgroup2 leaf when there is one (a kernel before 5.7 gets a plain clone and
// the helper writes cgroup.procs).
pid_t clone_helper(ExecRun& run) {
  clone_args args{};
  args.exit_signal = SIGCHLD;
  run.born_in_cgroup = static_cast<bool>(run.cgroup.unified);
  if (run.born_in_cgroup) {
    args.flags = CLONE_INTO_CGROUP;
    args.cgroup = static_cast<std::uint64_t>(run.cgroup.unified.get());
  }
  long pid = syscall(SYS_clone3, &args, sizeof args);
  if (pid < 0 && run.born_in_cgroup && (errno == EINVAL || errno == E2BIG || errno == ENOSYS)) {
    run.born_in_cgroup = false;
    args.flags = args.cgroup = 0;
    pid = syscall(SYS_clone3, &args, sizeof args);
  }
  if (pid == 0) return 0;
  const int err = errno;
  virtlab::explain("clone3", run.born_in_cgroup ? "CLONE_INTO_CGROUP " + run.cgroup.unified_leaf : "(fork)",
                   pid < 0 ? virtlab::errno_result(err) : "pid " + std::to_string(pid),
                   "the helper; it joins the v1 cgroups and the namespaces, then clones the process");
  errno = err;
  if (pid < 0) virtlab::throw_errno("clone3 (exec's helper)");
  return static_cast<pid_t>(pid);
}

void spawn(ExecRun& run) {
  virtlab::Explain::instance().note("2. join the container and start the process  [runc: nsexec setns]");
  const int flags = namespace_flags(run);
  run.cgroup = open_exec_cgroup(run.state);
  const pid_t helper = clone_helper(run);
  if (helper == 0) helper_main(run, flags);
  run.child_sock.reset();
  run.pid_write.reset();
  int status = 0;
  while (waitpid(helper, &status, 0) < 0 && errno == EINTR) {
  }
  if (read(run.pid_read.get(), &run.pid, sizeof run.pid) != sizeof run.pid) run.pid = -1;
}

void kill_process(const ExecRun& run) {
  if (run.pid <= 0) return;
  kill(run.pid, SIGKILL);
  (void)waitpid(run.pid, nullptr, 0);
}

// The steps of the helper and the process until the socket closes at execve, or a failure.
void relay(ExecRun& run) {
  if (const std::optional<Received> m = relay_steps(run.parent_sock.get())) {
    kill_process(run);
    throw container_error(ChildFailure(m->parts.empty() ? "exec failed" : m->parts[0],
                                       m->parts.size() > 1 ? m->parts[1] : "", m->header.err),
                          false);
  }
  if (run.pid <= 0)
    throw virtlab::Error(virtlab::ExitCode::failure, "the exec's process was not started",
                         "run with --explain to see the step that failed");
}

}  // namespace

int runc_exec(const RuncGlobals& globals, const ExecOptions& options) {
  ExecRun run(globals, options);
  load_container(run);
  open_channels(run);
  spawn(run);
  relay(run);
  if (!options.pid_file.empty()) write_pid_file(options.pid_file, run.pid, "the engine learns the process's pid");
  if (options.detach) return 0;  // the engine (a subreaper) reaps it
  int status = 0;
  while (waitpid(run.pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace virtlab::nsenter_lite
