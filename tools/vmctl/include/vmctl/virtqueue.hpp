// A split virtqueue (virtio 1.x §2.7) over guest memory: the device side. The driver (the guest) owns the
// descriptor table and the available ring, so every index, address, length and `next` read from them is checked
// before use: a malicious or buggy guest gets a VirtqError (the device then sets DEVICE_NEEDS_RESET), never a read
// outside guest RAM or an endless walk. Pure: guest memory is a byte span, tests use a vector.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace virtlab::vmctl {

enum class VirtqError {
  none,
  bad_size,                 // QueueNum 0, above QueueNumMax or not a power of two
  ring_misaligned,          // descriptor table not 16-aligned, available ring not 2, used ring not 4
  ring_outside_memory,      // a ring does not lie inside guest RAM
  avail_index_jump,         // the driver claims more new buffers than the queue holds
  head_out_of_range,        // an available-ring entry names a descriptor beyond the table
  next_out_of_range,        // a descriptor's `next` is beyond the table
  chain_too_long,           // more descriptors than the table has: the chain loops
  buffer_outside_memory,    // addr + len leaves guest RAM (or wraps around)
  indirect_not_negotiated,  // VIRTQ_DESC_F_INDIRECT without the feature (vmctl does not offer it)
  readable_after_writable,  // a device-readable buffer after a device-writable one (§2.7.4.2)
  request_malformed,        // a device request without its header or reply byte (virtio-blk: no status byte)
};
std::string_view to_string(VirtqError error);

struct VirtqLayout {
  std::uint16_t size = 0;                          // QueueNum
  std::uint64_t desc = 0, driver = 0, device = 0;  // GPAs of the descriptor table, available ring, used ring
};
// Size and placement of the three rings against guest RAM of `memory_size` bytes and the device's `max_size`.
VirtqError check_layout(const VirtqLayout& layout, std::uint16_t max_size, std::uint64_t memory_size);

struct VirtqBuffer {
  std::uint64_t gpa = 0;
  std::uint32_t len = 0;
  bool device_writable = false;
};

// One descriptor chain taken from the available ring, every buffer already checked to lie in guest RAM.
struct VirtqChain {
  std::uint16_t head = 0;
  std::vector<VirtqBuffer> buffers;
  std::uint64_t readable_bytes() const noexcept;
  std::uint64_t writable_bytes() const noexcept;
};

enum class PopOutcome { chain, empty, error };

class Virtqueue {
 public:
  static constexpr std::uint16_t kDescNext = 1, kDescWrite = 2, kDescIndirect = 4;
  static constexpr std::uint16_t kAvailNoInterrupt = 1;

  // A layout that does not fit `memory` (check_layout) gives a queue that is broken from the start.
  Virtqueue(std::span<std::uint8_t> memory, const VirtqLayout& layout)
      : memory_(memory), layout_(layout), error_(check_layout(layout, kMaxSize, memory.size())) {}
  static constexpr std::uint16_t kMaxSize = 32768;  // the spec's limit

  // The next available chain into `chain`; `empty` when the driver has not made more available; `error` (see
  // error()) when the guest's rings are inconsistent — the queue then stays broken until reset.
  PopOutcome pop(VirtqChain& chain);
  // Returns a chain to the driver with `written` bytes put into its writable buffers.
  void push_used(std::uint16_t head, std::uint32_t written);
  // Copies the chain's device-readable bytes (appended to `out`), at most `limit`.
  std::size_t read_chain(const VirtqChain& chain, std::string& out, std::size_t limit = SIZE_MAX) const;
  // Fills the chain's device-writable buffers from `data`; returns how many bytes went in.
  std::size_t write_chain(const VirtqChain& chain, std::string_view data);
  // The driver did not set VIRTQ_AVAIL_F_NO_INTERRUPT: it wants an interrupt for used buffers.
  bool wants_interrupt() const;

  VirtqError error() const noexcept { return error_; }
  std::uint16_t last_avail() const noexcept { return last_avail_; }
  std::uint16_t used_index() const noexcept { return used_idx_; }
  const VirtqLayout& layout() const noexcept { return layout_; }

 private:
  PopOutcome fail(VirtqError error);
  VirtqError walk_chain(std::uint16_t head, VirtqChain& chain) const;
  std::uint16_t load16(std::uint64_t gpa) const;

  std::span<std::uint8_t> memory_;
  VirtqLayout layout_;
  std::uint16_t last_avail_ = 0, used_idx_ = 0;
  VirtqError error_ = VirtqError::none;
};

// Whether [gpa, gpa + len) lies inside guest RAM of `memory_size` bytes, without overflow.
constexpr bool in_guest_memory(std::uint64_t gpa, std::uint64_t len, std::uint64_t memory_size) {
  return gpa <= memory_size && len <= memory_size - gpa;
}

}  // namespace virtlab::vmctl
