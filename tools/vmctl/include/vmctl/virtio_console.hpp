// virtio-console (virtio 1.x §5.3), one port and no multiport: receiveq 0 carries host input to the guest's hvc0,
// transmitq 1 carries what the guest writes. Pure like Uart8250: the caller passes MMIO accesses and kicks in,
// gets the transmitted bytes out and drives the interrupt line from irq_level().
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "vmctl/virtio_mmio.hpp"

namespace virtlab::vmctl {

class VirtioConsole {
 public:
  static constexpr std::uint32_t kDeviceId = 3;
  static constexpr std::uint16_t kReceiveQueue = 0, kTransmitQueue = 1;
  static constexpr std::uint16_t kQueueSize = 256;

  explicit VirtioConsole(std::span<std::uint8_t> memory);

  std::uint32_t read(std::uint64_t offset, unsigned size) const { return transport_.read(offset, size); }
  // A guest write; a kick on the transmit queue appends the guest's bytes to `transmitted`.
  MmioWriteResult write(std::uint64_t offset, std::uint32_t value, unsigned size, std::string& transmitted);
  // A kick on `queue` (from an MMIO write or an ioeventfd): transmit-queue chains go to `transmitted`.
  void notify(std::uint16_t queue, std::string& transmitted);
  // Host input into the guest's receive buffers; returns how many bytes found a buffer (0: none posted yet).
  std::size_t receive(std::string_view bytes);
  // The driver is running and has posted receive buffers: input sent now reaches hvc0.
  bool receiver_ready();

  bool irq_level() const noexcept { return transport_.irq_level(); }
  const VirtioMmio& transport() const noexcept { return transport_; }

  struct Counters {
    std::uint64_t kicks = 0;            // notifications of either queue
    std::uint64_t transmit_chains = 0;  // buffers the guest sent
    std::uint64_t transmitted_bytes = 0, received_bytes = 0;
  };
  const Counters& counters() const noexcept { return counters_; }

 private:
  void transmit(std::string& transmitted);
  void complete(Virtqueue& queue, std::uint16_t head, std::uint32_t written);

  VirtioMmio transport_;
  Counters counters_;
};

}  // namespace virtlab::vmctl
