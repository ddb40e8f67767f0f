// The pure parts of a run: the guest's /init script, the kernel command line and QEMU's argv.
// Kept free of I/O so unit tests can check exactly what the guest and QEMU will be told.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "virtlab/testvm/spec.hpp"

namespace virtlab::testvm {

// Names of the virtio-serial ports (host side: one FIFO each; guest side: /sys/class/virtio-ports/*/name).
inline constexpr std::string_view kPortStdout = "virtlab.stdout";
inline constexpr std::string_view kPortStderr = "virtlab.stderr";
inline constexpr std::string_view kPortStatus = "virtlab.status";

// Everything /init needs to know, resolved on the host.
struct GuestPlan {
  std::vector<std::string> command;
  std::vector<std::string> boot_modules;     // guest paths; virtio PCI + console when the kernel has them as modules
  std::vector<std::string> kvm_modules;      // guest paths, load order: irqbypass, kvm, kvm-amd
  std::vector<std::string> swap_modules;     // guest paths for the swap disk (virtio_blk), loaded only with swap
  std::vector<std::string> network_modules;  // guest paths: bridge (VLAN filtering), veth, 8021q; loaded at boot
  bool swap = false;
  CgroupMode cgroup = CgroupMode::v2;
  std::vector<std::pair<std::string, std::string>> env;
  std::string workdir = "/";
  std::vector<std::string> library_dirs;  // exported as LD_LIBRARY_PATH (the guest has no ld.so.cache)
};

// POSIX shell single-quoting: abc → 'abc', it's → 'it'\''s'.
std::string shell_quote(std::string_view word);

// The busybox sh script that runs as PID 1. Status protocol on the virtlab.status port, one line each:
//   "ready <uptime> <idle>"  set-up finished, the command starts now
//   "exit <code>"            the command's exit status (128+N when killed by signal N)
//   "error <text>"           set-up failed; the command did not run
std::string generate_init_script(const GuestPlan& plan);

// console=ttyS0 quiet panic=-1 [cgroup_no_v1=all] ...; `verbose` drops "quiet" (for --keep-kernel-log).
std::string kernel_command_line(CgroupMode cgroup, bool verbose);

struct QemuPlan {
  std::string qemu = "qemu-system-x86_64";
  std::string kernel;
  std::string initrd;
  std::string append;
  std::uint64_t memory_mib = 512;
  unsigned cpus = 1;
  std::string console_fifo, stdout_fifo, stderr_fifo, status_fifo;  // host FIFOs QEMU writes into
  std::string swap_image;                                           // raw image file for the swap disk; empty = none
  std::string bios;  // optional firmware (qboot); empty = QEMU's default SeaBIOS
};
std::vector<std::string> qemu_argv(const QemuPlan& plan);

}  // namespace virtlab::testvm
