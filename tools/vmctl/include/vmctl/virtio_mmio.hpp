// The virtio-mmio transport, version 2 (virtio 1.x §4.2.2): the register window a driver finds at an address the
// kernel command line announces (virtio_mmio.device=4K@0xd0000000:5). Pure state machine like Uart8250: the
// caller passes each MMIO exit (or ioeventfd kick) in, acts on the returned effect (run the device on a notified
// queue, reset the device) and drives the interrupt line from irq_level(). Guest mistakes put the device in
// DEVICE_NEEDS_RESET (and raise a configuration-change interrupt) instead of failing the VMM.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "vmctl/virtqueue.hpp"

namespace virtlab::vmctl {

// What a device offers through the transport.
struct VirtioDeviceInfo {
  std::uint32_t device_id = 0;  // 2 block, 3 console
  std::uint64_t features = 0;   // device-type bits; the transport adds VIRTIO_F_VERSION_1
  std::uint16_t queue_count = 1;
  std::uint16_t queue_max = 256;
  std::vector<std::uint8_t> config;  // the device-specific configuration space at 0x100
};

enum class MmioEffect {
  none,
  queue_notify,   // the driver kicked `queue`: pop its chains
  reset,          // Status 0: the device forgets its state (queues, features, interrupts are gone)
  driver_ok,      // the driver finished initialisation
  interrupt_ack,  // InterruptACK: the line may go low
  device_error,   // the write put the device in DEVICE_NEEDS_RESET (bad queue setup, bad features)
};

struct MmioWriteResult {
  MmioEffect effect = MmioEffect::none;
  std::uint16_t queue = 0;
};

class VirtioMmio {
 public:
  static constexpr std::uint64_t kWindowBytes = 0x1000;
  static constexpr std::uint32_t kMagic = 0x74726976;     // "virt"
  static constexpr std::uint32_t kVersion = 2;            // virtio 1.x (not the legacy version 1)
  static constexpr std::uint32_t kVendorId = 0x42414c56;  // "VLAB"
  static constexpr std::uint64_t kFeatureVersion1 = std::uint64_t{1} << 32;
  static constexpr std::uint32_t kStatusAcknowledge = 1, kStatusDriver = 2, kStatusDriverOk = 4, kStatusFeaturesOk = 8,
                                 kStatusNeedsReset = 0x40, kStatusFailed = 0x80;
  static constexpr std::uint32_t kInterruptUsedBuffer = 1, kInterruptConfigChange = 2;
  // Register offsets (§4.2.2).
  enum Register : std::uint64_t {
    kMagicValue = 0x000,
    kVersionReg = 0x004,
    kDeviceId = 0x008,
    kVendorIdReg = 0x00c,
    kDeviceFeatures = 0x010,
    kDeviceFeaturesSel = 0x014,
    kDriverFeatures = 0x020,
    kDriverFeaturesSel = 0x024,
    kQueueSel = 0x030,
    kQueueNumMax = 0x034,
    kQueueNum = 0x038,
    kQueueReady = 0x044,
    kQueueNotify = 0x050,
    kInterruptStatus = 0x060,
    kInterruptAck = 0x064,
    kStatus = 0x070,
    kQueueDescLow = 0x080,
    kQueueDescHigh = 0x084,
    kQueueDriverLow = 0x090,
    kQueueDriverHigh = 0x094,
    kQueueDeviceLow = 0x0a0,
    kQueueDeviceHigh = 0x0a4,
    kConfigGeneration = 0x0fc,
    kConfig = 0x100,
  };

  VirtioMmio(std::span<std::uint8_t> memory, VirtioDeviceInfo info);

  // Guest read of `size` (1, 2, 4) bytes at `offset` in the window. Registers answer 32-bit reads only (§4.2.2.2);
  // other reads, and reads beyond the config space, return 0.
  std::uint32_t read(std::uint64_t offset, unsigned size) const;
  MmioWriteResult write(std::uint64_t offset, std::uint32_t value, unsigned size);

  // The ready, unbroken queue `index`, else nullptr.
  Virtqueue* queue(std::uint16_t index);
  // Used buffers were pushed: InterruptStatus bit 0 (when the driver wants it, see Virtqueue::wants_interrupt).
  void signal_used() noexcept { interrupt_status_ |= kInterruptUsedBuffer; }
  // The guest broke the protocol: DEVICE_NEEDS_RESET, and a configuration-change interrupt once DRIVER_OK.
  void device_error(VirtqError error) noexcept;
  // The level the interrupt line should have now.
  bool irq_level() const noexcept { return interrupt_status_ != 0; }
  // Every device's pop loop: hands each available chain of `queue` to `serve` (false: stop early) until the queue is
  // empty or the device needs a reset; a malformed chain puts the device in DEVICE_NEEDS_RESET.
  template <typename Serve>
  void serve_chains(Virtqueue& queue, Serve&& serve) {
    VirtqChain chain;
    while (!(status_ & kStatusNeedsReset)) {
      const PopOutcome outcome = queue.pop(chain);
      if (outcome == PopOutcome::empty) return;
      if (outcome == PopOutcome::error) {
        device_error(queue.error());
        return;
      }
      if (!serve(chain)) return;
    }
  }

  std::uint32_t status() const noexcept { return status_; }
  bool driver_ok() const noexcept { return (status_ & kStatusDriverOk) && !(status_ & kStatusNeedsReset); }
  std::uint64_t offered_features() const noexcept { return info_.features | kFeatureVersion1; }
  std::uint64_t driver_features() const noexcept { return driver_features_; }
  std::uint32_t interrupt_status() const noexcept { return interrupt_status_; }
  // How often the guest read InterruptStatus (its interrupt handler does, first thing): a raised line the guest
  // never looks at is an interrupt it did not get.
  std::uint64_t interrupt_status_reads() const noexcept { return interrupt_status_reads_; }
  VirtqError last_error() const noexcept { return last_error_; }
  const VirtioDeviceInfo& info() const noexcept { return info_; }

 private:
  struct QueueState {
    std::uint32_t num = 0;
    bool ready = false;
    std::uint64_t desc = 0, driver = 0, device = 0;
    std::optional<Virtqueue> ring;
  };
  std::uint32_t read_register(std::uint64_t offset) const;
  std::uint32_t read_config(std::uint64_t offset, unsigned size) const;
  MmioWriteResult write_status(std::uint32_t value);
  MmioWriteResult write_queue_register(std::uint64_t offset, std::uint32_t value);
  MmioWriteResult set_queue_ready(QueueState& q, bool ready);
  QueueState* selected_queue() noexcept;
  const QueueState* selected_queue() const noexcept;
  void reset() noexcept;

  std::span<std::uint8_t> memory_;
  VirtioDeviceInfo info_;
  std::vector<QueueState> queues_;
  std::uint32_t status_ = 0, interrupt_status_ = 0, config_generation_ = 0;
  std::uint32_t device_features_sel_ = 0, driver_features_sel_ = 0, queue_sel_ = 0;
  mutable std::uint64_t interrupt_status_reads_ = 0;
  std::uint64_t driver_features_ = 0;
  VirtqError last_error_ = VirtqError::none;
};

}  // namespace virtlab::vmctl
