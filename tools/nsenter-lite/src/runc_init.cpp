// virtlab-runc's init (runc_init.hpp): one function per step, run in runc's order (libcontainer's
// linux_standard_init) by runc_init_main. Steps nsenter-lite's child has too come from child_setup.cpp.
#include "runc_init.hpp"

#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/close_range.h>
#include <linux/openat2.h>
#include <pty.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <string>
#include <vector>

#include "nsenter_lite/runc.hpp"
#include "nsenter_lite/security.hpp"
#include "runc_hooks.hpp"
#include "sync_socket.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/kernel/cgroup_hierarchy.hpp"
#include "virtlab/text.hpp"

namespace virtlab::nsenter_lite {

namespace fs = std::filesystem;

namespace {

// Namespaces given by path (a pod's network namespace, another container's ipc): joined before anything is
// mounted, the user namespace first (it owns the others). The pid namespace was joined by `create` before clone.
void join_given_namespaces(const ChildContext& c, const InitPlan& ip) {
  for (int pass = 0; pass < 2; ++pass) {
    for (const OciNamespace& ns : ip.spec->namespaces) {
      if (ns.path.empty() || ns.type == OciNamespaceType::pid) continue;
      if ((ns.type == OciNamespaceType::user) != (pass == 0)) continue;
      const int fd = open(ns.path.c_str(), O_RDONLY | O_CLOEXEC);
      const int rc = fd < 0 ? -1 : setns(fd, oci_namespace_clone_flag(ns.type));
      const int err = errno;
      if (fd >= 0) close(fd);
      errno = err;
      c.step("setns", ns.path + ", " + std::string(oci_namespace_name(ns.type)), rc,
             "join the namespace config.json names by path [runc: nsexec setns]",
             "the path must be a namespace file (/proc/PID/ns/* or a bind mount of one) that still exists");
    }
  }
}

// Our v1 cgroups, before anything else: "0" in `tasks` moves the writing thread — our only one — and for that the
// kernel takes no cgroup_threadgroup_rwsem, so no RCU grace period (the parent writing our pid would wait for one).
// The cgroup2 part was done at birth (CLONE_INTO_CGROUP). Then `create` hears "joined" and goes on.
void join_v1_cgroups(const ChildContext& c, const InitPlan& ip) {
  if (ip.v1_tasks.empty()) return;
  for (const TasksJoin& t : ip.v1_tasks) {
    const int rc = write(t.fd, "0", 1) == 1 ? 0 : -1;
    c.step("write", t.path + " \"0\"", rc,
           &t == &ip.v1_tasks.front() ? "the init moves itself into its v1 cgroups: no grace period to wait for" : "",
           "the container's cgroup must still exist (was it removed meanwhile?)");
    close(t.fd);
  }
  send_msg(ip.base.sock, Msg::joined, 0, 0, {});
}

void become_root_in_user_namespace(const ChildContext& c, const InitPlan& ip) {
  if (!ip.new_user_ns) return;
  c.step("setresgid", "0, 0, 0", setresgid(0, 0, 0), "gid 0 inside = linux.gidMappings' host gid");
  c.step("setresuid", "0, 0, 0", setresuid(0, 0, 0), "uid 0 inside = linux.uidMappings' host uid [runc: userns]");
}

void make_new_cgroup_and_time_namespaces(const ChildContext& c, const InitPlan& ip) {
  if (ip.new_cgroup_ns) unshare_cgroup(c);
  if (ip.new_time_ns)
    c.step("unshare", "CLONE_NEWTIME", unshare(CLONE_NEWTIME),
           "a time namespace, entered at execve (no offsets: linux.timeOffsets is not supported)");
}

int open_in_root(int root_fd, const std::string& path, int flags) {
  open_how how{};
  how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
  how.resolve = RESOLVE_IN_ROOT;
  return static_cast<int>(syscall(SYS_openat2, root_fd, path.empty() ? "/" : path.c_str(), &how, sizeof how));
}

std::deque<std::string> path_components(const std::string& path) {
  std::deque<std::string> parts;
  for (std::size_t at = 0; at <= path.size();) {
    const std::size_t slash = std::min(path.find('/', at), path.size());
    std::string part = path.substr(at, slash - at);
    if (!part.empty() && part != ".") parts.push_back(std::move(part));
    at = slash + 1;
  }
  return parts;
}

std::string joined_path(const std::vector<std::string>& parts) {
  std::string path;
  for (const std::string& part : parts) path += "/" + part;
  return path;
}

// One component of a mount point: a symlink is replaced by its target's components (an absolute target starts again
// at the root), anything else is made (EEXIST: already there) and appended to `made`. False with errno on failure.
bool make_component(int root_fd, std::vector<std::string>& made, std::deque<std::string>& todo, bool file, int& links) {
  std::string part = std::move(todo.front());
  todo.pop_front();
  if (part == "..") {
    if (!made.empty()) made.pop_back();  // never above the root
    return true;
  }
  const UniqueFd parent(open_in_root(root_fd, joined_path(made), O_PATH | O_DIRECTORY));
  if (!parent) return false;
  std::string target(PATH_MAX, '\0');
  const ssize_t length = readlinkat(parent.get(), part.c_str(), target.data(), target.size());
  if (length >= 0) {
    if (++links > 40) return errno = ELOOP, false;
    target.resize(static_cast<std::size_t>(length));
    if (target.front() == '/') made.clear();
    std::deque<std::string> replacement = path_components(target);
    todo.insert(todo.begin(), replacement.begin(), replacement.end());
    return true;
  }
  const bool make_file = file && todo.empty();
  const int fd = make_file
                     ? openat(parent.get(), part.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644)
                     : mkdirat(parent.get(), part.c_str(), 0755);
  if (make_file && fd >= 0) close(fd);
  made.push_back(std::move(part));
  return true;
}

// The mount point must exist inside the root: a directory, or an empty file when a file is bind-mounted
// (/etc/hosts, /etc/resolv.conf from the engine). Symlinks on the way are followed by hand with the root as "/",
// so one in the image (abs -> /etc, dots -> ../../..) makes the point inside the root, never on the host; the final
// open (openat2 RESOLVE_IN_ROOT) gives the fd whose /proc/self/fd/N the mount goes to, as runc's securejoin does
// (CVE-2021-30465). An empty fd (errno set) when a component cannot be made.
UniqueFd open_mount_point(int root_fd, const std::string& destination, bool file) {
  std::deque<std::string> todo = path_components(destination);
  std::vector<std::string> made;
  int links = 0;
  while (!todo.empty())
    if (!make_component(root_fd, made, todo, file, links)) return {};
  return UniqueFd(open_in_root(root_fd, joined_path(made), O_PATH));
}

std::string fd_path(const UniqueFd& fd) {
  return "/proc/self/fd/" + std::to_string(fd.get());
}

// A `cgroup` mount on a pure v2 host is the cgroup2 hierarchy (with a new cgroup namespace it shows the container's
// cgroup as its root); on v1 and hybrid hosts mount_cgroup_tree makes runc's v1 layout instead.
std::string mount_type_for(const OciMount& m) {
  return m.type == "cgroup" ? "cgroup2" : m.type;
}

// The mount point opened inside the root (open_mount_point); its --explain line names the destination.
UniqueFd open_mount_point_step(const ChildContext& c, int root_fd, const OciMount& m, bool bind, const char* meaning) {
  struct stat st {};
  const bool file_source = bind && stat(m.source.c_str(), &st) == 0 && !S_ISDIR(st.st_mode);
  UniqueFd point = open_mount_point(root_fd, m.destination, file_source);
  c.step("openat2", m.destination + (file_source ? " (file)" : "") + ", RESOLVE_IN_ROOT", point ? 0 : -1, meaning,
         "the mount point could not be made inside the root filesystem");
  return point;
}

// The host's hierarchies as this process sees them (the mount table is still the host's copy: before pivot_root).
virtlab::kernel::Hierarchy host_cgroup_hierarchy() {
  const auto mountinfo = virtlab::try_read_file("/proc/self/mountinfo");
  const auto proc_cgroups = virtlab::try_read_file("/proc/cgroups");
  if (!mountinfo || !proc_cgroups) return {};
  return virtlab::kernel::build_hierarchy(*mountinfo, *proc_cgroups, "");
}

// Our cgroups, one row per hierarchy: /proc/self/cgroup read once for all of them.
std::vector<virtlab::kernel::MembershipRow> own_cgroups() {
  const auto text = virtlab::try_read_file("/proc/self/cgroup");
  return virtlab::kernel::parse_proc_pid_cgroup(text ? *text : "");
}

// Our cgroup in `hierarchy`, as /proc/self/cgroup names it (relative to the cgroup namespace's root).
std::string own_cgroup_path(const std::vector<virtlab::kernel::MembershipRow>& own,
                            const virtlab::kernel::CgroupMount& hierarchy) {
  for (const auto& row : own) {
    const bool v2 = hierarchy.version == virtlab::kernel::Version::v2;
    const bool match = v2 ? row.controllers.empty()
                          : std::any_of(row.controllers.begin(), row.controllers.end(), [&](const std::string& c) {
                              return hierarchy.has(c) || c == "name=" + hierarchy.name;
                            });
    if (match) return row.path;
  }
  return "/";
}

// One hierarchy in the tmpfs, in a directory named as on the host ("memory", "cpu,cpuacct", "systemd", "unified").
// With a new cgroup namespace (`own` null) a fresh mount of the hierarchy (its root is then the container's cgroup);
// without one, a bind of the container's own cgroup directory (from `own`, our /proc/self/cgroup rows) from the host
// [runc: mountCgroupV1].
void mount_one_hierarchy(const ChildContext& c, int tree_fd, const virtlab::kernel::CgroupMount& h, unsigned long flags,
                         const std::vector<virtlab::kernel::MembershipRow>* own) {
  const std::string name = fs::path(h.mount_point).filename().string();
  (void)mkdirat(tree_fd, name.c_str(), 0755);
  const UniqueFd point(openat(tree_fd, name.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  const std::string target = fd_path(point);
  const bool v1 = h.version == virtlab::kernel::Version::v1;
  if (!own) {  // a new cgroup namespace
    std::string data = h.name.empty() ? "" : "name=" + h.name;
    for (const std::string& controller : h.controllers)
      if (v1 && h.name.empty()) data += (data.empty() ? "" : ",") + controller;
    c.step("mount", std::string(v1 ? "cgroup" : "cgroup2") + ", …/" + name + ", \"" + data + "\"",
           mount("cgroup", target.c_str(), v1 ? "cgroup" : "cgroup2", flags, data.c_str()), "",
           "the kernel must have the hierarchy's controllers");
    return;
  }
  const std::string source = h.mount_point + own_cgroup_path(*own, h).substr(h.root == "/" ? 0 : h.root.size());
  c.step("mount", source + ", …/" + name + ", MS_BIND",
         mount(source.c_str(), target.c_str(), nullptr, MS_BIND, nullptr), "",
         "the container's cgroup directory must exist on the host");
  if (!(flags & MS_RDONLY)) return;
  // The fd names the directory under the new mount: open it again to reach the mount itself.
  const UniqueFd mounted(openat(tree_fd, name.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  c.step("mount", "…/" + name + ", MS_BIND|MS_REMOUNT|MS_RDONLY",
         mount(nullptr, fd_path(mounted).c_str(), nullptr, MS_BIND | MS_REMOUNT | flags, nullptr), "");
}

// config.json's `cgroup` mount on a v1 or hybrid host, as runc mounts it there: a tmpfs at the destination holding
// each of the host's hierarchies (v1 controllers, name=systemd, and the cgroup2 one of a hybrid host), a symlink per
// controller of a combined hierarchy (cpu → cpu,cpuacct), the tmpfs read-only last when the mount asks for ro.
// False on a pure v2 host (the caller mounts cgroup2 there).
bool mount_cgroup_tree(const ChildContext& c, int root_fd, const OciMount& m, const InitPlan& ip, bool first) {
  const virtlab::kernel::Hierarchy host = host_cgroup_hierarchy();
  if (host.layout != virtlab::kernel::Layout::v1 && host.layout != virtlab::kernel::Layout::hybrid) return false;
  const OciMountArguments args = oci_mount_arguments(m.options);
  const unsigned long flags =
      (args.flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RELATIME)) | MS_NOSUID | MS_NODEV | MS_NOEXEC;
  const UniqueFd point = open_mount_point_step(c, root_fd, m, false, first ? "config.json's mounts, in order" : "");
  c.step("mount", "tmpfs, " + m.destination + ", mode=755",
         mount("tmpfs", fd_path(point).c_str(), "tmpfs", flags & ~MS_RDONLY, "mode=755"),
         std::string("cgroup v1 here (") + std::string(virtlab::kernel::to_string(host.layout)) +
             "): a tmpfs with one directory per hierarchy [runc: mountCgroupV1]");
  const UniqueFd tree(open_in_root(root_fd, m.destination, O_PATH | O_DIRECTORY));
  const std::vector<virtlab::kernel::MembershipRow> own = ip.new_cgroup_ns ? decltype(own){} : own_cgroups();
  for (const virtlab::kernel::CgroupMount& h : host.mounts) {
    mount_one_hierarchy(c, tree.get(), h, flags, ip.new_cgroup_ns ? nullptr : &own);
    const std::string name = fs::path(h.mount_point).filename().string();
    for (const std::string& controller : h.controllers)
      if (h.version == virtlab::kernel::Version::v1 && controller != name)
        (void)symlinkat(name.c_str(), tree.get(), controller.c_str());
  }
  if (flags & MS_RDONLY)
    c.step("mount", m.destination + ", MS_REMOUNT|MS_RDONLY (the tmpfs)",
           mount(nullptr, fd_path(tree).c_str(), nullptr, MS_REMOUNT | flags, "mode=755"), "");
  return true;
}

void mount_one(const ChildContext& c, int root_fd, const OciMount& m, bool first) {
  const OciMountArguments args = oci_mount_arguments(m.options);
  const bool bind = args.bind || m.type == "bind";
  const char* meaning = first ? "config.json's mounts, in order, inside the new root [runc: mountToRootfs]" : "";
  const UniqueFd point = open_mount_point_step(c, root_fd, m, bind, meaning);
  const std::string target = fd_path(point);
  const std::string type = mount_type_for(m);
  if (bind)
    c.step("mount", m.source + ", " + m.destination + ", MS_BIND" + ((args.flags & MS_REC) ? "|MS_REC" : ""),
           mount(m.source.c_str(), target.c_str(), nullptr, MS_BIND | (args.flags & MS_REC), nullptr), "",
           "the bind source must exist on the host");
  else
    c.step("mount", m.source + ", " + m.destination + ", \"" + type + "\", " + args.data,
           mount(m.source.c_str(), target.c_str(), type.c_str(), args.flags, args.data.c_str()), "",
           "the kernel needs this filesystem type (see /proc/filesystems)");
  const unsigned long remount = bind ? args.flags & ~(MS_BIND | MS_REC) : 0;
  if (remount == 0 && args.propagation == 0) return;
  // The fd still names the directory under the new mount: open it again to reach the mount itself.
  const UniqueFd mounted(open_in_root(root_fd, m.destination, O_PATH));
  const std::string top = mounted ? fd_path(mounted) : target;
  if (remount != 0)
    c.step("mount", m.destination + ", MS_BIND|MS_REMOUNT (ro/nosuid/nodev/noexec)",
           mount(nullptr, top.c_str(), nullptr, MS_BIND | MS_REMOUNT | remount, nullptr),
           "a bind mount takes its flags only in a second, remounting call");
  if (args.propagation != 0)
    c.step("mount", m.destination + ", propagation", mount(nullptr, top.c_str(), nullptr, args.propagation, nullptr),
           "");
}

void mount_config_mounts(const ChildContext& c, const InitPlan& ip) {
  const UniqueFd root_fd(open(ip.base.root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  c.step("open", ip.base.root + ", O_PATH", root_fd ? 0 : -1, "", "the root filesystem must be a directory");
  bool first = true;
  for (const OciMount& m : ip.spec->mounts) {
    if (m.type != "cgroup" || !mount_cgroup_tree(c, root_fd.get(), m, ip, first)) mount_one(c, root_fd.get(), m, first);
    first = false;
  }
}

// A /dev of its own (config.json mounts a tmpfs there): the runtime spec's default devices, the fd links and
// /dev/ptmx pointing at the container's devpts.
void populate_default_devices(const ChildContext& c, const InitPlan& ip) {
  const bool dev_mounted = std::any_of(ip.spec->mounts.begin(), ip.spec->mounts.end(),
                                       [](const OciMount& m) { return m.destination == "/dev"; });
  if (!dev_mounted) return;
  const std::string dev = ip.base.root + "/dev";
  // The nodes are made by path from the host's side: an image whose /dev is a symlink would send them elsewhere.
  struct stat st {};
  const bool symlink_dev = lstat(dev.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
  if (symlink_dev) errno = ELOOP;
  c.step("lstat", dev, symlink_dev ? -1 : 0, "", "the image's /dev must be a directory, not a symlink");
  const mode_t caller_umask = umask(0);
  create_device_nodes(c, dev);
  umask(caller_umask);
  for (auto [name, to] :
       {std::pair{"fd", "/proc/self/fd"}, std::pair{"stdin", "/proc/self/fd/0"}, std::pair{"stdout", "/proc/self/fd/1"},
        std::pair{"stderr", "/proc/self/fd/2"}, std::pair{"ptmx", "pts/ptmx"}})
    (void)symlink(to, (dev + "/" + name).c_str());
}

void set_hostname_if_given(const ChildContext& c) {
  if (!c.p.hostname.empty()) set_hostname(c);
}

void set_root_propagation(const ChildContext& c, const InitPlan& ip) {
  if (ip.spec->rootfs_propagation.empty()) return;
  const OciMountArguments args = oci_mount_arguments({ip.spec->rootfs_propagation});
  c.step("mount", "/, " + ip.spec->rootfs_propagation, mount(nullptr, "/", nullptr, args.propagation, nullptr),
         "linux.rootfsPropagation");
}

// maskedPaths: a file is covered by /dev/null, a directory by an empty read-only tmpfs. Missing paths are fine.
void mask_paths(const ChildContext& c, const InitPlan& ip) {
  bool first = true;
  for (const std::string& path : ip.spec->masked_paths) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) continue;
    const bool dir = S_ISDIR(st.st_mode);
    const int rc = dir ? mount("tmpfs", path.c_str(), "tmpfs", MS_RDONLY, "size=0")
                       : mount("/dev/null", path.c_str(), nullptr, MS_BIND, nullptr);
    c.step("mount", std::string(dir ? "tmpfs (ro), " : "/dev/null, ") + path, rc,
           first ? "linux.maskedPaths: kernel files the container must not read [runc: maskPath]" : "");
    first = false;
  }
}

unsigned long locked_flags(const std::string& path) {
  struct statvfs sv {};
  if (statvfs(path.c_str(), &sv) != 0) return 0;
  unsigned long flags = 0;
  if (sv.f_flag & ST_NOSUID) flags |= MS_NOSUID;
  if (sv.f_flag & ST_NODEV) flags |= MS_NODEV;
  if (sv.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
  return flags;
}

void readonly_paths(const ChildContext& c, const InitPlan& ip) {
  bool first = true;
  for (const std::string& path : ip.spec->readonly_paths) {
    if (access(path.c_str(), F_OK) != 0) continue;
    c.step("mount", path + ", " + path + ", MS_BIND|MS_REC",
           mount(path.c_str(), path.c_str(), nullptr, MS_BIND | MS_REC, nullptr),
           first ? "linux.readonlyPaths: bound onto themselves, then remounted read-only [runc: readonlyPath]" : "");
    c.step("mount", path + ", MS_BIND|MS_REMOUNT|MS_RDONLY",
           mount(nullptr, path.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY | locked_flags(path), nullptr), "");
    first = false;
  }
}

void write_sysctls(const ChildContext& c, const InitPlan& ip) {
  for (const auto& [key, value] : ip.spec->sysctl) {
    std::string path = "/proc/sys/" + key;
    std::replace(path.begin() + 10, path.end(), '.', '/');
    const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
    const ssize_t n = fd < 0 ? -1 : write(fd, value.data(), value.size());
    const int err = errno;
    if (fd >= 0) close(fd);
    errno = err;
    c.step("write", path + " \"" + value + "\"", n < 0 ? -1 : 0, "linux.sysctl (namespaced sysctls only)",
           "only sysctls of the container's own namespaces (net.*, kernel.shm*, …) can be set");
  }
}

void make_root_readonly(const ChildContext& c, const InitPlan& ip) {
  if (!ip.spec->root_readonly) return;
  c.step("mount", "/, MS_BIND|MS_REMOUNT|MS_RDONLY",
         mount(nullptr, "/", nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY | locked_flags("/"), nullptr),
         "root.readonly: the image cannot be written [runc: readonly rootfs]");
}

// Measured here: podman asks for RLIMIT_NOFILE and RLIMIT_NPROC of 1048576, above what this machine lets even root
// raise its hard limits to, and runc then says only "error setting rlimit type 7".
std::string rlimit_hint(const OciRlimit& limit) {
  rlimit current{};
  getrlimit(limit.resource, &current);
  std::string hint = "the hard limit here is " + std::to_string(current.rlim_max) + " and raising it was refused";
  if (limit.resource == RLIMIT_NOFILE) {
    auto nr_open = virtlab::try_read_file("/proc/sys/fs/nr_open");
    if (nr_open) hint += " (fs.nr_open " + std::string(virtlab::trim(*nr_open)) + ")";
  }
  std::string name = limit.name.substr(7);  // RLIMIT_NOFILE → nofile
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return hint + ": lower it in config.json, e.g. podman/docker run --ulimit " + name + "=1024:1024";
}

void set_rlimits(const ChildContext& c, const InitPlan& ip) {
  for (const OciRlimit& limit : ip.spec->process.rlimits) {
    const rlimit value{limit.soft, limit.hard};
    c.step("setrlimit", limit.name + " " + std::to_string(limit.soft) + ":" + std::to_string(limit.hard),
           setrlimit(limit.resource, &value), "process.rlimits [runc: setupRlimits]", rlimit_hint(limit));
  }
}

void set_process_attributes(const ChildContext& c, const InitPlan& ip) {
  const OciProcess& p = ip.spec->process;
  if (p.oom_score_adj) {
    const std::string value = std::to_string(*p.oom_score_adj);
    const int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    const ssize_t n = fd < 0 ? -1 : write(fd, value.data(), value.size());
    if (fd >= 0) close(fd);
    c.step("write", "/proc/self/oom_score_adj " + value, n < 0 ? -1 : 0, "process.oomScoreAdj");
  }
  if (p.umask) umask(static_cast<mode_t>(*p.umask));
  c.step("chdir", p.cwd, chdir(p.cwd.c_str()), "process.cwd", "the directory must exist in the root filesystem");
}

// process.terminal: a pty from the container's devpts; the master goes to the engine over --console-socket
// (SCM_RIGHTS), the slave becomes our controlling terminal and stdio [runc: setupConsole].
void set_up_console(const ChildContext& c, const InitPlan& ip) {
  if (ip.console_fd < 0) return;
  const int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
  c.step("open", "/dev/ptmx", master, "a new pty in the container's devpts", "mount devpts at /dev/pts");
  char name[64] = {};
  c.step("unlockpt + ptsname", "master", (unlockpt(master) == 0 && ptsname_r(master, name, sizeof name) == 0) ? 0 : -1,
         "");
  const int slave = open(name, O_RDWR | O_NOCTTY);
  c.step("open", name, slave, "the terminal's container end");
  send_msg(ip.console_fd, Msg::step, 0, 0, {"console"}, master);
  close(ip.console_fd);
  c.report("sendmsg(SCM_RIGHTS)", "--console-socket", "0", "the engine gets the pty master (it relays the terminal)");
  close(master);
  c.step("setsid", "", static_cast<int>(setsid()), "");
  c.step("ioctl", "TIOCSCTTY", ioctl(slave, TIOCSCTTY, 0), "the pty becomes the controlling terminal");
  for (int fd = 0; fd < 3; ++fd) dup2(slave, fd);
  if (slave > 2) close(slave);
}

}  // namespace

virtlab::UniqueFd connect_console_socket(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path)
    throw virtlab::Error(virtlab::ExitCode::usage,
                         "--console-socket path is too long (" + std::to_string(path.size()) + " bytes, at most " +
                             std::to_string(sizeof addr.sun_path - 1) + ")",
                         "use a shorter path");
  std::memcpy(addr.sun_path, path.c_str(), path.size());
  virtlab::UniqueFd console(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (console.get() < 0 || connect(console.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    virtlab::throw_errno("connect " + path, "the engine must listen on --console-socket");
  virtlab::explain("connect", path, "0", "the pty master will be sent here (SCM_RIGHTS)");
  return console;
}

void write_pid_file(const std::string& path, pid_t pid, const std::string& meaning) {
  const std::string temporary = path + ".virtlab-runc", text = std::to_string(pid);
  virtlab::UniqueFd fd(open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0 || write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()))
    virtlab::throw_errno("write " + temporary, "the engine's --pid-file must be in a writable directory");
  if (rename(temporary.c_str(), path.c_str()) != 0) virtlab::throw_errno("rename to " + path);
  virtlab::explain("write", path, text, meaning);
}

namespace {

// Only stdio and --preserve-fds' fds 3 … 3+N-1 reach the process: those lose FD_CLOEXEC, every higher fd (ours, or
// one the engine left open by mistake) gets it [runc: CloseExecFrom(3 + preserve-fds)]. Before seccomp, which
// might not allow close_range.
void pass_only_preserved_fds(const ChildContext& c, const InitPlan& ip) {
  for (int fd = 3; fd < 3 + ip.preserve_fds; ++fd)
    c.step("fcntl", std::to_string(fd) + ", F_SETFD, 0", fcntl(fd, F_SETFD, 0),
           fd == 3 ? "--preserve-fds: the caller's fds 3 … stay open in the process" : "",
           "the fd must stay open until the process starts");
  const unsigned first_closed = 3U + static_cast<unsigned>(ip.preserve_fds);
  c.step("close_range", std::to_string(first_closed) + ", ~0U, CLOSE_RANGE_CLOEXEC",
         static_cast<int>(syscall(SYS_close_range, first_closed, ~0U, CLOSE_RANGE_CLOEXEC)),
         "every other fd closes at execve: the process gets stdio and the preserved fds only");
}

// Bounding set before (it needs CAP_SETPCAP), the user switch with KEEPCAPS so the permitted set survives it, then
// the spec's sets; ambient last, as capabilities(7) requires.
void switch_user_and_capabilities(const ChildContext& c, const InitPlan& ip) {
  const OciProcess& p = ip.spec->process;
  prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
  std::vector<gid_t> groups(p.additional_gids.begin(), p.additional_gids.end());
  if (!ip.new_user_ns || !groups.empty())
    c.step("setgroups", std::to_string(groups.size()) + " groups", setgroups(groups.size(), groups.data()),
           "process.user.additionalGids (and no inherited ones)");
  c.step("setresgid", std::to_string(p.gid), setresgid(p.gid, p.gid, p.gid), "process.user.gid");
  c.step("setresuid", std::to_string(p.uid), setresuid(p.uid, p.uid, p.uid), "process.user.uid");
  prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
  const OciCapabilities& caps = p.capabilities;
  __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  const std::uint64_t effective = cap_mask(caps.effective), permitted = cap_mask(caps.permitted),
                      inheritable = cap_mask(caps.inheritable);
  for (int i = 0; i < 2; ++i) {
    data[i].effective = static_cast<std::uint32_t>(effective >> (32 * i));
    data[i].permitted = static_cast<std::uint32_t>(permitted >> (32 * i));
    data[i].inheritable = static_cast<std::uint32_t>(inheritable >> (32 * i));
  }
  char masks[96];
  std::snprintf(masks, sizeof masks, "effective=0x%llx permitted=0x%llx", static_cast<unsigned long long>(effective),
                static_cast<unsigned long long>(permitted));
  c.step("capset", masks, static_cast<int>(syscall(SYS_capset, &hdr, data)),
         "process.capabilities [runc: finalizeNamespace]");
  // A capability missing from permitted or inheritable cannot be ambient: runc warns and goes on, and so do we.
  for (int cap : caps.ambient) {
    const int rc = prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0);
    c.report("prctl", "PR_CAP_AMBIENT_RAISE " + cap_name(cap), rc < 0 ? virtlab::errno_result(errno) : "0",
             rc < 0 ? "not raised: an ambient capability must be permitted and inheritable" : "");
  }
}

// seccomp_load needs no_new_privs or CAP_SYS_ADMIN: with noNewPrivileges it comes last, else before the
// capabilities are dropped (runc's order too).
void seccomp_before_dropping(const ChildContext& c, const InitPlan& ip) {
  if (!ip.spec->process.no_new_privileges) load_seccomp(c);
}
void seccomp_after_no_new_privs(const ChildContext& c, const InitPlan& ip) {
  if (!ip.spec->process.no_new_privileges) return;
  set_no_new_privs(c);
  load_seccomp(c);
}

// runc looks the command up before it reports ready, so `create` fails with the reason instead of the container.
std::string find_executable(const ChildContext& c, const InitPlan& ip) {
  const OciProcess& p = ip.spec->process;
  for (const std::string& candidate : exec_candidates(p.args[0], p.env)) {
    struct stat st {};
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(candidate.c_str(), X_OK) == 0) {
      c.report("stat + access(X_OK)", candidate, "0", "process.args[0] found in the container's PATH");
      return candidate;
    }
  }
  throw ChildFailure("executable '" + p.args[0] + "' not found in the container's PATH or not executable",
                     "check process.args[0] and process.env's PATH against the image", ENOENT);
}

// Ready: the socket closes, `create` records the container and exits. We wait, blocked in open(2) of the exec fifo,
// until `start` opens its other end [runc: exec.fifo].
void wait_for_start(const ChildContext& c, const InitPlan& ip) {
  c.report("open", "exec.fifo (O_WRONLY, blocks until `start`)", "…",
           "ready: `create` returns; the process waits here until `start` [runc: exec fifo]");
  close(ip.base.sock);
  const std::string fifo = "/proc/self/fd/" + std::to_string(ip.fifo_fd);
  const int fd = open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0 || write(fd, "0", 1) != 1) _exit(127);  // `delete` of a created container: nobody to tell
  close(fd);
  close(ip.fifo_fd);
}

[[noreturn]] void exec_process(const InitPlan& ip, const std::string& path) {
  const OciProcess& p = ip.spec->process;
  std::vector<char*> argv, envp;
  for (const auto& a : p.args) argv.push_back(const_cast<char*>(a.c_str()));
  for (const auto& e : p.env) envp.push_back(const_cast<char*>(e.c_str()));
  argv.push_back(nullptr);
  envp.push_back(nullptr);
  execve(path.c_str(), argv.data(), envp.data());
  std::fprintf(stderr, "virtlab-runc: error: execve %s: %s\n", path.c_str(), std::strerror(errno));
  _exit(127);
}

// The state the container's own hooks get on stdin: the pid is the init's as it sees itself (runc: unix.Getpid()).
virtlab::Json hook_state(const InitPlan& ip, const char* status) {
  virtlab::Json state = virtlab::Json::parse(ip.hook_state);
  state["pid"] = getpid();
  state["status"] = status;
  return state;
}

// hooks.createContainer: in the container's namespaces once config.json's mounts are made and before pivot_root, so
// the hook's path is resolved on the host's tree [runc: prepareRootfs → CreateContainer hooks].
void run_create_container_hooks(const ChildContext& c, const InitPlan& ip) {
  if (ip.spec->hooks.create_container.empty()) return;
  const HookReport report = [&c](const std::string& call, const std::string& target, const std::string& result,
                                 const std::string& meaning) { c.report(call, target, result, meaning); };
  try {
    run_hooks(ip.spec->hooks.create_container, "createContainer", hook_state(ip, "creating"), report);
  } catch (const virtlab::Error& e) {
    throw ChildFailure(e.what(), e.hint(), e.sys_errno());
  }
}

// hooks.startContainer: after `start`, as the container's process will run (its root, user, capabilities, seccomp),
// just before execve; the path is the container's [runc: standard_init → StartContainer hooks]. `create` has gone
// and nobody reads our step records: a failure is one line on the container's stderr (the engine shows it) and
// exit 127, as runc's init.
void run_start_container_hooks(const InitPlan& ip) {
  if (ip.spec->hooks.start_container.empty()) return;
  try {
    run_hooks(ip.spec->hooks.start_container, "startContainer", hook_state(ip, "created"), [](auto&&...) {});
  } catch (const virtlab::Error& e) {
    std::fprintf(stderr, "virtlab-runc: error: %s\n", e.one_line().c_str());
    _exit(127);
  }
}

void set_up_root(const ChildContext& c, const InitPlan& ip) {
  if (ip.new_mount_ns) make_mounts_private(c);
  bind_root(c);
  mount_config_mounts(c, ip);
  populate_default_devices(c, ip);
  run_create_container_hooks(c, ip);
  set_hostname_if_given(c);
  drop_bounding_set(c);
  switch_root(c);
  set_root_propagation(c, ip);
  write_sysctls(c, ip);  // before readonlyPaths makes /proc/sys read-only
  mask_paths(c, ip);
  readonly_paths(c, ip);
  make_root_readonly(c, ip);
}

// The process part, the same for the init and for `exec`: limits, cwd, pty, seccomp, user and capabilities; then the
// executable is looked up. Returns its path.
std::string prepare_process(const ChildContext& c, const InitPlan& ip) {
  set_rlimits(c, ip);
  set_process_attributes(c, ip);
  set_up_console(c, ip);
  pass_only_preserved_fds(c, ip);
  seccomp_before_dropping(c, ip);
  switch_user_and_capabilities(c, ip);
  seccomp_after_no_new_privs(c, ip);
  return find_executable(c, ip);
}

}  // namespace

[[noreturn]] void runc_init_main(const InitPlan& ip) noexcept {
  const ChildContext c(ip.base);
  run_child_steps(c, [&] {
    die_with_parent(c);  // until ready, `create` failing or killed takes us along (also if it died already)
    join_v1_cgroups(c, ip);
    wait_for_go(c);
    join_given_namespaces(c, ip);
    become_root_in_user_namespace(c, ip);
    make_new_cgroup_and_time_namespaces(c, ip);
    set_up_root(c, ip);
    const std::string path = prepare_process(c, ip);
    prctl(PR_SET_PDEATHSIG, 0);
    wait_for_start(c, ip);
    run_start_container_hooks(ip);
    exec_process(ip, path);
  });
}

[[noreturn]] void runc_exec_main(const InitPlan& ip) noexcept {
  const ChildContext c(ip.base);
  run_child_steps(c, [&] {
    drop_bounding_set(c);  // the process's bounding set (with exec --cap's additions)
    const std::string path = prepare_process(c, ip);
    c.report("execve", path, "(success = the socket closes on exec)",
             "the new process runs beside the container's pid 1, in all its namespaces and its cgroup [runc exec]");
    exec_process(ip, path);
  });
}

}  // namespace virtlab::nsenter_lite
