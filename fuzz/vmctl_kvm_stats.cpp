// KVM's binary statistics file (KVM_GET_STATS_FD): header, id, descriptors, data block; every offset and size
// comes from the file.
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>

#include "fuzz_check.hpp"
#include "vmctl/kvm_stats.hpp"

using namespace virtlab::vmctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> bytes(data, size);
  try {
    KvmStatsLayout layout = parse_kvm_stats(bytes);
    FUZZ_CHECK(layout.data_size <= (1u << 24));
    for (const auto& d : layout.descriptors)
      FUZZ_CHECK(std::uint64_t{d.offset} + std::uint64_t{8} * d.size <= layout.data_size);
    // The same bytes as the data block: only values that lie inside it are read.
    std::size_t singles = 0;
    for (const auto& d : layout.descriptors) singles += d.size == 1 && std::uint64_t{d.offset} + 8 <= size;
    FUZZ_CHECK(kvm_stat_values(layout, bytes).size() == singles);
  } catch (const std::runtime_error& e) {
    FUZZ_CHECK(*e.what() != '\0');
  }
  return 0;
}
