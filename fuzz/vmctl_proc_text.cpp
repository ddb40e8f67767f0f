// vmctl info's /proc/cpuinfo and /proc/meminfo readers, and the GDT descriptors vmctl decodes for display.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_check.hpp"
#include "vmctl/machine.hpp"
#include "vmctl/x86.hpp"

using namespace virtlab::vmctl;
using namespace virtlab::vmctl::x86;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  CpuInfo cpu = parse_cpuinfo(text);
  FUZZ_CHECK(cpu.logical_cpus >= 0);
  for (const auto& flag : cpu.flags) FUZZ_CHECK(!flag.empty() && text.find(flag) != std::string_view::npos);
  (void)virtualization_extension(cpu.flags);
  if (auto total = parse_meminfo_total(text)) {
    // The kB number it came from is in the text: a value that wrapped around 2^64 would not be.
    FUZZ_CHECK(*total % 1024 == 0 && text.find(std::to_string(*total / 1024)) != std::string_view::npos);
  }
  if (size >= 8) {
    std::uint64_t descriptor;
    std::memcpy(&descriptor, data, 8);
    Segment seg = decode_descriptor(descriptor, 0x10);
    // Encoding it again gives the same 8 bytes, except bit 52 (AVL), which KVM's segment has no room for.
    FUZZ_CHECK(encode_descriptor(seg) == (descriptor & ~(std::uint64_t{1} << 52)));
  }
  for (CpuMode mode : {CpuMode::real, CpuMode::protected32, CpuMode::long64})
    FUZZ_CHECK(parse_cpu_mode(to_string(mode)) == mode);
  return 0;
}
