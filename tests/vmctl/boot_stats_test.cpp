// What vmctl boot shows: devices named by port/address, phases from real console lines of the Debian cloud kernel,
// exits and KVM counter deltas per phase, and the timeline's buckets.
#include <gtest/gtest.h>

#include "vmctl/boot_stats.hpp"

namespace virtlab::vmctl {
namespace {

TEST(BootStats, NamesThePortsLinuxTouchesOnAPc) {
  EXPECT_EQ(port_device(0x3f8), "UART 8250 (COM1)");
  EXPECT_EQ(port_device(0x3fd), "UART 8250 (COM1)");
  EXPECT_EQ(port_device(0x2f8), "UART 8250 (COM2)");
  EXPECT_EQ(port_device(0x70), "CMOS RTC");
  EXPECT_EQ(port_device(0x71), "CMOS RTC");
  EXPECT_EQ(port_device(0x60), "i8042 keyboard controller");
  EXPECT_EQ(port_device(0x64), "i8042 keyboard controller");
  EXPECT_EQ(port_device(0x40), "PIT 8254 timer");
  EXPECT_EQ(port_device(0x21), "PIC 8259 (master)");
  EXPECT_EQ(port_device(0xa1), "PIC 8259 (slave)");
  EXPECT_EQ(port_device(0xcf8), "PCI config space (0xcf8/0xcfc)");
  EXPECT_EQ(port_device(0xcfe), "PCI config space (0xcf8/0xcfc)");
  EXPECT_EQ(port_device(0x80), "POST port 0x80 (I/O delay)");
  EXPECT_EQ(port_device(0x87), "DMA page registers");
  EXPECT_EQ(port_device(0x3f6), "IDE (primary)");
  EXPECT_EQ(port_device(0x3f2), "floppy controller");
  EXPECT_EQ(port_device(0x1234), "port 0x1234");
}

TEST(BootStats, NamesMmioByAddress) {
  EXPECT_EQ(mmio_device(0xfee000b0), "local APIC");
  EXPECT_EQ(mmio_device(0xfec00010), "I/O APIC");
  EXPECT_EQ(mmio_device(0xfed000f0), "HPET");
  EXPECT_EQ(mmio_device(0xd0000050), "virtio-console (mmio 0xd0000000)");  // QueueNotify
  EXPECT_EQ(mmio_device(0xd0001050), "virtio-blk (mmio 0xd0001000)");      // --disk
  EXPECT_EQ(mmio_device(0xd0002123), "MMIO page 0xd0002000");
}

TEST(BootStats, PhasesFollowTheConsole) {
  // Lines as the Debian 6.12 cloud kernel prints them on ttyS0 with earlyprintk=serial.
  BootPhase p = BootPhase::Decompression;
  p = next_phase(p, "Decompressing Linux... Parsing ELF... done.");
  EXPECT_EQ(p, BootPhase::Decompression);
  p = next_phase(p, "Booting the kernel (entry_offset: 0x0000000000000000).");
  EXPECT_EQ(p, BootPhase::Decompression);
  p = next_phase(p, "Linux version 6.12.118+deb12-cloud-amd64 (debian-kernel@lists.debian.org)");
  EXPECT_EQ(p, BootPhase::KernelInit);
  p = next_phase(p, "[    1.912345] Freeing initrd memory: 1024K");
  EXPECT_EQ(p, BootPhase::KernelInit) << "the initrd is freed during init, before /init";
  p = next_phase(p, "[    2.123456] Freeing unused kernel image (initmem) memory: 2048K");
  EXPECT_EQ(p, BootPhase::Userspace);
  p = next_phase(p, "Linux version 6.12 (a line that would start kernel init)");
  EXPECT_EQ(p, BootPhase::Userspace) << "phases only move forward";
  EXPECT_EQ(next_phase(BootPhase::KernelInit, "[    2.2] Run /init as init process"), BootPhase::Userspace);
  EXPECT_TRUE(is_decompressor_line(""));
  EXPECT_FALSE(is_decompressor_line("[    0.000000] Linux version 6.12"));
}

TEST(BootStats, ExitsAndCounterDeltasPerPhase) {
  BootStatsRecorder r;
  r.start({{"exits", 10}, {"io_exits", 0}, {"halt_exits", 5}});
  r.record_exit(0.5, "IO", "CMOS RTC");
  r.record_exit(1.0, "IO", "UART 8250 (COM1)");
  r.enter_phase(BootPhase::KernelInit, 1.5, {{"exits", 110}, {"io_exits", 2}, {"halt_exits", 5}});
  r.record_exit(1.5, "IO", "UART 8250 (COM1)");  // at the boundary: the new phase's
  r.record_exit(2.0, "MMIO", "local APIC");
  r.record_exit(2.5, "IO", "UART 8250 (COM1)");
  r.enter_phase(BootPhase::Decompression, 2.6, {});  // backwards: ignored
  r.finish(3.0, {{"exits", 1110}, {"io_exits", 4}, {"halt_exits", 5}});
  const auto s = summarize_boot(r);
  ASSERT_EQ(s.phases.size(), 3u);
  const auto& d = s.phases[0];
  EXPECT_TRUE(d.reached);
  EXPECT_EQ(d.start_s, 0);
  EXPECT_EQ(d.end_s, 1.5);
  EXPECT_EQ(d.exits, 2u);
  EXPECT_EQ(d.by_device.at("CMOS RTC"), 1u);
  EXPECT_EQ(d.kvm_exits, 100u);
  EXPECT_EQ(d.kvm_counters.at("io_exits"), 2u);
  EXPECT_EQ(d.kvm_counters.count("halt_exits"), 0u) << "only counters that moved";
  const auto& k = s.phases[1];
  EXPECT_EQ(k.start_s, 1.5);
  EXPECT_EQ(k.end_s, 3.0);
  EXPECT_EQ(k.exits, 3u);
  EXPECT_EQ(k.by_reason.at("IO"), 2u);
  EXPECT_EQ(k.by_reason.at("MMIO"), 1u);
  EXPECT_EQ(k.kvm_exits, 1000u);
  EXPECT_FALSE(s.phases[2].reached);
  EXPECT_EQ(s.phases[2].exits, 0u);
  EXPECT_EQ(s.exits, 5u);
  EXPECT_EQ(s.by_device.at("UART 8250 (COM1)"), 3u);
}

TEST(BootStats, NoCountersMeansNoDeltas) {
  BootStatsRecorder r;
  r.start({});
  r.record_exit(0.1, "IO", "CMOS RTC");
  r.finish(0.2, {});
  const auto s = summarize_boot(r);
  EXPECT_FALSE(s.phases[0].kvm_exits.has_value());
  EXPECT_EQ(s.phases[0].exits, 1u);
}

TEST(BootStats, TimelineBucketsHaveRoundWidths) {
  EXPECT_DOUBLE_EQ(round_bucket_width(40, 20), 2);
  EXPECT_DOUBLE_EQ(round_bucket_width(39, 20), 2);
  EXPECT_DOUBLE_EQ(round_bucket_width(41, 20), 5);
  EXPECT_DOUBLE_EQ(round_bucket_width(0.15, 20), 0.01);
  EXPECT_DOUBLE_EQ(round_bucket_width(0, 20), 0.001);
  BootStatsRecorder r;
  r.start({});
  for (int i = 0; i < 10; ++i) r.record_exit(0.1 * i, "IO", i < 5 ? "CMOS RTC" : "UART 8250 (COM1)");
  r.finish(1.0, {});
  const auto s = summarize_boot(r, 5);
  EXPECT_DOUBLE_EQ(s.bucket_s, 0.2);
  ASSERT_EQ(s.timeline.size(), 6u);  // 0.0, 0.2 … 1.0 (the end falls in the last)
  std::uint64_t total = 0;
  for (const auto& b : s.timeline) total += b.exits;
  EXPECT_EQ(total, 10u);
  EXPECT_EQ(s.timeline[0].by_device.at("CMOS RTC"), 2u);
  EXPECT_EQ(s.timeline[4].by_device.at("UART 8250 (COM1)"), 2u);
}

TEST(BootStats, EventsBeyondTheCapAreCountedAsDropped) {
  BootStatsRecorder r;
  r.start({});
  for (std::size_t i = 0; i < BootStatsRecorder::kMaxEvents + 3; ++i) r.record_exit(0, "IO", "CMOS RTC");
  EXPECT_EQ(r.dropped(), 3u);
  EXPECT_EQ(r.events().size(), BootStatsRecorder::kMaxEvents);
}

}  // namespace
}  // namespace virtlab::vmctl
