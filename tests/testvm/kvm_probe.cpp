// Proves KVM really works where it runs: opens /dev/kvm, creates a VM with one vCPU, runs four bytes of real-mode
// guest code (out to port 0xE9, then hlt) and checks the exits. Prints one line per step; exit 0 only on success.
#include <fcntl.h>
#include <linux/kvm.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace {

int fail(const char* what) {
  std::printf("kvm_probe: %s failed: %s\n", what, std::strerror(errno));
  return 1;
}

}  // namespace

int main() {
  int kvm = ::open("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (kvm < 0) return fail("open /dev/kvm");
  int api = ::ioctl(kvm, KVM_GET_API_VERSION, 0);
  std::printf("KVM_GET_API_VERSION %d\n", api);
  if (api != 12) return 1;
  int vm = ::ioctl(kvm, KVM_CREATE_VM, 0);
  if (vm < 0) return fail("KVM_CREATE_VM");
  // mov al, 'K'; out 0xE9, al; hlt
  const unsigned char code[] = {0xb0, 'K', 0xe6, 0xe9, 0xf4};
  void* mem = ::mmap(nullptr, 0x1000, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return fail("mmap guest memory");
  std::memcpy(mem, code, sizeof code);
  kvm_userspace_memory_region region{};
  region.slot = 0;
  region.guest_phys_addr = 0x1000;
  region.memory_size = 0x1000;
  region.userspace_addr = reinterpret_cast<unsigned long>(mem);
  if (::ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0) return fail("KVM_SET_USER_MEMORY_REGION");
  int vcpu = ::ioctl(vm, KVM_CREATE_VCPU, 0);
  if (vcpu < 0) return fail("KVM_CREATE_VCPU");
  int run_size = ::ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
  auto* run = static_cast<kvm_run*>(
      ::mmap(nullptr, static_cast<size_t>(run_size), PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0));
  if (run == MAP_FAILED) return fail("mmap kvm_run");
  kvm_sregs sregs{};
  if (::ioctl(vcpu, KVM_GET_SREGS, &sregs) < 0) return fail("KVM_GET_SREGS");
  sregs.cs.base = 0;
  sregs.cs.selector = 0;
  if (::ioctl(vcpu, KVM_SET_SREGS, &sregs) < 0) return fail("KVM_SET_SREGS");
  kvm_regs regs{};
  regs.rip = 0x1000;
  regs.rflags = 0x2;
  if (::ioctl(vcpu, KVM_SET_REGS, &regs) < 0) return fail("KVM_SET_REGS");
  bool saw_out = false;
  for (int i = 0; i < 10; ++i) {
    if (::ioctl(vcpu, KVM_RUN, 0) < 0) return fail("KVM_RUN");
    if (run->exit_reason == KVM_EXIT_IO && run->io.port == 0xe9) {
      char byte = *(reinterpret_cast<char*>(run) + run->io.data_offset);
      std::printf("KVM_EXIT_IO port 0xe9 byte '%c'\n", byte);
      saw_out = byte == 'K';
      continue;
    }
    if (run->exit_reason == KVM_EXIT_HLT) {
      std::printf("KVM_EXIT_HLT\n");
      return saw_out ? 0 : 1;
    }
    std::printf("unexpected exit reason %u\n", run->exit_reason);
    return 1;
  }
  return 1;
}
