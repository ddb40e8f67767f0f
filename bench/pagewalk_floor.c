// The floor for bench/pagewalk_summary.sh: the least work any pagemap reader must do — read the entries of
// [START, END) of /proc/PID/pagemap with 64K-entry preads on one kept-open fd, and count the present ones.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s PID START END (hex addresses)\n", argv[0]);
    return 2;
  }
  char path[64];
  snprintf(path, sizeof path, "/proc/%s/pagemap", argv[1]);
  uint64_t start = strtoull(argv[2], NULL, 16), end = strtoull(argv[3], NULL, 16);
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    perror(path);
    return 1;
  }
  enum { kBatch = 64 * 1024 };
  static uint64_t buf[kBatch];
  uint64_t present = 0;
  for (uint64_t va = start; va < end;) {
    uint64_t n = (end - va) / 4096;
    if (n > kBatch) n = kBatch;
    ssize_t got = pread(fd, buf, n * 8, (off_t)(va / 4096 * 8));
    if (got <= 0) {
      perror("pread");
      return 1;
    }
    for (ssize_t i = 0; i < got / 8; ++i) present += buf[i] >> 63;
    va += (uint64_t)got / 8 * 4096;
  }
  printf("%llu present pages\n", (unsigned long long)present);
  return 0;
}
