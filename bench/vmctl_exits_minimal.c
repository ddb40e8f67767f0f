// The baseline for bench/vmctl_exits: the smallest KVM loop that can run the benchmark guests (in the spirit of
// kvm-hello-world): one memslot of 512 KiB, real mode at 0x10000, KVM_RUN until HLT, counting exits.
// usage: vmctl_exits_minimal IMAGE  → prints "exits=N seconds=S rate=R median_interval_ns=M p90_interval_ns=P":
// the time of the KVM_RUN loop only, and the median/90th percentile time from one exit to the next (one rdtsc per
// exit into a preallocated array, converted to ns with the loop's own clock_gettime pair; the median ignores the
// few round trips in which the shared host preempted the test VM).
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

static int cmp_u64(const void* a, const void* b) {
  const uint64_t x = *(const uint64_t*)a, y = *(const uint64_t*)b;
  return x < y ? -1 : x > y;
}

static void die(const char* what) {
  perror(what);
  exit(1);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s IMAGE\n", argv[0]);
    return 2;
  }
  const size_t mem_size = 512 * 1024;
  int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (kvm < 0) die("/dev/kvm");
  int vm = ioctl(kvm, KVM_CREATE_VM, 0);
  if (vm < 0) die("KVM_CREATE_VM");
  uint8_t* mem = mmap(NULL, mem_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) die("mmap");
  FILE* f = fopen(argv[1], "rb");
  if (!f) die(argv[1]);
  size_t n = fread(mem + 0x10000, 1, mem_size - 0x10000, f);
  fclose(f);
  if (n == 0) die("empty image");
  struct kvm_userspace_memory_region region = {
      .slot = 0, .guest_phys_addr = 0, .memory_size = mem_size, .userspace_addr = (uint64_t)(uintptr_t)mem};
  if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0) die("KVM_SET_USER_MEMORY_REGION");
  int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
  if (vcpu < 0) die("KVM_CREATE_VCPU");
  int run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
  struct kvm_run* run = mmap(NULL, (size_t)run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
  if (run == MAP_FAILED) die("mmap kvm_run");
  struct kvm_sregs sregs;
  if (ioctl(vcpu, KVM_GET_SREGS, &sregs) < 0) die("KVM_GET_SREGS");
  sregs.cs.selector = 0x1000;
  sregs.cs.base = 0x10000;
  if (ioctl(vcpu, KVM_SET_SREGS, &sregs) < 0) die("KVM_SET_SREGS");
  struct kvm_regs regs = {.rip = 0, .rflags = 2, .rsp = 0xfff0};
  if (ioctl(vcpu, KVM_SET_REGS, &regs) < 0) die("KVM_SET_REGS");
  uint64_t exits = 0;
  const size_t max_stamps = 1u << 20;
  uint64_t* stamps = malloc(max_stamps * sizeof *stamps);
  if (!stamps) die("malloc");
  memset(stamps, 0, max_stamps * sizeof *stamps);  // touch it now, not in the loop
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  const uint64_t tsc0 = __rdtsc();
  for (;;) {
    if (ioctl(vcpu, KVM_RUN, 0) < 0) die("KVM_RUN");
    if (exits < max_stamps) stamps[exits] = __rdtsc();
    ++exits;
    if (run->exit_reason == KVM_EXIT_HLT) break;
    if (run->exit_reason != KVM_EXIT_IO && run->exit_reason != KVM_EXIT_MMIO) {
      fprintf(stderr, "unexpected exit %u\n", run->exit_reason);
      return 1;
    }
  }
  const uint64_t tsc1 = __rdtsc();
  clock_gettime(CLOCK_MONOTONIC, &t1);
  const double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  const double ns_per_tick = s * 1e9 / (double)(tsc1 - tsc0);
  const size_t stamped = exits < max_stamps ? (size_t)exits : max_stamps;
  for (size_t i = 0; i + 1 < stamped; ++i) stamps[i] = stamps[i + 1] - stamps[i];
  qsort(stamps, stamped > 1 ? stamped - 1 : 0, sizeof *stamps, cmp_u64);
  const double median = stamped > 1 ? (double)stamps[(stamped - 1) / 2] * ns_per_tick : 0;
  const double p90 = stamped > 1 ? (double)stamps[(stamped - 1) * 9 / 10] * ns_per_tick : 0;
  printf("exits=%llu seconds=%.6f rate=%.1f median_interval_ns=%.0f p90_interval_ns=%.0f\n", (unsigned long long)exits,
         s, (double)exits / s, median, p90);
  return 0;
}
