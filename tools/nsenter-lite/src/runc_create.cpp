// `virtlab-runc create`: the parent's steps, in runc's order — bundle, state directory, seccomp, cgroup, exec fifo,
// clone into new namespaces, id maps, cgroup join, the init's setup (runc_init.cpp) relayed step by step — then the
// pid file and state.json. What a step made is undone when a later one fails, so a bad bundle leaves nothing.
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "container_run.hpp"
#include "nsenter_lite/oci_seccomp.hpp"
#include "nsenter_lite/runc.hpp"
#include "runc_cgroup.hpp"
#include "runc_hooks.hpp"
#include "runc_init.hpp"
#include "sync_socket.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/stale.hpp"
#include "virtlab/text.hpp"

namespace virtlab::nsenter_lite {

namespace fs = std::filesystem;

namespace {

// The init until `create` has recorded it: killed and reaped if a later step fails.
class InitGuard {
 public:
  InitGuard(pid_t pid, int pidfd) : pid_(pid), pidfd_(pidfd) {}
  ~InitGuard() {
    if (released_) return;
    syscall(SYS_pidfd_send_signal, pidfd_.get(), SIGKILL, nullptr, 0);
    siginfo_t info{};
    while (waitid(P_PIDFD, static_cast<id_t>(pidfd_.get()), &info, WEXITED) < 0 && errno == EINTR) {
    }
    virtlab::explain("pidfd_send_signal(SIGKILL) + waitid", "init pid " + std::to_string(pid_), "reaped",
                     "create failed: the half-made container goes");
  }
  InitGuard(const InitGuard&) = delete;
  InitGuard& operator=(const InitGuard&) = delete;
  pid_t pid() const noexcept { return pid_; }
  int pidfd() const noexcept { return pidfd_.get(); }
  int release() noexcept {
    released_ = true;
    return pidfd_.release();
  }

 private:
  pid_t pid_;
  virtlab::UniqueFd pidfd_;
  bool released_ = false;
};

// <root>/<id> until the container is recorded.
class StateDirGuard {
 public:
  StateDirGuard(const StateStore& store, std::string id) : store_(store), id_(std::move(id)) {}
  ~StateDirGuard() {
    if (kept_) return;
    try {
      store_.remove(id_);
    } catch (const virtlab::Error&) {
    }
  }
  StateDirGuard(const StateDirGuard&) = delete;
  StateDirGuard& operator=(const StateDirGuard&) = delete;
  void keep() noexcept { kept_ = true; }

 private:
  const StateStore& store_;
  std::string id_;
  bool kept_ = false;
};

struct CreateRun {
  CreateRun(const RuncGlobals& globals, const CreateOptions& options) : g(globals), o(options), store(globals.root) {}
  const RuncGlobals& g;
  const CreateOptions& o;
  StateStore store;
  std::string bundle;
  OciSpec spec;
  std::optional<virtlab::InterruptGuard> interrupts;
  std::optional<StateDirGuard> state_dir;
  std::unique_ptr<OciSeccompFilter> filter;
  RuncCgroup cgroup;
  bool born_in_cgroup = false;  // clone3 CLONE_INTO_CGROUP put the init in its cgroup2 directory
  virtlab::UniqueFd fifo, console, parent_sock, child_sock, self_pidfd;
  InitPlan plan;
  std::optional<InitGuard> init;
};

// The host id that the container's root (id 0) maps to; its own id when there is no mapping (no user namespace).
unsigned host_id_of_container_root(const std::vector<OciIdMapping>& maps, unsigned own) {
  if (maps.empty()) return own;
  for (const OciIdMapping& m : maps)
    if (m.container_id == 0 && m.size > 0) return m.host_id;
  return own;
}

std::string mode_text(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

// With a user namespace the init bind-mounts root.path as the container's root, a mapped host id: every directory
// on the way must let that id search it (a 0700 directory of the host's root stops it with EACCES inside the init).
void refuse_root_unreachable_by_mapped_root(const CreateRun& run) {
  const unsigned uid = host_id_of_container_root(run.spec.uid_mappings, 0);
  const unsigned gid = host_id_of_container_root(run.spec.gid_mappings, 0);
  if (uid == 0) return;
  std::string dir;
  for (const fs::path& part : fs::path(run.spec.root_path)) {
    dir = (fs::path(dir.empty() ? "/" : dir) / part).lexically_normal().string();
    struct stat st {};
    if (stat(dir.c_str(), &st) != 0) return;  // load_bundle's own checks name a missing path
    const bool searchable = (st.st_uid == uid   ? (st.st_mode & S_IXUSR)
                             : st.st_gid == gid ? (st.st_mode & S_IXGRP)
                                                : (st.st_mode & S_IXOTH)) != 0;
    if (!searchable)
      throw virtlab::Error(virtlab::ExitCode::permission,
                           "the container's root (host uid " + std::to_string(uid) +
                               ") cannot reach root.path: " + dir + " (mode " + mode_text(st.st_mode) + ", owner " +
                               std::to_string(st.st_uid) + ") is not searchable by it",
                           "chmod o+x " + dir + " (or chown the bundle to " + std::to_string(uid) +
                               "), as for runc with a user namespace",
                           EACCES);
  }
}

void load_bundle(CreateRun& run) {
  virtlab::Explain::instance().note("1. the bundle: config.json  [containerd/podman wrote it; runc reads it]");
  std::error_code ec;
  run.bundle = fs::absolute(run.o.bundle, ec).lexically_normal().string();
  while (run.bundle.size() > 1 && run.bundle.back() == '/') run.bundle.pop_back();
  run.spec = load_oci_bundle(run.bundle);
  virtlab::explain("read", run.bundle + "/config.json", "ociVersion " + run.spec.oci_version,
                   std::to_string(run.spec.mounts.size()) + " mounts, " + std::to_string(run.spec.namespaces.size()) +
                       " namespaces, process " + run.spec.process.args[0]);
  struct stat st {};
  if (stat(run.spec.root_path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw virtlab::Error(virtlab::ExitCode::not_found, "root.path " + run.spec.root_path + " is not a directory",
                         "unpack the image's root filesystem there (or fix root.path in config.json)", ENOENT);
  refuse_root_unreachable_by_mapped_root(run);
  if (run.spec.process.terminal && run.o.console_socket.empty())
    throw virtlab::Error(virtlab::ExitCode::usage, "process.terminal is true but no --console-socket was given",
                         "pass --console-socket PATH (the engine's pty receiver) or set terminal to false");
}

void reserve_state_dir(CreateRun& run) {
  run.interrupts.emplace();
  run.store.create_dir(run.o.id);
  run.state_dir.emplace(run.store, run.o.id);
  virtlab::explain("mkdir", run.store.dir(run.o.id), "0", "the container's state directory [runc: --root/<id>]");
}

void build_seccomp(CreateRun& run) {
  if (!run.spec.seccomp) return;
  run.filter = std::make_unique<OciSeccompFilter>(*run.spec.seccomp);
  virtlab::explain("seccomp_init + seccomp_rule_add", "linux.seccomp", std::to_string(run.filter->rules()) + " rules",
                   "the filter is built here and loaded by the init as (nearly) its last step");
}

void make_cgroup(CreateRun& run) {
  virtlab::Explain::instance().note("2. cgroup at linux.cgroupsPath  [runc: libcontainer/cgroups manager]");
  const std::string path = cgroup_path_for(run.spec.cgroups_path, run.o.id, run.g.systemd_cgroup);
  const virtlab::kernel::Limits limits = limits_from_resources(run.spec.resources, run.spec.not_applied);
  run.cgroup = RuncCgroup::create(virtlab::kernel::discover(), path, limits);
  for (const std::string& skipped : run.spec.not_applied) virtlab::explain("(not applied)", skipped, "-", "");
}

void make_exec_fifo(CreateRun& run) {
  const std::string path = run.store.fifo(run.o.id);
  if (mkfifo(path.c_str(), 0622) != 0) virtlab::throw_errno("mkfifo " + path);
  // The init opens it as the container's root: with a user namespace that is a mapped host id, which has no
  // rights over a file of the host's root (the umask left it 0600), so the fifo becomes that id's [runc: rootuid].
  const unsigned uid = host_id_of_container_root(run.spec.uid_mappings, geteuid());
  const unsigned gid = host_id_of_container_root(run.spec.gid_mappings, getegid());
  if (chown(path.c_str(), uid, gid) != 0) virtlab::throw_errno("chown " + path);
  if (uid != geteuid())
    virtlab::explain("chown", path, std::to_string(uid) + ":" + std::to_string(gid),
                     "the container's root (a mapped host id) may open it [runc]");
  run.fifo.reset(open(path.c_str(), O_PATH | O_CLOEXEC));
  if (run.fifo.get() < 0) virtlab::throw_errno("open " + path);
  virtlab::explain("mkfifo", path, "0", "the init blocks opening it until `start` opens the other end [runc]");
}

void connect_console(CreateRun& run) {
  if (run.o.console_socket.empty() || !run.spec.process.terminal) return;
  run.console = connect_console_socket(run.o.console_socket);
}

void open_sync_channel(CreateRun& run) {
  SyncSockets sockets =
      open_sync_sockets("sync channel: we say 'go', the init reports its steps, an error, or closes it when ready");
  run.parent_sock = std::move(sockets.parent);
  run.child_sock = std::move(sockets.child);
}

void fill_init_plan(CreateRun& run) {
  InitPlan& p = run.plan;
  const OciSpec& spec = run.spec;
  p.spec = &run.spec;
  p.base.sock = run.child_sock.get();
  p.base.explain = virtlab::explaining();
  p.base.root = spec.root_path;
  p.base.hostname = spec.hostname;
  p.base.keep_caps = spec.process.capabilities.bounding;
  p.base.rootless = spec.has_namespace(OciNamespaceType::user);  // device nodes are bind-mounted there
  p.base.seccomp = run.filter ? run.filter->ctx() : nullptr;
  p.fifo_fd = run.fifo.get();
  // The init's check that we still live after its PR_SET_PDEATHSIG (getppid() is 0 in its new pid namespace).
  run.self_pidfd.reset(static_cast<int>(syscall(SYS_pidfd_open, getpid(), 0)));
  if (run.self_pidfd.get() < 0) virtlab::throw_errno("pidfd_open of virtlab-runc itself");
  p.base.parent_pidfd = run.self_pidfd.get();
  for (const RuncCgroup::TasksFile& t : run.cgroup.v1_tasks()) p.v1_tasks.push_back({t.fd.get(), t.path});
  p.preserve_fds = run.o.preserve_fds;
  p.console_fd = run.console.get();
  auto is_new = [&](OciNamespaceType t) {
    return std::any_of(spec.namespaces.begin(), spec.namespaces.end(),
                       [t](const OciNamespace& n) { return n.type == t && n.path.empty(); });
  };
  p.new_mount_ns = is_new(OciNamespaceType::mount);
  p.new_user_ns = is_new(OciNamespaceType::user);
  p.new_cgroup_ns = is_new(OciNamespaceType::cgroup);
  p.new_time_ns = is_new(OciNamespaceType::time);
  ContainerState state;  // what the container's own hooks get; the init adds its pid and the status
  state.oci_version = spec.oci_version;
  state.id = run.o.id;
  state.bundle = run.bundle;
  state.rootfs = spec.root_path;
  state.annotations = spec.annotations;
  p.hook_state = state_document(state, ContainerStatus::creating).dump();
}

// A pid namespace given by path is joined here: setns(CLONE_NEWPID) changes only where our children are born.
void join_pid_namespace(const CreateRun& run) {
  for (const OciNamespace& ns : run.spec.namespaces) {
    if (ns.type != OciNamespaceType::pid || ns.path.empty()) continue;
    virtlab::UniqueFd fd = virtlab::open_or_throw(ns.path, O_RDONLY | O_CLOEXEC, "the pid namespace must exist");
    if (setns(fd.get(), CLONE_NEWPID) != 0) virtlab::throw_errno("setns " + ns.path + " (pid)");
    virtlab::explain("setns", ns.path + ", CLONE_NEWPID", "0", "the init is born in that pid namespace");
  }
}

// clone3 into the namespaces (and, given a cgroup2 directory, into that cgroup); the child becomes the init.
long clone3_init(CreateRun& run, int flags, int cgroup_fd, int& pidfd) {
  clone_args args{};
  args.flags = static_cast<std::uint64_t>(flags) | CLONE_PIDFD | (cgroup_fd >= 0 ? CLONE_INTO_CGROUP : 0);
  args.pidfd = reinterpret_cast<std::uint64_t>(&pidfd);
  args.exit_signal = SIGCHLD;
  args.cgroup = static_cast<std::uint64_t>(cgroup_fd >= 0 ? cgroup_fd : 0);
  const long child = syscall(SYS_clone3, &args, sizeof args);
  const int err = errno;
  if (child == 0) {
    run.parent_sock.reset();
    runc_init_main(run.plan);
  }
  virtlab::explain("clone3",
                   "flags " + virtlab::hex(static_cast<std::uint64_t>(flags)) + "|CLONE_PIDFD" +
                       (cgroup_fd >= 0 ? "|CLONE_INTO_CGROUP" : ""),
                   child < 0 ? virtlab::errno_result(err) : "pid " + std::to_string(child),
                   cgroup_fd >= 0 ? "the init starts in its namespaces and its cgroup2 directory; it waits for 'go'"
                                  : "the init starts in the namespaces config.json asks to be new; it waits for 'go'");
  errno = err;
  return child;
}

void clone_init(CreateRun& run) {
  virtlab::Explain::instance().note("3. clone the init into new namespaces  [runc: nsexec clone]");
  join_pid_namespace(run);
  const int flags = clone_flags_for(run.spec.namespaces);
  int pidfd = -1;
  long child = clone3_init(run, flags, run.cgroup.unified_fd(), pidfd);
  run.born_in_cgroup = child > 0 && run.cgroup.unified_fd() >= 0;
  // A kernel before 5.7 knows no CLONE_INTO_CGROUP (EINVAL, or E2BIG for the longer clone_args): join by writing.
  if (child < 0 && run.cgroup.unified_fd() >= 0 && (errno == EINVAL || errno == E2BIG || errno == ENOSYS))
    child = clone3_init(run, flags, -1, pidfd);
  const int err = errno;
  if (child < 0)
    throw virtlab::Error(namespace_refusal_code(err), "clone3 into new namespaces failed",
                         "needs root (CAP_SYS_ADMIN) and free namespace limits (sysctl user.max_*_namespaces)", err);
  run.child_sock.reset();
  run.init.emplace(static_cast<pid_t>(child), pidfd);
}

void write_id_maps(CreateRun& run) {
  if (!run.plan.new_user_ns) return;
  const std::string proc = "/proc/" + std::to_string(run.init->pid());
  for (const auto& [file, maps] :
       {std::pair{"/uid_map", &run.spec.uid_mappings}, std::pair{"/gid_map", &run.spec.gid_mappings}}) {
    std::string text;
    for (const OciIdMapping& m : *maps) text += id_map_line(m.container_id, m.host_id, m.size);
    virtlab::write_file(proc + file, text, "each range must be free on the host and at most 340 lines");
    virtlab::explain("write", proc + file, text.substr(0, text.find('\n')), "linux.uidMappings/gidMappings");
  }
}

// cgroup2: born there (else written now, which waits for a grace period); v1: the init moves itself first thing and
// says "joined" (runc_cgroup.hpp). The prestart and createRuntime hooks run before "go" and may look at the init's
// cgroups, so with those we wait for "joined"; without them the init's own order is enough (its join comes before
// any of its setup) and we spare a round trip.
void join_cgroup(CreateRun& run) {
  if (!run.born_in_cgroup) run.cgroup.add_to_unified(run.init->pid());
  const bool hooks_before_go = !run.spec.hooks.prestart.empty() || !run.spec.hooks.create_runtime.empty();
  if (!run.cgroup.v1_tasks().empty() && hooks_before_go) {
    const std::optional<Received> m = relay_steps(run.parent_sock.get(), Msg::joined);
    if (!m || m->header.type != Msg::joined) {
      ChildFailure f(!m || m->parts.empty() ? "the container's init ended before joining its cgroups" : m->parts[0],
                     m && m->parts.size() > 1 ? m->parts[1] : "", m ? m->header.err : 0);
      throw container_error(f, run.plan.new_user_ns);
    }
    virtlab::explain("recv", "sync channel", "joined",
                     "the init is in its cgroup in every hierarchy; its children will be too");
  }
  run.cgroup.close_join_fds();
}

bool init_has_exited(const CreateRun& run) {
  siginfo_t info{};
  return waitid(P_PIDFD, static_cast<id_t>(run.init->pidfd()), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid != 0;
}

// "go", then the init's steps until it closes the socket (ready) or reports a failure.
void relay_init_setup(CreateRun& run) {
  virtlab::Explain::instance().note("4. inside the init: mounts, pivot_root, user, caps, seccomp  [runc init]");
  send_msg(run.parent_sock.get(), Msg::go, 0, 0, {});
  if (const std::optional<Received> m = relay_steps(run.parent_sock.get())) {
    ChildFailure f(m->parts.empty() ? "init setup failed" : m->parts[0], m->parts.size() > 1 ? m->parts[1] : "",
                   m->header.err);
    throw container_error(f, run.plan.new_user_ns);
  }
  if (init_has_exited(run))
    throw virtlab::Error(virtlab::ExitCode::failure, "the container's init ended during its setup",
                         "run with --explain --log FILE to see the last step it took");
}

ContainerState container_state(const CreateRun& run) {
  ContainerState state;
  state.oci_version = run.spec.oci_version;
  state.id = run.o.id;
  state.bundle = run.bundle;
  state.rootfs = run.spec.root_path;
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  state.created = rfc3339_nano(now.tv_sec, now.tv_nsec);
  state.init.pid = run.init->pid();
  if (auto stat = virtlab::try_read_file("/proc/" + std::to_string(state.init.pid) + "/stat"))
    state.init.start_ticks = virtlab::parse_stat_start_ticks(*stat);
  state.annotations = run.spec.annotations;
  state.cgroup_paths = run.cgroup.made();
  return state;
}

// prestart and createRuntime: the init exists in its namespaces, nothing is mounted yet (docker's libnetwork hook
// finds the network namespace through the pid). poststart/poststop are kept for `start` and `delete`.
void run_create_hooks(CreateRun& run) {
  const OciHooks& hooks = run.spec.hooks;
  save_later_hooks(hooks, run.store.dir(run.o.id));
  if (hooks.prestart.empty() && hooks.create_runtime.empty()) return;
  virtlab::Explain::instance().note("the engine's hooks: prestart, createRuntime  [runc: hooks]");
  const virtlab::Json state = state_document(container_state(run), ContainerStatus::creating);
  run_hooks(hooks.prestart, "prestart", state);
  run_hooks(hooks.create_runtime, "createRuntime", state);
}

void record_container(CreateRun& run) {
  virtlab::Explain::instance().note("5. record it: state.json and the pid file  [the engine reads both]");
  const ContainerState state = container_state(run);
  run.store.save(state);
  virtlab::explain("write + rename", run.store.dir(run.o.id) + "/state.json", "0", "status: created");
  if (!run.o.pid_file.empty()) write_pid_file(run.o.pid_file, state.init.pid, "the engine learns the init's pid");
}

}  // namespace

CreateResult runc_create(const RuncGlobals& globals, const CreateOptions& options, bool keep_pidfd) {
  validate_container_id(options.id);
  CreateRun run(globals, options);
  load_bundle(run);
  reserve_state_dir(run);
  build_seccomp(run);
  make_cgroup(run);
  make_exec_fifo(run);
  connect_console(run);
  open_sync_channel(run);
  fill_init_plan(run);
  clone_init(run);
  write_id_maps(run);
  join_cgroup(run);
  run_create_hooks(run);
  relay_init_setup(run);
  record_container(run);
  run.state_dir->keep();
  run.cgroup.release();
  CreateResult result;
  result.init_pid = run.init->pid();
  const int pidfd = run.init->release();
  if (keep_pidfd)
    result.init_pidfd = pidfd;
  else
    close(pidfd);
  return result;
}

}  // namespace virtlab::nsenter_lite
