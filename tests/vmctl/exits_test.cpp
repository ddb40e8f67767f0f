#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include <linux/kvm.h>

#include "vmctl/exits.hpp"

namespace virtlab::vmctl {
namespace {

// A kvm_run area as KVM leaves it: struct at offset 0, IO data at io.data_offset (KVM uses one page after it).
struct RunArea {
  std::vector<std::uint8_t> bytes = std::vector<std::uint8_t>(8192, 0);
  kvm_run* run() { return reinterpret_cast<kvm_run*>(bytes.data()); }
};

TEST(DecodeExit, IoOutWithData) {
  RunArea area;
  area.run()->exit_reason = KVM_EXIT_IO;
  area.run()->io.direction = KVM_EXIT_IO_OUT;
  area.run()->io.port = 0x3f8;
  area.run()->io.size = 1;
  area.run()->io.count = 1;
  area.run()->io.data_offset = 4096;
  area.bytes[4096] = 'H';
  const VmExit e = decode_exit(area.bytes, 0, 1500);
  EXPECT_EQ(e.reason, static_cast<std::uint32_t>(KVM_EXIT_IO));
  EXPECT_TRUE(e.write);
  EXPECT_EQ(e.port, 0x3f8);
  EXPECT_EQ(e.length, 1u);
  EXPECT_EQ(e.data[0], 'H');
  EXPECT_EQ(e.time_ns, 1500u);
  EXPECT_EQ(format_exit(e), "IO out port 0x3f8 size 1 data 48 'H'");
}

TEST(DecodeExit, IoStringCountIsCappedAtEightBytes) {
  RunArea area;
  area.run()->exit_reason = KVM_EXIT_IO;
  area.run()->io.direction = KVM_EXIT_IO_OUT;
  area.run()->io.port = 0x510;
  area.run()->io.size = 4;
  area.run()->io.count = 3;
  area.run()->io.data_offset = 4096;
  for (int i = 0; i < 12; ++i) area.bytes[4096 + i] = static_cast<std::uint8_t>(i);
  const VmExit e = decode_exit(area.bytes, 1, 0);
  EXPECT_EQ(e.length, 8u);
  EXPECT_EQ(e.count, 3u);
  EXPECT_EQ(e.vcpu, 1);
  EXPECT_EQ(format_exit(e), "IO out port 0x510 size 4 count 3 data 00 01 02 03 04 05 06 07");
}

TEST(DecodeExit, IoDataOffsetOutsideTheAreaIsNotRead) {
  RunArea area;
  area.run()->exit_reason = KVM_EXIT_IO;
  area.run()->io.direction = KVM_EXIT_IO_IN;
  area.run()->io.size = 2;
  area.run()->io.count = 1;
  area.run()->io.port = 0x60;
  area.run()->io.data_offset = 1u << 20;
  const VmExit e = decode_exit(area.bytes, 0, 0);
  EXPECT_EQ(e.length, 0u);
  EXPECT_FALSE(e.write);
  EXPECT_EQ(format_exit(e), "IO in port 0x60 size 2");
}

TEST(DecodeExit, MmioWriteAndRead) {
  RunArea area;
  area.run()->exit_reason = KVM_EXIT_MMIO;
  area.run()->mmio.phys_addr = 0x10000000;
  area.run()->mmio.len = 4;
  area.run()->mmio.is_write = 1;
  const std::uint32_t value = 0x12345678;
  std::memcpy(area.run()->mmio.data, &value, 4);
  VmExit e = decode_exit(area.bytes, 0, 0);
  EXPECT_EQ(format_exit(e), "MMIO write 0x10000000 len 4 data 78 56 34 12");
  area.run()->mmio.is_write = 0;
  area.run()->mmio.phys_addr = 0x10000004;
  e = decode_exit(area.bytes, 0, 0);
  EXPECT_EQ(format_exit(e), "MMIO read 0x10000004 len 4");
  const auto j = exit_to_json(e, 7);
  EXPECT_EQ(j["seq"], 7);
  EXPECT_EQ(j["reason"], "MMIO");
  EXPECT_EQ(j["direction"], "read");
  EXPECT_EQ(j["address"], 0x10000004);
  EXPECT_FALSE(j.contains("data"));
}

TEST(DecodeExit, OtherReasons) {
  RunArea area;
  area.run()->exit_reason = KVM_EXIT_HLT;
  EXPECT_EQ(format_exit(decode_exit(area.bytes, 0, 0)), "HLT");
  area.run()->exit_reason = KVM_EXIT_SHUTDOWN;
  EXPECT_EQ(format_exit(decode_exit(area.bytes, 0, 0)), "SHUTDOWN");
  area.run()->exit_reason = KVM_EXIT_FAIL_ENTRY;
  area.run()->fail_entry.hardware_entry_failure_reason = 0x21;
  EXPECT_EQ(format_exit(decode_exit(area.bytes, 0, 0)), "FAIL_ENTRY hardware reason 0x21");
  area.run()->exit_reason = 99;
  EXPECT_EQ(format_exit(decode_exit(area.bytes, 0, 0)), "EXIT_99");
  EXPECT_EQ(exit_reason_name(KVM_EXIT_INTERNAL_ERROR), "INTERNAL_ERROR");
  EXPECT_NE(exit_reason_meaning(KVM_EXIT_SHUTDOWN).find("triple fault"), std::string::npos);
}

TEST(DecodeExit, TruncatedBufferGivesReasonZero) {
  std::vector<std::uint8_t> small(16, 0xff);
  EXPECT_EQ(decode_exit(small, 0, 0).reason, 0u);
}

TEST(ExitRecorder, KeepsTheLastExitsAndExactCounts) {
  ExitRecorder rec(4);
  for (int i = 0; i < 10; ++i) {
    VmExit e;
    e.reason = i == 9 ? KVM_EXIT_HLT : KVM_EXIT_IO;
    e.port = static_cast<std::uint16_t>(i);
    rec.record(e);
  }
  EXPECT_EQ(rec.total(), 10u);
  EXPECT_EQ(rec.dropped(), 6u);
  EXPECT_EQ(rec.count(KVM_EXIT_IO), 9u);
  EXPECT_EQ(rec.count(KVM_EXIT_HLT), 1u);
  const auto kept = rec.retained();
  ASSERT_EQ(kept.size(), 4u);
  EXPECT_EQ(kept.front().first, 6u);
  EXPECT_EQ(kept.front().second.port, 6);
  EXPECT_EQ(kept.back().second.reason, static_cast<std::uint32_t>(KVM_EXIT_HLT));
  const auto hist = rec.histogram();
  ASSERT_EQ(hist.size(), 2u);
  EXPECT_EQ(hist[0].first, static_cast<std::uint32_t>(KVM_EXIT_IO));
  EXPECT_EQ(hist[0].second, 9u);
}

TEST(ExitRecorder, UnknownReasonsAreCountedToo) {
  ExitRecorder rec(2);
  VmExit e;
  e.reason = 1000;
  rec.record(e);
  EXPECT_EQ(rec.count(1000), 1u);
  EXPECT_EQ(rec.histogram().size(), 1u);
}

TEST(ExitRecorder, IntervalsArePerVcpuOverTheRing) {
  ExitRecorder rec(8);
  // vCPU 0 exits every 100 ns except one 5000 ns gap (the host preempted it); vCPU 1 every 300 ns, interleaved.
  const std::uint64_t t0[] = {0, 100, 200, 5200, 5300};
  const std::uint64_t t1[] = {50, 350, 650};
  for (int i = 0; i < 5; ++i) {
    VmExit e;
    e.time_ns = t0[i];
    rec.record(e);
    if (i < 3) {
      e.vcpu = 1;
      e.time_ns = t1[i];
      rec.record(e);
    }
  }
  const auto gaps = rec.intervals();  // vCPU 0: 100 100 5000 100; vCPU 1: 300 300
  EXPECT_EQ(gaps.samples, 6u);
  EXPECT_EQ(gaps.min_ns, 100u);
  EXPECT_EQ(gaps.median_ns, 300u);
  EXPECT_EQ(gaps.p90_ns, 5000u);
  // Wrapping the ring drops the oldest exits from the statistics.
  ExitRecorder small(2);
  for (std::uint64_t t : {0, 10, 1000}) {
    VmExit e;
    e.time_ns = t;
    small.record(e);
  }
  EXPECT_EQ(small.intervals().samples, 1u);
  EXPECT_EQ(small.intervals().median_ns, 990u);
}

}  // namespace
}  // namespace virtlab::vmctl
