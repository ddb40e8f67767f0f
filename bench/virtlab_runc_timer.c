// Times one command as bench/interleaved_runs.py does on the host, for the test VM's busybox shell (which has no
// clock finer than 10 ms): wall time from CLOCK_MONOTONIC around fork + execvp + wait4, CPU time (user + sys of the
// whole process tree) from wait4's rusage. Prints "WALL_NS CPU_NS EXIT" on stdout; the command's own output goes to
// /dev/null (stderr is kept for a failure's message). Built static by bench/virtlab_runc.py.
// usage: virtlab_runc_timer COMMAND [ARG...]
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long ns_of(struct timespec t) {
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long ns_of_timeval(struct timeval t) {
  return t.tv_sec * 1000000000LL + t.tv_usec * 1000LL;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s COMMAND [ARG...]\n", argv[0]);
    return 2;
  }
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  const pid_t pid = fork();
  if (pid < 0) {
    perror("fork");
    return 1;
  }
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 1);
    execvp(argv[1], argv + 1);
    perror(argv[1]);
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  if (wait4(pid, &status, 0, &usage) < 0) {
    perror("wait4");
    return 1;
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  const long long cpu = ns_of_timeval(usage.ru_utime) + ns_of_timeval(usage.ru_stime);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  printf("%lld %lld %d\n", ns_of(end) - ns_of(start), cpu, code);
  return 0;
}
