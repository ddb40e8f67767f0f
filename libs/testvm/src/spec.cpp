#include "virtlab/testvm/spec.hpp"

#include <string>

#include "virtlab/error.hpp"
#include "virtlab/text.hpp"

namespace virtlab::testvm {

using virtlab::Error;
using virtlab::ExitCode;

std::string_view to_string(CgroupMode mode) {
  return mode == CgroupMode::v2 ? "v2" : "hybrid";
}

FileSpec parse_file_spec(std::string_view text, const std::filesystem::path& cwd) {
  if (text.empty()) throw Error(ExitCode::usage, "--file needs a path", "use --file SRC or --file SRC:/guest/path");
  FileSpec spec;
  std::string_view src = text;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    src = text.substr(0, colon);
    spec.dest = std::string(text.substr(colon + 1));
    if (spec.dest.empty() || spec.dest.front() != '/') {
      throw Error(ExitCode::usage, "--file " + std::string(text) + ": the guest path must be absolute",
                  "write --file SRC:/absolute/guest/path");
    }
    if (spec.dest.find("/../") != std::string::npos || spec.dest.ends_with("/..")) {
      throw Error(ExitCode::usage, "--file " + std::string(text) + ": the guest path must not contain '..'",
                  "give the final absolute path");
    }
  }
  if (src.empty()) throw Error(ExitCode::usage, "--file " + std::string(text) + ": empty source path");
  spec.source = std::filesystem::path(src).is_absolute() ? std::filesystem::path(src) : cwd / src;
  spec.source = spec.source.lexically_normal();
  if (spec.dest.empty()) spec.dest = spec.source.string();
  return spec;
}

void validate(const RunSpec& spec) {
  if (spec.command.empty() || spec.command.front().empty()) {
    throw Error(ExitCode::usage, "no command to run inside the VM", "give it after --, e.g. testvm run -- ls /dev");
  }
  if (spec.memory_mib < kMinMemoryMib || spec.memory_mib > kMaxMemoryMib) {
    throw Error(ExitCode::usage, "--mem " + std::to_string(spec.memory_mib) + " MiB is out of range",
                "use " + std::to_string(kMinMemoryMib) + "M to " + std::to_string(kMaxMemoryMib / 1024) + "G");
  }
  if (spec.cpus < 1 || spec.cpus > kMaxCpus) {
    throw Error(ExitCode::usage, "--cpus " + std::to_string(spec.cpus) + " is out of range",
                "use 1 to " + std::to_string(kMaxCpus));
  }
  if (spec.swap_bytes != 0 && (spec.swap_bytes < kMinSwapBytes || spec.swap_bytes > kMaxSwapBytes)) {
    throw Error(ExitCode::usage, "--swap " + virtlab::human_bytes(spec.swap_bytes) + " is out of range",
                "use 0 (none) or 1M to 64G");
  }
  if (spec.timeout.count() < 1 || spec.timeout.count() > kMaxTimeoutSeconds) {
    throw Error(ExitCode::usage, "--timeout " + std::to_string(spec.timeout.count()) + " s is out of range",
                "use 1 to 86400 seconds");
  }
  for (const auto& [name, value] : spec.env) {
    bool ok = !name.empty() && !std::isdigit(static_cast<unsigned char>(name.front()));
    for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (!ok) {
      throw Error(ExitCode::usage, "--env " + name + "=...: not a valid variable name",
                  "use letters, digits and '_', not starting with a digit");
    }
  }
  if (!spec.workdir.empty() && spec.workdir.front() != '/') {
    throw Error(ExitCode::usage, "--workdir " + spec.workdir + ": must be an absolute guest path");
  }
}

std::uint64_t parse_memory_mib(std::string_view text) {
  auto plain = virtlab::parse_u64(text);
  if (plain) return *plain;  // a bare number means MiB, like qemu -m
  auto bytes = virtlab::parse_size(text);
  if (!bytes || *bytes % (1u << 20) != 0) {
    throw Error(ExitCode::usage, "--mem " + std::string(text) + ": not a memory size",
                "use MiB (512) or a size with unit (512M, 1G)");
  }
  return *bytes >> 20;
}

std::uint64_t parse_swap_bytes(std::string_view text) {
  auto bytes = virtlab::parse_size(text);
  if (!bytes) {
    throw Error(ExitCode::usage, "--swap " + std::string(text) + ": not a size", "use e.g. 256M or 1G (0 = no swap)");
  }
  if (auto plain = virtlab::parse_u64(text); plain && *plain != 0) {
    throw Error(ExitCode::usage, "--swap " + std::string(text) + ": give a unit", "use e.g. 256M or 1G");
  }
  return *bytes;
}

}  // namespace virtlab::testvm
