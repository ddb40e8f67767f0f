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
  std::string disk;                // --disk FILE[,ro|,snapshot]; empty: no disk
  bool nested = false, no_nested = false;
  bool json = false, color = false;
  std::vector<std::string> args;  // vmctl's own argv (without argv[0]) for the inner vmctl
};
int run_boot_command(const BootCommand& command);

// A kernel module the default initramfs carries in /lib/modules (decompressed: busybox insmod takes it as is).
struct GuestModule {
  std::string name;  // "virtio_mmio"
  std::string bytes;
};

// The /init of the default initramfs (busybox sh): mounts, prints the marker and the guest's uptime, runs a shell on
// the console (unless the command line has virtlab.noshell), then powers off. compare_bytes > 0: before the marker it
// writes that many bytes to ttyS0 and then to hvc0 between VIRTLAB-COMPARE lines (console_compare.hpp). With `walk`,
// /init runs /bin/virtlab-walk right after the marker line (boot_walk.hpp). With `disk` it first loads virtio_blk,
// reports /dev/vda (size, ro, serial, its first bytes) and, with virtlab.diskwrite on the command line, writes a
// "VIRTLAB-DISK-WRITE" line to sector 1 and reads it back.
std::string default_init_script(const std::string& marker, bool virtio_console = false, std::uint64_t compare_bytes = 0,
                                bool walk = false, bool disk = false);
// The default initramfs (newc cpio): /bin/busybox from `busybox_path`, its applet links used by /init, /init, and
// `modules` under /lib/modules; with `walk`, also /bin/virtlab-walk (the embedded walk program).
std::string build_default_initramfs(const std::string& busybox_path, const std::string& marker,
                                    bool virtio_console = false, const std::vector<GuestModule>& modules = {},
                                    std::uint64_t compare_bytes = 0, bool walk = false, bool disk = false);
// --compare-console's N in bytes, checked against guest RAM; throws the one-line usage error (exit 2). Pure.
std::uint64_t parse_compare_bytes(const std::string& text, std::uint64_t memory);

// `args` with every --kernel/--initrd (separate or =) replaced by the guest paths, --nested dropped, and --disk
// replaced by `disk_guest_spec` when that is not empty. Pure.
std::vector<std::string> forward_boot_args(const std::vector<std::string>& args, const std::string& kernel_guest_path,
                                           const std::string& initrd_guest_path,
                                           const std::string& disk_guest_spec = {});

}  // namespace virtlab::vmctl
