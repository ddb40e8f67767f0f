// virtio-blk (virtio 1.x §5.2): one request queue; a request is a descriptor chain of a 16-byte header (le32 type,
// le32 reserved, le64 sector), the data buffers and a final device-writable status byte. Every request is checked
// before any I/O: the sector range against the capacity (without overflow), lengths in whole sectors, writes on a
// read-only disk refused. A request that breaks those rules gets VIRTIO_BLK_S_IOERR; a chain without a header or a
// status byte cannot even be answered and puts the device in DEVICE_NEEDS_RESET. The data moves between guest RAM
// (buffers the virtqueue already checked) and a BlockStore, nothing else. Pure like VirtioConsole.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "vmctl/block_store.hpp"
#include "vmctl/virtio_mmio.hpp"

namespace virtlab::vmctl {

enum class BlockRequestType : std::uint32_t { in = 0, out = 1, flush = 4, get_id = 8 };

// What the parse of one chain decided, before any I/O.
enum class BlockRequestCheck {
  ok,
  malformed,          // fewer than 16 readable header bytes or no writable status byte: no reply possible
  unsupported,        // a type vmctl does not implement (discard, write zeroes …): VIRTIO_BLK_S_UNSUPP
  read_only,          // OUT on a ,ro disk: IOERR
  not_whole_sectors,  // IN/OUT data not a multiple of 512 bytes: IOERR
  beyond_capacity,    // sector + length past the end of the disk (or overflowing): IOERR
};
std::string_view to_string(BlockRequestCheck check);

struct BlockRequest {
  BlockRequestCheck check = BlockRequestCheck::malformed;
  std::uint32_t type = 0;
  std::uint64_t sector = 0;
  std::vector<VirtqBuffer> data;  // OUT: the readable bytes after the header; IN, GET_ID: the writable ones before
                                  // the status byte
  std::uint64_t data_bytes = 0;
  std::uint64_t status_gpa = 0;  // the chain's last writable byte
};
// Parses a chain whose buffers lie in `memory` (Virtqueue::pop checked that). Pure.
BlockRequest parse_block_request(const VirtqChain& chain, std::span<const std::uint8_t> memory,
                                 std::uint64_t capacity_sectors, bool read_only);

class VirtioBlock {
 public:
  static constexpr std::uint32_t kDeviceId = 2;
  static constexpr std::uint16_t kRequestQueue = 0, kQueueSize = 256;
  static constexpr std::uint32_t kSegMax = kQueueSize - 2;  // header and status take a descriptor each
  static constexpr std::uint64_t kFeatureSegMax = 1u << 2, kFeatureReadOnly = 1u << 5, kFeatureBlkSize = 1u << 6,
                                 kFeatureFlush = 1u << 9;
  static constexpr std::uint8_t kStatusOk = 0, kStatusIoError = 1, kStatusUnsupported = 2;
  static constexpr std::size_t kIdBytes = 20;  // VIRTIO_BLK_ID_BYTES

  // `store` outlives the device. `id` (at most 20 bytes used) answers GET_ID: /sys/block/vda/serial.
  VirtioBlock(std::span<std::uint8_t> memory, BlockStore& store, bool read_only, std::string id);

  std::uint32_t read(std::uint64_t offset, unsigned size) const { return transport_.read(offset, size); }
  MmioWriteResult write(std::uint64_t offset, std::uint32_t value, unsigned size);
  // A kick on the request queue (from an MMIO write or an ioeventfd): every available request is served.
  void notify(std::uint16_t queue);

  bool irq_level() const noexcept { return transport_.irq_level(); }
  const VirtioMmio& transport() const noexcept { return transport_; }
  std::uint64_t capacity_sectors() const noexcept { return store_.size() / kSectorBytes; }

  struct Counters {
    std::uint64_t kicks = 0, requests = 0;
    std::uint64_t reads = 0, writes = 0, flushes = 0, get_ids = 0;  // requests served OK, by type
    std::uint64_t bytes_read = 0, bytes_written = 0;                // disk → guest, guest → disk
    std::uint64_t io_errors = 0, unsupported = 0;                   // answered IOERR / UNSUPP
    std::uint64_t sectors_read_max = 0, sectors_written_max = 0;    // the largest single request
  };
  const Counters& counters() const noexcept { return counters_; }
  // The last request refused, with its reason ("beyond_capacity: sector 131072 + 8"), empty if none was.
  const std::string& last_refusal() const noexcept { return last_refusal_; }

 private:
  void serve(Virtqueue& queue, const VirtqChain& chain);
  std::uint8_t execute(const BlockRequest& request, std::uint32_t& written);
  bool transfer(const BlockRequest& request);

  std::span<std::uint8_t> memory_;
  BlockStore& store_;
  bool read_only_;
  std::string id_;
  VirtioMmio transport_;
  Counters counters_;
  std::string last_refusal_;
};

// struct virtio_blk_config as vmctl fills it: capacity (le64 sectors) at 0, seg_max at 12, blk_size at 20. Pure.
std::vector<std::uint8_t> virtio_blk_config(std::uint64_t capacity_sectors);

}  // namespace virtlab::vmctl
