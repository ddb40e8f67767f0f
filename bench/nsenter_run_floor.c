// The floor for bench/nsenter_run.py: the same kernel work as `nsenter-lite run --rootfs DIR -- /bin/true` with
// nothing else: no C++ runtime, no command line, no libseccomp, no step log. A static C program that, like
// nsenter-lite on two or more CPUs, first starts a helper on another CPU that unshares a network namespace, then
// clones into new mount, UTS, IPC and pid namespaces (CLONE_VM|CLONE_VFORK), makes / private, binds the rootfs onto
// itself, mounts /proc, a tmpfs /dev with six mknod'ed device nodes, the fd/stdin/stdout/stderr links and /dev/shm,
// sets the hostname, drops the bounding set to Docker's 14 capabilities, pivot_root + detaches the old root, joins
// the helper's network namespace (setns on its pidfd), mounts a read-only /sys, clears the ambient set, sets
// no_new_privs, loads a hand-written BPF filter denying the same 30 syscalls with EPERM, and execs /bin/true.
// On one CPU the clone makes the network namespace and /sys is mounted at the same point, as nsenter-lite does.
// usage: nsenter_run_floor ROOTFS   (exit status = the container's)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/futex.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static const char* root;

// The helper that makes the network namespace: it shares our memory and thread pointer, so it touches only these
// words and makes raw syscalls (a failing libc wrapper would write our errno).
static int net_state = 1;  // 1 working, 2 ready; 0 once the helper has ended (CLONE_CHILD_CLEARTID)
static int net_release;
static int helper_pidfd = -1;

static long raw(long nr, long a1, long a2, long a3) {
#if defined(__x86_64__)
  long ret;
  register long r10 __asm__("r10") = 0;  // futex's timeout: none
  __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10) : "rcx", "r11", "memory");
  return ret;
#else
  return syscall(nr, a1, a2, a3, 0L);
#endif
}

static int helper(void* parent) {
  raw(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0);
  if (raw(SYS_getppid, 0, 0, 0) != (long)parent) return 0;
  if (raw(SYS_unshare, CLONE_NEWNET, 0, 0)) return 1;
  __atomic_store_n(&net_state, 2, __ATOMIC_RELEASE);
  raw(SYS_futex, (long)&net_state, FUTEX_WAKE, 1);
  while (!__atomic_load_n(&net_release, __ATOMIC_ACQUIRE)) raw(SYS_futex, (long)&net_release, FUTEX_WAIT_PRIVATE, 0);
  return 0;
}

static void path(char* out, size_t size, const char* tail) {
  snprintf(out, size, "%s/%s", root, tail);
}

static int child(void* unused) {
  (void)unused;
  char p[4096];
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (unshare(CLONE_NEWCGROUP) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
      mount(root, root, NULL, MS_BIND | MS_REC, NULL))
    _exit(90);
  path(p, sizeof p, "proc");
  if (mount("proc", p, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL)) _exit(91);
  path(p, sizeof p, "dev");
  if (mount("tmpfs", p, "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k")) _exit(92);
  static const struct {
    const char* name;
    unsigned major, minor;
  } nodes[] = {{"dev/null", 1, 3},   {"dev/zero", 1, 5},    {"dev/full", 1, 7},
               {"dev/random", 1, 8}, {"dev/urandom", 1, 9}, {"dev/tty", 5, 0}};
  mode_t old_umask = umask(0);
  for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
    path(p, sizeof p, nodes[i].name);
    if (mknod(p, S_IFCHR | 0666, makedev(nodes[i].major, nodes[i].minor))) _exit(93);
  }
  static const char* const links[][2] = {{"/proc/self/fd", "dev/fd"},
                                         {"/proc/self/fd/0", "dev/stdin"},
                                         {"/proc/self/fd/1", "dev/stdout"},
                                         {"/proc/self/fd/2", "dev/stderr"}};
  for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
    path(p, sizeof p, links[i][1]);
    if (symlink(links[i][0], p)) _exit(93);
  }
  path(p, sizeof p, "dev/shm");
  if (mkdir(p, 01777)) _exit(93);
  umask(old_umask);
  if (sethostname("container", 9)) _exit(96);
  const uint64_t keep = 0xa80425fbULL;  // Docker's default 14
  for (int cap = 0; cap < 64; cap++)
    if (!(keep & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) && errno == EINVAL) break;
  if (chdir(root) || syscall(SYS_pivot_root, ".", ".") || umount2(".", MNT_DETACH) || chdir("/")) _exit(95);
  if (helper_pidfd >= 0) {
    while (__atomic_load_n(&net_state, __ATOMIC_ACQUIRE) == 1)
      syscall(SYS_futex, &net_state, FUTEX_WAIT, 1, NULL, NULL, 0);
    if (net_state != 2 || setns(helper_pidfd, CLONE_NEWNET)) _exit(81);
    __atomic_store_n(&net_release, 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &net_release, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
  }
  if (mount("sysfs", "/sys", "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL)) _exit(94);
  prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2] = {{(uint32_t)keep, (uint32_t)keep, (uint32_t)keep}, {0, 0, 0}};
  if (syscall(SYS_capset, &hdr, data) || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) _exit(97);
  static const int denied[] = {SYS_acct,
                               SYS_add_key,
                               SYS_bpf,
                               SYS_clock_adjtime,
                               SYS_clock_settime,
                               SYS_delete_module,
                               SYS_finit_module,
                               SYS_init_module,
                               SYS_kexec_file_load,
                               SYS_kexec_load,
                               SYS_keyctl,
                               SYS_mount,
                               SYS_move_mount,
                               SYS_fsmount,
                               SYS_fsopen,
                               SYS_open_by_handle_at,
                               SYS_perf_event_open,
                               SYS_pivot_root,
                               SYS_quotactl,
                               SYS_reboot,
                               SYS_request_key,
                               SYS_setns,
                               SYS_settimeofday,
                               SYS_swapoff,
                               SYS_swapon,
                               SYS_syslog,
                               SYS_umount2,
                               SYS_unshare,
                               SYS_userfaultfd,
                               SYS_vhangup};
  enum { kDenied = sizeof denied / sizeof denied[0] };
  struct sock_filter filter[4 + 2 * kDenied + 1];
  int n = 0;
  filter[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
  filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
  filter[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
  filter[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
  for (int i = 0; i < kDenied; i++) {
    filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)denied[i], 0, 1);
    filter[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
  }
  filter[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  struct sock_fprog prog = {(unsigned short)n, filter};
  if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) _exit(98);
  char* argv[] = {"/bin/true", NULL};
  char* envp[] = {"PATH=/bin:/sbin:/usr/bin:/usr/sbin", NULL};
  execve(argv[0], argv, envp);
  _exit(127);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s ROOTFS\n", argv[0]);
    return 2;
  }
  root = argv[1];
  static char stack[128 * 1024], helper_stack[16 * 1024];
  int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_VM | CLONE_VFORK | SIGCHLD;
  pid_t helper_pid = -1;
  cpu_set_t cpus;
  if (sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) >= 2) {
    helper_pid =
        clone(helper, helper_stack + sizeof helper_stack, CLONE_VM | CLONE_PIDFD | CLONE_CHILD_CLEARTID | SIGCHLD,
              (void*)(long)getpid(), &helper_pidfd, NULL, &net_state);
    if (helper_pid > 0) {
      CPU_CLR(sched_getcpu(), &cpus);  // off our CPU, so that it runs beside us at once
      sched_setaffinity(helper_pid, sizeof cpus, &cpus);
    }
  }
  if (helper_pid <= 0) flags |= CLONE_NEWNET;
  pid_t pid = clone(child, stack + sizeof stack, flags, NULL);
  if (pid < 0) {
    perror("clone");
    return 1;
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return 1;
  if (helper_pid > 0) {
    __atomic_store_n(&net_release, 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &net_release, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    waitpid(helper_pid, NULL, 0);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
