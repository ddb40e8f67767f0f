#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include <linux/kvm.h>

#include "vmctl/kvm_stats.hpp"

namespace vmctl {
namespace {

// Builds a stats file the way the kernel lays it out: header, id, descriptors (each followed by name_size bytes of
// name), data block.
std::vector<std::uint8_t> make_stats_file(std::vector<std::pair<std::string, std::vector<std::uint64_t>>> stats) {
  const std::uint32_t name_size = 48;
  kvm_stats_header h{};
  h.name_size = name_size;
  h.num_desc = static_cast<std::uint32_t>(stats.size());
  h.id_offset = sizeof h;
  h.desc_offset = h.id_offset + name_size;
  const std::uint32_t desc_size = sizeof(kvm_stats_desc) + name_size;
  h.data_offset = h.desc_offset + desc_size * h.num_desc;
  std::vector<std::uint8_t> file(h.data_offset);
  std::memcpy(file.data(), &h, sizeof h);
  std::strcpy(reinterpret_cast<char*>(file.data() + h.id_offset), "kvm-42/vcpu-0");
  std::uint32_t offset = 0;
  std::vector<std::uint8_t> data;
  for (std::size_t i = 0; i < stats.size(); ++i) {
    kvm_stats_desc d{};
    d.flags = KVM_STATS_TYPE_CUMULATIVE;
    d.size = static_cast<std::uint16_t>(stats[i].second.size());
    d.offset = offset;
    std::uint8_t* p = file.data() + h.desc_offset + desc_size * i;
    std::memcpy(p, &d, sizeof d);
    std::strcpy(reinterpret_cast<char*>(p + sizeof d), stats[i].first.c_str());
    for (auto v : stats[i].second) {
      data.resize(data.size() + 8);
      std::memcpy(data.data() + data.size() - 8, &v, 8);
    }
    offset += 8 * d.size;
  }
  file.insert(file.end(), data.begin(), data.end());
  return file;
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
  EXPECT_THROW(parse_kvm_stats(std::span(file.data(), sizeof(kvm_stats_header) + 20)), std::runtime_error);
  kvm_stats_header h;
  std::memcpy(&h, file.data(), sizeof h);
  h.name_size = 0;
  std::memcpy(file.data(), &h, sizeof h);
  EXPECT_THROW(parse_kvm_stats(file), std::runtime_error);
}

TEST(KvmStats, ValuesPastTheDataBlockAreSkipped) {
  const auto file = make_stats_file({{"exits", {5}}, {"io_exits", {6}}});
  const KvmStatsLayout layout = parse_kvm_stats(file);
  const std::span<const std::uint8_t> short_data(file.data() + layout.data_offset, 8);
  EXPECT_EQ(kvm_stat_values(layout, short_data).size(), 1u);
}

}  // namespace
}  // namespace vmctl
