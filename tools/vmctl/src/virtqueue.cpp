#include "vmctl/virtqueue.hpp"

#include <atomic>
#include <cstring>

namespace virtlab::vmctl {

namespace {

constexpr std::uint64_t kDescBytes = 16;   // le64 addr, le32 len, le16 flags, le16 next
constexpr std::uint64_t kAvailHeader = 4;  // le16 flags, le16 idx, then le16 ring[size], le16 used_event
constexpr std::uint64_t kUsedHeader = 4;   // le16 flags, le16 idx, then {le32 id, le32 len} ring[size]
constexpr std::uint64_t kUsedElemBytes = 8;

struct Descriptor {
  std::uint64_t addr;
  std::uint32_t len;
  std::uint16_t flags;
  std::uint16_t next;
};
static_assert(sizeof(Descriptor) == kDescBytes);

}  // namespace

std::string_view to_string(VirtqError error) {
  switch (error) {
    case VirtqError::none:
      return "none";
    case VirtqError::bad_size:
      return "queue size 0, above QueueNumMax or not a power of two";
    case VirtqError::ring_misaligned:
      return "a ring is misaligned (descriptors 16, available 2, used 4 bytes)";
    case VirtqError::ring_outside_memory:
      return "a ring lies outside guest RAM";
    case VirtqError::avail_index_jump:
      return "the available index moved by more than the queue size";
    case VirtqError::head_out_of_range:
      return "an available entry names a descriptor beyond the table";
    case VirtqError::next_out_of_range:
      return "a descriptor's next is beyond the table";
    case VirtqError::chain_too_long:
      return "a descriptor chain is longer than the table (a loop)";
    case VirtqError::buffer_outside_memory:
      return "a buffer lies outside guest RAM";
    case VirtqError::indirect_not_negotiated:
      return "an indirect descriptor without VIRTIO_F_INDIRECT_DESC";
    case VirtqError::readable_after_writable:
      return "a device-readable buffer follows a device-writable one";
    case VirtqError::request_malformed:
      return "a request without its 16-byte header or its status byte";
  }
  return "unknown";
}

VirtqError check_layout(const VirtqLayout& l, std::uint16_t max_size, std::uint64_t memory_size) {
  if (l.size == 0 || l.size > max_size || (l.size & (l.size - 1)) != 0) return VirtqError::bad_size;
  if (l.desc % 16 != 0 || l.driver % 2 != 0 || l.device % 4 != 0) return VirtqError::ring_misaligned;
  const std::uint64_t n = l.size;
  if (!in_guest_memory(l.desc, n * kDescBytes, memory_size) ||
      !in_guest_memory(l.driver, kAvailHeader + 2 * n + 2, memory_size) ||
      !in_guest_memory(l.device, kUsedHeader + kUsedElemBytes * n + 2, memory_size))
    return VirtqError::ring_outside_memory;
  return VirtqError::none;
}

std::uint64_t VirtqChain::readable_bytes() const noexcept {
  std::uint64_t total = 0;
  for (const auto& b : buffers)
    if (!b.device_writable) total += b.len;
  return total;
}

std::uint64_t VirtqChain::writable_bytes() const noexcept {
  std::uint64_t total = 0;
  for (const auto& b : buffers)
    if (b.device_writable) total += b.len;
  return total;
}

std::uint16_t Virtqueue::load16(std::uint64_t gpa) const {
  std::uint16_t value = 0;
  std::memcpy(&value, memory_.data() + gpa, sizeof value);
  return value;
}

PopOutcome Virtqueue::fail(VirtqError error) {
  error_ = error;
  return PopOutcome::error;
}

// Walks one chain from `head`: every `next` inside the table, at most `size` descriptors (a longer chain can only
// be a loop), every buffer inside guest RAM, readable buffers before writable ones.
VirtqError Virtqueue::walk_chain(std::uint16_t head, VirtqChain& chain) const {
  chain.head = head;
  chain.buffers.clear();
  if (head >= layout_.size) return VirtqError::head_out_of_range;
  std::uint16_t index = head;
  for (std::uint32_t walked = 0;; ++walked) {
    if (walked >= layout_.size) return VirtqError::chain_too_long;
    Descriptor d{};
    std::memcpy(&d, memory_.data() + layout_.desc + index * kDescBytes, sizeof d);
    if (d.flags & kDescIndirect) return VirtqError::indirect_not_negotiated;
    const bool writable = (d.flags & kDescWrite) != 0;
    if (!writable && !chain.buffers.empty() && chain.buffers.back().device_writable)
      return VirtqError::readable_after_writable;
    if (!in_guest_memory(d.addr, d.len, memory_.size())) return VirtqError::buffer_outside_memory;
    chain.buffers.push_back({d.addr, d.len, writable});
    if (!(d.flags & kDescNext)) return VirtqError::none;
    if (d.next >= layout_.size) return VirtqError::next_out_of_range;
    index = d.next;
  }
}

PopOutcome Virtqueue::pop(VirtqChain& chain) {
  if (error_ != VirtqError::none) return PopOutcome::error;
  // The guest's vCPU writes the ring while we read it: load idx with acquire, then the entries it covers.
  auto* idx_ptr = reinterpret_cast<std::uint16_t*>(memory_.data() + layout_.driver + 2);
  const std::uint16_t avail_idx = std::atomic_ref<std::uint16_t>(*idx_ptr).load(std::memory_order_acquire);
  const std::uint16_t pending = static_cast<std::uint16_t>(avail_idx - last_avail_);
  if (pending == 0) return PopOutcome::empty;
  if (pending > layout_.size) return fail(VirtqError::avail_index_jump);
  const std::uint16_t slot = last_avail_ % layout_.size;
  const std::uint16_t head = load16(layout_.driver + kAvailHeader + 2 * std::uint64_t{slot});
  const VirtqError error = walk_chain(head, chain);
  if (error != VirtqError::none) return fail(error);
  ++last_avail_;
  return PopOutcome::chain;
}

void Virtqueue::push_used(std::uint16_t head, std::uint32_t written) {
  const std::uint16_t slot = used_idx_ % layout_.size;
  const std::uint32_t elem[2] = {head, written};
  std::memcpy(memory_.data() + layout_.device + kUsedHeader + kUsedElemBytes * slot, elem, sizeof elem);
  ++used_idx_;
  // The element must be visible before the index that publishes it.
  auto* idx_ptr = reinterpret_cast<std::uint16_t*>(memory_.data() + layout_.device + 2);
  std::atomic_ref<std::uint16_t>(*idx_ptr).store(used_idx_, std::memory_order_release);
}

std::size_t Virtqueue::read_chain(const VirtqChain& chain, std::string& out, std::size_t limit) const {
  std::size_t copied = 0;
  for (const auto& b : chain.buffers) {
    if (b.device_writable || copied >= limit) continue;
    const std::size_t n = std::min<std::size_t>(b.len, limit - copied);
    out.append(reinterpret_cast<const char*>(memory_.data() + b.gpa), n);
    copied += n;
  }
  return copied;
}

std::size_t Virtqueue::write_chain(const VirtqChain& chain, std::string_view data) {
  std::size_t copied = 0;
  for (const auto& b : chain.buffers) {
    if (!b.device_writable || copied >= data.size()) continue;
    const std::size_t n = std::min<std::size_t>(b.len, data.size() - copied);
    std::memcpy(memory_.data() + b.gpa, data.data() + copied, n);
    copied += n;
  }
  return copied;
}

bool Virtqueue::wants_interrupt() const {
  return (load16(layout_.driver) & kAvailNoInterrupt) == 0;
}

}  // namespace virtlab::vmctl
