#include "vmctl/block_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/text.hpp"

namespace virtlab::vmctl {

using virtlab::Error;
using virtlab::ExitCode;

namespace {

constexpr std::uint64_t kPage = 4096;
constexpr std::size_t kHeaderSectorsAt = 16, kHeaderBitmapAt = 24, kHeaderDataAt = 32, kHeaderBaseSizeAt = 40;

std::uint64_t round_up(std::uint64_t value, std::uint64_t unit) {
  return (value + unit - 1) / unit * unit;
}

std::uint64_t load64(std::span<const std::uint8_t> bytes, std::size_t at) {
  std::uint64_t value = 0;
  std::memcpy(&value, bytes.data() + at, sizeof value);
  return value;
}

void store64(std::span<std::uint8_t> bytes, std::size_t at, std::uint64_t value) {
  std::memcpy(bytes.data() + at, &value, sizeof value);
}

// pread/pwrite until done: a short transfer of a regular file only happens at EOF (or on a signal).
bool pread_all(int fd, std::uint8_t* out, std::size_t bytes, std::uint64_t offset) {
  while (bytes > 0) {
    const ssize_t n = pread(fd, out, bytes, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) {  // past EOF: the rest reads as zeros (a delta's holes at its end)
      std::memset(out, 0, bytes);
      return true;
    }
    out += n;
    offset += static_cast<std::uint64_t>(n);
    bytes -= static_cast<std::size_t>(n);
  }
  return true;
}

bool pwrite_all(int fd, const std::uint8_t* data, std::size_t bytes, std::uint64_t offset) {
  while (bytes > 0) {
    const ssize_t n = pwrite(fd, data, bytes, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    offset += static_cast<std::uint64_t>(n);
    bytes -= static_cast<std::size_t>(n);
  }
  return true;
}

// The size of an open disk file, checked as check_disk() checks the path.
std::uint64_t disk_size(int fd, const std::string& path) {
  struct stat st {};
  if (fstat(fd, &st) != 0) virtlab::throw_errno("cannot stat --disk " + path);
  return static_cast<std::uint64_t>(st.st_size);
}

}  // namespace

std::string_view to_string(DiskMode mode) {
  switch (mode) {
    case DiskMode::read_write:
      return "rw";
    case DiskMode::read_only:
      return "ro";
    case DiskMode::snapshot:
      return "snapshot";
  }
  return "unknown";
}

std::optional<DiskSpec> parse_disk_spec(std::string_view text, std::string& error) {
  DiskSpec spec;
  const auto comma = text.rfind(',');
  spec.path = std::string(text.substr(0, comma));
  if (comma != std::string_view::npos) {
    const std::string_view mode = text.substr(comma + 1);
    if (mode == "ro")
      spec.mode = DiskMode::read_only;
    else if (mode == "snapshot")
      spec.mode = DiskMode::snapshot;
    else {
      error = "--disk: unknown mode '" + std::string(mode) + "' (FILE, FILE,ro or FILE,snapshot)";
      return std::nullopt;
    }
  }
  if (spec.path.empty()) {
    error = "--disk: no file named (FILE, FILE,ro or FILE,snapshot)";
    return std::nullopt;
  }
  return spec;
}

std::string delta_path_for(const std::string& base_path) {
  return base_path + ".delta";
}

std::optional<FileSpace> file_space(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileSpace{static_cast<std::uint64_t>(st.st_size), static_cast<std::uint64_t>(st.st_blocks) * 512};
}

std::uint64_t delta_data_offset(std::uint64_t base_size) {
  const std::uint64_t sectors = base_size / kSectorBytes;
  return SnapshotStore::kBitmapOffset + round_up((sectors + 7) / 8, kPage);
}

bool delta_header_matches(std::span<const std::uint8_t> header, std::uint64_t base_size) {
  if (header.size() < kHeaderBaseSizeAt + 8) return false;
  if (std::memcmp(header.data(), SnapshotStore::kMagic.data(), SnapshotStore::kMagic.size()) != 0) return false;
  return load64(header, kHeaderSectorsAt) == base_size / kSectorBytes &&
         load64(header, kHeaderBitmapAt) == SnapshotStore::kBitmapOffset &&
         load64(header, kHeaderDataAt) == delta_data_offset(base_size) &&
         load64(header, kHeaderBaseSizeAt) == base_size;
}

void check_disk(const DiskSpec& disk) {
  struct stat st {};
  if (stat(disk.path.c_str(), &st) != 0)
    virtlab::throw_errno("cannot use --disk " + disk.path, "give an existing file, e.g. truncate -s 64M disk.img");
  if (!S_ISREG(st.st_mode))
    throw Error(ExitCode::usage, "--disk " + disk.path + " is not a regular file",
                "give a disk image file, e.g. truncate -s 64M disk.img");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size == 0 || size % kSectorBytes != 0)
    throw Error(ExitCode::usage,
                "--disk " + disk.path + " holds " + std::to_string(size) +
                    " bytes: a disk needs a whole number (at least one) of 512-byte sectors",
                "truncate -s 64M " + disk.path);
  const int want = disk.mode == DiskMode::read_write ? R_OK | W_OK : R_OK;
  if (access(disk.path.c_str(), want) != 0)
    virtlab::throw_errno("cannot use --disk " + disk.path, disk.mode == DiskMode::read_write
                                                               ? "use FILE,ro or FILE,snapshot, or fix its permissions"
                                                               : "fix its permissions");
  if (disk.mode != DiskMode::snapshot) return;
  const std::string delta = delta_path_for(disk.path);
  struct stat dst {};
  if (stat(delta.c_str(), &dst) != 0) return;  // free: created at boot
  std::vector<std::uint8_t> header(SnapshotStore::kHeaderBytes);
  const virtlab::UniqueFd fd = virtlab::open_optional(delta, O_RDONLY);
  if (!S_ISREG(dst.st_mode) || !fd || !pread_all(fd.get(), header.data(), header.size(), 0) ||
      !delta_header_matches(header, size))
    throw Error(ExitCode::busy,
                "--disk " + disk.path + ",snapshot: " + delta + " exists and is not a delta of this base",
                "move or remove " + delta);
}

void BlockStore::note_written(std::uint64_t offset, std::uint64_t bytes) {
  if (written_bits_.empty()) written_bits_.resize(size_ / kSectorBytes);
  for (std::uint64_t s = offset / kSectorBytes; s < (offset + bytes + kSectorBytes - 1) / kSectorBytes; ++s) {
    if (written_bits_[s]) continue;
    written_bits_[s] = true;
    written_.push_back(s);
  }
}

FileStore::FileStore(const std::string& path, bool read_only)
    : fd_(virtlab::open_or_throw(path, read_only ? O_RDONLY : O_RDWR,
                                 read_only ? "fix its permissions" : "use FILE,ro or FILE,snapshot")) {
  size_ = disk_size(fd_.get(), path);
}

bool FileStore::read(std::uint64_t offset, std::span<std::uint8_t> out) {
  return pread_all(fd_.get(), out.data(), out.size(), offset);
}

bool FileStore::write(std::uint64_t offset, std::span<const std::uint8_t> data) {
  if (!pwrite_all(fd_.get(), data.data(), data.size(), offset)) return false;
  note_written(offset, data.size());
  return true;
}

bool FileStore::flush() {
  return fdatasync(fd_.get()) == 0;
}

SnapshotStore::SnapshotStore(const std::string& base_path, const std::string& delta_path)
    : base_(virtlab::open_or_throw(base_path, O_RDONLY, "fix its permissions")) {
  size_ = disk_size(base_.get(), base_path);
  data_offset_ = delta_data_offset(size_);
  bitmap_.assign(data_offset_ - kBitmapOffset, 0);
  delta_ = virtlab::open_optional(delta_path, O_RDWR);
  if (delta_)
    continue_delta(delta_path);
  else
    create_delta(delta_path, size_);
}

void SnapshotStore::create_delta(const std::string& delta_path, std::uint64_t base_size) {
  delta_ = virtlab::open_or_throw(delta_path, O_RDWR | O_CREAT | O_EXCL, "move or remove " + delta_path);
  std::vector<std::uint8_t> header(kHeaderBytes, 0);
  std::memcpy(header.data(), kMagic.data(), kMagic.size());
  store64(header, kHeaderSectorsAt, base_size / kSectorBytes);
  store64(header, kHeaderBitmapAt, kBitmapOffset);
  store64(header, kHeaderDataAt, data_offset_);
  store64(header, kHeaderBaseSizeAt, base_size);
  // The file's length covers every sector's slot; only the header and written sectors are ever allocated.
  if (!pwrite_all(delta_.get(), header.data(), header.size(), 0) ||
      ftruncate(delta_.get(), static_cast<off_t>(data_offset_ + base_size)) != 0)
    virtlab::throw_errno("cannot write the delta file " + delta_path, "check the free space of its file system");
  virtlab::explain("create delta", delta_path, virtlab::human_bytes(data_offset_ + base_size) + " sparse",
                   "header + bitmap of " + std::to_string(base_size / kSectorBytes) +
                       " sectors; guest writes land here, the base stays read-only");
}

void SnapshotStore::continue_delta(const std::string& delta_path) {
  std::vector<std::uint8_t> header(kHeaderBytes);
  if (!pread_all(delta_.get(), header.data(), header.size(), 0) || !delta_header_matches(header, size_) ||
      !pread_all(delta_.get(), bitmap_.data(), bitmap_.size(), kBitmapOffset))
    throw Error(ExitCode::busy, delta_path + " exists and is not a delta of this base", "move or remove " + delta_path);
  continued_ = true;
  virtlab::explain("open delta", delta_path, std::to_string(delta_sectors()) + " sectors written earlier",
                   "a delta of this base: the guest sees the earlier writes");
}

std::uint64_t SnapshotStore::delta_sectors() const {
  std::uint64_t count = 0;
  for (const std::uint8_t byte : bitmap_) count += static_cast<std::uint64_t>(__builtin_popcount(byte));
  return count;
}

// Sector by sector (runs of the same source merged): delta where the bitmap says so, else the base.
bool SnapshotStore::read(std::uint64_t offset, std::span<std::uint8_t> out) {
  std::uint64_t done = 0;
  while (done < out.size()) {
    const std::uint64_t sector = (offset + done) / kSectorBytes;
    const bool in_delta = sector_in_delta(sector);
    std::uint64_t run = kSectorBytes - (offset + done) % kSectorBytes;
    while (done + run < out.size() && sector_in_delta((offset + done + run) / kSectorBytes) == in_delta)
      run += kSectorBytes;
    run = std::min<std::uint64_t>(run, out.size() - done);
    const bool ok = in_delta ? pread_all(delta_.get(), out.data() + done, run, data_offset_ + offset + done)
                             : pread_all(base_.get(), out.data() + done, run, offset + done);
    if (!ok) return false;
    done += run;
  }
  return true;
}

// The data first, then the bitmap bytes that name it: a crash in between leaves data the bitmap does not claim
// (invisible), never a claimed sector without its data. Writes are whole sectors (the device checks).
bool SnapshotStore::write(std::uint64_t offset, std::span<const std::uint8_t> data) {
  if (!pwrite_all(delta_.get(), data.data(), data.size(), data_offset_ + offset)) return false;
  const std::uint64_t first = offset / kSectorBytes, last = (offset + data.size() - 1) / kSectorBytes;
  for (std::uint64_t s = first; s <= last && !data.empty(); ++s) bitmap_[s / 8] |= std::uint8_t(1u << (s % 8));
  if (!data.empty() &&
      !pwrite_all(delta_.get(), bitmap_.data() + first / 8, last / 8 - first / 8 + 1, kBitmapOffset + first / 8))
    return false;
  note_written(offset, data.size());
  return true;
}

bool SnapshotStore::flush() {
  return fdatasync(delta_.get()) == 0;
}

}  // namespace virtlab::vmctl
