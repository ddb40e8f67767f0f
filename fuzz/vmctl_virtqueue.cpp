// A guest's virtqueue rings (virtio 1.x split queue): the input is guest RAM, with the descriptor table, available
// ring and used ring at fixed addresses; vmctl's device side pops every chain the guest made available. Guest RAM
// is a vector of exactly the input's size (at least the rings'), so ASan sees any read past it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "vmctl/virtqueue.hpp"

using namespace virtlab::vmctl;

namespace {

constexpr std::uint64_t kDesc = 0x0000, kAvail = 0x1000, kUsed = 0x1400, kRingsEnd = 0x1c08;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> memory(std::max<std::size_t>(size, kRingsEnd), 0);
  std::memcpy(memory.data(), data, size);
  // The queue size is the guest's choice too (a power of two up to 256): take it from the last byte.
  const auto queue_size = static_cast<std::uint16_t>(1u << (size > 0 ? data[size - 1] % 9 : 3));
  Virtqueue queue(memory, {queue_size, kDesc, kAvail, kUsed});
  FUZZ_CHECK(queue.error() == VirtqError::none);
  VirtqChain chain;
  std::size_t popped = 0;
  for (;;) {
    const PopOutcome outcome = queue.pop(chain);
    if (outcome == PopOutcome::empty) break;
    if (outcome == PopOutcome::error) {
      FUZZ_CHECK(queue.error() != VirtqError::none);
      FUZZ_CHECK(queue.pop(chain) == PopOutcome::error);  // broken stays broken
      break;
    }
    ++popped;
    FUZZ_CHECK(popped <= queue_size);  // the available index never claims more than the queue holds
    FUZZ_CHECK(!chain.buffers.empty() && chain.buffers.size() <= queue_size);
    FUZZ_CHECK(chain.head < queue_size);
    bool seen_writable = false;
    for (const auto& b : chain.buffers) {
      FUZZ_CHECK(in_guest_memory(b.gpa, b.len, memory.size()));
      FUZZ_CHECK(!(seen_writable && !b.device_writable));
      seen_writable = seen_writable || b.device_writable;
    }
    std::string out;
    FUZZ_CHECK(queue.read_chain(chain, out) == chain.readable_bytes() && out.size() == chain.readable_bytes());
    const std::string reply(std::min<std::uint64_t>(chain.writable_bytes(), 4096), 'r');
    FUZZ_CHECK(queue.write_chain(chain, reply) == reply.size());
    queue.push_used(chain.head, static_cast<std::uint32_t>(reply.size()));
    FUZZ_CHECK(queue.used_index() == popped);
  }
  return 0;
}
