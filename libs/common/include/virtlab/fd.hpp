// RAII file descriptors and safe, bounded reads of /proc, sysfs and cgroupfs files.
#pragma once

#include <sys/types.h>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace virtlab {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) noexcept : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const noexcept { return fd_; }
  explicit operator bool() const noexcept { return fd_ >= 0; }
  int release() noexcept;
  void reset(int fd = -1) noexcept;

 private:
  int fd_ = -1;
};

// open(2) with O_CLOEXEC; logged to --explain. Throws Error (errno → exit code) with `hint` on failure.
UniqueFd open_or_throw(const std::string& path, int flags, const std::string& hint = {});
// Same, but returns an empty fd and sets errno instead of throwing (for optional files).
UniqueFd open_optional(const std::string& path, int flags);

// Reads a whole small file (procfs/sysfs files report size 0, so it loops until EOF), at most `limit` bytes.
// Throws Error on failure; a file longer than `limit` is an error too (never silently truncated).
std::string read_file(const std::string& path, std::size_t limit = 4u << 20, const std::string& hint = {});
// Same, but nullopt (with errno set) when the file cannot be opened or read — e.g. a cgroup removed mid-read.
std::optional<std::string> try_read_file(const std::string& path, std::size_t limit = 4u << 20);

// pread(2) until `buf` is full or EOF; returns bytes read; throws Error on failure. Retries EINTR.
std::size_t pread_full(int fd, std::span<std::byte> buf, off_t offset, std::string_view what);
// Writes a whole string to a file (cgroupfs, /proc/PID/clear_refs …); throws Error with `hint`.
void write_file(const std::string& path, std::string_view data, const std::string& hint = {});

}  // namespace virtlab
