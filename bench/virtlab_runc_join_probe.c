// The two ways a new process can join its cgroups, timed alone (bench/results/virtlab-runc.md, "What changed"):
//   old: clone into new namespaces, then the parent writes the child's pid into cgroup.procs of the cgroup2 leaf
//        and of each v1 leaf — moving a task takes cgroup_threadgroup_rwsem for writing, which waits for an RCU
//        grace period;
//   new: clone3(CLONE_INTO_CGROUP) into the cgroup2 leaf, then the child writes "0" to each v1 leaf's `tasks`
//        (its own thread: the kernel takes no rwsem).
// Prints per run: the clone, the parent's join, the child's join and the whole (clone to the child's exit), in ms.
// A hybrid host (cgroup2 at /sys/fs/cgroup/unified, v1 cpu, cpuacct, memory, pids, blkio) and root are needed; it
// makes and removes /sys/fs/cgroup/*/vl-join-probe.
// usage: gcc -O2 -o probe bench/virtlab_runc_join_probe.c && ./probe old|new [RUNS]
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char* const v1[] = {"memory", "pids", "blkio", "cpu", "cpuacct"};
enum { n_v1 = sizeof v1 / sizeof v1[0] };

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void leaf(char* out, size_t size, const char* hierarchy, const char* file) {
  snprintf(out, size, "/sys/fs/cgroup/%s/vl-join-probe%s%s", hierarchy, file ? "/" : "", file ? file : "");
}

// One clone into new namespaces and the join, the old or the new way; prints the times.
static int probe(int new_way) {
  char path[256];
  int tasks[n_v1];
  for (int i = 0; i < n_v1; ++i) {
    leaf(path, sizeof path, v1[i], new_way ? "tasks" : "cgroup.procs");
    tasks[i] = open(path, O_WRONLY | O_CLOEXEC);
  }
  leaf(path, sizeof path, "unified", NULL);
  const int unified = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
  int report[2];
  if (unified < 0 || pipe(report) != 0) return perror("open/pipe"), 1;
  struct clone_args args = {.exit_signal = SIGCHLD};
  args.flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNET;
  if (new_way) args.flags |= CLONE_INTO_CGROUP, args.cgroup = (unsigned)unified;
  const double start = now_ms();
  const long child = syscall(SYS_clone3, &args, sizeof args);
  if (child < 0) return perror("clone3"), 1;
  if (child == 0) {
    const double t = now_ms();
    for (int i = 0; new_way && i < n_v1; ++i)
      if (write(tasks[i], "0", 1) != 1) perror("write tasks");
    char line[32];
    const int n = snprintf(line, sizeof line, "%.3f", now_ms() - t);
    (void)!write(report[1], line, (size_t)n);
    _exit(0);
  }
  const double cloned = now_ms();
  if (!new_way) {
    char pid[16];
    const int n = snprintf(pid, sizeof pid, "%ld", child);
    leaf(path, sizeof path, "unified", "cgroup.procs");
    const int procs = open(path, O_WRONLY | O_CLOEXEC);
    for (int i = 0; i < n_v1; ++i)
      if (write(tasks[i], pid, (size_t)n) != n) perror("write cgroup.procs");
    if (procs < 0 || write(procs, pid, (size_t)n) != n) perror("write cgroup.procs");
    close(procs);
  }
  const double joined = now_ms();
  char child_join[32] = "";
  (void)!read(report[0], child_join, sizeof child_join - 1);
  waitpid((pid_t)child, NULL, 0);
  printf("%s clone %.3f parent-join %.3f child-join %s total %.3f\n", new_way ? "new" : "old", cloned - start,
         joined - cloned, child_join, now_ms() - start);
  for (int i = 0; i < n_v1; ++i) close(tasks[i]);
  close(unified), close(report[0]), close(report[1]);
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 2 || (strcmp(argv[1], "old") != 0 && strcmp(argv[1], "new") != 0))
    return fprintf(stderr, "usage: %s old|new [RUNS]\n", argv[0]), 2;
  const int runs = argc > 2 ? atoi(argv[2]) : 30;
  char path[256];
  int rc = 0;
  for (int run = 0; run < runs && rc == 0; ++run) {
    leaf(path, sizeof path, "unified", NULL);
    mkdir(path, 0755);
    for (int i = 0; i < n_v1; ++i) leaf(path, sizeof path, v1[i], NULL), mkdir(path, 0755);
    rc = probe(strcmp(argv[1], "new") == 0);
    leaf(path, sizeof path, "unified", NULL);
    rmdir(path);
    for (int i = 0; i < n_v1; ++i) leaf(path, sizeof path, v1[i], NULL), rmdir(path);
    usleep(20000);
  }
  return rc;
}
