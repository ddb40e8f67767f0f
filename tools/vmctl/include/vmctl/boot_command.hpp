// `vmctl boot`: choose the kernel and initramfs, check them before any KVM call, then boot on this machine's KVM or
// — when this /dev/kvm cannot run Linux (kvm_pvm) or there is none — inside the test VM with both files copied in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace virtlab::vmctl {

struct BootCommand {
  std::string kernel;  // empty: the Debian cloud kernel the test VM caches
  std::string initrd;  // empty: a busybox initramfs whose /init prints the marker
  std::string append;  // added to the default command line
  std::string mem = "256M";
  double timeout_s = 0;
  std::string marker = "VIRTLAB-INIT-OK";
  std::string console = "serial";  // or "virtio": /init moves its console to hvc0 (virtio-console)
  bool no_eventfd = false;         // virtio kicks as MMIO exits instead of ioeventfd
  std::string compare_console;     // --compare-console N: N bytes through ttyS0 and hvc0 (empty: off)
  bool walk = false;               // /init runs the walk program; vmctl walks its page tables (boot_walk.hpp)
  bool nested = false, no_nested = false;
  bool json = false, color = false;
  std::vector<std::string> args;  // vmctl's own argv (without argv[0]) for the inner vmctl
};
int run_boot_command(const BootCommand& command);

// The /init of the default initramfs (busybox sh): mounts, prints the marker and the guest's uptime, runs a shell on
// the console (unless the command line has virtlab.noshell), then powers off. compare_bytes > 0: before the marker it
// writes that many bytes to ttyS0 and then to hvc0 between VIRTLAB-COMPARE lines (console_compare.hpp). With `walk`,
// /init runs /bin/virtlab-walk right after the marker line (boot_walk.hpp).
std::string default_init_script(const std::string& marker, bool virtio_console = false, std::uint64_t compare_bytes = 0,
                                bool walk = false);
// The default initramfs (newc cpio): /bin/busybox from `busybox_path`, its applet links used by /init, /init; with
// `walk`, also /bin/virtlab-walk (the embedded walk program).
std::string build_default_initramfs(const std::string& busybox_path, const std::string& marker,
                                    bool virtio_console = false, const std::string& virtio_mmio_module = {},
                                    std::uint64_t compare_bytes = 0, bool walk = false);
// --compare-console's N in bytes, checked against guest RAM; throws the one-line usage error (exit 2). Pure.
std::uint64_t parse_compare_bytes(const std::string& text, std::uint64_t memory);

// `args` with every --kernel/--initrd (separate or =) replaced by the guest paths, --nested dropped. Pure.
std::vector<std::string> forward_boot_args(const std::vector<std::string>& args, const std::string& kernel_guest_path,
                                           const std::string& initrd_guest_path);

}  // namespace virtlab::vmctl
