// vmctl boot: a Linux bzImage run on raw KVM ioctls to its /init, on one 8250 serial console. The VM is built by
// short named steps (each one --explain line); the pure protocol parts are in linux_boot.hpp, the UART in uart.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vmctl/boot_disk.hpp"
#include "vmctl/boot_stats.hpp"
#include "vmctl/boot_walk.hpp"
#include "vmctl/console_compare.hpp"
#include "vmctl/linux_boot.hpp"

namespace virtlab::vmctl {

enum class BootOutcome {
  PoweredOff,        // "reboot: Power down" / "Power off not available: System halted" (no ACPI: it halts)
  Rebooted,          // reset through the keyboard controller (0xfe to port 0x64, reboot=k)
  Panicked,          // "Kernel panic - not syncing" (then panic=-1 reboots)
  TripleFault,       // KVM_EXIT_SHUTDOWN
  EmulationFailure,  // KVM_EXIT_INTERNAL_ERROR: KVM could not emulate an instruction (e.g. a VEX one on kvm_pvm)
  Halted,            // KVM_EXIT_HLT (not expected with the in-kernel LAPIC)
  Timeout,           // --timeout passed
  Quit,              // Ctrl-A X on the console
  Interrupted,       // SIGINT/SIGTERM
  KvmError,          // any other exit reason
};
std::string to_string(BootOutcome outcome);  // "powered-off", "rebooted", …
bool boot_succeeded(BootOutcome outcome);    // powered off, rebooted or quit

// virtio-console (--console virtio): its virtio-mmio window and level-triggered interrupt, announced by ACPI.
inline constexpr std::uint64_t kVirtioConsoleAddress = 0xd0000000;
inline constexpr std::uint32_t kVirtioConsoleGsi = 5;

struct BootOptions {
  std::string kernel_path;
  std::vector<std::uint8_t> kernel;
  std::vector<std::uint8_t> initrd;  // empty = none
  std::string cmdline = linux_boot::kDefaultCmdline;
  std::uint64_t memory = std::uint64_t{256} << 20;
  double timeout_s = 0;  // 0 = none
  std::string marker;    // a line containing it marks /init (timed)
  int console_fd = 1;    // where guest console output goes (stderr with --json)
  bool forward_stdin = true;
  bool virtio_console = false;      // a virtio-console device (ACPI tables + virtio-mmio window); input goes to it
  bool ioeventfd = true;            // its QueueNotify as KVM_IOEVENTFD (no exit per kick) when KVM has it
  std::uint64_t compare_bytes = 0;  // --compare-console N: /init's N bytes through ttyS0 and hvc0 (0 = off)
  bool walk = false;                // --walk: at the guest program's doorbell, walk its page tables (boot_walk.hpp)
  std::optional<DiskSpec> disk;     // --disk: a virtio-blk device backed by the file (boot_disk.hpp)
};

// What the virtio-console device saw (BootReport::virtio; present only with BootOptions::virtio_console).
struct VirtioReport {
  bool present = false;
  bool ioeventfd = false;             // KVM_IOEVENTFD registered on QueueNotify (both queues)
  std::uint64_t mmio_reads = 0;       // register reads: each an exit to vmctl
  std::uint64_t mmio_writes = 0;      // register writes: each an exit to vmctl (kicks included)
  std::uint64_t mmio_kicks = 0;       // QueueNotify writes that exited (no ioeventfd)
  std::uint64_t ioeventfd_kicks = 0;  // QueueNotify writes KVM turned into eventfd signals: no exit
  std::uint64_t irq_raises = 0;       // KVM_IRQ_LINE GSI 5 to level 1
  std::uint64_t irq_repulses = 0;     // raised again after 0.25 s unseen (BootRun::repulse_unseen_virtio_irq)
  std::uint64_t transmit_chains = 0, transmitted_bytes = 0, received_bytes = 0;
  std::uint32_t status = 0;  // the status register at the end (0 after the reset of the guest's shutdown)
  bool driver_ok = false;    // the driver set DRIVER_OK at some point
  std::string error;         // why the device needed a reset (a guest protocol error), empty if it never did
};

struct PortCount {
  std::uint64_t reads = 0, writes = 0;
};

struct BootReport {
  BootOutcome outcome = BootOutcome::KvmError;
  std::string outcome_detail;  // the panic line, the emulation failure's bytes, the unknown exit reason …
  linux_boot::SetupHeader header;
  linux_boot::Placement placement;
  std::string cmdline;
  double first_output_s = -1;  // first KVM_RUN → first byte on the serial port
  double run_init_s = -1;      // → the kernel's "Run /init as init process"
  double marker_s = -1;        // → the line with the marker
  double total_s = 0;
  std::uint64_t console_bytes = 0;
  std::string console_tail;                          // last 4 KiB of console output
  std::map<std::string, std::uint64_t> exits;        // by reason name
  std::map<std::uint16_t, PortCount> uart_ports;     // emulated (0x3f8–0x3ff)
  std::map<std::uint16_t, PortCount> rtc_ports;      // CMOS clock (0x70, 0x71)
  std::map<std::uint16_t, PortCount> ignored_ports;  // nobody emulates: reads 0xff, writes dropped
  std::map<std::uint16_t, PortCount> acpi_ports;     // ACPI PM1 blocks (--console virtio): read as 0
  std::uint64_t mmio_exits = 0;                      // unbacked addresses: reads 0xff, writes dropped
  std::uint64_t irq_raises = 0;                      // KVM_IRQ_LINE 4 to level 1
  std::uint64_t irq_repulses = 0;                    // lost edges raised again (BootRun::repulse_unseen_irq)
  std::uint64_t input_bytes = 0;                     // host stdin bytes given to the UART
  std::uint64_t rip = 0;                             // at the end
  bool cpuid_from_kvm = false;
  std::uint32_t cpuid_entries = 0;
  BootStatsSummary stats;                   // exits over time, per device, per phase (boot_stats.hpp)
  std::vector<KvmStatValue> vcpu_counters;  // KVM_GET_STATS_FD of vCPU 0 at the end (empty: unavailable)
  std::vector<KvmStatValue> vm_counters;    // … of the VM
  VirtioReport virtio;
  std::optional<ConsoleCompare> compare;  // --compare-console: the two windows (exits_by_device filled at the end)
  std::optional<WalkResult> walk;         // present with BootOptions::walk
  DiskReport disk;
};

// Builds the VM, runs it until an outcome, releases everything (also on exceptions and signals).
// Throws virtlab::Error for setup failures (bad kernel, initrd too large, KVM ioctl errors).
BootReport boot_linux(const BootOptions& options);

// The problem of this /dev/kvm for Linux guests, when it has one (kvm_pvm: see docs/vmctl.md), else nullopt.
std::optional<std::string> kvm_flavour_problem();

}  // namespace virtlab::vmctl
