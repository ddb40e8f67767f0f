#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include <linux/kvm.h>

#include "vmctl/kvm_abi.hpp"
#include "vmctl/kvm_stats.hpp"

namespace virtlab::vmctl {
namespace {

void put32(std::vector<std::uint8_t>& f, std::size_t at, std::uint32_t v) {
  std::memcpy(f.data() + at, &v, 4);
}
void put16(std::vector<std::uint8_t>& f, std::size_t at, std::uint16_t v) {
  std::memcpy(f.data() + at, &v, 2);
}

// Builds a stats file byte by byte the way the kernel lays it out (Documentation/virt/kvm/api.rst, KVM_GET_STATS_FD),
// without using the uapi structs (their C++ sizes are wrong on older headers, see kvm_abi.hpp):
//   header (24 bytes: flags, name_size, num_desc, id_offset, desc_offset, data_offset), id (name_size bytes),
//   descriptors (16 bytes: flags u32, exponent s16, size u16, offset u32, bucket_size u32, then name_size bytes of
//   name), data block (u64 values; a descriptor's offset is in bytes from the start of the data block).
// name_size 48 and the order id → descriptors → data are what Linux 6.x writes (KVM_STATS_NAME_SIZE).
std::vector<std::uint8_t> make_stats_file(std::vector<std::pair<std::string, std::vector<std::uint64_t>>> stats) {
  const std::uint32_t name_size = 48;
  const std::uint32_t header_size = 24;
  const std::uint32_t desc_size = 16 + name_size;
  const std::uint32_t id_offset = header_size;
  const std::uint32_t desc_offset = id_offset + name_size;
  const auto num_desc = static_cast<std::uint32_t>(stats.size());
  const std::uint32_t data_offset = desc_offset + desc_size * num_desc;
  std::vector<std::uint8_t> file(data_offset, 0);
  put32(file, 0, 0);
  put32(file, 4, name_size);
  put32(file, 8, num_desc);
  put32(file, 12, id_offset);
  put32(file, 16, desc_offset);
  put32(file, 20, data_offset);
  std::strcpy(reinterpret_cast<char*>(file.data() + id_offset), "kvm-42/vcpu-0");
  std::uint32_t offset = 0;
  std::vector<std::uint8_t> data;
  for (std::size_t i = 0; i < stats.size(); ++i) {
    const std::size_t p = desc_offset + desc_size * i;
    put32(file, p, KVM_STATS_TYPE_CUMULATIVE);
    put16(file, p + 4, 0);
    put16(file, p + 6, static_cast<std::uint16_t>(stats[i].second.size()));
    put32(file, p + 8, offset);
    put32(file, p + 12, 0);
    std::strcpy(reinterpret_cast<char*>(file.data() + p + 16), stats[i].first.c_str());
    for (auto v : stats[i].second) {
      data.resize(data.size() + 8);
      std::memcpy(data.data() + data.size() - 8, &v, 8);
    }
    offset += 8 * static_cast<std::uint32_t>(stats[i].second.size());
  }
  file.insert(file.end(), data.begin(), data.end());
  return file;
}

// The numbers the kernel compares ioctl requests against (stable ABI): the size field must be 8 for struct
// kvm_cpuid2. With Debian 12's headers, C++ computes 12 from <linux/kvm.h> and the kernel answers EINVAL.
TEST(KvmAbi, CpuidIoctlNumbersAndStatsDescriptorSizeMatchTheKernel) {
  EXPECT_EQ(kvm_abi::kGetSupportedCpuid, 0xc008ae05ul);
  EXPECT_EQ(kvm_abi::kSetCpuid2, 0x4008ae90ul);
  EXPECT_EQ(kvm_abi::kCpuidEntriesOffset, 8u);
  EXPECT_EQ(sizeof(kvm_abi::StatsDescHeader), 16u);
}

// A real vCPU's layout as Linux 6.12 writes it (many descriptors, name_size 48, a 4 KiB-ish head like the 4056
// bytes vmctl read in the test VM): the parser must find every name and value where the kernel put them.
TEST(KvmStats, ParsesARealSizedLayout) {
  std::vector<std::pair<std::string, std::vector<std::uint64_t>>> stats;
  for (int i = 0; i < 55; ++i) stats.push_back({"stat_" + std::to_string(i), {static_cast<std::uint64_t>(1000 + i)}});
  stats.push_back({"halt_poll_success_hist", std::vector<std::uint64_t>(32, 7)});
  stats.push_back({"exits", {4242}});
  const auto file = make_stats_file(stats);
  const KvmStatsLayout layout = parse_kvm_stats(file);
  ASSERT_EQ(layout.descriptors.size(), stats.size());
  EXPECT_EQ(layout.descriptors[54].name, "stat_54");
  EXPECT_EQ(layout.descriptors[55].name, "halt_poll_success_hist");
  EXPECT_EQ(layout.descriptors[55].size, 32);
  EXPECT_EQ(layout.descriptors[56].offset, 8u * (55 + 32));
  EXPECT_EQ(layout.data_offset, 24u + 48u + 64u * 57u);
  EXPECT_EQ(layout.data_size, 8u * (55 + 32 + 1));
  const auto values =
      kvm_stat_values(layout, std::span<const std::uint8_t>(file.data() + layout.data_offset, layout.data_size));
  ASSERT_EQ(values.size(), 56u);
  EXPECT_EQ(values[10].value, 1010u);
  EXPECT_EQ(values.back().name, "exits");
  EXPECT_EQ(values.back().value, 4242u);
}

TEST(KvmStats, ParsesDescriptorsAndValues) {
  const auto file = make_stats_file({{"exits", {1234}}, {"halt_poll_hist", {1, 2, 3}}, {"io_exits", {12}}});
  const KvmStatsLayout layout = parse_kvm_stats(file);
  EXPECT_EQ(layout.id, "kvm-42/vcpu-0");
  ASSERT_EQ(layout.descriptors.size(), 3u);
  EXPECT_EQ(layout.descriptors[1].name, "halt_poll_hist");
  EXPECT_EQ(layout.descriptors[1].size, 3);
  EXPECT_EQ(layout.data_size, 40u);
  const std::span<const std::uint8_t> data(file.data() + layout.data_offset, layout.data_size);
  const auto values = kvm_stat_values(layout, data);
  ASSERT_EQ(values.size(), 2u);  // the histogram (size 3) is not a single value
  EXPECT_EQ(values[0].name, "exits");
  EXPECT_EQ(values[0].value, 1234u);
  EXPECT_FALSE(values[0].meaning.empty());
  EXPECT_EQ(values[1].name, "io_exits");
  EXPECT_EQ(values[1].value, 12u);
}

TEST(KvmStats, RejectsTruncatedOrImplausibleHeaders) {
  auto file = make_stats_file({{"exits", {1}}});
  EXPECT_THROW(parse_kvm_stats(std::span(file.data(), 10)), std::runtime_error);
  EXPECT_THROW(parse_kvm_stats(std::span(file.data(), 24 + 20)), std::runtime_error);
  put32(file, 4, 0);  // name_size
  EXPECT_THROW(parse_kvm_stats(file), std::runtime_error);
}

TEST(KvmStats, ValuesPastTheDataBlockAreSkipped) {
  const auto file = make_stats_file({{"exits", {5}}, {"io_exits", {6}}});
  const KvmStatsLayout layout = parse_kvm_stats(file);
  const std::span<const std::uint8_t> short_data(file.data() + layout.data_offset, 8);
  EXPECT_EQ(kvm_stat_values(layout, short_data).size(), 1u);
}

}  // namespace
}  // namespace virtlab::vmctl
