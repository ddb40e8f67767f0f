#include "virtlab/testvm/cpio.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <stdexcept>

namespace virtlab::testvm {
namespace {

void append_hex8(std::string& out, std::uint32_t value) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08X", value);
  out.append(buf, 8);
}

void pad4(std::string& out) {
  while (out.size() % 4 != 0) out.push_back('\0');
}

}  // namespace

std::string archive_path(std::string_view guest_path) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= guest_path.size()) {
    std::size_t slash = guest_path.find('/', pos);
    if (slash == std::string_view::npos) slash = guest_path.size();
    std::string_view part = guest_path.substr(pos, slash - pos);
    pos = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == ".." || part.find('\0') != std::string_view::npos) return {};  // the kernel's name ends at a NUL
    if (!out.empty()) out.push_back('/');
    out.append(part);
  }
  // newc's end marker (also as a parent directory): the kernel would stop unpacking at that entry.
  if (out == "TRAILER!!!" || out.starts_with("TRAILER!!!/")) return {};
  return out;
}

void CpioWriter::add_parents(std::string_view path) {
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
    std::string_view parent = path.substr(0, slash);
    if (!directories_.contains(parent)) {
      directories_.emplace(parent);
      add_entry(parent, S_IFDIR | 0755, {});
    }
  }
}

void CpioWriter::add_directory(std::string_view path, std::uint32_t mode) {
  std::string clean = archive_path(path);
  if (clean.empty()) throw std::invalid_argument("cpio: unusable directory path '" + std::string(path) + "'");
  if (directories_.contains(clean)) return;
  add_parents(clean);
  directories_.insert(clean);
  add_entry(clean, S_IFDIR | (mode & 07777), {});
}

void CpioWriter::add_file(std::string_view path, std::string_view data, std::uint32_t mode) {
  std::string clean = archive_path(path);
  if (clean.empty()) throw std::invalid_argument("cpio: unusable file path '" + std::string(path) + "'");
  add_parents(clean);
  add_entry(clean, S_IFREG | (mode & 07777), data);
}

void CpioWriter::add_symlink(std::string_view path, std::string_view target) {
  std::string clean = archive_path(path);
  if (clean.empty()) throw std::invalid_argument("cpio: unusable symlink path '" + std::string(path) + "'");
  add_parents(clean);
  add_entry(clean, S_IFLNK | 0777, target);
}

void CpioWriter::add_char_device(std::string_view path, std::uint32_t major, std::uint32_t minor, std::uint32_t mode) {
  std::string clean = archive_path(path);
  if (clean.empty()) throw std::invalid_argument("cpio: unusable device path '" + std::string(path) + "'");
  add_parents(clean);
  add_entry(clean, S_IFCHR | (mode & 07777), {}, major, minor);
}

void CpioWriter::add_entry(std::string_view path, std::uint32_t mode, std::string_view data, std::uint32_t rdev_major,
                           std::uint32_t rdev_minor) {
  if (data.size() > 0xffffffffu) throw std::length_error("cpio: file larger than 4 GiB: " + std::string(path));
  bool trailer = path == "TRAILER!!!";
  out_ += "070701";
  append_hex8(out_, trailer ? 0 : next_inode_++);
  append_hex8(out_, mode);
  append_hex8(out_, 0);  // uid root
  append_hex8(out_, 0);  // gid root
  append_hex8(out_, S_ISDIR(mode) ? 2 : 1);
  append_hex8(out_, 0);  // mtime 0: identical inputs give byte-identical archives (cacheable)
  append_hex8(out_, static_cast<std::uint32_t>(data.size()));
  append_hex8(out_, 0);  // dev major
  append_hex8(out_, 0);  // dev minor
  append_hex8(out_, rdev_major);
  append_hex8(out_, rdev_minor);
  append_hex8(out_, static_cast<std::uint32_t>(path.size() + 1));
  append_hex8(out_, 0);  // checksum (unused by newc)
  out_.append(path);
  out_.push_back('\0');
  pad4(out_);
  out_.append(data);
  pad4(out_);
}

std::string CpioWriter::finish() {
  add_entry("TRAILER!!!", 0, {});
  while (out_.size() % 512 != 0) out_.push_back('\0');
  std::string done = std::move(out_);
  out_.clear();
  directories_.clear();
  next_inode_ = 1;
  return done;
}

}  // namespace virtlab::testvm
