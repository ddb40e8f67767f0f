// vmctl boot --disk FILE[,ro|,snapshot]: the virtio-blk device of a booted VM with what it needs around it — the
// backing store (block_store.hpp), its virtio-mmio window and level-triggered GSI (announced by ACPI next to
// virtio-console's), KVM_IOEVENTFD on its QueueNotify, and the interrupt line. Used by both threads of the boot: MMIO
// exits arrive on the vCPU thread, ioeventfd kicks and the lost-interrupt check on the main thread (one mutex).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "virtlab/fd.hpp"
#include "vmctl/block_store.hpp"
#include "vmctl/virtio_blk.hpp"

struct kvm_run;

namespace virtlab::vmctl {

inline constexpr std::uint64_t kVirtioBlockAddress = 0xd0001000;
inline constexpr std::uint32_t kVirtioBlockGsi = 10;  // free on a PC: no ISA device uses IRQ 10

// What the disk and its device did (BootReport::disk; present only with --disk).
struct DiskReport {
  bool present = false;
  std::string path;
  DiskMode mode = DiskMode::read_write;
  std::uint64_t capacity_sectors = 0;
  FileSpace before, after;  // the disk file (the base with ,snapshot) when opened and at the end
  std::string delta_path;   // ,snapshot only
  FileSpace delta_after;
  bool delta_continued = false;                // the delta existed (an earlier run's writes are visible)
  bool delta_kept = true;                      // false: created by this run and never written, so removed again
  std::uint64_t delta_sectors = 0;             // sectors the delta holds at the end
  std::vector<std::uint64_t> written_sectors;  // written in this run, in order (the nested copy-back sends them)
  bool ioeventfd = false;
  std::uint64_t mmio_reads = 0, mmio_writes = 0, mmio_kicks = 0, ioeventfd_kicks = 0;
  std::uint64_t irq_raises = 0, irq_repulses = 0;
  VirtioBlock::Counters counters;
  std::uint32_t status = 0;
  bool driver_ok = false;
  std::string error;         // the protocol error that needed a reset, empty if none
  std::string last_refusal;  // the last request answered IOERR/UNSUPP, empty if none
};

class BootDisk {
 public:
  // Opens the store (throws virtlab::Error), makes the device over `memory`, registers the ioeventfd if asked and
  // KVM has it.
  BootDisk(int vm_fd, std::span<std::uint8_t> memory, const DiskSpec& spec, bool ioeventfd);
  ~BootDisk();  // a delta this run created and the guest never wrote is removed (nothing left behind)
  BootDisk(const BootDisk&) = delete;
  BootDisk& operator=(const BootDisk&) = delete;

  bool owns(std::uint64_t gpa) const noexcept { return gpa - kVirtioBlockAddress < VirtioMmio::kWindowBytes; }
  // A register access in the window (a QueueNotify serves the requests at once). false: KVM_IRQ_LINE failed (errno).
  bool handle_mmio(kvm_run& run);
  int notify_fd() const noexcept { return notify_fd_.get(); }  // -1 without ioeventfd
  // The notify eventfd is readable: the kicks KVM counted, then the requests. false: KVM_IRQ_LINE failed.
  bool drain_kicks();
  // The line stayed high for a whole check period without a guest InterruptStatus read: lower and raise it again
  // (the nested-KVM lost interrupt, as for GSI 5). false: KVM_IRQ_LINE failed.
  bool check_unseen_irq();
  // Counters, device state and the files' space at the end.
  DiskReport report();

 private:
  bool update_irq();  // mutex_ held
  void register_ioeventfd();
  void drop_unused_delta();  // mutex_ held

  int vm_fd_;
  std::mutex mutex_;
  std::unique_ptr<BlockStore> store_;
  std::unique_ptr<VirtioBlock> device_;
  virtlab::UniqueFd notify_fd_;
  bool irq_level_ = false;
  std::uint64_t status_reads_at_last_check_ = 0;
  DiskReport report_;
};

}  // namespace virtlab::vmctl
