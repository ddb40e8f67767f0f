// vmctl boot --compare-console: the marker lines, the payload taken out of each console stream, the samples at the
// window edges, the figures per KiB, the per-window tally of exit events, the /init script and the bad N.
#include <gtest/gtest.h>

#include <string>

#include "virtlab/error.hpp"
#include "vmctl/boot_command.hpp"
#include "vmctl/console_compare.hpp"

namespace virtlab::vmctl {
namespace {

TEST(CompareMarker, BeginAndEndLines) {
  const auto begin = parse_compare_marker("VIRTLAB-COMPARE ttyS0 begin 16384");
  ASSERT_TRUE(begin);
  EXPECT_EQ(begin->device, CompareDevice::Serial);
  EXPECT_EQ(begin->kind, MarkerKind::Begin);
  EXPECT_EQ(begin->bytes, 16384u);
  const auto end = parse_compare_marker("junk before VIRTLAB-COMPARE hvc0 end 16384 1000 251000 timer_list");
  ASSERT_TRUE(end);
  EXPECT_EQ(end->device, CompareDevice::Virtio);
  EXPECT_EQ(end->kind, MarkerKind::End);
  EXPECT_EQ(end->start_ns, 1000u);
  EXPECT_EQ(end->end_ns, 251000u);
  EXPECT_EQ(end->clock, "timer_list");
}

TEST(CompareMarker, MalformedLinesAreNotMarkers) {
  for (const char* line :
       {"VIRTLAB-INIT-OK /init running", "VIRTLAB-COMPARE ttyS1 begin 10", "VIRTLAB-COMPARE ttyS0 begin ten",
        "VIRTLAB-COMPARE ttyS0 begin 10 11", "VIRTLAB-COMPARE ttyS0 start 10", "VIRTLAB-COMPARE hvc0 end 10 5 4 uptime",
        "VIRTLAB-COMPARE hvc0 end 10 4 5 rdtsc", "VIRTLAB-COMPARE hvc0 end 10 4 5",
        "VIRTLAB-COMPARE hvc0 end 10 -4 5 uptime", "VIRTLAB-COMPARE"})
    EXPECT_FALSE(parse_compare_marker(line)) << line;
}

// A sampler that counts its calls and hands out increasing times and counters.
struct FakeSampler {
  int calls = 0;
  CompareSample operator()() {
    ++calls;
    CompareSample s;
    s.t = calls;
    s.exits_to_vmctl = 1000u * static_cast<unsigned>(calls);
    s.kvm_exits = 3000u * static_cast<unsigned>(calls);
    s.kicks = 2u * static_cast<unsigned>(calls);
    s.buffers = static_cast<unsigned>(calls);
    return s;
  }
};

std::string run_of(std::size_t n, char c = kComparePattern) {
  return std::string(n, c);
}

TEST(ConsoleCompare, TakesThePayloadOutAndSamplesTheEdges) {
  ConsoleCompare compare(8);
  FakeSampler sampler;
  const ConsoleCompare::Sampler sample = std::ref(sampler);
  std::string shown = compare.feed(CompareDevice::Serial, "boot\r\nVIRTLAB-COMPARE ttyS0 begin 8\r\n", sample);
  EXPECT_EQ(shown, "boot\r\nVIRTLAB-COMPARE ttyS0 begin 8\r\n");
  EXPECT_EQ(compare.window(CompareDevice::Serial).state, WindowState::Payload);
  EXPECT_EQ(sampler.calls, 1);
  shown = compare.feed(CompareDevice::Serial, run_of(8) + "VIRTLAB-COMPARE ttyS0 end 8 100 600 timer_list\r\n", sample);
  EXPECT_EQ(shown, "VIRTLAB-COMPARE ttyS0 end 8 100 600 timer_list\r\n");
  const auto& w = compare.window(CompareDevice::Serial);
  EXPECT_EQ(w.state, WindowState::Reported);
  EXPECT_EQ(sampler.calls, 2);
  EXPECT_EQ(w.bytes, 8u);
  EXPECT_EQ(w.foreign_bytes, 0u);
  EXPECT_EQ(w.guest_ns, 500u);
  EXPECT_EQ(w.begin.t, 1.0);
  EXPECT_EQ(w.end.t, 2.0);
  EXPECT_EQ(compare.window(CompareDevice::Virtio).state, WindowState::Waiting);
  ASSERT_TRUE(compare.problem());
  EXPECT_NE(compare.problem()->find("never printed 'VIRTLAB-COMPARE hvc0 begin 8'"), std::string::npos);
}

TEST(ConsoleCompare, ByteByByteAsTheUartDeliversIt) {
  // The UART hands vmctl one byte per THR write: the same text one byte at a time gives the same result.
  const std::string text = "VIRTLAB-COMPARE ttyS0 begin 5\n" + run_of(5) + "VIRTLAB-COMPARE ttyS0 end 5 7 9 uptime\n";
  ConsoleCompare compare(5);
  FakeSampler sampler;
  std::string shown;
  for (const char c : text) shown += compare.feed(CompareDevice::Serial, std::string(1, c), std::ref(sampler));
  EXPECT_EQ(shown, "VIRTLAB-COMPARE ttyS0 begin 5\nVIRTLAB-COMPARE ttyS0 end 5 7 9 uptime\n");
  EXPECT_EQ(compare.window(CompareDevice::Serial).state, WindowState::Reported);
  EXPECT_EQ(compare.window(CompareDevice::Serial).guest_clock, "uptime");
  EXPECT_EQ(sampler.calls, 2);
}

TEST(ConsoleCompare, EachDeviceHasItsOwnStream) {
  ConsoleCompare compare(4);
  FakeSampler sampler;
  const ConsoleCompare::Sampler sample = std::ref(sampler);
  // hvc0's marker on the UART (a kernel line, say) starts nothing; the UART's text in hvc0's window is not payload.
  EXPECT_EQ(compare.feed(CompareDevice::Serial, "VIRTLAB-COMPARE hvc0 begin 4\n", sample),
            "VIRTLAB-COMPARE hvc0 begin 4\n");
  EXPECT_EQ(compare.window(CompareDevice::Virtio).state, WindowState::Waiting);
  compare.feed(CompareDevice::Virtio, "VIRTLAB-COMPARE hvc0 begin 4\n", sample);
  EXPECT_EQ(compare.feed(CompareDevice::Serial, "[ 12.3] random: crng init done\n", sample),
            "[ 12.3] random: crng init done\n");
  EXPECT_EQ(compare.feed(CompareDevice::Virtio, "xxxx", sample), "");
  EXPECT_EQ(compare.window(CompareDevice::Virtio).state, WindowState::Ended);
  EXPECT_EQ(compare.window(CompareDevice::Virtio).bytes, 4u);
  EXPECT_EQ(compare.window(CompareDevice::Serial).state, WindowState::Waiting);
}

TEST(ConsoleCompare, ShortForeignAndExcessPayloadsAreProblems) {
  FakeSampler sampler;
  {
    ConsoleCompare compare(10);
    compare.feed(CompareDevice::Serial,
                 "VIRTLAB-COMPARE ttyS0 begin 10\nxxxx\nVIRTLAB-COMPARE ttyS0 end 10 1 2 uptime\n", std::ref(sampler));
    EXPECT_EQ(compare.window(CompareDevice::Serial).bytes, 4u);
    ASSERT_TRUE(compare.problem());
    EXPECT_NE(compare.problem()->find("ttyS0 carried 4 payload bytes"), std::string::npos) << *compare.problem();
  }
  {
    ConsoleCompare compare(4);
    compare.feed(CompareDevice::Serial, "VIRTLAB-COMPARE ttyS0 begin 4\nxyzx", std::ref(sampler));
    EXPECT_EQ(compare.window(CompareDevice::Serial).foreign_bytes, 2u);
  }
  {
    ConsoleCompare compare(4);
    const std::string shown =
        compare.feed(CompareDevice::Virtio,
                     "VIRTLAB-COMPARE hvc0 begin 4\nxxxxxxVIRTLAB-COMPARE hvc0 end 4 1 2 uptime\n", std::ref(sampler));
    EXPECT_EQ(compare.window(CompareDevice::Virtio).bytes, 6u);  // two beyond the announced 4
    EXPECT_EQ(compare.window(CompareDevice::Virtio).state, WindowState::Reported);
    EXPECT_EQ(shown, "VIRTLAB-COMPARE hvc0 begin 4\nxxVIRTLAB-COMPARE hvc0 end 4 1 2 uptime\n");
  }
  {
    ConsoleCompare compare(4);
    compare.feed(CompareDevice::Serial, "VIRTLAB-COMPARE ttyS0 begin 4\nxx", std::ref(sampler));
    ASSERT_TRUE(compare.problem());
    EXPECT_NE(compare.problem()->find("2 of 4 bytes arrived through ttyS0"), std::string::npos);
  }
}

TEST(ConsoleCompare, CompleteWhenBothWindowsReported) {
  ConsoleCompare compare(3);
  FakeSampler sampler;
  compare.feed(CompareDevice::Serial,
               "VIRTLAB-COMPARE ttyS0 begin 3\nxxxVIRTLAB-COMPARE ttyS0 end 3 0 3000 timer_list\n", std::ref(sampler));
  compare.feed(CompareDevice::Virtio, "VIRTLAB-COMPARE hvc0 begin 3\nxxxVIRTLAB-COMPARE hvc0 end 3 0 1000 timer_list\n",
               std::ref(sampler));
  EXPECT_FALSE(compare.problem());
  const Json doc = compare_console_json(compare);
  EXPECT_EQ(doc["complete"], true);
  EXPECT_EQ(doc["devices"][0]["device"], "ttyS0");
  EXPECT_EQ(doc["devices"][1]["state"], "complete");
  EXPECT_DOUBLE_EQ(doc["ratios"]["guest_throughput"].get<double>(), 3.0);  // 3 µs vs 1 µs for the same bytes
}

TEST(CompareFigures, PerKibAndPerSecond) {
  CompareWindow w;
  w.state = WindowState::Reported;
  w.bytes = 2048;
  w.begin = {.t = 1.0, .exits_to_vmctl = 100, .kvm_exits = 1000, .kicks = 5, .buffers = 5, .interrupts = 1};
  w.end = {.t = 3.0, .exits_to_vmctl = 4196, .kvm_exits = 9000, .kicks = 6, .buffers = 6, .interrupts = 301};
  w.guest_ns = 500'000'000;
  const auto f = compare_figures(w);
  EXPECT_EQ(f.exits_to_vmctl, 4096u);
  EXPECT_DOUBLE_EQ(f.exits_per_kib, 2048.0);
  ASSERT_TRUE(f.all_exits);
  EXPECT_EQ(*f.all_exits, 8000u);
  EXPECT_DOUBLE_EQ(*f.all_exits_per_kib, 4000.0);
  EXPECT_EQ(f.kicks, 1u);
  EXPECT_EQ(f.interrupts, 300u);
  EXPECT_DOUBLE_EQ(f.host_s, 2.0);
  EXPECT_DOUBLE_EQ(f.host_bytes_per_s, 1024.0);
  EXPECT_DOUBLE_EQ(*f.guest_s, 0.5);
  EXPECT_DOUBLE_EQ(*f.guest_bytes_per_s, 4096.0);
  w.begin.kvm_exits.reset();  // KVM_GET_STATS_FD unavailable
  EXPECT_FALSE(compare_figures(w).all_exits_per_kib);
}

TEST(CompareTally, CountsTheExitEventsInsideTheWindowByDevice) {
  BootStatsRecorder recorder;
  recorder.start({});
  recorder.record_exit(0.9, "IO", "UART 8250 (COM1)");  // the begin line's last byte: before the window
  recorder.record_exit(1.1, "IO", "UART 8250 (COM1)");
  recorder.record_exit(1.2, "IO", "CMOS RTC");
  recorder.record_exit(1.5, "MMIO", "virtio-console (mmio 0xd0000000)");
  recorder.record_exit(2.0, "IO", "UART 8250 (COM1)");  // the last payload byte, at the edge
  recorder.record_exit(2.1, "IO", "UART 8250 (COM1)");  // after it
  recorder.finish(3.0, {});
  CompareWindow w;
  w.state = WindowState::Ended;
  w.begin.t = 1.0;
  w.end.t = 2.0;
  const auto tally = tally_window(w, recorder);
  EXPECT_EQ(tally.at("UART 8250 (COM1)"), 2u);
  EXPECT_EQ(tally.at("CMOS RTC"), 1u);
  EXPECT_EQ(tally.at("virtio-console (mmio 0xd0000000)"), 1u);
  EXPECT_EQ(tally.size(), 3u);
  w.state = WindowState::Waiting;
  EXPECT_TRUE(tally_window(w, recorder).empty());
}

TEST(CompareScript, WritesBothDevicesBetweenMarkersWithoutAProcessInTheTimedPart) {
  const std::string script = compare_console_script(16384);
  EXPECT_NE(script.find("head -c 16384 /dev/zero | tr '\\0' x"), std::string::npos) << script;
  EXPECT_NE(script.find("for DEV in ttyS0 hvc0"), std::string::npos);
  EXPECT_NE(script.find("{ echo \"VIRTLAB-COMPARE $DEV begin 16384\"; now; T0=$T; echo -n \"$PAYLOAD\"; } >/dev/$DEV"),
            std::string::npos);
  EXPECT_NE(script.find("echo \"VIRTLAB-COMPARE $DEV end 16384 $T0 $T $CLOCK\""), std::string::npos);
  EXPECT_NE(script.find("echo 1 >/proc/sys/kernel/printk"), std::string::npos);
  // In /init: after the move to hvc0, before the marker (so vmctl's Ctrl-D waits for the comparison to end).
  const std::string init = default_init_script("VIRTLAB-INIT-OK", true, 16384);
  const auto moved = init.find("CONSOLE=hvc0"), compared = init.find("for DEV in ttyS0 hvc0"),
             marker = init.find("echo \"VIRTLAB-INIT-OK");
  ASSERT_NE(compared, std::string::npos);
  EXPECT_LT(moved, compared);
  EXPECT_LT(compared, marker);
  EXPECT_EQ(default_init_script("VIRTLAB-INIT-OK", true).find("VIRTLAB-COMPARE"), std::string::npos);
}

TEST(CompareBytes, BadNIsAUsageError) {
  constexpr std::uint64_t kMem = std::uint64_t{256} << 20;
  EXPECT_EQ(parse_compare_bytes("16K", kMem), 16384u);
  EXPECT_EQ(parse_compare_bytes("32M", kMem), std::uint64_t{32} << 20);
  for (const char* bad : {"0", "lots", "-5", "33M"}) {
    try {
      parse_compare_bytes(bad, kMem);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const virtlab::Error& e) {
      EXPECT_EQ(e.code(), virtlab::ExitCode::usage) << bad;
    }
  }
}

}  // namespace
}  // namespace virtlab::vmctl
