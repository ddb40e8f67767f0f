/* memlab.c — the memory lab (virtlab labs/memory). Complete every TODO; the worksheet (worksheet.md) says what
 * each part asks. 메모리 실습: TODO 를 모두 채우세요. 각 부분이 묻는 것은 worksheet.md 에 있습니다.
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

__attribute__((unused)) static void child_write(char value) {
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

/* ---- your part (TODOs) / 여러분이 채울 부분 ------------------------------------------------------------------- */

/* TODO 1: return the 64-bit page-map entry of virtual address va in process pid.
 *   /proc/<pid>/pagemap holds one 8-byte entry per virtual page: open it, pread 8 bytes at the right offset.
 * TODO 1: 프로세스 pid 의 가상 주소 va 에 대한 64비트 pagemap 엔트리를 돌려주세요.
 *   /proc/<pid>/pagemap 에는 가상 페이지마다 8바이트 엔트리가 하나씩 있습니다: 열고, 알맞은 오프셋에서 pread. */
static uint64_t pagemap_entry(pid_t pid, uintptr_t va) {
  (void)pid;
  (void)va;
  return 0;
}

/* TODO 2: is the page in RAM (present bit), and the frame number (PFN) of a present entry (0 otherwise).
 *   See `man 5 proc` (/proc/pid/pagemap) or docs/pagewalk.md for the bits.
 * TODO 2: 페이지가 RAM 에 있는지 (present 비트), 그리고 present 엔트리의 프레임 번호 (PFN, 아니면 0). */
static int entry_present(uint64_t entry) {
  (void)entry;
  return 0;
}
static uint64_t entry_pfn(uint64_t entry) {
  if (!entry_present(entry)) return 0;
  return 0; /* TODO */
}
static uint64_t pfn_of(pid_t pid, const void* p) {
  return entry_pfn(pagemap_entry(pid, (uintptr_t)p));
}

/* TODO 3: report (with `key`) the indices of the buffer's pages that are in RAM now, ascending, separated by
 *   spaces ("0 3 5"), or "none". Ask the kernel (pagemap or mincore), do not guess.
 * TODO 3: 버퍼의 페이지 중 지금 RAM 에 있는 것의 번호를 오름차순, 공백으로 구분해 ("0 3 5") 또는 "none" 으로
 *   보고하세요. 추측하지 말고 커널에 물어보세요 (pagemap 또는 mincore). */
static void report_resident(const char* key, const char* buf, int pages) {
  (void)buf;
  (void)pages;
  report(key, "%s", "TODO");
}

/* TODO 6: return the 64-bit kpageflags word of frame pfn (/proc/kpageflags: one 8-byte word per frame).
 * TODO 6: 프레임 pfn 의 64비트 kpageflags 워드 (/proc/kpageflags: 프레임마다 8바이트). */
static uint64_t kpageflags(uint64_t pfn) {
  (void)pfn;
  return 0;
}

int main(void) {
  /* Part 1: store COUNTER_VALUE in counter, then report its address and its frame.
   * 1부: counter 에 COUNTER_VALUE 를 저장하고, 주소와 프레임을 보고. */
  counter = 0; /* TODO */
  report("counter.address", "%p", (void*)&counter);
  report("counter.pfn", "%" PRIu64, pfn_of(getpid(), &counter));
  pause_at("variable");

  /* Part 2: map BUF_PAGES pages at exactly BUF_ADDRESS (given), write one byte into each FIRST_TOUCH page,
   * report; then into each SECOND_TOUCH page, report again.
   * 2부: BUF_ADDRESS 에 BUF_PAGES 페이지 매핑 (주어짐), FIRST_TOUCH 페이지마다 1바이트 쓰고 보고; 그다음
   * SECOND_TOUCH 페이지마다 쓰고 다시 보고. */
  char* buf = mmap((void*)BUF_ADDRESS, BUF_PAGES * PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (buf == MAP_FAILED) die("mmap the buffer at BUF_ADDRESS");
  if (buf != (char*)BUF_ADDRESS) {
    fprintf(stderr, "mmap placed the buffer at %p, not at BUF_ADDRESS (kernel before 4.17?)\n", (void*)buf);
    return 1;
  }
  /* TODO: write into the FIRST_TOUCH pages (first_touch[0 .. FIRST_TOUCH_N-1]) */
  report_resident("resident.before", buf, BUF_PAGES);
  pause_at("before");
  /* TODO: write into the SECOND_TOUCH pages */
  report_resident("resident.after", buf, BUF_PAGES);
  pause_at("after");

  /* Part 3 (TODO 4): the x86-64 page-table indices of SPLIT_ADDRESS and its offset in the page.
   * 3부 (TODO 4): SPLIT_ADDRESS 의 x86-64 페이지 테이블 인덱스와 페이지 안 오프셋. */
  uintptr_t a = SPLIT_ADDRESS;
  (void)a;
  report("split.pgd", "%lu", 0UL);    /* TODO */
  report("split.pud", "%lu", 0UL);    /* TODO */
  report("split.pmd", "%lu", 0UL);    /* TODO */
  report("split.pte", "%lu", 0UL);    /* TODO */
  report("split.offset", "%lu", 0UL); /* TODO */
  pause_at("split");

  /* Part 4 (TODO 5): fork (given), the frames of buffer page COW_PAGE in parent and child, then the write the
   * worksheet asks for (COW_WRITER_IS_CHILD: child_write(COW_VALUE), else the parent stores COW_VALUE itself),
   * then the frames again. The child's entry is in /proc/<child>/pagemap.
   * 4부 (TODO 5): fork (주어짐), 부모와 자식에서 COW_PAGE 의 프레임, 워크시트가 말하는 쓰기
   * (COW_WRITER_IS_CHILD 이면 child_write(COW_VALUE), 아니면 부모가 직접 COW_VALUE 저장), 그리고 다시 프레임. */
  char* cow = buf + COW_PAGE * PAGE;
  start_child(cow);
  report("cow.child_pid", "%d", (int)child);
  report("cow.parent_pfn", "%" PRIu64, (uint64_t)0); /* TODO */
  report("cow.child_pfn", "%" PRIu64, (uint64_t)0);  /* TODO */
  pause_at("cow-before");
  /* TODO: the write */
  report("cow.parent_pfn", "%" PRIu64, (uint64_t)0); /* TODO */
  report("cow.child_pfn", "%" PRIu64, (uint64_t)0);  /* TODO */
  pause_at("cow-after");

  /* Part 5 (TODO 6, 7): a clean file page with Referenced cleared (given); do the access FLAGS_ACCESS_IS_WRITE
   * asks for (1: store one byte through `page`, 0: pread one byte from file_fd), then report the page's frame
   * and its REFERENCED and DIRTY bits from /proc/kpageflags (include/uapi/linux/kernel-page-flags.h).
   * 5부 (TODO 6, 7): Referenced 가 지워진 깨끗한 파일 페이지 (주어짐); FLAGS_ACCESS_IS_WRITE 가 말하는 접근
   * (1: page 를 통해 1바이트 쓰기, 0: file_fd 에서 pread 로 1바이트 읽기) 뒤, 프레임과 /proc/kpageflags 의
   * REFERENCED, DIRTY 비트를 보고. */
  char* page = file_page();
  /* TODO: the access */
  uint64_t pfn = pfn_of(getpid(), page);
  uint64_t flags = kpageflags(pfn);
  (void)flags;
  report("flags.address", "%p", (void*)page);
  report("flags.pfn", "%" PRIu64, pfn);
  report("flags.referenced", "%d", 0); /* TODO */
  report("flags.dirty", "%d", 0);      /* TODO */
  pause_at("flags");
  finish();
  return 0;
}
