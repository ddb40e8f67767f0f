// KVM's binary statistics (KVM_GET_STATS_FD, Documentation/virt/kvm/api.rst "KVM_GET_STATS_FD"): a header, a name
// id, descriptors, and a data block of u64 values. Exits that never reach userspace (CPUID, interrupts, …) are only
// visible here. Pure parser over bytes; the KVM side reads the descriptors once and preads the data block.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace virtlab::vmctl {

struct KvmStatDescriptor {
  std::string name;         // "exits", "io_exits", "halt_exits" …
  std::uint32_t flags = 0;  // type | unit | base (KVM_STATS_TYPE_*, KVM_STATS_UNIT_*, KVM_STATS_BASE_*)
  std::int16_t exponent = 0;
  std::uint16_t size = 0;    // number of u64 values (1 for counters, >1 for histograms)
  std::uint32_t offset = 0;  // into the data block
};

struct KvmStatsLayout {
  std::string id;  // "kvm-1234/vcpu-0"
  std::uint32_t data_offset = 0;
  std::uint32_t data_size = 0;  // bytes covering every descriptor's values
  std::vector<KvmStatDescriptor> descriptors;
};

// `head` holds the file from offset 0 up to at least the end of the descriptors. Throws std::runtime_error on a
// malformed header (sizes out of range).
KvmStatsLayout parse_kvm_stats(std::span<const std::uint8_t> head);

struct KvmStatValue {
  std::string name;
  std::uint64_t value;
  std::string meaning;  // empty when vmctl has no explanation for it
};
// The single-value statistics (size 1) from a data block read at layout.data_offset.
std::vector<KvmStatValue> kvm_stat_values(const KvmStatsLayout& layout, std::span<const std::uint8_t> data);
// One line for the counters students should look at ("exits": "every VM exit, handled in the kernel or not").
std::string kvm_stat_meaning(const std::string& name);

}  // namespace virtlab::vmctl
