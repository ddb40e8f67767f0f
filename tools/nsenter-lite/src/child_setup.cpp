// The child of `run`: one function per setup step, run in crun's order (container_init_setup) by child_main. Each
// step logs its syscall through ChildContext::step (its --explain line) and throws ChildFailure when it fails.
#include "child_setup.hpp"

#include <fcntl.h>
#include <linux/capability.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "nsenter_lite/container.hpp"
#include "nsenter_lite/namespaces.hpp"
#include "nsenter_lite/security.hpp"
#include "sync_socket.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/kernel/cgroup_hierarchy.hpp"

namespace virtlab::nsenter_lite {

virtlab::ExitCode namespace_refusal_code(int err) {
  return err == ENOSPC ? virtlab::ExitCode::permission : virtlab::exit_code_for_errno(err);
}

namespace {

std::string rc_text(int rc, int err) {
  return rc < 0 ? virtlab::errno_result(err) : std::to_string(rc);
}

}  // namespace

void ChildContext::report(const std::string& call, const std::string& target, const std::string& result,
                          const std::string& meaning) const {
  if (!p.explain) return;
  if (p.shared)
    p.shared->steps.push_back({call, target, result, meaning});
  else
    send_msg(p.sock, Msg::step, 0, 0, {call, target, result, meaning});
}

void ChildContext::step(const std::string& call, const std::string& target, int rc, const std::string& meaning,
                        const std::string& hint) const {
  int err = errno;
  report(call, target, rc_text(rc, err), meaning);
  if (rc < 0) throw ChildFailure(call + " " + target + " failed", hint, err);
}

void ChildContext::fail(ChildFailure f) const {
  if (p.shared)
    p.shared->failure = std::move(f);
  else
    send_msg(p.sock, Msg::error, 0, f.err, {f.what, f.hint});
}

void die_with_parent(const ChildContext& c) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // if our parent dies, so does the container (nothing left running)
  // ... unless it died before that line (SIGKILL right after clone): then end here. Its pidfd, not getppid(): in a
  // new pid namespace getppid() is 0 whether the parent lives or not.
  if (pollfd parent{c.p.parent_pidfd, POLLIN, 0}; c.p.parent_pidfd >= 0 && poll(&parent, 1, 0) > 0) _exit(1);
}

namespace {

void die_with_parent_json(const ChildContext& c) {
  die_with_parent(c);
  if (c.p.json) dup2(2, 1);  // stdout carries only our JSON document
}

}  // namespace

void wait_for_go(const ChildContext& c) {
  if (c.p.shared) return;
  // Wait until the parent has written our id maps, put us in the cgroup and plugged the veth in.
  Received go = recv_msg(c.p.sock);
  if (go.eof || go.header.type != Msg::go) _exit(1);
}

namespace {

void become_root_inside(const ChildContext& c) {
  if (!c.p.rootless) return;
  // Our ids are still the creator's; become root *of the new user namespace* (host uid 65534 / caller).
  c.step("setresgid", "0, 0, 0", setresgid(0, 0, 0), "gid 0 inside = the mapped host gid outside");
  c.step("setresuid", "0, 0, 0", setresuid(0, 0, 0),
         "uid 0 inside = an unprivileged uid outside: root here, nobody on the host [runc: rootless]");
}

}  // namespace

void unshare_cgroup(const ChildContext& c) {
  c.step("unshare", "CLONE_NEWCGROUP", unshare(CLONE_NEWCGROUP),
         "after joining the cgroup, so the container sees its cgroup as / [runc: unshare after cgroup join]");
}

namespace {

void make_time_namespace(const ChildContext& c) {
  if (c.p.timens_offsets.empty()) return;
  // A new time namespace applies to our children and, from execve on, to us. Its offsets can only be written
  // while no process is inside it yet, i.e. now (runc: timeOffsets in config.json).
  c.step("unshare", "CLONE_NEWTIME", unshare(CLONE_NEWTIME),
         "a time namespace: CLOCK_MONOTONIC and CLOCK_BOOTTIME (so /proc/uptime) get our offsets; the wall clock "
         "stays shared",
         "the kernel needs CONFIG_TIME_NS (Linux 5.6+)");
  int fd = open("/proc/self/timens_offsets", O_WRONLY | O_CLOEXEC);
  ssize_t written = fd < 0 ? -1 : write(fd, c.p.timens_offsets.data(), c.p.timens_offsets.size());
  int write_err = errno;
  if (fd >= 0) close(fd);
  errno = write_err;
  std::string shown = c.p.timens_offsets;
  for (auto& ch : shown)
    if (ch == '\n') ch = ';';
  c.step("write", "/proc/self/timens_offsets \"" + shown + "\"", written < 0 ? -1 : static_cast<int>(written),
         "offsets (seconds nanoseconds) for the new time namespace, before any process is in it; execve moves "
         "us in",
         "offsets must keep the clocks non-negative and be written before the first process enters");
}

}  // namespace

void make_mounts_private(const ChildContext& c) {
  c.step("mount", "none, /, MS_REC|MS_PRIVATE", mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr),
         "stop mount events propagating between the host and us [runc: prepareRoot rprivate]");
}

namespace {

void mount_overlay(const ChildContext& c) {
  if (c.p.layers.empty()) return;
  std::string opts = overlay_mount_options(c.p.layers, c.p.upper, c.p.work);
  c.step("mount", "overlay, " + c.p.root + ", \"overlay\", " + opts,
         mount("overlay", c.p.root.c_str(), "overlay", 0, opts.c_str()),
         "image layers stacked read-only; every write goes to the upper dir, the container's delta "
         "[containerd snapshotter: overlayfs]",
         "the kernel needs overlay support (modprobe overlay); the layers must be directories on a "
         "filesystem overlay accepts as lower (not overlay itself on old kernels)");
}

}  // namespace

void bind_root(const ChildContext& c) {
  c.step("mount", c.p.root + ", " + c.p.root + ", MS_BIND|MS_REC",
         mount(c.p.root.c_str(), c.p.root.c_str(), nullptr, MS_BIND | MS_REC, nullptr),
         "bind the rootfs onto itself so it is a mount point pivot_root can use [runc: prepareRoot bind]");
}

namespace {

void mount_proc(const ChildContext& c) {
  const std::string proc = c.p.root + "/proc";
  mkdir(proc.c_str(), 0555);
  c.step("mount", "proc, " + proc + ", \"proc\", MS_NOSUID|MS_NODEV|MS_NOEXEC",
         mount("proc", proc.c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr),
         "a procfs of OUR pid namespace: ps inside shows only the container [runc: mountToRootfs /proc]",
         "the root filesystem needs a /proc directory");
}

void mount_dev_tmpfs(const ChildContext& c, const std::string& dev) {
  mkdir(dev.c_str(), 0755);
  c.step("mount", "tmpfs, " + dev + ", \"tmpfs\", mode=755",
         mount("tmpfs", dev.c_str(), "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k"),
         "a private /dev: only the devices we put there exist [runc: mountToRootfs /dev]");
}

}  // namespace

// Root creates the device nodes (mknod, as runc does); in a user namespace mknod is refused, so the host's nodes
// are bind-mounted instead (runc's rootless way). Either way only these six exist.
void create_device_nodes(const ChildContext& c, const std::string& dev) {
  struct DeviceNode {
    const char* name;
    unsigned major, minor;
  };
  for (const DeviceNode& node : {DeviceNode{"null", 1, 3}, DeviceNode{"zero", 1, 5}, DeviceNode{"full", 1, 7},
                                 DeviceNode{"random", 1, 8}, DeviceNode{"urandom", 1, 9}, DeviceNode{"tty", 5, 0}}) {
    const std::string target = dev + "/" + node.name;
    const bool first = node.name == std::string_view("null");
    if (!c.p.rootless) {
      c.step("mknod", target + ", S_IFCHR|0666, " + std::to_string(node.major) + ":" + std::to_string(node.minor),
             mknod(target.c_str(), S_IFCHR | 0666, makedev(node.major, node.minor)),
             first ? "a device node: a name for a driver (major:minor); opening it reaches the host's driver "
                     "[runc: createDevices → mknod]"
                   : "");
      continue;
    }
    int fd = open(target.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
    if (fd >= 0) close(fd);
    const std::string source = std::string("/dev/") + node.name;
    c.step("mount", source + ", " + target + ", MS_BIND",
           mount(source.c_str(), target.c_str(), nullptr, MS_BIND, nullptr),
           first ? "device nodes bind-mounted from the host: a user namespace may not mknod "
                   "[runc: createDevices, bind in rootless mode]"
                 : "");
  }
}

namespace {

// /dev: a tmpfs, six device nodes, the fd links and /dev/shm. umask 0 meanwhile, so the nodes get 0666 and /dev/shm
// 1777 whatever the caller's umask is.
void populate_dev(const ChildContext& c) {
  const std::string dev = c.p.root + "/dev";
  mount_dev_tmpfs(c, dev);
  const mode_t caller_umask = umask(0);
  create_device_nodes(c, dev);
  for (auto [name, to] : {std::pair{"fd", "/proc/self/fd"}, std::pair{"stdin", "/proc/self/fd/0"},
                          std::pair{"stdout", "/proc/self/fd/1"}, std::pair{"stderr", "/proc/self/fd/2"}})
    (void)symlink(to, (dev + "/" + name).c_str());
  mkdir((dev + "/shm").c_str(), 01777);
  umask(caller_umask);
}

}  // namespace

// The hostname and the bounding set come before /sys and pivot_root (runc does them after): independent of the
// mounts, and done here they fill the time the network namespace made ahead may still need.
void set_hostname(const ChildContext& c) {
  c.step("sethostname", "\"" + c.p.hostname + "\"", sethostname(c.p.hostname.c_str(), c.p.hostname.size()),
         "our own UTS namespace: the host keeps its name [runc: config.json hostname]");
}

// Capabilities: the bounding set now (it needs CAP_SETPCAP, which we still have, and does not touch the
// capabilities the mounts below still use), the process sets after them. Every capability this kernel knows:
// PR_CAPBSET_DROP answers EINVAL past the last one (cap_last_cap).
void drop_bounding_set(const ChildContext& c) {
  const std::uint64_t keep = cap_mask(c.p.keep_caps);
  int dropped = 0;
  for (int cap = 0; cap < 64; ++cap) {
    if (keep & (1ULL << cap)) continue;
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0)
      ++dropped;
    else if (errno == EINVAL)
      break;
  }
  c.step("prctl", "PR_CAPBSET_DROP × " + std::to_string(dropped), 0,
         "removed from the bounding set: not even a setuid-root binary can get these back "
         "[runc: finalizeNamespace → capabilities]");
}

namespace {

void mount_sysfs(const ChildContext& c, const std::string& sys) {
  mkdir(sys.c_str(), 0555);
  c.step("mount", "sysfs, " + sys + ", \"sysfs\", MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC",
         mount("sysfs", sys.c_str(), "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr),
         "read-only sysfs; /sys/class/net shows only our network namespace's interfaces "
         "[runc: mountToRootfs /sys]");
}

// sysfs shows the network namespace of the process that mounts it. In a user namespace (--rootless) the kernel
// allows a new sysfs only while a full one is visible in our mount namespace (mount_too_revealing), so there it is
// mounted before the host's root is detached; otherwise after pivot_root (the order of the steps in the notes),
// which leaves the helper making the network namespace more time before we need it.
void mount_sysfs_before_root_switch(const ChildContext& c) {
  if (c.p.rootless) mount_sysfs(c, c.p.root + "/sys");
}
void mount_sysfs_after_root_switch(const ChildContext& c) {
  if (!c.p.rootless) mount_sysfs(c, "/sys");
}

}  // namespace

namespace {

// pivot_root cannot move the initramfs (rootfs: the one mount without a parent), so a runtime started from it (a
// busybox initramfs, the test VM's /init) gets EINVAL whatever the bundle is. Read only after that failure.
bool root_is_initramfs() {
  const auto mountinfo = virtlab::try_read_file("/proc/self/mountinfo");
  if (!mountinfo) return false;
  for (const auto& m : virtlab::kernel::parse_mountinfo(*mountinfo))
    if (m.mount_point == "/" && m.fs_type == "rootfs") return true;
  return false;
}

std::string pivot_root_hint(int err) {
  if (err == EINVAL && root_is_initramfs())
    return "this process's root is the initramfs (rootfs), which pivot_root cannot move: start from a real root "
           "(switch_root, or `mount --move` a bind of / over / and chroot into it); nsenter-lite run has --chroot";
  return "pivot_root needs the rootfs to be a mount point whose parent mount is not shared";
}

}  // namespace

void switch_root(const ChildContext& c) {
  c.step("chdir", c.p.root, chdir(c.p.root.c_str()), "");
  if (c.p.use_chroot) {
    c.step("chroot", ".", chroot("."),
           "chroot only changes how THIS process resolves '/': the host's whole tree stays mounted in our "
           "mount namespace (merely out of sight) and a root process can walk back out with a second chroot "
           "and chdir(\"..\"). That is why runtimes use pivot_root");
  } else {
    const int rc = static_cast<int>(syscall(SYS_pivot_root, ".", "."));
    const int err = errno;
    const std::string hint = rc < 0 ? pivot_root_hint(err) : "";
    errno = err;
    c.step("pivot_root", "\".\", \".\"", rc,
           "the new root becomes / of the whole mount namespace; the old root is stacked on top of it "
           "[runc: pivotRoot]",
           hint);
    c.step("umount2", "\".\", MNT_DETACH", umount2(".", MNT_DETACH),
           "detach the old root: the host filesystem is now unreachable, unlike with chroot");
  }
  c.step("chdir", "/", chdir("/"), "");
}

namespace {

void join_netns_made_ahead(const ChildContext& c) {
  if (!c.p.netns_ahead) return;
  const std::string helper = "helper " + std::to_string(c.p.netns_ahead->pid());
  if (c.p.netns_ahead->wait_made() != 0) {
    const int err = errno;
    c.report("unshare (" + helper + ")", "CLONE_NEWNET", virtlab::errno_result(err), "");
    if (err == ESRCH)
      throw ChildFailure("the " + helper + " ended before it made the network namespace",
                         "it was killed (by a signal?); run again", err, virtlab::ExitCode::failure);
    // The same refusal clone(CLONE_NEWNET) would have met: a capability, or a namespace limit (a sysctl).
    throw ChildFailure("unshare(CLONE_NEWNET) in the " + helper + " failed",
                       err == ENOSPC ? "a namespace limit is reached: raise sysctl user.max_net_namespaces"
                                     : "needs CAP_SYS_ADMIN: run as root",
                       err, namespace_refusal_code(err));
  }
  c.report("unshare (" + helper + ")", "CLONE_NEWNET", "0",
           "the helper made our network namespace on the other CPU meanwhile (only lo, down) "
           "[Kubernetes: CNI makes a pod's netns before runc]");
  c.step("setns", "pidfd of " + helper + ", CLONE_NEWNET", c.p.netns_ahead->enter(),
         "join it before mounting /sys [runc: join a namespace given by path]");
}

void set_capabilities(const ChildContext& c) {
  const std::uint64_t keep = cap_mask(c.p.keep_caps);
  prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  for (int i = 0; i < 2; ++i) {
    auto word = static_cast<std::uint32_t>(keep >> (32 * i));
    data[i].effective = data[i].permitted = data[i].inheritable = word;
  }
  char mask[32];
  snprintf(mask, sizeof mask, "0x%016llx", static_cast<unsigned long long>(keep));
  c.step("capset", std::string("effective=permitted=inheritable=") + mask,
         static_cast<int>(syscall(SYS_capset, &hdr, data)), "the capabilities root keeps inside (Docker's default 14)");
}

}  // namespace

void set_no_new_privs(const ChildContext& c) {
  c.step("prctl", "PR_SET_NO_NEW_PRIVS, 1", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0),
         "execve can never grant more privileges (setuid bits ignored); lets us load seccomp without "
         "CAP_SYS_ADMIN");
}

namespace {

// {"mnt": 4026532173, …} from our own /proc/self/ns links. A new time namespace is entered only at execve: with
// `time_at_exec` its inode is read from time_for_children.
virtlab::Json namespace_inodes(bool time_at_exec) {
  virtlab::Json inodes = virtlab::Json::object();
  for (NsType t : kAllNsTypes) {
    char link[128];
    const std::string name(ns_type_name(t));
    const std::string path = "/proc/self/ns/" + (t == NsType::time && time_at_exec ? name + "_for_children" : name);
    ssize_t n = readlink(path.c_str(), link, sizeof link - 1);
    if (n > 0) {
      auto parsed = parse_ns_link(std::string_view(link, static_cast<std::size_t>(n)));
      if (parsed) inodes[name] = parsed->inode;
    }
  }
  return inodes;
}

// The namespaces the container runs in, read once all exist (the cgroup one from our unshare, the network one
// joined above) and before the filter could deny readlink.
void report_namespaces(const ChildContext& c) {
  if (!c.p.json) return;
  virtlab::Json inodes = namespace_inodes(!c.p.timens_offsets.empty());
  if (c.p.shared)
    c.p.shared->namespaces = std::move(inodes);
  else
    send_msg(c.p.sock, Msg::namespaces, 0, 0, {inodes.dump()});
}

// The supervisor answers the filter's notifications (seccomp_notify.hpp) on the fd passed here.
void hand_over_notify_fd(const ChildContext& c) {
  int nfd = seccomp_notify_fd(c.p.seccomp);
  send_msg(c.p.sock, Msg::notify_fd, 0, 0, {}, nfd);
  c.report("sendmsg(SCM_RIGHTS)", "seccomp notify fd " + std::to_string(nfd), "0",
           "the supervisor (nsenter-lite) now answers every blocked syscall [SCMP_ACT_NOTIFY]");
  close(nfd);
}

}  // namespace

void load_seccomp(const ChildContext& c) {
  if (!c.p.seccomp) return;
  int rc = seccomp_load(c.p.seccomp);
  if (rc < 0) errno = -rc;
  c.step("seccomp(SECCOMP_SET_MODE_FILTER) via seccomp_load", c.p.seccomp_notify ? "notify filter" : "EPERM filter",
         rc < 0 ? -1 : 0, "LAST step before exec, so our own setup was not filtered [runc/bubblewrap: seccomp last]");
  if (c.p.seccomp_notify) hand_over_notify_fd(c);
}

namespace {

// Returns only when execve failed (as a thrown ChildFailure).
void exec_command(const ChildContext& c) {
  std::vector<char*> args;
  for (const auto& a : c.p.argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::string host_env = "HOSTNAME=" + c.p.hostname;
  const char* term = getenv("TERM");
  std::string term_env = std::string("TERM=") + (term ? term : "dumb");
  char* env[] = {const_cast<char*>("PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin"),
                 const_cast<char*>("HOME=/root"), host_env.data(), term_env.data(), nullptr};
  c.report("execve", c.p.exec_path,
           c.p.shared ? "(success = the parent's vfork wait ends)" : "(success = the socket closes on exec)",
           "the container's process replaces this one as pid 1 [runc init → exec user process]");
  execve(c.p.exec_path.c_str(), args.data(), env);
  throw ChildFailure("execve " + c.p.exec_path + " failed", "check that it is an executable for this machine", errno);
}

int vfork_child_entry(void* plan) {
  child_main(*static_cast<const ChildPlan*>(plan));
}

}  // namespace

[[noreturn]] void child_main(const ChildPlan& plan) noexcept {
  const ChildContext c(plan);
  run_child_steps(c, [&] {
    die_with_parent_json(c);
    wait_for_go(c);
    become_root_inside(c);
    unshare_cgroup(c);
    make_time_namespace(c);
    make_mounts_private(c);
    mount_overlay(c);
    bind_root(c);
    mount_proc(c);
    populate_dev(c);
    set_hostname(c);
    drop_bounding_set(c);
    mount_sysfs_before_root_switch(c);
    switch_root(c);
    join_netns_made_ahead(c);
    mount_sysfs_after_root_switch(c);
    set_capabilities(c);
    set_no_new_privs(c);
    report_namespaces(c);
    load_seccomp(c);
    exec_command(c);
  });
}

// clone(CLONE_VM|CLONE_VFORK): we sleep until the child has exec'd or died, and it runs meanwhile on a buffer in
// this frame (a raw clone3 cannot return into a shared stack, so glibc's clone() switches stacks). The buffer sits
// where our earlier calls already reached, so the child mostly finds its stack pages present, as in musl's
// posix_spawn; noinline keeps the buffer out of our caller's frame.
[[gnu::noinline]] long clone_vfork(const ChildPlan& plan, int flags, int* pidfd) {
  alignas(16) char stack[128 * 1024];
  return clone(&vfork_child_entry, stack + sizeof stack, flags | CLONE_VM | CLONE_VFORK | SIGCHLD,
               const_cast<ChildPlan*>(&plan), pidfd);
}

}  // namespace virtlab::nsenter_lite
