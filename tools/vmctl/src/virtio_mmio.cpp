#include "vmctl/virtio_mmio.hpp"

#include <cstring>
#include <utility>

namespace virtlab::vmctl {

namespace {

std::uint64_t set_half(std::uint64_t value, bool high, std::uint32_t half) {
  return high ? (value & 0xffffffffu) | (std::uint64_t{half} << 32) : (value & ~std::uint64_t{0xffffffffu}) | half;
}

}  // namespace

VirtioMmio::VirtioMmio(std::span<std::uint8_t> memory, VirtioDeviceInfo info)
    : memory_(memory), info_(std::move(info)), queues_(info_.queue_count) {}

VirtioMmio::QueueState* VirtioMmio::selected_queue() noexcept {
  return queue_sel_ < queues_.size() ? &queues_[queue_sel_] : nullptr;
}

const VirtioMmio::QueueState* VirtioMmio::selected_queue() const noexcept {
  return queue_sel_ < queues_.size() ? &queues_[queue_sel_] : nullptr;
}

std::uint32_t VirtioMmio::read_register(std::uint64_t offset) const {
  const QueueState* q = selected_queue();
  switch (offset) {
    case kMagicValue:
      return kMagic;
    case kVersionReg:
      return kVersion;
    case kDeviceId:
      return info_.device_id;
    case kVendorIdReg:
      return kVendorId;
    case kDeviceFeatures:
      if (device_features_sel_ > 1) return 0;
      return static_cast<std::uint32_t>(offered_features() >> (32 * device_features_sel_));
    case kQueueNumMax:
      return q ? info_.queue_max : 0;  // 0: no such queue
    case kQueueReady:
      return q && q->ready ? 1 : 0;
    case kInterruptStatus:
      ++interrupt_status_reads_;
      return interrupt_status_;
    case kStatus:
      return status_;
    case kConfigGeneration:
      return config_generation_;
    default:
      return 0;  // write-only or reserved
  }
}

std::uint32_t VirtioMmio::read_config(std::uint64_t offset, unsigned size) const {
  const std::uint64_t at = offset - kConfig;
  if (at > info_.config.size() || size > info_.config.size() - at) return 0;
  std::uint32_t value = 0;
  std::memcpy(&value, info_.config.data() + at, size);
  return value;
}

std::uint32_t VirtioMmio::read(std::uint64_t offset, unsigned size) const {
  if (size != 1 && size != 2 && size != 4) return 0;
  if (offset >= kConfig) return read_config(offset, size);
  return size == 4 && offset % 4 == 0 ? read_register(offset) : 0;
}

void VirtioMmio::reset() noexcept {
  for (auto& q : queues_) q = QueueState{};
  status_ = 0;
  interrupt_status_ = 0;
  device_features_sel_ = driver_features_sel_ = queue_sel_ = 0;
  driver_features_ = 0;
  last_error_ = VirtqError::none;
}

void VirtioMmio::device_error(VirtqError error) noexcept {
  last_error_ = error;
  status_ |= kStatusNeedsReset;
  if (status_ & kStatusDriverOk) interrupt_status_ |= kInterruptConfigChange;
}

// FEATURES_OK is accepted only for a subset of what was offered that includes VERSION_1 (a legacy driver cannot
// run on a version 2 transport); otherwise the bit stays clear and the driver sees it was refused (§3.1.1).
MmioWriteResult VirtioMmio::write_status(std::uint32_t value) {
  if (value == 0) {
    reset();
    return {MmioEffect::reset};
  }
  const bool was_ok = status_ & kStatusDriverOk;
  status_ = (value & 0xff) | (status_ & kStatusNeedsReset);
  if ((status_ & kStatusFeaturesOk) &&
      ((driver_features_ & ~offered_features()) != 0 || !(driver_features_ & kFeatureVersion1)))
    status_ &= ~kStatusFeaturesOk;
  if (!was_ok && (status_ & kStatusDriverOk)) return {MmioEffect::driver_ok};
  return {};
}

MmioWriteResult VirtioMmio::set_queue_ready(QueueState& q, bool ready) {
  q.ready = false;
  q.ring.reset();
  if (!ready) return {};
  const VirtqLayout layout{static_cast<std::uint16_t>(q.num > 0xffff ? 0 : q.num), q.desc, q.driver, q.device};
  const VirtqError error =
      q.num > 0xffff ? VirtqError::bad_size : check_layout(layout, info_.queue_max, memory_.size());
  if (error != VirtqError::none) {
    device_error(error);
    return {MmioEffect::device_error};
  }
  q.ring.emplace(memory_, layout);
  q.ready = true;
  return {};
}

// The selected queue's size and ring addresses; ignored while the queue is ready (§4.2.2.3: set them first).
MmioWriteResult VirtioMmio::write_queue_register(std::uint64_t offset, std::uint32_t value) {
  QueueState* q = selected_queue();
  if (!q) return {};
  if (offset == kQueueReady) return set_queue_ready(*q, value == 1);
  if (q->ready) return {};
  switch (offset) {
    case kQueueNum:
      q->num = value;
      break;
    case kQueueDescLow:
    case kQueueDescHigh:
      q->desc = set_half(q->desc, offset == kQueueDescHigh, value);
      break;
    case kQueueDriverLow:
    case kQueueDriverHigh:
      q->driver = set_half(q->driver, offset == kQueueDriverHigh, value);
      break;
    case kQueueDeviceLow:
    case kQueueDeviceHigh:
      q->device = set_half(q->device, offset == kQueueDeviceHigh, value);
      break;
    default:
      break;
  }
  return {};
}

MmioWriteResult VirtioMmio::write(std::uint64_t offset, std::uint32_t value, unsigned size) {
  if (offset >= kConfig || size != 4 || offset % 4 != 0) return {};  // config is read-only for these devices
  switch (offset) {
    case kDeviceFeaturesSel:
      device_features_sel_ = value;
      return {};
    case kDriverFeaturesSel:
      driver_features_sel_ = value;
      return {};
    case kDriverFeatures:
      if (driver_features_sel_ <= 1 && !(status_ & kStatusFeaturesOk))
        driver_features_ = set_half(driver_features_, driver_features_sel_ == 1, value);
      return {};
    case kQueueSel:
      queue_sel_ = value;
      return {};
    case kQueueNotify:
      if (value >= queues_.size()) return {};
      return {MmioEffect::queue_notify, static_cast<std::uint16_t>(value)};
    case kInterruptAck:
      interrupt_status_ &= ~value;
      return {MmioEffect::interrupt_ack};
    case kStatus:
      return write_status(value);
    default:
      return write_queue_register(offset, value);
  }
}

Virtqueue* VirtioMmio::queue(std::uint16_t index) {
  if (index >= queues_.size() || (status_ & kStatusNeedsReset)) return nullptr;
  auto& q = queues_[index];
  if (!q.ready || !q.ring || q.ring->error() != VirtqError::none) return nullptr;
  return &*q.ring;
}

}  // namespace virtlab::vmctl
