// trace_startup: single-steps a program with ptrace and prints, in first-use order, every distinct instruction
// address it executes inside [LO, HI) — the program's own text — until it exits. Tasks it clones are followed too
// (nsenter-lite's vfork-style child runs our code until it execs the container's command); a task that execs a
// second program is detached, so only our binary's code is recorded. make_order.py turns the addresses into the
// linker's symbol ordering file. A development tool: about a minute for one `nsenter-lite run`.
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

enum { kSlots = 1 << 22 };  // open-addressing set; start-up touches tens of thousands of addresses
static uint64_t* seen;
static uint64_t* order;
static size_t order_len;

static void record(uint64_t rip) {
  size_t slot = (size_t)((rip * 0x9E3779B97F4A7C15ull) >> 42) & (kSlots - 1);
  while (seen[slot] != 0) {
    if (seen[slot] == rip) return;
    slot = (slot + 1) & (kSlots - 1);
  }
  seen[slot] = rip;
  if (order_len < kSlots / 2) order[order_len++] = rip;
}

int main(int argc, char** argv) {
  if (argc < 5 || strcmp(argv[3], "--") != 0) {
    fprintf(stderr, "usage: trace_startup LO HI -- PROGRAM [ARGS...]   (LO, HI: hex bounds of the text)\n");
    return 2;
  }
  uint64_t lo = strtoull(argv[1], NULL, 16), hi = strtoull(argv[2], NULL, 16);
  seen = calloc(kSlots, sizeof *seen);
  order = calloc(kSlots / 2, sizeof *order);
  if (!seen || !order) return 1;

  pid_t root = fork();
  if (root < 0) return perror("fork"), 1;
  if (root == 0) {
    ptrace(PTRACE_TRACEME, 0, NULL, NULL);
    raise(SIGSTOP);
    execv(argv[4], argv + 4);
    _exit(127);
  }
  int status;
  if (waitpid(root, &status, 0) != root || !WIFSTOPPED(status)) return fprintf(stderr, "trace_startup: no stop\n"), 1;
  long options =
      PTRACE_O_TRACEEXEC | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_EXITKILL;
  if (ptrace(PTRACE_SETOPTIONS, root, NULL, (void*)options) != 0) return perror("PTRACE_SETOPTIONS"), 1;
  ptrace(PTRACE_SINGLESTEP, root, NULL, NULL);

  int root_execs = 0, exit_code = 1;
  unsigned long steps = 0;
  for (;;) {
    pid_t pid = waitpid(-1, &status, __WALL);
    if (pid < 0) {
      if (errno == EINTR) continue;
      break;  // ECHILD: every traced task is gone
    }
    if (WIFEXITED(status) || WIFSIGNALED(status)) {
      if (pid == root) exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      continue;
    }
    int sig = WSTOPSIG(status), event = status >> 16, deliver = 0;
    if (sig == SIGTRAP && event == PTRACE_EVENT_EXEC) {
      // The first exec is the traced program itself; any later one is the container's command.
      if (pid != root || root_execs++ > 0) {
        ptrace(PTRACE_DETACH, pid, NULL, NULL);
        continue;
      }
    } else if (sig == SIGTRAP && event == 0) {
      struct user_regs_struct regs;
      if (ptrace(PTRACE_GETREGS, pid, NULL, &regs) == 0 && regs.rip >= lo && regs.rip < hi) record(regs.rip);
      ++steps;
    } else if (sig != SIGTRAP && sig != SIGSTOP) {
      deliver = sig;  // a real signal (SIGCHLD, ...): hand it on
    }
    ptrace(PTRACE_SINGLESTEP, pid, NULL, (void*)(long)deliver);
  }
  for (size_t i = 0; i < order_len; ++i) printf("%llx\n", (unsigned long long)order[i]);
  fprintf(stderr, "trace_startup: %lu steps, %zu distinct addresses, exit %d\n", steps, order_len, exit_code);
  return exit_code == 0 ? 0 : 1;
}
