// The container runtime: parent (nsenter-lite = runc + shim) and child (the container's pid 1 before exec).
// Order follows crun/runc: socketpair → clone3 → parent writes uid/gid maps, joins the cgroup, plugs the veth
// → child: unshare(cgroup), / rprivate, overlay, bind rootfs, /proc /dev /sys, pivot_root, hostname, caps,
// no_new_privs, seccomp LAST, execve. When the parent has none of those jobs, the child is started like
// posix_spawn's (CLONE_VM|CLONE_VFORK) and reports into our memory instead of over the socket.
// This file holds the parent's setup steps and run_container, their sequence; the child's steps are in
// child_setup.cpp, the wait for the child in supervisor.cpp, the JSON report in container_report.cpp.
#include "nsenter_lite/container.hpp"

#include <fcntl.h>
#include <grp.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <filesystem>

#include "container_run.hpp"
#include "nsenter_lite/netlink.hpp"
#include "nsenter_lite/security.hpp"
#include "sync_socket.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/kernel/cgroup.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/stale.hpp"
#include "virtlab/text.hpp"

namespace virtlab::nsenter_lite {

namespace fs = std::filesystem;

namespace {

constexpr uid_t kRootlessHostId = 65534;  // "nobody": container root maps here when root asks for --rootless

// AddressSanitizer keeps a shadow of every stack frame; a child that runs on a buffer in our frame while we sleep
// (the vfork path) leaves its frames' poison there, and ASan then reports our own later reads as overflows. So a
// sanitizer build always starts the child the forking way (the same steps, over the socket).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kChildMayShareMemory = false;
#else
constexpr bool kChildMayShareMemory = true;
#endif

bool is_dir(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string read_sysctl(const char* path) {
  auto v = virtlab::try_read_file(path);
  return v ? std::string(virtlab::trim(*v)) : std::string();
}

// Why did clone/unshare say EPERM/ENOSPC? Name the capability or the sysctl (util-linux only says
// "Operation not permitted").
std::string namespace_denied_hint(bool userns, int err) {
  if (userns) {
    if (read_sysctl("/proc/sys/user/max_user_namespaces") == "0")
      return "user namespaces are disabled: sysctl -w user.max_user_namespaces=15000";
    if (read_sysctl("/proc/sys/kernel/unprivileged_userns_clone") == "0")
      return "unprivileged user namespaces are off: sysctl -w kernel.unprivileged_userns_clone=1";
    if (read_sysctl("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1")
      return "AppArmor restricts unprivileged user namespaces: sysctl -w "
             "kernel.apparmor_restrict_unprivileged_userns=0";
    if (err == ENOSPC) return "the user.max_user_namespaces (or a max_*_namespaces) limit is reached";
    return "creating a user namespace was refused (seccomp or LSM policy of the calling environment?)";
  }
  if (err == ENOSPC) return "a namespace limit is reached: raise sysctl user.max_<type>_namespaces";
  return "needs CAP_SYS_ADMIN: run as root, or use --rootless to create a user namespace first";
}

void check_run_options(const RunOptions& o, bool as_root) {
  if (o.argv.empty())
    throw virtlab::Error(virtlab::ExitCode::usage, "no command given", "put it after --: run --rootfs busybox -- sh");
  if (!as_root && !o.rootless)
    throw virtlab::Error(virtlab::ExitCode::permission,
                         "not root: creating mount, pid and network namespaces needs CAP_SYS_ADMIN",
                         "run as root, or add --rootless (a user namespace gives us that capability inside)", EPERM);
  if (!as_root && (o.cpu_cores || o.memory_bytes || o.pids_max || o.net == "veth"))
    throw virtlab::Error(virtlab::ExitCode::permission, "--cpu/--memory/--pids and --net veth need root on the host",
                         "run as root (host cgroups and host-side interfaces belong to the host)", EPERM);
  if (o.net != "none" && o.net != "veth")
    throw virtlab::Error(virtlab::ExitCode::usage, "unknown --net '" + o.net + "'", "use --net none or --net veth");
  if (o.hostname.empty() || o.hostname.size() > HOST_NAME_MAX)
    throw virtlab::Error(virtlab::ExitCode::usage,
                         "--hostname must have 1 to " + std::to_string(HOST_NAME_MAX) + " characters (got " +
                             std::to_string(o.hostname.size()) + ")",
                         "give a shorter name, e.g. --hostname web1", EINVAL);
}

// When the parent will have nothing to do between clone and exec (the vfork path), start making the network
// namespace now, on the other CPU (NetnsAhead).
void start_netns_ahead(ContainerRun& run) {
  if (run.parent_acts) return;
  run.netns_ahead = NetnsAhead::start();
  run.netns_made_ahead = run.netns_ahead != nullptr;
  if (!run.netns_made_ahead) return;
  virtlab::Explain::instance().note(
      "0. the network namespace, made ahead on the other CPU  [Kubernetes: CNI makes a pod's netns first]");
  virtlab::explain("clone", "CLONE_VM|CLONE_PIDFD|CLONE_CHILD_CLEARTID (a helper) → unshare(CLONE_NEWNET)",
                   "pid " + std::to_string(run.netns_ahead->pid()),
                   "the network namespace is made on the other CPU while we and the child do the rest; the "
                   "child joins it before mounting /sys");
}

std::string resolve_dir(const ContainerRun& run, const std::string& d, const char* what) {
  if (d == "busybox") return ensure_busybox_rootfs(run.o.cache_dir);
  std::error_code ec;
  auto abs = fs::absolute(d, ec).lexically_normal().string();
  if (!fs::exists(abs))
    throw virtlab::Error(virtlab::ExitCode::not_found, std::string(what) + " '" + d + "' does not exist",
                         "create it, or use --rootfs busybox for a ready-made one", ENOENT);
  if (!is_dir(abs))
    throw virtlab::Error(virtlab::ExitCode::usage, std::string(what) + " '" + d + "' is not a directory",
                         "pass a directory (an unpacked image layer), not a file or archive", ENOTDIR);
  while (abs.size() > 1 && abs.back() == '/') abs.pop_back();
  return abs;
}

// Layers (bottom → top) or a plain rootfs.
void resolve_root_and_layers(ContainerRun& run) {
  virtlab::Explain::instance().note("1. prepare the bundle: root filesystem and layers  [containerd]");
  if (!run.o.rootfs.empty()) run.rootfs = resolve_dir(run, run.o.rootfs, "root filesystem");
  if (!run.o.layers.empty()) {
    if (!run.rootfs.empty()) run.layers.push_back(run.rootfs);
    for (const auto& l : run.o.layers) run.layers.push_back(resolve_dir(run, l, "layer"));
  }
  if (run.rootfs.empty() && run.layers.empty())
    throw virtlab::Error(virtlab::ExitCode::usage, "no root filesystem",
                         "pass --rootfs DIR, --rootfs busybox or --layers L1:L2");
}

// The command must exist in the root it will see: with layers, the topmost layer that has it wins.
void resolve_exec_path(ContainerRun& run) {
  const std::string& command = run.o.argv[0];
  if (run.layers.empty()) {
    run.exec_path = resolve_command_in_root(run.rootfs, command);
  } else {
    for (auto it = run.layers.rbegin(); it != run.layers.rend() && run.exec_path.empty(); ++it) {
      try {
        run.exec_path = resolve_command_in_root(*it, command);
      } catch (const virtlab::Error&) {
      }
    }
    if (run.exec_path.empty())
      throw virtlab::Error(virtlab::ExitCode::not_found, "command '" + command + "' is in none of the layers",
                           "add a layer that has it (e.g. busybox as the bottom layer)", ENOENT);
  }
  virtlab::explain("openat2(RESOLVE_IN_ROOT)", command, run.exec_path,
                   "the command is looked up inside the container's root, symlinks included");
}

void build_security(ContainerRun& run) {
  if (run.spec.enabled) run.filter = std::make_unique<SeccompFilter>(run.spec, run.o.seccomp_watch);
  run.keep_caps = kept_capabilities(run.o.cap_drop);
}

// What SIGKILLed runs left of the kind we make (layer scratch here, cgroups in make_cgroup) goes before we make
// ours; a run that makes neither skips the readdirs.
void guard_against_interrupts(ContainerRun& run) {
  run.interrupts.emplace();
  if (run.as_root && !run.layers.empty()) virtlab::reap_stale({.cgroup_mounts = {}, .state_dirs = true});
  run.host_id = run.as_root ? kRootlessHostId : getuid();
  run.host_gid = run.as_root ? kRootlessHostId : getgid();
}

// --upper DIR: the delta is kept there; overlayfs's work dir must be on the same filesystem, next to it.
std::string make_kept_upper(ContainerRun& run, std::string& work) {
  std::error_code ec;
  std::string upper = fs::absolute(run.o.upper).lexically_normal().string();
  fs::create_directories(upper, ec);
  if (ec || !is_dir(upper))
    throw virtlab::Error(virtlab::ExitCode::usage, "upper dir '" + run.o.upper + "' is not a usable directory",
                         "pass a directory on a local filesystem (ext4, xfs, tmpfs)", ec.value());
  work = fs::path(upper).parent_path().string() + "/.nsenter-lite-work-" + std::to_string(getpid());
  run.upper_work_tree = ScopedTree(work);
  return upper;
}

// Overlay: upper ("delta") + work must be on one filesystem; merged is just a mount point.
void prepare_overlay_dirs(ContainerRun& run) {
  if (run.layers.empty()) {
    run.plan.root = run.rootfs;
    return;
  }
  // Named <pid>-<start time>: who finds it after a SIGKILL can tell its owner is gone (virtlab/stale.hpp).
  std::string base = (run.as_root ? std::string("/run/virtlab/nsenter-lite/") : std::string("/tmp/nsenter-lite-")) +
                     virtlab::owner_tag(virtlab::self_owner());
  std::error_code ec;
  fs::create_directories(base, ec);
  if (ec) throw virtlab::Error(virtlab::ExitCode::permission, "cannot create " + base, "run as root", ec.value());
  run.scratch = ScopedTree(base);
  std::string work = base + "/work";
  std::string upper = run.o.upper.empty() ? base + "/upper" : make_kept_upper(run, work);
  fs::create_directories(upper);
  fs::create_directories(work);
  fs::create_directories(base + "/merged");
  if (run.o.rootless && run.as_root) {
    (void)chown(upper.c_str(), run.host_id, run.host_gid);
    (void)chown(work.c_str(), run.host_id, run.host_gid);
  }
  virtlab::explain("mkdir", upper + " (upper), " + work + " (work), " + base + "/merged", "0",
                   "upper = the container's writable delta; work = overlayfs scratch, removed at exit");
  run.plan.layers = run.layers;
  run.plan.upper = upper;
  run.plan.work = work;
  run.plan.root = base + "/merged";
}

// cgroup (libs/kernel): created before the child exists, removed after it is gone. Only when a limit is asked:
// making and removing a cgroup in every v1 hierarchy is most of the cost of a start (runc always makes one).
// Without limits the container stays in our own cgroup, like unshare.
void make_cgroup(ContainerRun& run) {
  if (!run.as_root) return;
  virtlab::Explain::instance().note("2. cgroup  [runc: libcontainer/cgroups manager]");
  if (!run.wants_limits) {
    virtlab::explain("(no cgroup)", "-", "skipped",
                     "no --cpu/--memory/--pids limit asked: the container stays in nsenter-lite's own cgroup "
                     "(runc would still create one); give a limit to see mkdir + limit writes + cgroup.procs");
    return;
  }
  virtlab::kernel::Limits limits;
  limits.cpu_cores = run.o.cpu_cores;
  limits.memory_bytes = run.o.memory_bytes;
  limits.pids_max = run.o.pids_max;
  const virtlab::kernel::Hierarchy hierarchy = virtlab::kernel::discover();
  virtlab::kernel::reap_stale_cgroups(hierarchy);
  run.cgroup.emplace(virtlab::kernel::ScopedCgroup::create(
      hierarchy, "nsenter-lite-" + virtlab::owner_tag(virtlab::self_owner()), limits));
}

// The sync socket and its "go" exist so that we can act between clone and the child's setup: write the id maps
// (rootless), put the child in the cgroup, plug in the veth, take the seccomp notify fd. When none of that is
// asked, the child needs nothing from us: it shares our memory and we sleep until it execs, as posix_spawn does
// (CLONE_VM|CLONE_VFORK: no page tables copied, no copy-on-write faults in either process).
void open_sync_channel(ContainerRun& run) {
  if (!run.parent_acts) {
    run.plan.shared = &run.shared;
    return;
  }
  SyncSockets sockets =
      open_sync_sockets("sync channel: the parent says 'go', the child reports steps and errors [runc: sync pipe]");
  run.parent_sock = std::move(sockets.parent);
  run.child_sock = std::move(sockets.child);
}

void fill_child_plan(ContainerRun& run) {
  const RunOptions& o = run.o;
  ChildPlan& plan = run.plan;
  plan.sock = run.child_sock.get();
  plan.netns_ahead = run.netns_ahead.get();
  run.self_pidfd.reset(static_cast<int>(syscall(SYS_pidfd_open, getpid(), 0)));
  plan.parent_pidfd = run.self_pidfd.get();
  plan.explain = virtlab::explaining();
  plan.json = o.json;
  plan.rootless = o.rootless;
  plan.use_chroot = o.use_chroot;
  plan.hostname = o.hostname;
  plan.timens_offsets = timens_offsets_text(o.monotonic_offset, o.boottime_offset);
  plan.keep_caps = run.keep_caps;
  plan.seccomp = run.filter ? run.filter->ctx() : nullptr;
  plan.seccomp_notify = o.seccomp_watch && run.filter;
  plan.exec_path = run.exec_path;
  plan.argv = o.argv;
}

int clone_flags(const ContainerRun& run) {
  int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_PIDFD;
  if (!run.netns_made_ahead) flags |= CLONE_NEWNET;
  if (run.o.rootless) flags |= CLONE_NEWUSER;
  return flags;
}

std::string clone_flag_text(const ContainerRun& run) {
  std::string text = "CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWPID";
  if (!run.netns_made_ahead) text += "|CLONE_NEWNET";
  if (run.o.rootless) text = "CLONE_NEWUSER|" + text;
  return text;
}

// Root asking for --rootless: create the user namespace as uid/gid 65534 with no supplementary groups, so the
// namespace is owned by nobody, exactly as if an unprivileged user had made it. `back` restores our ids after.
void switch_ids_for_rootless_clone(const ContainerRun& run, bool back) {
  if (!run.o.rootless || !run.as_root) return;
  if (back) {
    (void)setresuid(-1, 0, -1);
    (void)setresgid(-1, 0, -1);
    return;
  }
  if (setgroups(0, nullptr) != 0 || setresgid(-1, run.host_gid, -1) != 0 || setresuid(-1, run.host_id, -1) != 0)
    virtlab::throw_errno("cannot drop to uid " + std::to_string(run.host_id) + " for --rootless");
}

// vfork path: the child runs child_main in our memory while we sleep; fork path: clone3, the child waits for "go".
long start_child(ContainerRun& run, int* pidfd, int* clone_err) {
  long child = -1;
  if (run.plan.shared) {
    child = clone_vfork(run.plan, clone_flags(run), pidfd);
    *clone_err = errno;
    // The child has exec'd or died, so it joined or gave up: the helper is ending. Reaped here or, if it has not
    // quite ended, as soon as the supervisor's poll sees its pidfd (not at the container's exit).
    if (run.netns_ahead && run.netns_ahead->try_reap()) run.netns_ahead.reset();
    return child;
  }
  clone_args args{};
  args.flags = static_cast<std::uint64_t>(clone_flags(run));
  args.pidfd = reinterpret_cast<std::uint64_t>(pidfd);
  args.exit_signal = SIGCHLD;
  child = syscall(SYS_clone3, &args, sizeof args);
  *clone_err = errno;
  if (child == 0) {
    run.parent_sock.reset();
    child_main(run.plan);
  }
  return child;
}

void clone_child(ContainerRun& run) {
  virtlab::Explain::instance().note("3. clone into new namespaces  [runc: nsexec clone]");
  switch_ids_for_rootless_clone(run, false);
  if (run.o.json) run.clone_time = now_seconds();
  int pidfd = -1, clone_err = 0;
  const long child = start_child(run, &pidfd, &clone_err);
  switch_ids_for_rootless_clone(run, true);
  const std::string flag_text = clone_flag_text(run);
  const bool vfork = run.plan.shared != nullptr;
  const std::string clone_call = vfork ? "clone" : "clone3";
  virtlab::explain(clone_call, flag_text + (vfork ? "|CLONE_PIDFD|CLONE_VM|CLONE_VFORK" : "|CLONE_PIDFD"),
                   child < 0 ? virtlab::errno_result(clone_err) : "pid " + std::to_string(child),
                   vfork ? "the child starts life in new namespaces as pid 1 of its pid namespace, sharing our "
                           "memory until it execs while we sleep (vfork): nothing to copy, no go signal needed"
                         : "the child starts life in new namespaces; it is pid 1 in its pid namespace");
  if (child < 0)
    throw virtlab::Error(namespace_refusal_code(clone_err), clone_call + "(" + flag_text + ") failed",
                         namespace_denied_hint(run.o.rootless, clone_err), clone_err);
  run.child_sock.reset();
  run.child.emplace(static_cast<pid_t>(child), pidfd);
  run.result.host_pid = run.child->pid();
  // The vfork child wrote its namespace links into `shared`; a forked child sends them before it execs.
  if (vfork) run.namespaces = std::move(run.shared.namespaces);
}

void write_id_map(const std::string& path, const std::string& line, const std::string& meaning) {
  virtlab::write_file(path, line);
  virtlab::explain("write", path, line.substr(0, line.size() - 1), meaning);
}

void write_id_maps(ContainerRun& run) {
  if (!run.o.rootless) return;
  virtlab::Explain::instance().note("4. user namespace id maps  [runc: parent writes uid_map/gid_map]");
  const std::string proc_dir = "/proc/" + std::to_string(run.child->pid());
  virtlab::write_file(proc_dir + "/setgroups", "deny");
  virtlab::explain("write", proc_dir + "/setgroups", "deny",
                   "must come before gid_map: otherwise an unprivileged mapper could drop groups it is denied by");
  write_id_map(proc_dir + "/uid_map", id_map_line(0, run.host_id, 1),
               "uid 0 inside = uid " + std::to_string(run.host_id) + " outside");
  write_id_map(proc_dir + "/gid_map", id_map_line(0, run.host_gid, 1),
               "gid 0 inside = gid " + std::to_string(run.host_gid) + " outside");
}

void join_cgroup(ContainerRun& run) {
  if (!run.cgroup) return;
  run.cgroup->add_process(run.child->pid());
  virtlab::explain("write", "cgroup.procs in " + run.cgroup->relative_path(), std::to_string(run.child->pid()),
                   "the container and all its future children are accounted and limited here");
}

void plug_veth(ContainerRun& run) {
  if (run.o.net != "veth") return;
  virtlab::Explain::instance().note("5. network: veth pair, one end into the container  [docker/CNI bridge plugin]");
  const pid_t pid = run.child->pid();
  std::string host_end = run.o.veth_name.empty() ? "vl-c" + std::to_string(pid) : run.o.veth_name;
  NetlinkSocket host_sk;
  create_veth(host_sk, host_end, "eth0", pid);
  run.veth = ScopedLink(host_end);
  auto [host_ip, cont_ip] = veth_addresses(pid);
  add_address(host_sk, host_end, host_ip);
  set_up(host_sk, host_end);
  virtlab::UniqueFd netns = virtlab::open_or_throw("/proc/" + std::to_string(pid) + "/ns/net", O_RDONLY);
  auto cont_sk = NetlinkSocket::in_netns(netns.get());
  set_up(cont_sk, "lo");
  add_address(cont_sk, "eth0", cont_ip);
  set_up(cont_sk, "eth0");
  run.network = {{"host_interface", host_end},
                 {"container_interface", "eth0"},
                 {"host_address", host_ip},
                 {"container_address", cont_ip}};
}

// The child's own steps: replayed from its report (vfork: it has exec'd already), or started with "go".
void let_child_run(ContainerRun& run) {
  virtlab::Explain::instance().note(
      "6. inside the child: mounts, pivot_root, hostname, caps, seccomp, exec  [runc init]");
  if (run.plan.shared) {
    for (auto& [call, target, res, meaning] : run.shared.steps) virtlab::explain(call, target, res, meaning);
    if (run.shared.failure) run.child_error = container_error(*run.shared.failure, run.o.rootless);
  } else {
    send_msg(run.parent_sock.get(), Msg::go, 0, 0, {});
    virtlab::explain("sendmsg", "go", "0", "the child may now build its root and exec");
  }
}

}  // namespace

ScopedTree::~ScopedTree() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
  virtlab::explain("unlinkat/rmdir (recursive)", path_, ec ? virtlab::errno_result(ec.value()) : "0",
                   "overlay work dir and temporary layers removed");
}

ChildGuard::~ChildGuard() {
  if (reaped_ || pid_ <= 0) return;
  syscall(SYS_pidfd_send_signal, pidfd_.get(), SIGKILL, nullptr, 0);
  siginfo_t info{};
  while (waitid(P_PIDFD, static_cast<id_t>(pidfd_.get()), &info, WEXITED) < 0 && errno == EINTR) {
  }
  virtlab::explain("pidfd_send_signal(SIGKILL) + waitid", "container pid " + std::to_string(pid_), "reaped",
                   "killing pid 1 of a pid namespace kills every process in it");
}

ContainerRun::ContainerRun(const RunOptions& options)
    : o(options),
      as_root(geteuid() == 0),
      spec(parse_seccomp_spec(options.seccomp)),
      wants_limits(options.cpu_cores || options.memory_bytes || options.pids_max),
      parent_acts(options.rootless || wants_limits || options.net == "veth" ||
                  (options.seccomp_watch && spec.enabled) || !kChildMayShareMemory) {}

std::string seccomp_pfc_for(const std::string& spec_text) {
  auto spec = parse_seccomp_spec(spec_text);
  if (!spec.enabled) return "# --seccomp none: no filter is loaded\n";
  SeccompFilter filter(spec, false);
  return filter.pfc();
}

RunResult run_container(const RunOptions& o) {
  check_run_options(o, geteuid() == 0);
  ContainerRun run(o);
  start_netns_ahead(run);
  resolve_root_and_layers(run);
  resolve_exec_path(run);
  build_security(run);
  guard_against_interrupts(run);
  prepare_overlay_dirs(run);
  make_cgroup(run);
  open_sync_channel(run);
  fill_child_plan(run);
  clone_child(run);
  write_id_maps(run);
  join_cgroup(run);
  plug_veth(run);
  let_child_run(run);
  supervise(run);
  if (run.child_error) throw *run.child_error;
  if (o.json) run.result.report = container_report(run);
  return std::move(run.result);
}

}  // namespace virtlab::nsenter_lite
