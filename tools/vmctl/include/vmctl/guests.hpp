// The built-in guests: flat binaries assembled by nasm at build time from tools/vmctl/guests/*.asm and embedded.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vmctl/x86.hpp"

namespace vmctl {

struct BuiltinGuest {
  std::string name;  // "hello"
  x86::CpuMode mode;
  int vcpus = 1;
  std::string summary;  // one line for --help and `vmctl run --list`
  std::string source;   // path in the repository: tools/vmctl/guests/hello.asm
};

const std::vector<BuiltinGuest>& builtin_guests();
const BuiltinGuest* find_builtin_guest(std::string_view name);
// The assembled bytes (defined in the build-generated guest_images.cpp); empty span for an unknown name.
std::span<const std::uint8_t> embedded_guest_image(std::string_view name);

}  // namespace vmctl
