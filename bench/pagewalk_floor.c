// The floor for bench/pagewalk_summary.sh: the least work any pagemap reader must do — read the entries of
// [START, END) of /proc/PID/pagemap with 64K-entry preads on one kept-open fd, and count the present ones.
// Without START END it does that for every mapping in /proc/PID/maps (read once, as any reader must), which is
// the whole job on a small process such as a shell.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { kBatch = 64 * 1024 };
static uint64_t buf[kBatch];

static int count_present(int fd, uint64_t start, uint64_t end, uint64_t* present) {
  for (uint64_t va = start; va < end;) {
    uint64_t n = (end - va) / 4096;
    if (n > kBatch) n = kBatch;
    ssize_t got = pread(fd, buf, n * 8, (off_t)(va / 4096 * 8));
    if (got == 0) return 0;  // past the top of the user address space ([vsyscall])
    if (got < 0) {
      perror("pread");
      return -1;
    }
    for (ssize_t i = 0; i < got / 8; ++i) *present += buf[i] >> 63;
    va += (uint64_t)got / 8 * 4096;
  }
  return 0;
}

// Every mapping of /proc/PID/maps; returns the number of mappings, or -1.
static int count_all_mappings(const char* pid, int fd, uint64_t* present) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%s/maps", pid);
  FILE* maps = fopen(path, "r");
  if (!maps) {
    perror(path);
    return -1;
  }
  char line[4096];
  int mappings = 0;
  unsigned long long start, end;
  while (fgets(line, sizeof line, maps)) {
    if (sscanf(line, "%llx-%llx", &start, &end) != 2) continue;
    if (count_present(fd, start, end, present) < 0) break;
    ++mappings;
  }
  fclose(maps);
  return mappings;
}

int main(int argc, char** argv) {
  if (argc != 2 && argc != 4) {
    fprintf(stderr, "usage: %s PID [START END] (hex addresses; without them: every mapping)\n", argv[0]);
    return 2;
  }
  char path[64];
  snprintf(path, sizeof path, "/proc/%s/pagemap", argv[1]);
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    perror(path);
    return 1;
  }
  uint64_t present = 0;
  if (argc == 4) {
    if (count_present(fd, strtoull(argv[2], NULL, 16), strtoull(argv[3], NULL, 16), &present) < 0) return 1;
  } else if (count_all_mappings(argv[1], fd, &present) < 0) {
    return 1;
  }
  printf("%llu present pages\n", (unsigned long long)present);
  return 0;
}
