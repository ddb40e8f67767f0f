#include "virtlab/error.hpp"

#include <cerrno>
#include <cstring>

namespace virtlab {

ExitCode exit_code_for_errno(int err) noexcept {
  switch (err) {
    case ENOENT:
    case ESRCH:
    case ENXIO:
      return ExitCode::not_found;
    case EPERM:
    case EACCES:
      return ExitCode::permission;
    case ENOSYS:
    case ENOTTY:
    case EOPNOTSUPP:
    case ENODEV:
      return ExitCode::unsupported;
    case EEXIST:
    case EBUSY:
      return ExitCode::busy;
    case EINTR:
      return ExitCode::interrupted;
    default:
      return ExitCode::failure;
  }
}

Error::Error(ExitCode code, const std::string& what, std::string hint, int err)
    : std::runtime_error(what), code_(code), hint_(std::move(hint)), errno_(err) {}

std::string Error::one_line() const {
  std::string line = what();
  if (errno_ != 0) {
    line += ": ";
    line += std::strerror(errno_);
    line += " (errno " + std::to_string(errno_) + ")";
  }
  if (!hint_.empty()) {
    line += "; hint: ";
    line += hint_;
  }
  // One line, always: a multi-line message breaks scripts and the GUI's status line.
  for (char& c : line) {
    if (c == '\n') c = ' ';
  }
  return line;
}

void throw_errno(const std::string& what, const std::string& hint) {
  throw_errno(errno, what, hint);
}

void throw_errno(int err, const std::string& what, const std::string& hint) {
  throw Error(exit_code_for_errno(err), what, hint, err);
}

}  // namespace virtlab
