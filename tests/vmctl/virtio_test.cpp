// The virtio-mmio transport, the split virtqueue and virtio-console driven the way Linux's virtio_mmio and
// virtio_console drivers drive them, against a byte vector as guest memory — including guests that lie in their
// rings (every such case must end in a VirtqError / DEVICE_NEEDS_RESET, never a read outside the vector).
#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <vector>

#include "guest_bytes.hpp"
#include "vmctl/virtio_console.hpp"
#include "vmctl/virtio_mmio.hpp"
#include "vmctl/virtqueue.hpp"

namespace virtlab::vmctl {
namespace {

constexpr std::uint64_t kMemoryBytes = 64 * 1024;
constexpr std::uint64_t kDesc = 0x1000, kAvail = 0x2000, kUsed = 0x3000, kData = 0x8000;

using test::GuestBytes;

// The driver's side of one queue in a vector of guest memory: descriptors, the available ring, the used ring.
struct Driver : GuestBytes {
  std::uint16_t size;
  std::uint16_t avail_idx = 0;

  explicit Driver(std::uint16_t queue_size = 8) : GuestBytes(kMemoryBytes), size(queue_size) {}
  VirtqLayout layout() const { return {size, kDesc, kAvail, kUsed}; }
  std::span<std::uint8_t> span() { return memory; }

  void descriptor(std::uint16_t index, std::uint64_t addr, std::uint32_t len, std::uint16_t flags,
                  std::uint16_t next = 0) {
    const std::uint64_t at = kDesc + 16u * index;
    put(at, addr);
    put(at + 8, len);
    put(at + 12, flags);
    put(at + 14, next);
  }
  void make_available(std::uint16_t head) {
    put<std::uint16_t>(kAvail + 4 + 2u * (avail_idx % size), head);
    put<std::uint16_t>(kAvail + 2, ++avail_idx);
  }
  void set_avail_idx(std::uint16_t idx) { put<std::uint16_t>(kAvail + 2, avail_idx = idx); }
  std::uint16_t used_idx() const { return get<std::uint16_t>(kUsed + 2); }
  std::uint32_t used_id(std::uint16_t slot) const { return get<std::uint32_t>(kUsed + 4 + 8u * slot); }
  std::uint32_t used_len(std::uint16_t slot) const { return get<std::uint32_t>(kUsed + 4 + 8u * slot + 4); }
  void text(std::uint64_t gpa, std::string_view s) { std::memcpy(memory.data() + gpa, s.data(), s.size()); }
};

// ---- layout ----

TEST(VirtqLayout, AcceptsRingsInsideMemory) {
  EXPECT_EQ(check_layout({8, kDesc, kAvail, kUsed}, 256, kMemoryBytes), VirtqError::none);
}

TEST(VirtqLayout, RejectsSizesThatAreZeroTooLargeOrNotPowersOfTwo) {
  EXPECT_EQ(check_layout({0, kDesc, kAvail, kUsed}, 256, kMemoryBytes), VirtqError::bad_size);
  EXPECT_EQ(check_layout({3, kDesc, kAvail, kUsed}, 256, kMemoryBytes), VirtqError::bad_size);
  EXPECT_EQ(check_layout({512, kDesc, kAvail, kUsed}, 256, kMemoryBytes), VirtqError::bad_size);
}

TEST(VirtqLayout, RejectsMisalignedRings) {
  EXPECT_EQ(check_layout({8, kDesc + 8, kAvail, kUsed}, 256, kMemoryBytes), VirtqError::ring_misaligned);
  EXPECT_EQ(check_layout({8, kDesc, kAvail + 1, kUsed}, 256, kMemoryBytes), VirtqError::ring_misaligned);
  EXPECT_EQ(check_layout({8, kDesc, kAvail, kUsed + 2}, 256, kMemoryBytes), VirtqError::ring_misaligned);
}

TEST(VirtqLayout, RejectsRingsPastTheEndOfMemoryAndAddressesThatWrap) {
  // The used ring of 8 entries needs 4 + 64 + 2 bytes: 0x10 bytes before the end is too little.
  EXPECT_EQ(check_layout({8, kDesc, kAvail, kMemoryBytes - 0x10}, 256, kMemoryBytes), VirtqError::ring_outside_memory);
  EXPECT_EQ(check_layout({8, 0xfffffffffffffff0, kAvail, kUsed}, 256, kMemoryBytes), VirtqError::ring_outside_memory);
  EXPECT_EQ(check_layout({8, kDesc, kAvail, kMemoryBytes}, 256, kMemoryBytes), VirtqError::ring_outside_memory);
}

TEST(VirtqLayout, AQueueBuiltOnABadLayoutIsBrokenFromTheStart) {
  Driver d;
  Virtqueue q(d.span(), {8, kDesc, kAvail, kMemoryBytes - 4});
  VirtqChain chain;
  EXPECT_EQ(q.pop(chain), PopOutcome::error);
  EXPECT_EQ(q.error(), VirtqError::ring_outside_memory);
}

// ---- chains ----

TEST(Virtqueue, PopsAReadableThenWritableChainAndPublishesItAsUsed) {
  Driver d;
  d.text(kData, "request");
  d.descriptor(2, kData, 7, Virtqueue::kDescNext, 5);
  d.descriptor(5, kData + 0x100, 16, Virtqueue::kDescWrite);
  d.make_available(2);
  Virtqueue q(d.span(), d.layout());
  VirtqChain chain;
  ASSERT_EQ(q.pop(chain), PopOutcome::chain);
  EXPECT_EQ(chain.head, 2);
  ASSERT_EQ(chain.buffers.size(), 2u);
  EXPECT_EQ(chain.readable_bytes(), 7u);
  EXPECT_EQ(chain.writable_bytes(), 16u);
  std::string got;
  EXPECT_EQ(q.read_chain(chain, got), 7u);
  EXPECT_EQ(got, "request");
  EXPECT_EQ(q.write_chain(chain, "a reply longer than sixteen bytes"), 16u);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(d.memory.data() + kData + 0x100), 16), "a reply longer t");
  EXPECT_EQ(d.used_idx(), 0);
  q.push_used(chain.head, 16);
  EXPECT_EQ(d.used_idx(), 1);
  EXPECT_EQ(d.used_id(0), 2u);
  EXPECT_EQ(d.used_len(0), 16u);
  EXPECT_EQ(q.pop(chain), PopOutcome::empty);
}

TEST(Virtqueue, ReadChainStopsAtItsLimit) {
  Driver d;
  d.text(kData, "abcdef");
  d.descriptor(0, kData, 6, 0);
  d.make_available(0);
  Virtqueue q(d.span(), d.layout());
  VirtqChain chain;
  ASSERT_EQ(q.pop(chain), PopOutcome::chain);
  std::string got;
  EXPECT_EQ(q.read_chain(chain, got, 4), 4u);
  EXPECT_EQ(got, "abcd");
}

TEST(Virtqueue, IndicesWrapAroundSixteenBitsAndTheRing) {
  Driver d(4);
  Virtqueue q(d.span(), d.layout());
  VirtqChain chain;
  for (int round = 0; round < 70000; ++round) {  // past 65535: both free-running indices wrap
    d.descriptor(static_cast<std::uint16_t>(round % 4), kData, 1, 0);
    d.make_available(static_cast<std::uint16_t>(round % 4));
    ASSERT_EQ(q.pop(chain), PopOutcome::chain) << "round " << round;
    ASSERT_EQ(chain.head, round % 4);
    q.push_used(chain.head, 0);
  }
  EXPECT_EQ(d.used_idx(), static_cast<std::uint16_t>(70000));
  EXPECT_EQ(q.pop(chain), PopOutcome::empty);
}

TEST(Virtqueue, InterruptSuppressionFollowsTheAvailableFlags) {
  Driver d;
  Virtqueue q(d.span(), d.layout());
  EXPECT_TRUE(q.wants_interrupt());
  d.put<std::uint16_t>(kAvail, Virtqueue::kAvailNoInterrupt);
  EXPECT_FALSE(q.wants_interrupt());
}

// ---- a guest that lies ----

VirtqError pop_error(Driver& d) {
  Virtqueue q(d.span(), d.layout());
  VirtqChain chain;
  if (q.pop(chain) != PopOutcome::error) return VirtqError::none;
  // Broken stays broken: the next pop does not walk the rings again.
  if (q.pop(chain) != PopOutcome::error) return VirtqError::none;
  return q.error();
}

TEST(VirtqueueMalicious, HeadBeyondTheTable) {
  Driver d;
  d.make_available(8);
  EXPECT_EQ(pop_error(d), VirtqError::head_out_of_range);
}

TEST(VirtqueueMalicious, NextBeyondTheTable) {
  Driver d;
  d.descriptor(0, kData, 4, Virtqueue::kDescNext, 0xffff);
  d.make_available(0);
  EXPECT_EQ(pop_error(d), VirtqError::next_out_of_range);
}

TEST(VirtqueueMalicious, AChainThatLoopsEndsAfterTableSizeDescriptors) {
  Driver d;
  d.descriptor(0, kData, 4, Virtqueue::kDescNext, 1);
  d.descriptor(1, kData, 4, Virtqueue::kDescNext, 0);
  d.make_available(0);
  EXPECT_EQ(pop_error(d), VirtqError::chain_too_long);
  Driver self;
  self.descriptor(3, kData, 4, Virtqueue::kDescNext, 3);
  self.make_available(3);
  EXPECT_EQ(pop_error(self), VirtqError::chain_too_long);
}

TEST(VirtqueueMalicious, AChainOfExactlyTableSizeIsFine) {
  Driver d;
  for (std::uint16_t i = 0; i < 8; ++i) d.descriptor(i, kData, 1, i < 7 ? Virtqueue::kDescNext : 0, i + 1);
  d.make_available(0);
  Virtqueue q(d.span(), d.layout());
  VirtqChain chain;
  ASSERT_EQ(q.pop(chain), PopOutcome::chain);
  EXPECT_EQ(chain.buffers.size(), 8u);
}

TEST(VirtqueueMalicious, BuffersOutsideMemoryAndAddressesThatWrap) {
  Driver past_end;
  past_end.descriptor(0, kMemoryBytes - 4, 8, 0);
  past_end.make_available(0);
  EXPECT_EQ(pop_error(past_end), VirtqError::buffer_outside_memory);
  Driver wraps;
  wraps.descriptor(0, std::numeric_limits<std::uint64_t>::max() - 1, 0x10, 0);
  wraps.make_available(0);
  EXPECT_EQ(pop_error(wraps), VirtqError::buffer_outside_memory);
  Driver huge;
  huge.descriptor(0, kData, 0xffffffff, Virtqueue::kDescWrite);
  huge.make_available(0);
  EXPECT_EQ(pop_error(huge), VirtqError::buffer_outside_memory);
}

TEST(VirtqueueMalicious, IndirectDescriptorsAreNotOffered) {
  Driver d;
  d.descriptor(0, kData, 32, Virtqueue::kDescIndirect);
  d.make_available(0);
  EXPECT_EQ(pop_error(d), VirtqError::indirect_not_negotiated);
}

TEST(VirtqueueMalicious, ReadableAfterWritable) {
  Driver d;
  d.descriptor(0, kData, 4, Virtqueue::kDescWrite | Virtqueue::kDescNext, 1);
  d.descriptor(1, kData, 4, 0);
  d.make_available(0);
  EXPECT_EQ(pop_error(d), VirtqError::readable_after_writable);
}

TEST(VirtqueueMalicious, AvailableIndexJumpingPastTheQueueSize) {
  Driver d;
  d.descriptor(0, kData, 4, 0);
  d.set_avail_idx(9);  // 9 new buffers in a queue of 8
  EXPECT_EQ(pop_error(d), VirtqError::avail_index_jump);
}

// ---- the transport ----

constexpr unsigned kWord = 4;

// Linux's virtio_mmio probe + virtio core init for one device (drivers/virtio/virtio_mmio.c, virtio.c).
template <typename Device>
void driver_init(Device& dev, std::uint16_t queues, std::uint32_t queue_num = 8) {
  dev.write(VirtioMmio::kStatus, 0, kWord);
  dev.write(VirtioMmio::kStatus, VirtioMmio::kStatusAcknowledge, kWord);
  dev.write(VirtioMmio::kStatus, VirtioMmio::kStatusAcknowledge | VirtioMmio::kStatusDriver, kWord);
  dev.write(VirtioMmio::kDriverFeaturesSel, 1, kWord);
  dev.write(VirtioMmio::kDriverFeatures, 1, kWord);  // VIRTIO_F_VERSION_1
  dev.write(VirtioMmio::kDriverFeaturesSel, 0, kWord);
  dev.write(VirtioMmio::kDriverFeatures, 0, kWord);
  dev.write(VirtioMmio::kStatus, dev.read(VirtioMmio::kStatus, kWord) | VirtioMmio::kStatusFeaturesOk, kWord);
  for (std::uint16_t i = 0; i < queues; ++i) {
    const std::uint64_t base = 0x1000u * (1 + 3 * i);  // desc, avail, used a page apart per queue
    dev.write(VirtioMmio::kQueueSel, i, kWord);
    dev.write(VirtioMmio::kQueueNum, queue_num, kWord);
    dev.write(VirtioMmio::kQueueDescLow, static_cast<std::uint32_t>(base), kWord);
    dev.write(VirtioMmio::kQueueDescHigh, 0, kWord);
    dev.write(VirtioMmio::kQueueDriverLow, static_cast<std::uint32_t>(base + 0x1000), kWord);
    dev.write(VirtioMmio::kQueueDeviceLow, static_cast<std::uint32_t>(base + 0x2000), kWord);
    dev.write(VirtioMmio::kQueueReady, 1, kWord);
  }
  dev.write(VirtioMmio::kStatus, dev.read(VirtioMmio::kStatus, kWord) | VirtioMmio::kStatusDriverOk, kWord);
}

VirtioDeviceInfo two_queue_device() {
  return {3, 0, 2, 256, {1, 2, 3, 4, 5, 6, 7, 8}};
}

TEST(VirtioMmio, IdentifiesItselfAsAVersionTwoDevice) {
  std::vector<std::uint8_t> memory(kMemoryBytes);
  VirtioMmio dev(memory, two_queue_device());
  EXPECT_EQ(dev.read(VirtioMmio::kMagicValue, kWord), 0x74726976u);
  EXPECT_EQ(dev.read(VirtioMmio::kVersionReg, kWord), 2u);
  EXPECT_EQ(dev.read(VirtioMmio::kDeviceId, kWord), 3u);
  EXPECT_EQ(dev.read(VirtioMmio::kVendorIdReg, kWord), VirtioMmio::kVendorId);
  EXPECT_EQ(dev.read(VirtioMmio::kMagicValue, 2), 0u);  // registers answer 32-bit reads only
  dev.write(VirtioMmio::kDeviceFeaturesSel, 1, kWord);
  EXPECT_EQ(dev.read(VirtioMmio::kDeviceFeatures, kWord), 1u);  // VERSION_1 is bit 32
  dev.write(VirtioMmio::kDeviceFeaturesSel, 2, kWord);
  EXPECT_EQ(dev.read(VirtioMmio::kDeviceFeatures, kWord), 0u);
}

TEST(VirtioMmio, ConfigSpaceAnswersByteWordAndDwordReadsInsideItsSize) {
  std::vector<std::uint8_t> memory(kMemoryBytes);
  VirtioMmio dev(memory, two_queue_device());
  EXPECT_EQ(dev.read(VirtioMmio::kConfig + 1, 1), 2u);
  EXPECT_EQ(dev.read(VirtioMmio::kConfig + 2, 2), 0x0403u);
  EXPECT_EQ(dev.read(VirtioMmio::kConfig + 4, 4), 0x08070605u);
  EXPECT_EQ(dev.read(VirtioMmio::kConfig + 6, 4), 0u);  // would cross the end
  EXPECT_EQ(dev.read(VirtioMmio::kWindowBytes - 1, 1), 0u);
}

TEST(VirtioMmio, DriverInitMakesQueuesReadyAndDriverOk) {
  std::vector<std::uint8_t> memory(kMemoryBytes);
  VirtioMmio dev(memory, two_queue_device());
  driver_init(dev, 2);
  EXPECT_TRUE(dev.driver_ok());
  EXPECT_TRUE(dev.status() & VirtioMmio::kStatusFeaturesOk);
  EXPECT_EQ(dev.driver_features(), VirtioMmio::kFeatureVersion1);
  ASSERT_NE(dev.queue(0), nullptr);
  ASSERT_NE(dev.queue(1), nullptr);
  EXPECT_EQ(dev.queue(1)->layout().desc, 0x4000u);
  EXPECT_EQ(dev.queue(2), nullptr);
  dev.write(VirtioMmio::kQueueSel, 1, kWord);
  EXPECT_EQ(dev.read(VirtioMmio::kQueueReady, kWord), 1u);
  EXPECT_EQ(dev.read(VirtioMmio::kQueueNumMax, kWord), 256u);
  dev.write(VirtioMmio::kQueueSel, 7, kWord);
  EXPECT_EQ(dev.read(VirtioMmio::kQueueNumMax, kWord), 0u);  // no such queue
}

TEST(VirtioMmio, RefusesFeaturesItDidNotOfferOrALegacyDriver) {
  std::vector<std::uint8_t> memory(kMemoryBytes);
  VirtioMmio legacy(memory, two_queue_device());
  legacy.write(VirtioMmio::kStatus, VirtioMmio::kStatusFeaturesOk, kWord);  // without VERSION_1
  EXPECT_FALSE(legacy.status() & VirtioMmio::kStatusFeaturesOk);
  VirtioMmio greedy(memory, two_queue_device());
  greedy.write(VirtioMmio::kDriverFeaturesSel, 1, kWord);
  greedy.write(VirtioMmio::kDriverFeatures, 1 | 2, kWord);  // VERSION_1 and bit 33, never offered
  greedy.write(VirtioMmio::kStatus, VirtioMmio::kStatusFeaturesOk, kWord);
  EXPECT_FALSE(greedy.status() & VirtioMmio::kStatusFeaturesOk);
}

TEST(VirtioMmio, NotifyNamesTheQueueAndIgnoresQueuesThatDoNotExist) {
  std::vector<std::uint8_t> memory(kMemoryBytes);
  VirtioMmio dev(memory, two_queue_device());
  const auto kick = dev.write(VirtioMmio::kQueueNotify, 1, kWord);
  EXPECT_EQ(kick.effect, MmioEffect::queue_notify);
  EXPECT_EQ(kick.queue, 1);
  EXPECT_EQ(dev.write(VirtioMmio::kQueueNotify, 2, kWord).effect, MmioEffect::none);
}

TEST(VirtioMmio, InterruptStatusRisesAndTheAckLowersTheLine) {
  std::vector<std::uint8_t> memory(kMemoryBytes);
  VirtioMmio dev(memory, two_queue_device());
  EXPECT_FALSE(dev.irq_level());
  dev.signal_used();
  EXPECT_TRUE(dev.irq_level());
  EXPECT_EQ(dev.interrupt_status_reads(), 0u);
  EXPECT_EQ(dev.read(VirtioMmio::kInterruptStatus, kWord), 1u);
  EXPECT_EQ(dev.interrupt_status_reads(), 1u);
  EXPECT_EQ(dev.write(VirtioMmio::kInterruptAck, 1, kWord).effect, MmioEffect::interrupt_ack);
  EXPECT_FALSE(dev.irq_level());
}

TEST(VirtioMmio, StatusZeroResetsEverything) {
  std::vector<std::uint8_t> memory(kMemoryBytes);
  VirtioMmio dev(memory, two_queue_device());
  driver_init(dev, 2);
  dev.signal_used();
  EXPECT_EQ(dev.write(VirtioMmio::kStatus, 0, kWord).effect, MmioEffect::reset);
  EXPECT_EQ(dev.status(), 0u);
  EXPECT_FALSE(dev.irq_level());
  EXPECT_EQ(dev.queue(0), nullptr);
  EXPECT_EQ(dev.driver_features(), 0u);
}

TEST(VirtioMmio, QueueRegistersAreFrozenWhileTheQueueIsReady) {
  std::vector<std::uint8_t> memory(kMemoryBytes);
  VirtioMmio dev(memory, two_queue_device());
  driver_init(dev, 1);
  dev.write(VirtioMmio::kQueueSel, 0, kWord);
  dev.write(VirtioMmio::kQueueDescLow, 0xfff000, kWord);  // would be outside memory
  ASSERT_NE(dev.queue(0), nullptr);
  EXPECT_EQ(dev.queue(0)->layout().desc, 0x1000u);
}

TEST(VirtioMmioMalicious, BadQueueSetupNeedsResetInsteadOfAQueue) {
  std::vector<std::uint8_t> memory(kMemoryBytes);
  VirtioMmio too_big(memory, two_queue_device());
  driver_init(too_big, 1, 1024);
  EXPECT_TRUE(too_big.status() & VirtioMmio::kStatusNeedsReset);
  EXPECT_EQ(too_big.last_error(), VirtqError::bad_size);
  EXPECT_EQ(too_big.queue(0), nullptr);
  EXPECT_FALSE(too_big.driver_ok());

  VirtioMmio outside(memory, two_queue_device());
  outside.write(VirtioMmio::kQueueSel, 0, kWord);
  outside.write(VirtioMmio::kQueueNum, 8, kWord);
  outside.write(VirtioMmio::kQueueDescHigh, 1, kWord);  // 4 GiB up, far beyond 64 KiB of RAM
  outside.write(VirtioMmio::kQueueDriverLow, 0x2000, kWord);
  outside.write(VirtioMmio::kQueueDeviceLow, 0x3000, kWord);
  EXPECT_EQ(outside.write(VirtioMmio::kQueueReady, 1, kWord).effect, MmioEffect::device_error);
  EXPECT_EQ(outside.last_error(), VirtqError::ring_outside_memory);
  EXPECT_EQ(outside.read(VirtioMmio::kQueueReady, kWord), 0u);
}

TEST(VirtioMmioMalicious, AnErrorAfterDriverOkRaisesAConfigChangeInterrupt) {
  std::vector<std::uint8_t> memory(kMemoryBytes);
  VirtioMmio dev(memory, two_queue_device());
  driver_init(dev, 1);
  dev.device_error(VirtqError::chain_too_long);
  EXPECT_EQ(dev.read(VirtioMmio::kInterruptStatus, kWord), VirtioMmio::kInterruptConfigChange);
  EXPECT_TRUE(dev.read(VirtioMmio::kStatus, kWord) & VirtioMmio::kStatusNeedsReset);
  EXPECT_EQ(dev.queue(0), nullptr);
  // The driver's status writes keep the bit until it resets the device.
  dev.write(VirtioMmio::kStatus, dev.status() | VirtioMmio::kStatusFailed, kWord);
  EXPECT_TRUE(dev.status() & VirtioMmio::kStatusNeedsReset);
  dev.write(VirtioMmio::kStatus, 0, kWord);
  EXPECT_EQ(dev.status(), 0u);
}

// ---- virtio-console ----

// Queue 0 (receiveq) rings at 0x1000/0x2000/0x3000, queue 1 (transmitq) at 0x4000/0x5000/0x6000 (driver_init).
struct ConsoleGuest : GuestBytes {
  VirtioConsole console{memory};
  std::uint16_t tx_avail = 0, rx_avail = 0;
  // The console's MMIO window as driver_init sees it (its kicks' output is not looked at during init).
  struct Bus {
    VirtioConsole& console;
    std::uint32_t read(std::uint64_t offset, unsigned size) const { return console.read(offset, size); }
    MmioWriteResult write(std::uint64_t offset, std::uint32_t value, unsigned size) {
      std::string transmitted;
      return console.write(offset, value, size, transmitted);
    }
  };
  ConsoleGuest() : GuestBytes(kMemoryBytes) {
    Bus bus{console};
    driver_init(bus, 2);
  }
  void post(std::uint64_t ring, std::uint16_t& avail, std::uint16_t index, std::uint64_t addr, std::uint32_t len,
            std::uint16_t flags) {
    const std::uint64_t desc = ring + 16u * index;
    put(desc, addr);
    put(desc + 8, len);
    put(desc + 12, flags);
    put<std::uint16_t>(ring + 0x1000 + 4 + 2u * (avail % 8), index);
    put<std::uint16_t>(ring + 0x1000 + 2, ++avail);
  }
  // The guest writes `text` to hvc0: one buffer, then the kick Linux's virtio_console does per put_chars.
  std::string send(std::string_view text) {
    const std::uint64_t buf = kData + 0x100u * (tx_avail % 8);
    std::memcpy(memory.data() + buf, text.data(), text.size());
    post(0x4000, tx_avail, tx_avail % 8, buf, static_cast<std::uint32_t>(text.size()), 0);
    std::string out;
    console.write(VirtioMmio::kQueueNotify, VirtioConsole::kTransmitQueue, kWord, out);
    return out;
  }
};

TEST(VirtioConsole, TheGuestsWritesComeOutOfTheTransmitQueue) {
  ConsoleGuest g;
  EXPECT_EQ(g.send("hello, "), "hello, ");
  EXPECT_EQ(g.send("hvc0\n"), "hvc0\n");
  EXPECT_EQ(g.get<std::uint16_t>(0x6000 + 2), 2);   // both buffers returned as used
  EXPECT_EQ(g.get<std::uint32_t>(0x6000 + 4), 0u);  // descriptor 0 back first
  EXPECT_TRUE(g.console.irq_level());
  EXPECT_EQ(g.console.counters().kicks, 2u);
  EXPECT_EQ(g.console.counters().transmitted_bytes, 12u);
}

TEST(VirtioConsole, HostInputFillsPostedReceiveBuffers) {
  ConsoleGuest g;
  EXPECT_FALSE(g.console.receiver_ready() && g.console.receive("x") > 0);  // no buffer posted yet
  g.post(0x1000, g.rx_avail, 0, kData + 0x2000, 4, Virtqueue::kDescWrite);
  EXPECT_TRUE(g.console.receiver_ready());
  EXPECT_EQ(g.console.receive("abcdef"), 4u);  // one 4-byte buffer: the rest waits for the next
  EXPECT_EQ(std::string(reinterpret_cast<char*>(g.memory.data() + kData + 0x2000), 4), "abcd");
  EXPECT_EQ(g.get<std::uint16_t>(0x3000 + 2), 1);
  EXPECT_EQ(g.get<std::uint32_t>(0x3000 + 8), 4u);  // used length
  EXPECT_TRUE(g.console.irq_level());
}

TEST(VirtioConsole, NoInterruptWhenTheDriverSuppressesIt) {
  ConsoleGuest g;
  g.put<std::uint16_t>(0x5000, Virtqueue::kAvailNoInterrupt);
  EXPECT_EQ(g.send("quiet"), "quiet");
  EXPECT_FALSE(g.console.irq_level());
}

TEST(VirtioConsoleMalicious, ALoopingTransmitChainBreaksTheDeviceNotVmctl) {
  ConsoleGuest g;
  g.put<std::uint64_t>(0x4000, kData);
  g.put<std::uint32_t>(0x4000 + 8, 4);
  g.put<std::uint16_t>(0x4000 + 12, Virtqueue::kDescNext);
  g.put<std::uint16_t>(0x4000 + 14, 0);  // next = itself
  g.put<std::uint16_t>(0x5000 + 4, 0);
  g.put<std::uint16_t>(0x5000 + 2, 1);
  std::string out;
  g.console.notify(VirtioConsole::kTransmitQueue, out);
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(g.console.transport().status() & VirtioMmio::kStatusNeedsReset);
  EXPECT_EQ(g.console.transport().last_error(), VirtqError::chain_too_long);
  EXPECT_TRUE(g.console.irq_level());  // the configuration-change interrupt tells the driver
  EXPECT_EQ(g.send("more"), "");       // a broken device moves no more bytes
  EXPECT_EQ(g.console.receive("in"), 0u);
}

}  // namespace
}  // namespace virtlab::vmctl
