// The network namespace made ahead on another CPU (netns_ahead.hpp): a helper sharing our memory, raw syscalls only.
#include "netns_ahead.hpp"

#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "virtlab/text.hpp"

namespace virtlab::nsenter_lite {

namespace {

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

}  // namespace

NetnsAhead::NetnsAhead() : block_(new Block) {}

std::unique_ptr<NetnsAhead> NetnsAhead::start() {
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
  ahead->pid_ = clone(&helper_entry, ahead->block_->stack + kStackSize,
                      CLONE_VM | CLONE_PIDFD | CLONE_CHILD_CLEARTID | SIGCHLD, &shared, &pidfd, nullptr, &shared.state);
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

NetnsAhead::~NetnsAhead() {
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

bool NetnsAhead::try_reap() noexcept {
  siginfo_t info{};
  if (!reaped_ && waitid(P_PIDFD, static_cast<id_t>(pidfd_.get()), &info, WEXITED | WNOHANG) == 0 && info.si_pid)
    reaped_ = true;
  return reaped_;
}

int NetnsAhead::wait_made() noexcept {
  Shared& s = block_->shared;
  int state;
  while ((state = __atomic_load_n(&s.state, __ATOMIC_ACQUIRE)) == kWorking)
    raw_syscall(SYS_futex, reinterpret_cast<long>(&s.state), FUTEX_WAIT, kWorking, 0);
  const int err = state != kReady ? ESRCH : static_cast<int>(-s.unshare_result);
  errno = err;
  return err == 0 ? 0 : -1;
}

int NetnsAhead::enter() noexcept {
  const int rc = setns(pidfd_.get(), CLONE_NEWNET);
  const int err = errno;
  release();
  errno = err;
  return rc;
}

void NetnsAhead::release() noexcept {
  Shared& s = block_->shared;
  __atomic_store_n(&s.release, 1, __ATOMIC_RELEASE);
  raw_syscall(SYS_futex, reinterpret_cast<long>(&s.release), FUTEX_WAKE_PRIVATE, 1);
}

// Runs beside us on its own small stack: raw syscalls only (no errno, no malloc, no locks).
int NetnsAhead::helper_entry(void* arg) {
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

}  // namespace virtlab::nsenter_lite
