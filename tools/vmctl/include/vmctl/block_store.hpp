// The storage behind vmctl's virtio-blk disk (`vmctl boot --disk FILE[,ro|,snapshot]`): a small interface with two
// implementations. FileStore reads and writes the file itself (pread/pwrite), read-only with `,ro`. SnapshotStore is
// the notes' VMDK snapshot: the base file opened O_RDONLY, every write going to a delta file, reads served from the
// delta where a sector was written, else from the base.
//
// The delta file's format (vmctl's own, little-endian):
//   0x0000  header, one 4 KiB page: magic "VIRTLAB-DELTA-1\0", le64 sector count, le64 bitmap offset (0x1000),
//           le64 data offset, le64 base st_size; the rest zero
//   0x1000  bitmap: bit s (byte s/8, bit s%8) set = sector s was written; padded to a 4 KiB multiple
//   data    sector s at data offset + 512 * s; never-written sectors are holes, so the delta is as sparse as the
//           guest's writes (its st_blocks is what the snapshot really costs)
// A delta whose header matches the base's size is continued (the next run sees the earlier writes); any other
// existing file at the delta path is refused, never overwritten.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "virtlab/fd.hpp"

namespace virtlab::vmctl {

inline constexpr std::uint64_t kSectorBytes = 512;

enum class DiskMode { read_write, read_only, snapshot };
std::string_view to_string(DiskMode mode);  // "rw", "ro", "snapshot"

struct DiskSpec {
  std::string path;
  DiskMode mode = DiskMode::read_write;
};
// "FILE", "FILE,ro", "FILE,snapshot" → DiskSpec; nullopt (with `error` set) for an empty path or another mode.
std::optional<DiskSpec> parse_disk_spec(std::string_view text, std::string& error);
// Where `,snapshot` puts the writes: FILE.delta next to the base.
std::string delta_path_for(const std::string& base_path);

// A file's size and what it really occupies: thin (sparse, allocated < size) or thick (fully allocated).
struct FileSpace {
  std::uint64_t size = 0;       // st_size
  std::uint64_t allocated = 0;  // st_blocks * 512
  bool thin() const noexcept { return allocated < size; }
};
// stat(2) of `path`; nullopt (errno set) when it cannot.
std::optional<FileSpace> file_space(const std::string& path);

// Checks a --disk before any KVM call: a regular file, not empty, a whole number of 512-byte sectors, readable (and
// writable for rw), and for snapshot a delta path that is free or a matching delta. Throws virtlab::Error.
void check_disk(const DiskSpec& disk);

class BlockStore {
 public:
  virtual ~BlockStore() = default;
  std::uint64_t size() const noexcept { return size_; }  // bytes, a multiple of kSectorBytes
  // [offset, offset + bytes) must lie inside size(): the device checks before it calls. false = errno set.
  virtual bool read(std::uint64_t offset, std::span<std::uint8_t> out) = 0;
  virtual bool write(std::uint64_t offset, std::span<const std::uint8_t> data) = 0;
  virtual bool flush() = 0;
  // Sectors written through this store in this run (rw: to the file; snapshot: to the delta), in order.
  const std::vector<std::uint64_t>& written_sectors() const noexcept { return written_; }

 protected:
  void note_written(std::uint64_t offset, std::uint64_t bytes);
  std::uint64_t size_ = 0;

 private:
  std::vector<bool> written_bits_;
  std::vector<std::uint64_t> written_;
};

class FileStore : public BlockStore {
 public:
  FileStore(const std::string& path, bool read_only);  // throws virtlab::Error
  bool read(std::uint64_t offset, std::span<std::uint8_t> out) override;
  bool write(std::uint64_t offset, std::span<const std::uint8_t> data) override;
  bool flush() override;

 private:
  virtlab::UniqueFd fd_;
};

class SnapshotStore : public BlockStore {
 public:
  static constexpr std::string_view kMagic{"VIRTLAB-DELTA-1\0", 16};
  static constexpr std::uint64_t kHeaderBytes = 4096, kBitmapOffset = 4096;

  SnapshotStore(const std::string& base_path, const std::string& delta_path);  // throws virtlab::Error
  bool read(std::uint64_t offset, std::span<std::uint8_t> out) override;
  bool write(std::uint64_t offset, std::span<const std::uint8_t> data) override;
  bool flush() override;
  bool continued() const noexcept { return continued_; }  // the delta existed and was taken up again
  std::uint64_t delta_sectors() const;                    // sectors the delta holds (bits set)
  std::uint64_t data_offset() const noexcept { return data_offset_; }

 private:
  bool sector_in_delta(std::uint64_t sector) const { return (bitmap_[sector / 8] >> (sector % 8)) & 1; }
  void create_delta(const std::string& delta_path, std::uint64_t base_size);
  void continue_delta(const std::string& delta_path);

  virtlab::UniqueFd base_, delta_;
  std::vector<std::uint8_t> bitmap_;
  std::uint64_t data_offset_ = 0;
  bool continued_ = false;
};

// The delta layout for a base of `base_size` bytes: where the sector data starts. Pure.
std::uint64_t delta_data_offset(std::uint64_t base_size);
// Whether a delta file's first page is the header of a delta for a `base_size`-byte base. Pure.
bool delta_header_matches(std::span<const std::uint8_t> header, std::uint64_t base_size);

}  // namespace virtlab::vmctl
