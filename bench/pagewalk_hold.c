// Benchmark target for bench/pagewalk_summary.sh: maps SIZE_GIB GiB of anonymous memory, writes to the first half
// (or to every other page with "alternate"), prints "PID START END" and sleeps until killed.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char** argv) {
  size_t gib = argc > 1 ? strtoul(argv[1], NULL, 10) : 8;
  int alternate = argc > 2 && strcmp(argv[2], "alternate") == 0;
  size_t size = gib << 30;
  char* p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  madvise(p, size, MADV_NOHUGEPAGE);  // 4 KiB pages, as most memory is; THP would make every tool's job trivial
  if (alternate)
    for (size_t off = 0; off < size; off += 8192) p[off] = 1;
  else
    for (size_t off = 0; off < size / 2; off += 4096) p[off] = 1;
  printf("%d %lx %lx\n", getpid(), (unsigned long)p, (unsigned long)(p + size));
  fflush(stdout);
  for (;;) pause();
}
