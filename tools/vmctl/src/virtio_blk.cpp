#include "vmctl/virtio_blk.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace virtlab::vmctl {

namespace {

constexpr std::uint64_t kHeaderBytes = 16;  // le32 type, le32 reserved, le64 sector
constexpr std::size_t kConfigBytes = 0x3c;  // up to the write-zeroes fields; vmctl offers none of their features
constexpr std::size_t kCapacityAt = 0, kSegMaxAt = 12, kBlkSizeAt = 20;

template <typename T>
void put(std::vector<std::uint8_t>& bytes, std::size_t at, T value) {
  std::memcpy(bytes.data() + at, &value, sizeof value);
}

// The header from the first 16 readable bytes (Linux puts it in a buffer of its own, the spec does not promise
// that); the readable bytes after it are OUT's data.
bool split_header(const VirtqChain& chain, std::span<const std::uint8_t> memory,
                  std::array<std::uint8_t, kHeaderBytes>& header, std::vector<VirtqBuffer>& after) {
  std::uint64_t got = 0;
  for (const auto& b : chain.buffers) {
    if (b.device_writable) break;  // readable buffers come first (Virtqueue::pop checked the order)
    const std::uint64_t take = std::min<std::uint64_t>(kHeaderBytes - got, b.len);
    std::memcpy(header.data() + got, memory.data() + b.gpa, take);
    got += take;
    if (take < b.len) after.push_back({b.gpa + take, static_cast<std::uint32_t>(b.len - take), false});
  }
  return got == kHeaderBytes;
}

// The status byte is the chain's last writable byte; the writable bytes before it are IN's and GET_ID's data.
bool split_status(const VirtqChain& chain, std::uint64_t& status_gpa, std::vector<VirtqBuffer>& before) {
  const auto last = std::find_if(chain.buffers.rbegin(), chain.buffers.rend(),
                                 [](const VirtqBuffer& b) { return b.device_writable && b.len > 0; });
  if (last == chain.buffers.rend()) return false;
  status_gpa = last->gpa + last->len - 1;
  const VirtqBuffer* status_buffer = &*last;
  for (const auto& b : chain.buffers) {
    if (!b.device_writable || b.len == 0) continue;
    if (&b == status_buffer) {
      if (b.len > 1) before.push_back({b.gpa, b.len - 1, true});
      break;
    }
    before.push_back(b);
  }
  return true;
}

std::uint64_t total_bytes(const std::vector<VirtqBuffer>& buffers) {
  std::uint64_t total = 0;
  for (const auto& b : buffers) total += b.len;
  return total;
}

BlockRequestCheck check_range(const BlockRequest& r, std::uint64_t capacity_sectors) {
  if (r.data_bytes % kSectorBytes != 0) return BlockRequestCheck::not_whole_sectors;
  if (r.sector > capacity_sectors || r.data_bytes / kSectorBytes > capacity_sectors - r.sector)
    return BlockRequestCheck::beyond_capacity;
  return BlockRequestCheck::ok;
}

}  // namespace

std::string_view to_string(BlockRequestCheck check) {
  switch (check) {
    case BlockRequestCheck::ok:
      return "ok";
    case BlockRequestCheck::malformed:
      return "malformed";
    case BlockRequestCheck::unsupported:
      return "unsupported";
    case BlockRequestCheck::read_only:
      return "read_only";
    case BlockRequestCheck::not_whole_sectors:
      return "not_whole_sectors";
    case BlockRequestCheck::beyond_capacity:
      return "beyond_capacity";
  }
  return "unknown";
}

BlockRequest parse_block_request(const VirtqChain& chain, std::span<const std::uint8_t> memory,
                                 std::uint64_t capacity_sectors, bool read_only) {
  BlockRequest r;
  std::array<std::uint8_t, kHeaderBytes> header{};
  std::vector<VirtqBuffer> readable_data, writable_data;
  if (!split_header(chain, memory, header, readable_data) || !split_status(chain, r.status_gpa, writable_data))
    return r;  // malformed
  std::memcpy(&r.type, header.data(), sizeof r.type);
  std::memcpy(&r.sector, header.data() + 8, sizeof r.sector);
  switch (static_cast<BlockRequestType>(r.type)) {
    case BlockRequestType::out:
      r.data = std::move(readable_data);
      r.data_bytes = total_bytes(r.data);
      r.check = read_only ? BlockRequestCheck::read_only : check_range(r, capacity_sectors);
      return r;
    case BlockRequestType::in:
      r.data = std::move(writable_data);
      r.data_bytes = total_bytes(r.data);
      r.check = check_range(r, capacity_sectors);
      return r;
    case BlockRequestType::flush:
      r.check = BlockRequestCheck::ok;
      return r;
    case BlockRequestType::get_id:
      r.data = std::move(writable_data);
      r.data_bytes = total_bytes(r.data);
      r.check = BlockRequestCheck::ok;
      return r;
  }
  r.check = BlockRequestCheck::unsupported;
  return r;
}

std::vector<std::uint8_t> virtio_blk_config(std::uint64_t capacity_sectors) {
  std::vector<std::uint8_t> config(kConfigBytes, 0);
  put<std::uint64_t>(config, kCapacityAt, capacity_sectors);
  put<std::uint32_t>(config, kSegMaxAt, VirtioBlock::kSegMax);
  put<std::uint32_t>(config, kBlkSizeAt, static_cast<std::uint32_t>(kSectorBytes));
  return config;
}

VirtioBlock::VirtioBlock(std::span<std::uint8_t> memory, BlockStore& store, bool read_only, std::string id)
    : memory_(memory),
      store_(store),
      read_only_(read_only),
      id_(std::move(id)),
      transport_(memory,
                 VirtioDeviceInfo{kDeviceId,
                                  kFeatureSegMax | kFeatureBlkSize | kFeatureFlush | (read_only ? kFeatureReadOnly : 0),
                                  1, kQueueSize, virtio_blk_config(store.size() / kSectorBytes)}) {}

MmioWriteResult VirtioBlock::write(std::uint64_t offset, std::uint32_t value, unsigned size) {
  const MmioWriteResult result = transport_.write(offset, value, size);
  if (result.effect == MmioEffect::queue_notify) notify(result.queue);
  return result;
}

void VirtioBlock::notify(std::uint16_t queue_index) {
  ++counters_.kicks;
  Virtqueue* queue = queue_index == kRequestQueue ? transport_.queue(kRequestQueue) : nullptr;
  if (!queue) return;
  transport_.serve_chains(*queue, [&](const VirtqChain& chain) {
    serve(*queue, chain);
    return true;
  });
}

void VirtioBlock::serve(Virtqueue& queue, const VirtqChain& chain) {
  ++counters_.requests;
  const BlockRequest request = parse_block_request(chain, memory_, capacity_sectors(), read_only_);
  if (request.check == BlockRequestCheck::malformed) {
    last_refusal_ = "malformed request (no header or no status byte)";
    transport_.device_error(VirtqError::request_malformed);
    return;
  }
  std::uint32_t written = 0;
  const std::uint8_t status = execute(request, written);
  memory_[request.status_gpa] = status;
  queue.push_used(chain.head, written + 1);
  if (queue.wants_interrupt()) transport_.signal_used();
}

// Runs a parsed request against the store; returns the status byte and the data bytes put into guest buffers.
std::uint8_t VirtioBlock::execute(const BlockRequest& r, std::uint32_t& written) {
  written = 0;
  if (r.check == BlockRequestCheck::unsupported) {
    ++counters_.unsupported;
    last_refusal_ = "unsupported request type " + std::to_string(r.type);
    return kStatusUnsupported;
  }
  if (r.check != BlockRequestCheck::ok) {
    ++counters_.io_errors;
    last_refusal_ = std::string(to_string(r.check)) + ": type " + std::to_string(r.type) + ", sector " +
                    std::to_string(r.sector) + " + " + std::to_string(r.data_bytes) + " bytes";
    return kStatusIoError;
  }
  switch (static_cast<BlockRequestType>(r.type)) {
    case BlockRequestType::flush:
      if (!store_.flush()) break;
      ++counters_.flushes;
      return kStatusOk;
    case BlockRequestType::get_id: {
      const std::size_t n = std::min<std::uint64_t>(kIdBytes, r.data_bytes);
      std::string id = id_.substr(0, std::min(id_.size(), kIdBytes));
      id.resize(n, '\0');  // shorter than 20 bytes: NUL-terminated
      std::size_t done = 0;
      for (const auto& b : r.data) {
        const std::size_t take = std::min<std::size_t>(b.len, n - done);
        std::memcpy(memory_.data() + b.gpa, id.data() + done, take);
        done += take;
      }
      written = static_cast<std::uint32_t>(n);
      ++counters_.get_ids;
      return kStatusOk;
    }
    case BlockRequestType::in:
    case BlockRequestType::out:
      if (!transfer(r)) break;
      if (r.type == static_cast<std::uint32_t>(BlockRequestType::in))
        written = static_cast<std::uint32_t>(r.data_bytes);
      return kStatusOk;
  }
  ++counters_.io_errors;
  last_refusal_ = "host I/O error on type " + std::to_string(r.type) + ": " + std::strerror(errno);
  return kStatusIoError;
}

// IN and OUT: each data buffer straight between guest RAM and the store, at consecutive disk offsets.
bool VirtioBlock::transfer(const BlockRequest& r) {
  const bool in = r.type == static_cast<std::uint32_t>(BlockRequestType::in);
  std::uint64_t offset = r.sector * kSectorBytes;
  for (const auto& b : r.data) {
    const std::span<std::uint8_t> guest = memory_.subspan(b.gpa, b.len);
    if (!(in ? store_.read(offset, guest) : store_.write(offset, guest))) return false;
    offset += b.len;
  }
  const std::uint64_t sectors = r.data_bytes / kSectorBytes;
  if (in) {
    ++counters_.reads;
    counters_.bytes_read += r.data_bytes;
    counters_.sectors_read_max = std::max(counters_.sectors_read_max, sectors);
  } else {
    ++counters_.writes;
    counters_.bytes_written += r.data_bytes;
    counters_.sectors_written_max = std::max(counters_.sectors_written_max, sectors);
  }
  return true;
}

}  // namespace virtlab::vmctl
