// A guest's virtio-blk requests: the input is guest RAM holding the request queue's rings, headers, data and status
// bytes at whatever addresses the guest chose; vmctl's virtio-blk device serves every chain against a 64 KiB
// in-memory disk that aborts on any access outside it. Guest RAM is a vector of exactly the input's size (at least
// the rings'), so ASan sees any read or write past it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "fuzz_check.hpp"
#include "vmctl/block_store.hpp"
#include "vmctl/virtio_blk.hpp"

using namespace virtlab::vmctl;

namespace {

constexpr std::uint64_t kDesc = 0x0000, kAvail = 0x1000, kUsed = 0x1400, kRingsEnd = 0x1c08;

// The disk: every access the device makes must lie inside it (the device checks the range first).
class MemoryStore : public BlockStore {
 public:
  MemoryStore() : bytes_(64 * 1024, 0x5a) { size_ = bytes_.size(); }
  bool read(std::uint64_t offset, std::span<std::uint8_t> out) override {
    FUZZ_CHECK(offset <= size_ && out.size() <= size_ - offset);
    std::memcpy(out.data(), bytes_.data() + offset, out.size());
    return true;
  }
  bool write(std::uint64_t offset, std::span<const std::uint8_t> data) override {
    FUZZ_CHECK(offset <= size_ && data.size() <= size_ - offset);
    std::memcpy(bytes_.data() + offset, data.data(), data.size());
    return true;
  }
  bool flush() override { return true; }

 private:
  std::vector<std::uint8_t> bytes_;
};

void driver_init(VirtioBlock& dev, std::uint32_t queue_size) {
  auto w = [&](std::uint64_t reg, std::uint32_t value) { dev.write(reg, value, 4); };
  w(VirtioMmio::kStatus, VirtioMmio::kStatusAcknowledge | VirtioMmio::kStatusDriver);
  w(VirtioMmio::kDriverFeaturesSel, 1);
  w(VirtioMmio::kDriverFeatures, 1);  // VIRTIO_F_VERSION_1
  w(VirtioMmio::kStatus, dev.read(VirtioMmio::kStatus, 4) | VirtioMmio::kStatusFeaturesOk);
  w(VirtioMmio::kQueueNum, queue_size);
  w(VirtioMmio::kQueueDescLow, kDesc);
  w(VirtioMmio::kQueueDriverLow, kAvail);
  w(VirtioMmio::kQueueDeviceLow, kUsed);
  w(VirtioMmio::kQueueReady, 1);
  w(VirtioMmio::kStatus, dev.read(VirtioMmio::kStatus, 4) | VirtioMmio::kStatusDriverOk);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> memory(std::max<std::size_t>(size, kRingsEnd), 0);
  std::memcpy(memory.data(), data, size);
  // The queue size and whether the disk is read-only are the guest's and the user's choice: the last byte.
  const std::uint8_t last = size > 0 ? data[size - 1] : 0;
  const auto queue_size = static_cast<std::uint32_t>(1u << (last % 9));
  const bool read_only = (last & 0x80) != 0;
  MemoryStore store;
  VirtioBlock dev(memory, store, read_only, "fuzz");
  driver_init(dev, queue_size);
  FUZZ_CHECK(dev.transport().driver_ok());
  dev.notify(VirtioBlock::kRequestQueue);
  const auto& c = dev.counters();
  const std::uint64_t answered = c.reads + c.writes + c.flushes + c.get_ids + c.io_errors + c.unsupported;
  const bool broken = (dev.transport().status() & VirtioMmio::kStatusNeedsReset) != 0;
  // Every request taken was answered, except the one malformed chain that broke the device.
  FUZZ_CHECK(answered == c.requests || (broken && answered + 1 == c.requests));
  FUZZ_CHECK(c.requests <= queue_size);
  FUZZ_CHECK(!read_only || c.writes == 0);
  FUZZ_CHECK(c.bytes_read + c.bytes_written <= std::uint64_t{queue_size} * store.size());
  return 0;
}
