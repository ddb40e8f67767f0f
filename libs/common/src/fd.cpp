#include "virtlab/fd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"

namespace virtlab {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) reset(other.release());
  return *this;
}

int UniqueFd::release() noexcept {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void UniqueFd::reset(int fd) noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

static std::string flags_text(int flags) {
  std::string text;
  switch (flags & O_ACCMODE) {
    case O_RDONLY:
      text = "O_RDONLY";
      break;
    case O_WRONLY:
      text = "O_WRONLY";
      break;
    default:
      text = "O_RDWR";
      break;
  }
  if ((flags & O_CREAT) != 0) text += "|O_CREAT";
  if ((flags & O_TRUNC) != 0) text += "|O_TRUNC";
  if ((flags & O_DIRECTORY) != 0) text += "|O_DIRECTORY";
  if ((flags & O_PATH) == O_PATH) text += "|O_PATH";
  if ((flags & O_NONBLOCK) != 0) text += "|O_NONBLOCK";
  return text + "|O_CLOEXEC";
}

UniqueFd open_optional(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  int err = errno;
  if (explaining()) {
    explain("openat", "AT_FDCWD, \"" + path + "\", " + flags_text(flags),
            fd >= 0 ? "fd " + std::to_string(fd) : errno_result(err));
  }
  errno = err;
  return UniqueFd(fd);
}

UniqueFd open_or_throw(const std::string& path, int flags, const std::string& hint) {
  UniqueFd fd = open_optional(path, flags);
  if (!fd) throw_errno("cannot open " + path, hint);
  return fd;
}

static std::optional<std::string> read_all(const std::string& path, std::size_t limit, int& err, bool& too_long) {
  too_long = false;
  UniqueFd fd = open_optional(path, O_RDONLY);
  if (!fd) {
    err = errno;
    return std::nullopt;
  }
  std::string data;
  std::size_t chunk = 4096;
  for (;;) {
    std::size_t old = data.size();
    if (old >= limit + 1) {
      too_long = true;
      return std::nullopt;
    }
    data.resize(std::min(old + chunk, limit + 1));
    ssize_t n = ::read(fd.get(), data.data() + old, data.size() - old);
    if (n < 0) {
      if (errno == EINTR) {
        data.resize(old);
        continue;
      }
      err = errno;
      if (explaining()) explain("read", path, errno_result(err));
      return std::nullopt;
    }
    data.resize(old + static_cast<std::size_t>(n));
    if (n == 0) break;
    chunk = std::min<std::size_t>(chunk * 2, 1u << 20);
  }
  if (explaining()) explain("read", path, std::to_string(data.size()) + " bytes (until EOF)");
  return data;
}

std::string read_file(const std::string& path, std::size_t limit, const std::string& hint) {
  int err = 0;
  bool too_long = false;
  auto data = read_all(path, limit, err, too_long);
  if (too_long) {
    throw Error(ExitCode::failure, path + " is larger than " + std::to_string(limit) + " bytes",
                "this should not happen for a kernel interface file; please report it");
  }
  if (!data) throw_errno(err, "cannot read " + path, hint);
  return std::move(*data);
}

std::optional<std::string> try_read_file(const std::string& path, std::size_t limit) {
  int err = 0;
  bool too_long = false;
  auto data = read_all(path, limit, err, too_long);
  if (!data) errno = too_long ? EFBIG : err;
  return data;
}

std::size_t pread_full(int fd, std::span<std::byte> buf, off_t offset, std::string_view what) {
  std::size_t done = 0;
  while (done < buf.size()) {
    ssize_t n = ::pread(fd, buf.data() + done, buf.size() - done, offset + static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("pread " + std::string(what) + " at offset " + std::to_string(offset + done));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

void write_file(const std::string& path, std::string_view data, const std::string& hint) {
  UniqueFd fd = open_or_throw(path, O_WRONLY, hint);
  ssize_t n;
  do {
    n = ::write(fd.get(), data.data(), data.size());
  } while (n < 0 && errno == EINTR);
  int err = errno;
  if (explaining()) {
    explain("write", path + ", \"" + std::string(data.substr(0, 64)) + "\"",
            n >= 0 ? std::to_string(n) + " bytes" : errno_result(err));
  }
  if (n < 0) throw_errno(err, "cannot write \"" + std::string(data.substr(0, 64)) + "\" to " + path, hint);
  if (static_cast<std::size_t>(n) != data.size()) {
    throw Error(ExitCode::failure, "short write to " + path, hint);
  }
}

}  // namespace virtlab
