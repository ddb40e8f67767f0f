/* memlab.c — the memory lab's reference solution (labs/memory; instructors only, not in the student bundle).
 *
 * The program finds out things about its own memory with the kernel's own interfaces (/proc/self/pagemap,
 * /proc/PID/pagemap of its child, /proc/kpageflags), prints each finding as a `key = value` line and stops at
 * each `pause = <stage>` line until a line arrives on stdin (Enter), so the grader can look at the live process
 * with `pagewalk PID --json`. At end of input it exits. Every number it must use is in memlab_seed.h.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memlab_seed.h"

#define PAGE 4096UL

long counter; /* part 1: the variable whose frame you find */

/* ---- given: reporting, pausing, the child, the file page (no need to change these) ---------------------------- */

static pid_t child = -1;
static int to_child = -1, from_child = -1, file_fd = -1;

static void die(const char* what) {
  perror(what);
  exit(1);
}

static void report(const char* key, const char* format, ...) {
  va_list args;
  va_start(args, format);
  printf("%s = ", key);
  vprintf(format, args);
  printf("\n");
  va_end(args);
  fflush(stdout);
}

static void finish(void) {
  if (to_child >= 0) close(to_child); /* the child sees end of input and exits */
  if (child > 0) waitpid(child, NULL, 0);
  exit(0);
}

/* Prints `pause = <stage>` and waits for a line on stdin (Enter); at end of input the program ends. */
static void pause_at(const char* stage) {
  char line[64];
  report("pause", "%s", stage);
  if (!fgets(line, sizeof line, stdin)) finish();
}

/* fork(): the child waits for orders on a pipe; child_write(v) makes the child store v at `page`. */
static void start_child(char* page) {
  int down[2], up[2];
  if (pipe(down) || pipe(up)) die("pipe");
  fflush(stdout);
  child = fork();
  if (child < 0) die("fork");
  if (child == 0) {
    char value;
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    close(down[1]);
    close(up[0]);
    while (read(down[0], &value, 1) == 1) {
      *page = value; /* the child's write */
      if (write(up[1], "k", 1) != 1) _exit(1);
    }
    _exit(0);
  }
  close(down[0]);
  close(up[1]);
  to_child = down[1];
  from_child = up[0];
}

static void child_write(char value) {
  char done;
  if (write(to_child, &value, 1) != 1 || read(from_child, &done, 1) != 1) die("child_write");
}

/* A nameless file in dir (O_TMPFILE, or a named file removed at once); -1 if dir is not on a disk (tmpfs and
 * ramfs pages have no disk to be written back to, so they stay Dirty). */
static int disk_file_in(const char* dir) {
  struct statfs fs;
  int fd = open(dir, O_TMPFILE | O_RDWR, 0600);
  if (fd < 0) {
    char name[4096];
    snprintf(name, sizeof name, "%s/memlab-file-XXXXXX", dir);
    fd = mkstemp(name);
    if (fd >= 0) unlink(name);
  }
  if (fd >= 0 && (fstatfs(fd, &fs) || fs.f_type == 0x01021994 /* tmpfs */ || fs.f_type == 0x858458f6 /* ramfs */)) {
    close(fd);
    fd = -1;
  }
  return fd;
}

/* One page of a file on disk, mapped MAP_SHARED, written back (clean), its Referenced bits cleared. */
static char* file_page(void) {
  char block[PAGE];
  memset(block, 'f', sizeof block);
  file_fd = disk_file_in(".");
  if (file_fd < 0) file_fd = disk_file_in("/var/tmp");
  if (file_fd < 0) die("no directory on a disk for the file page (tried . and /var/tmp)");
  if (write(file_fd, block, PAGE) != (ssize_t)PAGE || fsync(file_fd)) die("write the file");
  char* page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, file_fd, 0);
  if (page == MAP_FAILED) die("mmap the file");
  volatile char first = page[0]; /* maps the page: the entry now points at the page-cache frame */
  (void)first;
  int fd = open("/proc/self/clear_refs", O_WRONLY);
  if (fd < 0 || write(fd, "1", 1) != 1) die("/proc/self/clear_refs");
  close(fd);
  return page;
}

/* ---- your part ------------------------------------------------------------------------------------------------ */

/* TODO 1: the 64-bit page-map entry of virtual address va in process pid (/proc/<pid>/pagemap). */
static uint64_t pagemap_entry(pid_t pid, uintptr_t va) {
  char path[64];
  uint64_t entry = 0;
  snprintf(path, sizeof path, "/proc/%d/pagemap", (int)pid);
  int fd = open(path, O_RDONLY);
  if (fd < 0) die(path);
  if (pread(fd, &entry, sizeof entry, (off_t)(va / PAGE) * sizeof entry) != sizeof entry) die("pread pagemap");
  close(fd);
  return entry;
}

/* TODO 2: is the page in RAM, and which frame holds it (0 when it is not in RAM). */
static int entry_present(uint64_t entry) {
  return (int)((entry >> 63) & 1);
}
static uint64_t entry_pfn(uint64_t entry) {
  return entry_present(entry) ? entry & ((1ULL << 55) - 1) : 0;
}
static uint64_t pfn_of(pid_t pid, const void* p) {
  return entry_pfn(pagemap_entry(pid, (uintptr_t)p));
}

/* TODO 3: report the indices of the buffer's pages that are in RAM now, ascending ("0 3 5"), or "none". */
static void report_resident(const char* key, const char* buf, int pages) {
  char line[512] = "";
  size_t len = 0;
  for (int i = 0; i < pages; i++)
    if (entry_present(pagemap_entry(getpid(), (uintptr_t)(buf + i * PAGE))))
      len += snprintf(line + len, sizeof line - len, "%s%d", len ? " " : "", i);
  report(key, "%s", len ? line : "none");
}

/* TODO 6: the 64-bit kpageflags word of frame pfn (/proc/kpageflags). */
static uint64_t kpageflags(uint64_t pfn) {
  uint64_t flags = 0;
  int fd = open("/proc/kpageflags", O_RDONLY);
  if (fd < 0) die("/proc/kpageflags");
  if (pread(fd, &flags, sizeof flags, (off_t)(pfn * sizeof flags)) != sizeof flags) die("pread kpageflags");
  close(fd);
  return flags;
}

int main(void) {
  /* Part 1: a variable's frame. */
  counter = COUNTER_VALUE;
  report("counter.address", "%p", (void*)&counter);
  report("counter.pfn", "%" PRIu64, pfn_of(getpid(), &counter));
  pause_at("variable");

  /* Part 2: which pages are in RAM. */
  char* buf = mmap((void*)BUF_ADDRESS, BUF_PAGES * PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (buf == MAP_FAILED) die("mmap the buffer at BUF_ADDRESS");
  if (buf != (char*)BUF_ADDRESS) {
    fprintf(stderr, "mmap placed the buffer at %p, not at BUF_ADDRESS (kernel before 4.17?)\n", (void*)buf);
    return 1;
  }
  for (int i = 0; i < FIRST_TOUCH_N; i++) buf[first_touch[i] * PAGE] = 1;
  report_resident("resident.before", buf, BUF_PAGES);
  pause_at("before");
  for (int i = 0; i < SECOND_TOUCH_N; i++) buf[second_touch[i] * PAGE] = 1;
  report_resident("resident.after", buf, BUF_PAGES);
  pause_at("after");

  /* Part 3: the page-table indices of SPLIT_ADDRESS (x86-64, 4 levels of 9 bits, 12-bit offset). */
  uintptr_t a = SPLIT_ADDRESS;
  report("split.pgd", "%lu", (unsigned long)((a >> 39) & 511));
  report("split.pud", "%lu", (unsigned long)((a >> 30) & 511));
  report("split.pmd", "%lu", (unsigned long)((a >> 21) & 511));
  report("split.pte", "%lu", (unsigned long)((a >> 12) & 511));
  report("split.offset", "%lu", (unsigned long)(a & 4095));
  pause_at("split");

  /* Part 4: fork and copy-on-write. */
  char* cow = buf + COW_PAGE * PAGE;
  start_child(cow);
  report("cow.child_pid", "%d", (int)child);
  report("cow.parent_pfn", "%" PRIu64, pfn_of(getpid(), cow));
  report("cow.child_pfn", "%" PRIu64, pfn_of(child, cow));
  pause_at("cow-before");
  if (COW_WRITER_IS_CHILD)
    child_write(COW_VALUE);
  else
    *cow = COW_VALUE;
  report("cow.parent_pfn", "%" PRIu64, pfn_of(getpid(), cow));
  report("cow.child_pfn", "%" PRIu64, pfn_of(child, cow));
  pause_at("cow-after");

  /* Part 5: Referenced and Dirty of a file page. */
  char* page = file_page();
  if (FLAGS_ACCESS_IS_WRITE) {
    page[1] = 'w';
  } else {
    char byte;
    if (pread(file_fd, &byte, 1, 0) != 1) die("pread the file");
  }
  uint64_t pfn = pfn_of(getpid(), page);
  uint64_t flags = kpageflags(pfn);
  report("flags.address", "%p", (void*)page);
  report("flags.pfn", "%" PRIu64, pfn);
  report("flags.referenced", "%d", (int)((flags >> 2) & 1));
  report("flags.dirty", "%d", (int)((flags >> 4) & 1));
  pause_at("flags");
  finish();
  return 0;
}
