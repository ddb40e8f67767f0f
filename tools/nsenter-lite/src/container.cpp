// The container runtime: parent (nsenter-lite = runc + shim) and child (the container's pid 1 before exec).
// Order follows crun/runc: socketpair → clone3 → parent writes uid/gid maps, joins the cgroup, plugs the veth
// → child: unshare(cgroup), / rprivate, overlay, bind rootfs, /proc /dev /sys, pivot_root, hostname, caps,
// no_new_privs, seccomp LAST, execve. When the parent has none of those jobs, the child is started like
// posix_spawn's (CLONE_VM|CLONE_VFORK) and reports into our memory instead of over the socket.
#include "nsenter_lite/container.hpp"

#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <poll.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cgtop/cgroup.hpp"
#include "nsenter_lite/namespaces.hpp"
#include "nsenter_lite/netlink.hpp"
#include "nsenter_lite/security.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/stale.hpp"
#include "virtlab/text.hpp"

namespace nsenter_lite {

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

double now_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::string rc_text(int rc, int err) {
  return rc < 0 ? virtlab::errno_result(err) : std::to_string(rc);
}

// ---- parent ↔ child messages over a SOCK_SEQPACKET socketpair (one message per record) -------------------------
enum class Msg : std::uint32_t { step = 1, error = 2, notify_fd = 3, go = 4, namespaces = 5 };
struct MsgHeader {
  Msg type;
  std::int32_t code;
  std::int32_t err;
};

void send_msg(int sock, Msg type, int code, int err, const std::vector<std::string>& parts, int pass_fd = -1) {
  std::string payload(sizeof(MsgHeader), '\0');
  MsgHeader h{type, code, err};
  std::memcpy(payload.data(), &h, sizeof h);
  for (const auto& p : parts) {
    payload += p;
    payload.push_back('\0');
  }
  if (payload.size() > 8192) payload.resize(8192);
  iovec iov{payload.data(), payload.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  if (pass_fd >= 0) {  // SCM_RIGHTS: the kernel installs a duplicate of the fd in the receiver
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &pass_fd, sizeof(int));
  }
  while (sendmsg(sock, &msg, MSG_NOSIGNAL) < 0 && errno == EINTR) {
  }
}

struct Received {
  bool eof = false;
  MsgHeader header{};
  std::vector<std::string> parts;
  int fd = -1;
};

Received recv_msg(int sock) {
  Received r;
  // Step records are short (call, target, result, meaning); 8 KiB holds any of them without touching more pages.
  std::string buf(8192, '\0');
  iovec iov{buf.data(), buf.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  do n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  if (n < static_cast<ssize_t>(sizeof(MsgHeader))) {
    r.eof = true;
    return r;
  }
  std::memcpy(&r.header, buf.data(), sizeof r.header);
  std::size_t pos = sizeof(MsgHeader);
  while (pos < static_cast<std::size_t>(n)) {
    auto end = buf.find('\0', pos);
    if (end == std::string::npos || end > static_cast<std::size_t>(n)) end = static_cast<std::size_t>(n);
    r.parts.push_back(buf.substr(pos, end - pos));
    pos = end + 1;
  }
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) std::memcpy(&r.fd, CMSG_DATA(c), sizeof(int));
  return r;
}

// ---- RAII pieces the parent owns -------------------------------------------------------------------------------
// A directory tree we made (overlay upper/work/merged); removed recursively at the end.
class ScopedTree {
 public:
  ScopedTree() = default;
  explicit ScopedTree(std::string path) : path_(std::move(path)) {}
  ScopedTree(ScopedTree&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  ScopedTree& operator=(ScopedTree&& o) noexcept {
    std::swap(path_, o.path_);
    return *this;
  }
  ~ScopedTree() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
    virtlab::explain("unlinkat/rmdir (recursive)", path_, ec ? virtlab::errno_result(ec.value()) : "0",
                     "overlay work dir and temporary layers removed");
  }

 private:
  std::string path_;
};

// The container process: killed and reaped on unwind unless it already exited.
class ChildGuard {
 public:
  ChildGuard(pid_t pid, int pidfd) : pid_(pid), pidfd_(pidfd) {}
  ~ChildGuard() {
    if (reaped_ || pid_ <= 0) return;
    syscall(SYS_pidfd_send_signal, pidfd_.get(), SIGKILL, nullptr, 0);
    siginfo_t info{};
    while (waitid(P_PIDFD, static_cast<id_t>(pidfd_.get()), &info, WEXITED) < 0 && errno == EINTR) {
    }
    virtlab::explain("pidfd_send_signal(SIGKILL) + waitid", "container pid " + std::to_string(pid_), "reaped",
                     "killing pid 1 of a pid namespace kills every process in it");
  }
  ChildGuard(const ChildGuard&) = delete;
  ChildGuard& operator=(const ChildGuard&) = delete;
  pid_t pid() const noexcept { return pid_; }
  int pidfd() const noexcept { return pidfd_.get(); }
  void mark_reaped() noexcept { reaped_ = true; }

 private:
  pid_t pid_;
  virtlab::UniqueFd pidfd_;
  bool reaped_ = false;
};

// ---- the network namespace, made ahead on another CPU ----------------------------------------------------------
// Creating a network namespace is the largest single kernel cost of a start (loopback device, sysctl tables, sysfs
// entries: about 0.5 ms here). When the parent has nothing to do between clone and exec (the vfork path) and a
// second CPU is free, a helper process unshares CLONE_NEWNET there while we finish our checks and the child builds
// its mounts; the child joins that namespace with setns before it mounts /sys. It is how a Kubernetes pod's network
// namespace is made first (by CNI) and the container's runc joins it: the same namespace, the work just overlaps.
#if defined(__x86_64__) || defined(__aarch64__)
constexpr bool kNetnsAheadSupported = true;
// A syscall that never writes errno: the helper shares our memory and our thread pointer, so a glibc wrapper that
// failed there would write OUR errno while we run.
long raw_syscall(long nr, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0) noexcept {
#if defined(__x86_64__)
  long ret;
  register long r10 asm("r10") = a4;
  asm volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10) : "rcx", "r11", "memory");
  return ret;
#else
  register long x8 asm("x8") = nr;
  register long x0 asm("x0") = a1;
  register long x1 asm("x1") = a2;
  register long x2 asm("x2") = a3;
  register long x3 asm("x3") = a4;
  asm volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
  return x0;
#endif
}
#else
constexpr bool kNetnsAheadSupported = false;
long raw_syscall(long, long = 0, long = 0, long = 0, long = 0) noexcept {
  return -ENOSYS;
}
#endif

// setns on a pidfd, which the child uses to join the helper's namespace, exists since Linux 5.8 (after pivot_root
// the host's /proc, the other way in, is out of the child's reach).
bool kernel_has_setns_pidfd() {
  utsname uts{};
  return uname(&uts) == 0 && virtlab::kernel_release_at_least(uts.release, 5, 8);
}

class NetnsAhead {
 public:
  // nullptr when it would not help (one CPU) or cannot run (architecture, kernel, clone refused): then the child's
  // clone makes the network namespace itself.
  static std::unique_ptr<NetnsAhead> start() {
    if (!kNetnsAheadSupported) return nullptr;
    cpu_set_t cpus;
    if (sched_getaffinity(0, sizeof cpus, &cpus) != 0 || CPU_COUNT(&cpus) < 2 || !kernel_has_setns_pidfd())
      return nullptr;
    std::unique_ptr<NetnsAhead> ahead(new NetnsAhead);
    Shared& shared = ahead->block_->shared;
    shared.parent = getpid();
    // The helper starts with every signal blocked (only SIGKILL reaches it), so no handler of ours ever runs on
    // its stack and our thread pointer; our own mask is back a moment later.
    sigset_t all, ours;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &ours);
    int pidfd = -1;
    // CLONE_CHILD_CLEARTID: when the helper ends, however it ends, the kernel zeroes `state` and wakes its waiter
    // (as pthread_join relies on), so the child never waits for a helper that is gone.
    ahead->pid_ =
        clone(&helper_entry, ahead->block_->stack + kStackSize, CLONE_VM | CLONE_PIDFD | CLONE_CHILD_CLEARTID | SIGCHLD,
              &shared, &pidfd, nullptr, &shared.state);
    pthread_sigmask(SIG_SETMASK, &ours, nullptr);
    if (ahead->pid_ < 0) return nullptr;
    ahead->pidfd_.reset(pidfd);
    // The scheduler queues a new task on its parent's CPU, where it would wait for us to block: move it to the
    // others now, so that the two really run side by side.
    const int here = sched_getcpu();
    if (here >= 0 && here < CPU_SETSIZE) {
      CPU_CLR(here, &cpus);
      (void)sched_setaffinity(ahead->pid_, sizeof cpus, &cpus);
    }
    return ahead;
  }
  // Lets the helper go and reaps it. If it cannot be reaped, its stack and the words it writes at exit are leaked
  // rather than freed under it.
  ~NetnsAhead() {
    if (reaped_) return;
    release();
    siginfo_t info{};
    int rc;
    while ((rc = waitid(P_PIDFD, static_cast<id_t>(pidfd_.get()), &info, WEXITED)) < 0 && errno == EINTR) {
    }
    if (rc < 0)
      while ((rc = static_cast<int>(waitpid(pid_, nullptr, __WALL))) < 0 && errno == EINTR) {
      }
    if (rc < 0) (void)block_.release();
  }
  NetnsAhead(const NetnsAhead&) = delete;
  NetnsAhead& operator=(const NetnsAhead&) = delete;
  pid_t pid() const noexcept { return pid_; }
  int pidfd() const noexcept { return pidfd_.get(); }  // readable once the helper has ended
  // Reaps the helper if it has ended (without waiting); true once it is reaped.
  bool try_reap() noexcept {
    siginfo_t info{};
    if (!reaped_ && waitid(P_PIDFD, static_cast<id_t>(pidfd_.get()), &info, WEXITED | WNOHANG) == 0 && info.si_pid)
      reaped_ = true;
    return reaped_;
  }

  // In the child: wait until the helper's unshare is done. 0, or -1 + errno (its unshare's error, or ESRCH if the
  // helper ended without making the namespace).
  int wait_made() noexcept {
    Shared& s = block_->shared;
    int state;
    while ((state = __atomic_load_n(&s.state, __ATOMIC_ACQUIRE)) == kWorking)
      raw_syscall(SYS_futex, reinterpret_cast<long>(&s.state), FUTEX_WAIT, kWorking, 0);
    const int err = state != kReady ? ESRCH : static_cast<int>(-s.unshare_result);
    errno = err;
    return err == 0 ? 0 : -1;
  }
  // In the child, after wait_made: setns into the helper's namespace, then let the helper exit.
  int enter() noexcept {
    const int rc = setns(pidfd_.get(), CLONE_NEWNET);
    const int err = errno;
    release();
    errno = err;
    return rc;
  }

 private:
  static constexpr std::size_t kStackSize = 16 * 1024;
  static constexpr int kWorking = 1, kReady = 2;  // `state`; 0 = the helper has ended (CLONE_CHILD_CLEARTID)
  struct Shared {
    int state = kWorking;  // futex (shared: the kernel's exit wake is a shared one)
    int release = 0;       // futex: the helper may exit (the child joined, or we gave up)
    long unshare_result = 0;
    pid_t parent = 0;
  };
  struct Block {  // what the helper uses, in one allocation we can leak if the helper cannot be reaped
    Shared shared;
    alignas(16) char stack[kStackSize];
  };
  NetnsAhead() : block_(new Block) {}
  void release() noexcept {
    Shared& s = block_->shared;
    __atomic_store_n(&s.release, 1, __ATOMIC_RELEASE);
    raw_syscall(SYS_futex, reinterpret_cast<long>(&s.release), FUTEX_WAKE_PRIVATE, 1);
  }
  // Runs beside us on its own small stack: raw syscalls only (no errno, no malloc, no locks).
  static int helper_entry(void* arg) {
    auto* s = static_cast<Shared*>(arg);
    raw_syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL);    // we die → the helper and its namespace go too
    if (raw_syscall(SYS_getppid) != s->parent) return 0;  // we died before that line: end here
    s->unshare_result = raw_syscall(SYS_unshare, CLONE_NEWNET);
    __atomic_store_n(&s->state, kReady, __ATOMIC_RELEASE);
    raw_syscall(SYS_futex, reinterpret_cast<long>(&s->state), FUTEX_WAKE, 1);
    while (__atomic_load_n(&s->release, __ATOMIC_ACQUIRE) == 0)
      raw_syscall(SYS_futex, reinterpret_cast<long>(&s->release), FUTEX_WAIT_PRIVATE, 0);
    return 0;
  }
  std::unique_ptr<Block> block_;
  pid_t pid_ = -1;
  virtlab::UniqueFd pidfd_;
  bool reaped_ = false;
};

// ---- the child -------------------------------------------------------------------------------------------------
class ChildFailure {
 public:
  ChildFailure(std::string what, std::string hint, int err, std::optional<virtlab::ExitCode> code = std::nullopt)
      : what(std::move(what)), hint(std::move(hint)), err(err), code(code) {}
  std::string what, hint;
  int err;
  std::optional<virtlab::ExitCode> code;  // else derived from err (only the vfork path carries it)
};

// What a child that shares our memory (CLONE_VM|CLONE_VFORK) reports: it writes straight into this struct, which
// the parent reads once the clone returns (the child has exec'd or died by then, so nobody writes concurrently).
struct SharedChildReport {
  std::vector<std::array<std::string, 4>> steps;  // call, target, result, meaning
  std::optional<ChildFailure> failure;
  virtlab::Json namespaces = nullptr;  // {"mnt": inode, …} when asked for
};

struct ChildPlan {
  int sock = -1;                        // fork path: the sync socket (go, steps, errors, notify fd)
  SharedChildReport* shared = nullptr;  // vfork path: report here instead, no socket and no "go"
  NetnsAhead* netns_ahead = nullptr;    // the network namespace to join (else clone made one)
  int parent_pidfd = -1;                // readable once nsenter-lite has exited (getppid is 0 in a new pid ns)
  bool explain = false;
  bool json = false;
  bool rootless = false;
  bool use_chroot = false;
  std::string root;                 // host path of the root (merged overlay or the rootfs)
  std::vector<std::string> layers;  // bottom-up; empty when no overlay
  std::string upper, work;
  std::string hostname;
  std::string timens_offsets;  // "" = no time namespace
  std::vector<int> keep_caps;
  scmp_filter_ctx seccomp = nullptr;  // nullptr = --seccomp none
  bool seccomp_notify = false;
  std::string exec_path;
  std::vector<std::string> argv;
};

// A namespace refused at creation (clone, or the helper's unshare): ENOSPC is a namespace limit (a sysctl), not a
// full disk, so it is a policy refusal like EPERM (docs: exit 4).
virtlab::ExitCode namespace_refusal_code(int err) {
  return err == ENOSPC ? virtlab::ExitCode::permission : virtlab::exit_code_for_errno(err);
}

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

[[noreturn]] void child_main(const ChildPlan& p) noexcept {
  auto report = [&](const std::string& call, const std::string& target, const std::string& result,
                    const std::string& meaning) {
    if (!p.explain) return;
    if (p.shared)
      p.shared->steps.push_back({call, target, result, meaning});
    else
      send_msg(p.sock, Msg::step, 0, 0, {call, target, result, meaning});
  };
  auto step = [&](const std::string& call, const std::string& target, int rc, const std::string& meaning,
                  const std::string& hint = {}) {
    int err = errno;
    report(call, target, rc_text(rc, err), meaning);
    if (rc < 0) throw ChildFailure(call + " " + target + " failed", hint, err);
  };
  auto fail = [&](ChildFailure f) {
    if (p.shared)
      p.shared->failure = std::move(f);
    else
      send_msg(p.sock, Msg::error, 0, f.err, {f.what, f.hint});
  };
  try {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // if nsenter-lite dies, so does the container (nothing left running)
    // ... unless it died before that line (SIGKILL right after clone): then end here.
    if (pollfd parent{p.parent_pidfd, POLLIN, 0}; p.parent_pidfd >= 0 && poll(&parent, 1, 0) > 0) _exit(1);
    if (p.json) dup2(2, 1);  // stdout carries only our JSON document
    if (!p.shared) {
      // Wait until the parent has written our id maps, put us in the cgroup and plugged the veth in.
      Received go = recv_msg(p.sock);
      if (go.eof || go.header.type != Msg::go) _exit(1);
    }

    if (p.rootless) {
      // Our ids are still the creator's; become root *of the new user namespace* (host uid 65534 / caller).
      step("setresgid", "0, 0, 0", setresgid(0, 0, 0), "gid 0 inside = the mapped host gid outside");
      step("setresuid", "0, 0, 0", setresuid(0, 0, 0),
           "uid 0 inside = an unprivileged uid outside: root here, nobody on the host [runc: rootless]");
    }
    step("unshare", "CLONE_NEWCGROUP", unshare(CLONE_NEWCGROUP),
         "after joining the cgroup, so the container sees its cgroup as / [runc: unshare after cgroup join]");
    if (!p.timens_offsets.empty()) {
      // A new time namespace applies to our children and, from execve on, to us. Its offsets can only be written
      // while no process is inside it yet, i.e. now (runc: timeOffsets in config.json).
      step("unshare", "CLONE_NEWTIME", unshare(CLONE_NEWTIME),
           "a time namespace: CLOCK_MONOTONIC and CLOCK_BOOTTIME (so /proc/uptime) get our offsets; the wall clock "
           "stays shared",
           "the kernel needs CONFIG_TIME_NS (Linux 5.6+)");
      int fd = open("/proc/self/timens_offsets", O_WRONLY | O_CLOEXEC);
      ssize_t written = fd < 0 ? -1 : write(fd, p.timens_offsets.data(), p.timens_offsets.size());
      int write_err = errno;
      if (fd >= 0) close(fd);
      errno = write_err;
      std::string shown = p.timens_offsets;
      for (auto& c : shown)
        if (c == '\n') c = ';';
      step("write", "/proc/self/timens_offsets \"" + shown + "\"", written < 0 ? -1 : static_cast<int>(written),
           "offsets (seconds nanoseconds) for the new time namespace, before any process is in it; execve moves "
           "us in",
           "offsets must keep the clocks non-negative and be written before the first process enters");
    }
    step("mount", "none, /, MS_REC|MS_PRIVATE", mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr),
         "stop mount events propagating between the host and us [runc: prepareRoot rprivate]");
    if (!p.layers.empty()) {
      std::string opts = overlay_mount_options(p.layers, p.upper, p.work);
      step("mount", "overlay, " + p.root + ", \"overlay\", " + opts,
           mount("overlay", p.root.c_str(), "overlay", 0, opts.c_str()),
           "image layers stacked read-only; every write goes to the upper dir, the container's delta "
           "[containerd snapshotter: overlayfs]",
           "the kernel needs overlay support (modprobe overlay); the layers must be directories on a "
           "filesystem overlay accepts as lower (not overlay itself on old kernels)");
    }
    step("mount", p.root + ", " + p.root + ", MS_BIND|MS_REC",
         mount(p.root.c_str(), p.root.c_str(), nullptr, MS_BIND | MS_REC, nullptr),
         "bind the rootfs onto itself so it is a mount point pivot_root can use [runc: prepareRoot bind]");
    const std::string proc = p.root + "/proc";
    mkdir(proc.c_str(), 0555);
    step("mount", "proc, " + proc + ", \"proc\", MS_NOSUID|MS_NODEV|MS_NOEXEC",
         mount("proc", proc.c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr),
         "a procfs of OUR pid namespace: ps inside shows only the container [runc: mountToRootfs /proc]",
         "the root filesystem needs a /proc directory");
    const std::string dev = p.root + "/dev";
    mkdir(dev.c_str(), 0755);
    step("mount", "tmpfs, " + dev + ", \"tmpfs\", mode=755",
         mount("tmpfs", dev.c_str(), "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k"),
         "a private /dev: only the devices we put there exist [runc: mountToRootfs /dev]");
    // Root creates the device nodes (mknod, as runc does); in a user namespace mknod is refused, so the host's
    // nodes are bind-mounted instead (runc's rootless way). Either way only these six exist. umask 0 meanwhile, so
    // the nodes get 0666 and /dev/shm 1777 whatever the caller's umask is.
    const mode_t caller_umask = umask(0);
    struct DeviceNode {
      const char* name;
      unsigned major, minor;
    };
    for (const DeviceNode& node : {DeviceNode{"null", 1, 3}, DeviceNode{"zero", 1, 5}, DeviceNode{"full", 1, 7},
                                   DeviceNode{"random", 1, 8}, DeviceNode{"urandom", 1, 9}, DeviceNode{"tty", 5, 0}}) {
      const std::string target = dev + "/" + node.name;
      const bool first = node.name == std::string_view("null");
      if (!p.rootless) {
        step("mknod", target + ", S_IFCHR|0666, " + std::to_string(node.major) + ":" + std::to_string(node.minor),
             mknod(target.c_str(), S_IFCHR | 0666, makedev(node.major, node.minor)),
             first ? "a device node: a name for a driver (major:minor); opening it reaches the host's driver "
                     "[runc: createDevices → mknod]"
                   : "");
        continue;
      }
      int fd = open(target.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
      if (fd >= 0) close(fd);
      const std::string source = std::string("/dev/") + node.name;
      step("mount", source + ", " + target + ", MS_BIND",
           mount(source.c_str(), target.c_str(), nullptr, MS_BIND, nullptr),
           first ? "device nodes bind-mounted from the host: a user namespace may not mknod "
                   "[runc: createDevices, bind in rootless mode]"
                 : "");
    }
    for (auto [name, to] : {std::pair{"fd", "/proc/self/fd"}, std::pair{"stdin", "/proc/self/fd/0"},
                            std::pair{"stdout", "/proc/self/fd/1"}, std::pair{"stderr", "/proc/self/fd/2"}})
      (void)symlink(to, (dev + "/" + name).c_str());
    mkdir((dev + "/shm").c_str(), 01777);
    umask(caller_umask);
    // The hostname and the bounding set come before /sys and pivot_root (runc does them after): independent of
    // the mounts, and done here they fill the time the network namespace made ahead may still need.
    step("sethostname", "\"" + p.hostname + "\"", sethostname(p.hostname.c_str(), p.hostname.size()),
         "our own UTS namespace: the host keeps its name [runc: config.json hostname]");
    // Capabilities: the bounding set now (it needs CAP_SETPCAP, which we still have, and does not touch the
    // capabilities the mounts below still use), the process sets after them.
    // Every capability this kernel knows: PR_CAPBSET_DROP answers EINVAL past the last one (cap_last_cap).
    std::uint64_t keep = cap_mask(p.keep_caps);
    int dropped = 0;
    for (int cap = 0; cap < 64; ++cap) {
      if (keep & (1ULL << cap)) continue;
      if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0)
        ++dropped;
      else if (errno == EINVAL)
        break;
    }
    step("prctl", "PR_CAPBSET_DROP × " + std::to_string(dropped), 0,
         "removed from the bounding set: not even a setuid-root binary can get these back "
         "[runc: finalizeNamespace → capabilities]");
    // sysfs shows the network namespace of the process that mounts it. In a user namespace (--rootless) the
    // kernel allows a new sysfs only while a full one is visible in our mount namespace (mount_too_revealing), so
    // there it is mounted before the host's root is detached; otherwise after pivot_root (the order of the steps
    // in the notes), which leaves the helper making the network namespace more time before we need it.
    auto mount_sysfs = [&](const std::string& sys) {
      mkdir(sys.c_str(), 0555);
      step("mount", "sysfs, " + sys + ", \"sysfs\", MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC",
           mount("sysfs", sys.c_str(), "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr),
           "read-only sysfs; /sys/class/net shows only our network namespace's interfaces "
           "[runc: mountToRootfs /sys]");
    };
    if (p.rootless) mount_sysfs(p.root + "/sys");
    step("chdir", p.root, chdir(p.root.c_str()), "");
    if (p.use_chroot) {
      step("chroot", ".", chroot("."),
           "chroot only changes how THIS process resolves '/': the host's whole tree stays mounted in our "
           "mount namespace (merely out of sight) and a root process can walk back out with a second chroot "
           "and chdir(\"..\"). That is why runtimes use pivot_root");
    } else {
      step("pivot_root", "\".\", \".\"", static_cast<int>(syscall(SYS_pivot_root, ".", ".")),
           "the new root becomes / of the whole mount namespace; the old root is stacked on top of it "
           "[runc: pivotRoot]",
           "pivot_root needs the rootfs to be a mount point whose parent mount is not shared");
      step("umount2", "\".\", MNT_DETACH", umount2(".", MNT_DETACH),
           "detach the old root: the host filesystem is now unreachable, unlike with chroot");
    }
    step("chdir", "/", chdir("/"), "");
    if (p.netns_ahead) {
      const std::string helper = "helper " + std::to_string(p.netns_ahead->pid());
      if (p.netns_ahead->wait_made() != 0) {
        const int err = errno;
        report("unshare (" + helper + ")", "CLONE_NEWNET", virtlab::errno_result(err), "");
        if (err == ESRCH)
          throw ChildFailure("the " + helper + " ended before it made the network namespace",
                             "it was killed (by a signal?); run again", err, virtlab::ExitCode::failure);
        // The same refusal clone(CLONE_NEWNET) would have met: a capability, or a namespace limit (a sysctl).
        throw ChildFailure("unshare(CLONE_NEWNET) in the " + helper + " failed",
                           err == ENOSPC ? "a namespace limit is reached: raise sysctl user.max_net_namespaces"
                                         : "needs CAP_SYS_ADMIN: run as root",
                           err, namespace_refusal_code(err));
      }
      report("unshare (" + helper + ")", "CLONE_NEWNET", "0",
             "the helper made our network namespace on the other CPU meanwhile (only lo, down) "
             "[Kubernetes: CNI makes a pod's netns before runc]");
      step("setns", "pidfd of " + helper + ", CLONE_NEWNET", p.netns_ahead->enter(),
           "join it before mounting /sys [runc: join a namespace given by path]");
    }
    if (!p.rootless) mount_sysfs("/sys");
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    for (int i = 0; i < 2; ++i) {
      auto word = static_cast<std::uint32_t>(keep >> (32 * i));
      data[i].effective = data[i].permitted = data[i].inheritable = word;
    }
    char mask[32];
    snprintf(mask, sizeof mask, "0x%016llx", static_cast<unsigned long long>(keep));
    step("capset", std::string("effective=permitted=inheritable=") + mask,
         static_cast<int>(syscall(SYS_capset, &hdr, data)), "the capabilities root keeps inside (Docker's default 14)");
    step("prctl", "PR_SET_NO_NEW_PRIVS, 1", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0),
         "execve can never grant more privileges (setuid bits ignored); lets us load seccomp without "
         "CAP_SYS_ADMIN");
    // The namespaces the container runs in, read once all exist (the cgroup one from our unshare, the network one
    // joined above) and before the filter could deny readlink.
    if (p.json) {
      virtlab::Json inodes = namespace_inodes(!p.timens_offsets.empty());
      if (p.shared)
        p.shared->namespaces = std::move(inodes);
      else
        send_msg(p.sock, Msg::namespaces, 0, 0, {inodes.dump()});
    }
    if (p.seccomp) {
      int rc = seccomp_load(p.seccomp);
      if (rc < 0) errno = -rc;
      step("seccomp(SECCOMP_SET_MODE_FILTER) via seccomp_load", p.seccomp_notify ? "notify filter" : "EPERM filter",
           rc < 0 ? -1 : 0, "LAST step before exec, so our own setup was not filtered [runc/bubblewrap: seccomp last]");
      if (p.seccomp_notify) {
        int nfd = seccomp_notify_fd(p.seccomp);
        send_msg(p.sock, Msg::notify_fd, 0, 0, {}, nfd);
        report("sendmsg(SCM_RIGHTS)", "seccomp notify fd " + std::to_string(nfd), "0",
               "the supervisor (nsenter-lite) now answers every blocked syscall [SCMP_ACT_NOTIFY]");
        close(nfd);
      }
    }
    std::vector<char*> args;
    for (const auto& a : p.argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::string host_env = "HOSTNAME=" + p.hostname;
    const char* term = getenv("TERM");
    std::string term_env = std::string("TERM=") + (term ? term : "dumb");
    char* env[] = {const_cast<char*>("PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin"),
                   const_cast<char*>("HOME=/root"), host_env.data(), term_env.data(), nullptr};
    report("execve", p.exec_path,
           p.shared ? "(success = the parent's vfork wait ends)" : "(success = the socket closes on exec)",
           "the container's process replaces this one as pid 1 [runc init → exec user process]");
    execve(p.exec_path.c_str(), args.data(), env);
    throw ChildFailure("execve " + p.exec_path + " failed", "check that it is an executable for this machine", errno);
  } catch (const ChildFailure& f) {
    fail(f);
  } catch (const std::exception& e) {
    fail(ChildFailure(e.what(), "", 0));
  } catch (...) {
  }
  _exit(127);
}

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

ChildFailure failure_from(const Received& m) {
  return ChildFailure(!m.parts.empty() ? m.parts[0] : "container setup failed", m.parts.size() > 1 ? m.parts[1] : "",
                      m.header.err);
}

// A setup step inside the child failed: one error with the step, errno and a fix.
virtlab::Error container_error(const ChildFailure& f, bool rootless) {
  std::string hint = f.hint;
  if (hint.empty() && (f.err == EPERM || f.err == EACCES))
    hint = rootless ? "in a user namespace some mounts are refused (locked mounts, nosuid sources)"
                    : "needs CAP_SYS_ADMIN";
  return virtlab::Error(f.code.value_or(virtlab::exit_code_for_errno(f.err)), "container: " + f.what, hint, f.err);
}

int vfork_child_entry(void* plan) {
  child_main(*static_cast<const ChildPlan*>(plan));
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

}  // namespace

std::string seccomp_pfc_for(const std::string& spec_text) {
  auto spec = parse_seccomp_spec(spec_text);
  if (!spec.enabled) return "# --seccomp none: no filter is loaded\n";
  SeccompFilter filter(spec, false);
  return filter.pfc();
}

RunResult run_container(const RunOptions& o) {
  RunResult result;
  const bool as_root = geteuid() == 0;
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

  // When the parent will have nothing to do between clone and exec (the vfork path below), start making the
  // network namespace now, on the other CPU (NetnsAhead).
  const auto spec = parse_seccomp_spec(o.seccomp);
  const bool wants_limits = o.cpu_cores || o.memory_bytes || o.pids_max;
  const bool parent_acts =
      o.rootless || wants_limits || o.net == "veth" || (o.seccomp_watch && spec.enabled) || !kChildMayShareMemory;
  std::unique_ptr<NetnsAhead> netns_ahead = parent_acts ? nullptr : NetnsAhead::start();
  const bool netns_made_ahead = netns_ahead != nullptr;
  if (netns_made_ahead) {
    virtlab::Explain::instance().note(
        "0. the network namespace, made ahead on the other CPU  [Kubernetes: CNI makes a pod's netns first]");
    virtlab::explain("clone", "CLONE_VM|CLONE_PIDFD|CLONE_CHILD_CLEARTID (a helper) → unshare(CLONE_NEWNET)",
                     "pid " + std::to_string(netns_ahead->pid()),
                     "the network namespace is made on the other CPU while we and the child do the rest; the "
                     "child joins it before mounting /sys");
  }

  virtlab::Explain::instance().note("1. prepare the bundle: root filesystem and layers  [containerd]");
  // Layers (bottom → top) or a plain rootfs.
  std::vector<std::string> layers;
  auto resolve_dir = [&](const std::string& d, const char* what) {
    if (d == "busybox") return ensure_busybox_rootfs(o.cache_dir);
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
  };
  std::string rootfs;
  if (!o.rootfs.empty()) rootfs = resolve_dir(o.rootfs, "root filesystem");
  if (!o.layers.empty()) {
    if (!rootfs.empty()) layers.push_back(rootfs);
    for (const auto& l : o.layers) layers.push_back(resolve_dir(l, "layer"));
  }
  if (rootfs.empty() && layers.empty())
    throw virtlab::Error(virtlab::ExitCode::usage, "no root filesystem",
                         "pass --rootfs DIR, --rootfs busybox or --layers L1:L2");
  // The command must exist in the root it will see: with layers, the topmost layer that has it wins.
  std::string exec_path;
  if (layers.empty()) {
    exec_path = resolve_command_in_root(rootfs, o.argv[0]);
  } else {
    for (auto it = layers.rbegin(); it != layers.rend() && exec_path.empty(); ++it) {
      try {
        exec_path = resolve_command_in_root(*it, o.argv[0]);
      } catch (const virtlab::Error&) {
      }
    }
    if (exec_path.empty())
      throw virtlab::Error(virtlab::ExitCode::not_found, "command '" + o.argv[0] + "' is in none of the layers",
                           "add a layer that has it (e.g. busybox as the bottom layer)", ENOENT);
  }
  virtlab::explain("openat2(RESOLVE_IN_ROOT)", o.argv[0], exec_path,
                   "the command is looked up inside the container's root, symlinks included");

  std::unique_ptr<SeccompFilter> filter;
  if (spec.enabled) filter = std::make_unique<SeccompFilter>(spec, o.seccomp_watch);
  auto keep_caps = kept_capabilities(o.cap_drop);

  virtlab::InterruptGuard interrupts;
  // What SIGKILLed runs left of the kind we make (layer scratch here, cgroups below) goes before we make ours; a run
  // that makes neither skips the readdirs.
  if (as_root && !layers.empty()) virtlab::reap_stale({.cgroup_mounts = {}, .state_dirs = true});
  const uid_t host_id = as_root ? kRootlessHostId : getuid();
  const gid_t host_gid = as_root ? kRootlessHostId : getgid();

  // Overlay: upper ("delta") + work must be on one filesystem; merged is just a mount point.
  ScopedTree scratch;
  ScopedTree upper_work_tree;
  ChildPlan plan;
  if (!layers.empty()) {
    // Named <pid>-<start time>: who finds it after a SIGKILL can tell its owner is gone (virtlab/stale.hpp).
    std::string base = (as_root ? std::string("/run/virtlab/nsenter-lite/") : std::string("/tmp/nsenter-lite-")) +
                       virtlab::owner_tag(virtlab::self_owner());
    std::error_code ec;
    fs::create_directories(base, ec);
    if (ec) throw virtlab::Error(virtlab::ExitCode::permission, "cannot create " + base, "run as root", ec.value());
    scratch = ScopedTree(base);
    std::string upper = base + "/upper", work = base + "/work";
    if (!o.upper.empty()) {
      upper = fs::absolute(o.upper).lexically_normal().string();
      fs::create_directories(upper, ec);
      if (ec || !is_dir(upper))
        throw virtlab::Error(virtlab::ExitCode::usage, "upper dir '" + o.upper + "' is not a usable directory",
                             "pass a directory on a local filesystem (ext4, xfs, tmpfs)", ec.value());
      work = fs::path(upper).parent_path().string() + "/.nsenter-lite-work-" + std::to_string(getpid());
      upper_work_tree = ScopedTree(work);
    }
    fs::create_directories(upper);
    fs::create_directories(work);
    fs::create_directories(base + "/merged");
    if (o.rootless && as_root) {
      (void)chown(upper.c_str(), host_id, host_gid);
      (void)chown(work.c_str(), host_id, host_gid);
    }
    virtlab::explain("mkdir", upper + " (upper), " + work + " (work), " + base + "/merged", "0",
                     "upper = the container's writable delta; work = overlayfs scratch, removed at exit");
    plan.layers = layers;
    plan.upper = upper;
    plan.work = work;
    plan.root = base + "/merged";
  } else {
    plan.root = rootfs;
  }

  // cgroup (cgtop's library): created before the child exists, removed after it is gone.
  // Only when a limit is asked: making and removing a cgroup in every v1 hierarchy is most of the cost of a start
  // (runc always makes one). Without limits the container stays in our own cgroup, like unshare.
  std::optional<cgtop::ScopedCgroup> cgroup;
  if (as_root && !wants_limits) {
    virtlab::Explain::instance().note("2. cgroup  [runc: libcontainer/cgroups manager]");
    virtlab::explain("(no cgroup)", "-", "skipped",
                     "no --cpu/--memory/--pids limit asked: the container stays in nsenter-lite's own cgroup "
                     "(runc would still create one); give a limit to see mkdir + limit writes + cgroup.procs");
  }
  if (as_root && wants_limits) {
    virtlab::Explain::instance().note("2. cgroup  [runc: libcontainer/cgroups manager]");
    cgtop::Limits limits;
    limits.cpu_cores = o.cpu_cores;
    limits.memory_bytes = o.memory_bytes;
    limits.pids_max = o.pids_max;
    const cgtop::Hierarchy hierarchy = cgtop::discover();
    cgtop::reap_stale_cgroups(hierarchy);
    cgroup.emplace(
        cgtop::ScopedCgroup::create(hierarchy, "nsenter-lite-" + virtlab::owner_tag(virtlab::self_owner()), limits));
  }

  // The sync socket and its "go" exist so that we can act between clone and the child's setup: write the id maps
  // (rootless), put the child in the cgroup, plug in the veth, take the seccomp notify fd. When none of that is
  // asked, the child needs nothing from us: it shares our memory and we sleep until it execs, as posix_spawn does
  // (CLONE_VM|CLONE_VFORK: no page tables copied, no copy-on-write faults in either process).
  SharedChildReport shared;
  virtlab::UniqueFd parent_sock, child_sock;
  if (parent_acts) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) virtlab::throw_errno("socketpair");
    parent_sock.reset(sv[0]);
    child_sock.reset(sv[1]);
    virtlab::explain("socketpair", "AF_UNIX, SOCK_SEQPACKET",
                     "fds " + std::to_string(sv[0]) + "," + std::to_string(sv[1]),
                     "sync channel: the parent says 'go', the child reports steps and errors [runc: sync pipe]");
  } else {
    plan.shared = &shared;
  }

  plan.sock = child_sock.get();
  plan.netns_ahead = netns_ahead.get();
  virtlab::UniqueFd self_pidfd(static_cast<int>(syscall(SYS_pidfd_open, getpid(), 0)));
  plan.parent_pidfd = self_pidfd.get();
  plan.explain = virtlab::explaining();
  plan.json = o.json;
  plan.rootless = o.rootless;
  plan.use_chroot = o.use_chroot;
  plan.hostname = o.hostname;
  plan.timens_offsets = timens_offsets_text(o.monotonic_offset, o.boottime_offset);
  plan.keep_caps = keep_caps;
  plan.seccomp = filter ? filter->ctx() : nullptr;
  plan.seccomp_notify = o.seccomp_watch && filter;
  plan.exec_path = exec_path;
  plan.argv = o.argv;

  virtlab::Explain::instance().note("3. clone into new namespaces  [runc: nsexec clone]");
  int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_PIDFD;
  if (!netns_made_ahead) flags |= CLONE_NEWNET;
  if (o.rootless) flags |= CLONE_NEWUSER;
  int pidfd = -1;
  // Root asking for --rootless: create the user namespace as uid/gid 65534 with no supplementary groups, so the
  // namespace is owned by nobody, exactly as if an unprivileged user had made it.
  if (o.rootless && as_root) {
    if (setgroups(0, nullptr) != 0 || setresgid(-1, host_gid, -1) != 0 || setresuid(-1, host_id, -1) != 0)
      virtlab::throw_errno("cannot drop to uid " + std::to_string(host_id) + " for --rootless");
  }
  const double t0 = o.json ? now_seconds() : 0;
  long child = -1;
  int clone_err = 0;
  if (plan.shared) {
    child = clone_vfork(plan, flags, &pidfd);
    clone_err = errno;
    // The child has exec'd or died, so it joined or gave up: the helper is ending. Reaped here or, if it has not
    // quite ended, as soon as the poll below sees its pidfd (not at the container's exit).
    if (netns_ahead && netns_ahead->try_reap()) netns_ahead.reset();
  } else {
    clone_args args{};
    args.flags = static_cast<std::uint64_t>(flags);
    args.pidfd = reinterpret_cast<std::uint64_t>(&pidfd);
    args.exit_signal = SIGCHLD;
    child = syscall(SYS_clone3, &args, sizeof args);
    clone_err = errno;
    if (child == 0) {
      parent_sock.reset();
      child_main(plan);
    }
  }
  if (o.rootless && as_root) {
    (void)setresuid(-1, 0, -1);
    (void)setresgid(-1, 0, -1);
  }
  std::string flag_text = "CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWPID";
  if (!netns_made_ahead) flag_text += "|CLONE_NEWNET";
  if (o.rootless) flag_text = "CLONE_NEWUSER|" + flag_text;
  const std::string clone_call = plan.shared ? "clone" : "clone3";
  virtlab::explain(clone_call, flag_text + (plan.shared ? "|CLONE_PIDFD|CLONE_VM|CLONE_VFORK" : "|CLONE_PIDFD"),
                   child < 0 ? virtlab::errno_result(clone_err) : "pid " + std::to_string(child),
                   plan.shared ? "the child starts life in new namespaces as pid 1 of its pid namespace, sharing our "
                                 "memory until it execs while we sleep (vfork): nothing to copy, no go signal needed"
                               : "the child starts life in new namespaces; it is pid 1 in its pid namespace");
  if (child < 0)
    throw virtlab::Error(namespace_refusal_code(clone_err), clone_call + "(" + flag_text + ") failed",
                         namespace_denied_hint(o.rootless, clone_err), clone_err);
  child_sock.reset();
  ChildGuard guard(static_cast<pid_t>(child), pidfd);
  result.host_pid = guard.pid();
  const std::string proc_dir = "/proc/" + std::to_string(child);
  // The vfork child wrote its namespace links into `shared`; a forked child sends them before it execs.
  virtlab::Json ns_json = plan.shared ? std::move(shared.namespaces) : nullptr;

  if (o.rootless) {
    virtlab::Explain::instance().note("4. user namespace id maps  [runc: parent writes uid_map/gid_map]");
    virtlab::write_file(proc_dir + "/setgroups", "deny");
    virtlab::explain("write", proc_dir + "/setgroups", "deny",
                     "must come before gid_map: otherwise an unprivileged mapper could drop groups it is denied by");
    virtlab::write_file(proc_dir + "/uid_map", id_map_line(0, host_id, 1));
    virtlab::explain("write", proc_dir + "/uid_map",
                     id_map_line(0, host_id, 1).substr(0, id_map_line(0, host_id, 1).size() - 1),
                     "uid 0 inside = uid " + std::to_string(host_id) + " outside");
    virtlab::write_file(proc_dir + "/gid_map", id_map_line(0, host_gid, 1));
    virtlab::explain("write", proc_dir + "/gid_map",
                     id_map_line(0, host_gid, 1).substr(0, id_map_line(0, host_gid, 1).size() - 1),
                     "gid 0 inside = gid " + std::to_string(host_gid) + " outside");
  }
  if (cgroup) {
    cgroup->add_process(guard.pid());
    virtlab::explain("write", "cgroup.procs in " + cgroup->relative_path(), std::to_string(guard.pid()),
                     "the container and all its future children are accounted and limited here");
  }

  ScopedLink veth;
  virtlab::Json net_json = nullptr;
  if (o.net == "veth") {
    virtlab::Explain::instance().note("5. network: veth pair, one end into the container  [docker/CNI bridge plugin]");
    std::string host_end = o.veth_name.empty() ? "vl-c" + std::to_string(guard.pid()) : o.veth_name;
    NetlinkSocket host_sk;
    create_veth(host_sk, host_end, "eth0", guard.pid());
    veth = ScopedLink(host_end);
    auto [host_ip, cont_ip] = veth_addresses(guard.pid());
    add_address(host_sk, host_end, host_ip);
    set_up(host_sk, host_end);
    virtlab::UniqueFd netns = virtlab::open_or_throw(proc_dir + "/ns/net", O_RDONLY);
    auto cont_sk = NetlinkSocket::in_netns(netns.get());
    set_up(cont_sk, "lo");
    add_address(cont_sk, "eth0", cont_ip);
    set_up(cont_sk, "eth0");
    net_json = {{"host_interface", host_end},
                {"container_interface", "eth0"},
                {"host_address", host_ip},
                {"container_address", cont_ip}};
  }

  virtlab::Explain::instance().note(
      "6. inside the child: mounts, pivot_root, hostname, caps, seccomp, exec  [runc init]");
  std::optional<virtlab::Error> child_error;
  if (plan.shared) {
    for (auto& [call, target, res, meaning] : shared.steps) virtlab::explain(call, target, res, meaning);
    if (shared.failure) child_error = container_error(*shared.failure, o.rootless);
  } else {
    send_msg(parent_sock.get(), Msg::go, 0, 0, {});
    virtlab::explain("sendmsg", "go", "0", "the child may now build its root and exec");
  }

  // Supervise: child messages, seccomp notifications, signals, exit.
  virtlab::UniqueFd notify_fd;
  bool sock_open = static_cast<bool>(parent_sock);
  siginfo_t info{};
  bool exited = false;
  while (!exited) {
    std::vector<pollfd> fds = {{guard.pidfd(), POLLIN, 0}, {virtlab::InterruptGuard::poll_fd(), POLLIN, 0}};
    if (sock_open) fds.push_back({parent_sock.get(), POLLIN, 0});
    const std::size_t notify_index = fds.size();
    if (notify_fd) fds.push_back({notify_fd.get(), POLLIN, 0});
    const std::size_t helper_index = fds.size();
    if (netns_ahead) fds.push_back({netns_ahead->pidfd(), POLLIN, 0});
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      virtlab::throw_errno("poll");
    }
    if (fds[1].revents) virtlab::InterruptGuard::throw_if_requested();  // ChildGuard kills + reaps on unwind
    if (sock_open && (fds[2].revents & (POLLIN | POLLHUP))) {
      Received m = recv_msg(parent_sock.get());
      if (m.eof) {
        sock_open = false;
      } else if (m.header.type == Msg::step && m.parts.size() >= 4) {
        virtlab::explain(m.parts[0], m.parts[1], m.parts[2], m.parts[3]);
      } else if (m.header.type == Msg::namespaces && !m.parts.empty()) {
        ns_json = virtlab::Json::parse(m.parts[0], nullptr, false);
      } else if (m.header.type == Msg::notify_fd && m.fd >= 0) {
        notify_fd.reset(m.fd);
      } else if (m.header.type == Msg::error) {
        child_error = container_error(failure_from(m), o.rootless);
      }
    }
    if (notify_fd && fds.size() > notify_index && (fds[notify_index].revents & POLLIN)) {
      seccomp_notif* req = nullptr;
      seccomp_notif_resp* resp = nullptr;
      if (seccomp_notify_alloc(&req, &resp) == 0) {
        if (seccomp_notify_receive(notify_fd.get(), req) == 0) {
          std::string name = syscall_name(req->data.nr);
          char args_text[160];
          snprintf(
              args_text, sizeof args_text, "0x%llx, 0x%llx, 0x%llx", static_cast<unsigned long long>(req->data.args[0]),
              static_cast<unsigned long long>(req->data.args[1]), static_cast<unsigned long long>(req->data.args[2]));
          std::cerr << "nsenter-lite: seccomp: pid " << req->pid << " called " << name << "(" << args_text
                    << ") → blocked, returns EPERM\n";
          result.seccomp_events.push_back({{"pid", req->pid},
                                           {"syscall", name},
                                           {"nr", req->data.nr},
                                           {"args", {req->data.args[0], req->data.args[1], req->data.args[2]}},
                                           {"action", "EPERM"}});
          resp->id = req->id;
          resp->error = -EPERM;
          resp->val = 0;
          resp->flags = 0;
          (void)seccomp_notify_respond(notify_fd.get(), resp);
        } else {
          notify_fd.reset();  // the filter is gone (container exited)
        }
        seccomp_notify_free(req, resp);
      }
    }
    if (netns_ahead && fds.size() > helper_index && (fds[helper_index].revents & POLLIN) && netns_ahead->try_reap())
      netns_ahead.reset();
    if (fds[0].revents & POLLIN) {
      if (waitid(P_PIDFD, static_cast<id_t>(guard.pidfd()), &info, WEXITED) == 0) {
        exited = true;
        guard.mark_reaped();
      }
    }
  }
  if (o.json) result.seconds = now_seconds() - t0;
  if (info.si_code == CLD_EXITED) {
    result.exit_code = info.si_status;
  } else {
    result.signal = info.si_status;
    result.exit_code = 128 + info.si_status;
  }
  virtlab::explain("waitid(P_PIDFD)", "container pid " + std::to_string(guard.pid()),
                   result.signal ? "killed by signal " + std::to_string(result.signal)
                                 : "exit status " + std::to_string(result.exit_code),
                   "the shim's job: collect the exit status [containerd-shim]");
  // Drain step records that arrived together with the exit.
  while (sock_open) {
    pollfd pf{parent_sock.get(), POLLIN, 0};
    if (poll(&pf, 1, 0) <= 0) break;
    Received m = recv_msg(parent_sock.get());
    if (m.eof) break;
    if (m.header.type == Msg::error) child_error = container_error(failure_from(m), o.rootless);
    if (m.header.type == Msg::namespaces && !m.parts.empty())
      ns_json = virtlab::Json::parse(m.parts[0], nullptr, false);
  }
  if (child_error) throw *child_error;
  if (!o.json) return result;

  result.report = {
      {"host_pid", guard.pid()},
      {"hostname", o.hostname},
      {"command", o.argv},
      {"exec_path", exec_path},
      {"root", plan.root},
      {"root_switch", o.use_chroot ? "chroot" : "pivot_root"},
      {"layers", layers},
      {"upper", plan.upper.empty() ? virtlab::Json(nullptr) : virtlab::Json(plan.upper)},
      {"upper_kept", !o.upper.empty()},
      {"rootless", o.rootless},
      {"uid_map", o.rootless
                      ? virtlab::Json(id_map_line(0, host_id, 1).substr(0, id_map_line(0, host_id, 1).size() - 1))
                      : virtlab::Json(nullptr)},
      {"namespaces", ns_json},
      {"time_offsets",
       plan.timens_offsets.empty()
           ? virtlab::Json(nullptr)
           : virtlab::Json{{"monotonic", o.monotonic_offset ? virtlab::Json(*o.monotonic_offset) : virtlab::Json(0)},
                           {"boottime", o.boottime_offset ? virtlab::Json(*o.boottime_offset) : virtlab::Json(0)}}},
      {"cgroup", cgroup ? virtlab::Json(cgroup->relative_path()) : virtlab::Json(nullptr)},
      {"network", net_json},
      {"capabilities",
       [&] {
         virtlab::Json caps = virtlab::Json::array();
         for (int c : keep_caps) caps.push_back(cap_name(c));
         return caps;
       }()},
      {"seccomp",
       {{"enabled", filter != nullptr},
        {"mode", o.seccomp_watch ? "notify" : "errno"},
        {"denied", filter ? filter->denied() : std::vector<std::string>{}}}},
      {"lsm", lsm_report()},
      {"exit_code", result.exit_code},
      {"signal", result.signal ? virtlab::Json(result.signal) : virtlab::Json(nullptr)},
      {"seconds", result.seconds}};
  return result;
}

}  // namespace nsenter_lite
