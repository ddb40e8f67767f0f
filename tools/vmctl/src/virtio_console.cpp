#include "vmctl/virtio_console.hpp"

namespace virtlab::vmctl {

namespace {

// struct virtio_console_config: cols, rows, max_nr_ports, emerg_wr. Read only with VIRTIO_CONSOLE_F_SIZE /
// F_MULTIPORT / F_EMERG_WRITE, none of which vmctl offers, so zeros.
constexpr std::size_t kConfigBytes = 12;

}  // namespace

VirtioConsole::VirtioConsole(std::span<std::uint8_t> memory)
    : transport_(memory, VirtioDeviceInfo{kDeviceId, 0, 2, kQueueSize, std::vector<std::uint8_t>(kConfigBytes)}) {}

MmioWriteResult VirtioConsole::write(std::uint64_t offset, std::uint32_t value, unsigned size,
                                     std::string& transmitted) {
  const MmioWriteResult result = transport_.write(offset, value, size);
  if (result.effect == MmioEffect::queue_notify) notify(result.queue, transmitted);
  return result;
}

void VirtioConsole::complete(Virtqueue& queue, std::uint16_t head, std::uint32_t written) {
  queue.push_used(head, written);
  if (queue.wants_interrupt()) transport_.signal_used();
}

void VirtioConsole::transmit(std::string& transmitted) {
  Virtqueue* queue = transport_.queue(kTransmitQueue);
  if (!queue) return;
  transport_.serve_chains(*queue, [&](const VirtqChain& chain) {
    counters_.transmitted_bytes += queue->read_chain(chain, transmitted);
    ++counters_.transmit_chains;
    complete(*queue, chain.head, 0);
    return true;
  });
}

void VirtioConsole::notify(std::uint16_t queue, std::string& transmitted) {
  ++counters_.kicks;
  // A receive-queue kick only says new buffers were posted; the caller's pending input goes in via receive().
  if (queue == kTransmitQueue) transmit(transmitted);
}

bool VirtioConsole::receiver_ready() {
  return transport_.driver_ok() && transport_.queue(kReceiveQueue) != nullptr;
}

std::size_t VirtioConsole::receive(std::string_view bytes) {
  Virtqueue* queue = transport_.queue(kReceiveQueue);
  if (!queue || !transport_.driver_ok() || bytes.empty()) return 0;
  std::size_t accepted = 0;
  transport_.serve_chains(*queue, [&](const VirtqChain& chain) {
    const std::size_t n = queue->write_chain(chain, bytes.substr(accepted));
    accepted += n;
    complete(*queue, chain.head, static_cast<std::uint32_t>(n));
    return accepted < bytes.size();
  });
  counters_.received_bytes += accepted;
  return accepted;
}

}  // namespace virtlab::vmctl
