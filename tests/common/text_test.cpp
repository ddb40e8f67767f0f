#include <gtest/gtest.h>

#include "virtlab/text.hpp"

using namespace virtlab;

TEST(KernelRelease, ComparesMajorAndMinor) {
  EXPECT_TRUE(virtlab::kernel_release_at_least("6.18.44-fc-v1272", 5, 8));
  EXPECT_TRUE(virtlab::kernel_release_at_least("5.8.0", 5, 8));
  EXPECT_TRUE(virtlab::kernel_release_at_least("5.10", 5, 8));
  EXPECT_FALSE(virtlab::kernel_release_at_least("5.7.19-arch1", 5, 8));
  EXPECT_FALSE(virtlab::kernel_release_at_least("4.19.0-27-amd64", 5, 8));
  EXPECT_FALSE(virtlab::kernel_release_at_least("", 5, 8));
  EXPECT_FALSE(virtlab::kernel_release_at_least("six.one", 5, 8));
  EXPECT_FALSE(virtlab::kernel_release_at_least("6", 5, 8));
}

TEST(ParseSize, AcceptsBinaryUnits) {
  EXPECT_EQ(parse_size("4096"), 4096u);
  EXPECT_EQ(parse_size("64M"), 64ull << 20);
  EXPECT_EQ(parse_size("64MiB"), 64ull << 20);
  EXPECT_EQ(parse_size("64mb"), 64ull << 20);
  EXPECT_EQ(parse_size("1.5G"), 3ull << 29);
  EXPECT_EQ(parse_size("2k"), 2048u);
}

TEST(ParseSize, RejectsJunk) {
  EXPECT_FALSE(parse_size("50Q"));
  EXPECT_FALSE(parse_size("-1"));
  EXPECT_FALSE(parse_size(""));
  EXPECT_FALSE(parse_size("M"));
  EXPECT_FALSE(parse_size("1.5"));
  EXPECT_FALSE(parse_size("99999999999T"));
}

TEST(ParseU64, DecimalAndHex) {
  EXPECT_EQ(parse_u64("1234"), 1234u);
  EXPECT_EQ(parse_u64("0x7ffd1000"), 0x7ffd1000u);
  EXPECT_EQ(parse_u64("7ffd1000", true), 0x7ffd1000u);
  EXPECT_FALSE(parse_u64("7ffd1000"));
  EXPECT_FALSE(parse_u64("0x"));
  EXPECT_FALSE(parse_u64("12abc"));
  EXPECT_FALSE(parse_u64("18446744073709551616"));  // 2^64 overflows
}

TEST(Split, LinesAndWords) {
  auto lines = split_lines("a\nb c\n\nd");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1], "b c");
  EXPECT_EQ(lines[2], "");
  auto words = split_whitespace("  rss  \t 42 kB\n");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0], "rss");
  EXPECT_EQ(words[2], "kB");
  EXPECT_EQ(trim("  x \n"), "x");
}

TEST(Units, HumanReadable) {
  EXPECT_EQ(human_bytes(0), "0 B");
  EXPECT_EQ(human_bytes(1023), "1023 B");
  EXPECT_EQ(human_bytes(1536), "1.5 KiB");
  EXPECT_EQ(human_bytes(8ull << 30), "8.0 GiB");
  EXPECT_EQ(human_bytes(64ull << 20), "64 MiB");
  EXPECT_EQ(group_thousands(1234567), "1,234,567");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(hex(0x1000, 8), "0x00001000");
  EXPECT_EQ(human_duration(0.0123), "12.3 ms");
  EXPECT_EQ(human_duration(2.5), "2.50 s");
}
