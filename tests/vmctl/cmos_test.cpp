// The CMOS clock as Linux's mc146818 code reads it: UIP clear, BCD time of a known instant.
#include <gtest/gtest.h>

#include "vmctl/cmos.hpp"

namespace virtlab::vmctl {
namespace {

TEST(Cmos, ReadsAKnownInstantInBcd) {
  Cmos cmos;
  const std::time_t instant = 1796527815;  // 2026-12-06 03:30:15 UTC, a Sunday
  auto reg = [&](std::uint8_t index) {
    cmos.write_index(static_cast<std::uint8_t>(index | 0x80));  // NMI-disable bit set, as Linux does
    return cmos.read_data(instant);
  };
  EXPECT_EQ(reg(0x00), 0x15);
  EXPECT_EQ(reg(0x02), 0x30);
  EXPECT_EQ(reg(0x04), 0x03);
  EXPECT_EQ(reg(0x06), 0x01);
  EXPECT_EQ(reg(0x07), 0x06);
  EXPECT_EQ(reg(0x08), 0x12);
  EXPECT_EQ(reg(0x09), 0x26);
  EXPECT_EQ(reg(0x32), 0x20);
  EXPECT_EQ(cmos.index(), 0x32);
}

TEST(Cmos, UpdateInProgressIsClearAndTheClockValid) {
  Cmos cmos;
  cmos.write_index(0x0a);
  EXPECT_EQ(cmos.read_data(0) & 0x80, 0);
  cmos.write_index(0x0b);
  EXPECT_EQ(cmos.read_data(0) & 0x06, 0x02);  // 24 h, BCD (DM clear)
  cmos.write_index(0x0d);
  EXPECT_EQ(cmos.read_data(0), 0x80);
}

}  // namespace
}  // namespace virtlab::vmctl
