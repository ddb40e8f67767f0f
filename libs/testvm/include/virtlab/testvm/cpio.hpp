// A writer for the "newc" cpio format the Linux kernel unpacks as an initramfs.
// Several archives may be concatenated into one initrd: the kernel unpacks them in order and later entries
// replace earlier ones, which is how the big cached base stays untouched while a small run archive is appended.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace virtlab::testvm {

class CpioWriter {
 public:
  // Paths are archive paths without a leading slash ("bin/busybox"); missing parent directories are added first,
  // because the kernel does not create them while unpacking.
  void add_directory(std::string_view path, std::uint32_t mode = 0755);
  void add_file(std::string_view path, std::string_view data, std::uint32_t mode = 0644);
  void add_symlink(std::string_view path, std::string_view target);
  void add_char_device(std::string_view path, std::uint32_t major, std::uint32_t minor, std::uint32_t mode = 0600);

  // Appends the TRAILER!!! entry and pads the archive to a 512-byte block; returns the whole archive.
  std::string finish();

  std::size_t entries() const noexcept { return next_inode_ - 1; }

 private:
  void add_parents(std::string_view path);
  void add_entry(std::string_view path, std::uint32_t mode, std::string_view data, std::uint32_t rdev_major = 0,
                 std::uint32_t rdev_minor = 0);

  std::string out_;
  std::set<std::string, std::less<>> directories_;
  std::uint32_t next_inode_ = 1;
};

// Normalises a guest path to archive form: strips leading '/', collapses "//" and "./"; rejects "..".
// Returns an empty string for paths that cannot be used (empty, only "/", containing ".." or a NUL, or
// "TRAILER!!!" or under it, the archive's end marker).
std::string archive_path(std::string_view guest_path);

}  // namespace virtlab::testvm
