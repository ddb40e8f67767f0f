// vmctl boot --compare-console N: the same N bytes from a guest process through the emulated 8250 UART (ttyS0) and
// through virtio-console (hvc0), each between two marker lines /init prints. vmctl takes the bytes out of the console
// stream (counted and checked, never shown) and samples its counters at the edges of each window. Pure: boot_vm.cpp
// feeds the console bytes of each device and supplies the samples; the unit tests feed text.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "virtlab/json.hpp"
#include "virtlab/table.hpp"
#include "vmctl/boot_stats.hpp"

namespace virtlab::vmctl {

enum class CompareDevice { Serial, Virtio };  // ttyS0 (8250 UART, emulated), hvc0 (virtio-console, paravirtual)
inline constexpr std::array kCompareDevices{CompareDevice::Serial, CompareDevice::Virtio};
std::string device_tty(CompareDevice device);    // "ttyS0", "hvc0"
std::string device_model(CompareDevice device);  // "8250 UART (emulated)", "virtio-console (paravirtual)"

inline constexpr std::string_view kCompareMarker = "VIRTLAB-COMPARE";
inline constexpr char kComparePattern = 'x';  // every payload byte (no newline: the tty layer passes it unchanged)

enum class MarkerKind { Begin, End };
struct CompareMarker {
  CompareDevice device = CompareDevice::Serial;
  MarkerKind kind = MarkerKind::Begin;
  std::uint64_t bytes = 0;
  std::uint64_t start_ns = 0, end_ns = 0;  // End: the guest's clock before the write and after the close
  std::string clock;                       // End: "timer_list" (ns) or "uptime" (10 ms steps)
};
// "VIRTLAB-COMPARE ttyS0 begin 16384" or "VIRTLAB-COMPARE hvc0 end 16384 START_NS END_NS CLOCK" anywhere in `line`;
// nullopt for any other line or a malformed marker.
std::optional<CompareMarker> parse_compare_marker(std::string_view line);
// The /init lines (busybox ash) that write the payload and the markers: no process starts inside the timed part.
std::string compare_console_script(std::uint64_t bytes);
// Why `bytes` cannot be compared in `memory` bytes of guest RAM (nullopt: it can). The payload sits in a shell
// variable (twice while echo builds its buffer), so at most an eighth of RAM.
std::optional<std::string> compare_bytes_problem(std::uint64_t bytes, std::uint64_t memory);

// vmctl's counters at one edge of a window.
struct CompareSample {
  double t = 0;                            // seconds since the first KVM_RUN
  std::uint64_t exits_to_vmctl = 0;        // exits recorded so far (KVM_RUN returned to vmctl)
  std::optional<std::uint64_t> kvm_exits;  // vCPU statistic "exits": every exit, the ones KVM handled itself too
  std::uint64_t kicks = 0;                 // virtio QueueNotify writes (by ioeventfd or as MMIO exits)
  std::uint64_t buffers = 0;               // transmit-queue buffers vmctl took
  std::uint64_t interrupts = 0;            // IRQ 4 and GSI 5 raised by vmctl
};

enum class WindowState {
  Waiting,   // no begin marker yet
  Payload,   // after the begin line: counting payload bytes
  Ended,     // all bytes (or a newline before them) arrived; waiting for the end line with the guest's times
  Reported,  // the end line arrived
};

struct CompareWindow {
  CompareDevice device = CompareDevice::Serial;
  WindowState state = WindowState::Waiting;
  CompareSample begin, end;               // after the begin line's newline; at the last payload byte
  std::uint64_t bytes = 0;                // payload bytes that arrived
  std::uint64_t foreign_bytes = 0;        // payload bytes that were not the pattern
  std::optional<std::uint64_t> guest_ns;  // the guest's own time for open + write + close
  std::string guest_clock;
  std::map<std::string, std::uint64_t> exits_by_device;  // exits to vmctl in the window (tally_window)
};

// What a window cost, per KiB and per second. Pure.
struct CompareFigures {
  std::uint64_t exits_to_vmctl = 0, kicks = 0, buffers = 0, interrupts = 0;
  std::optional<std::uint64_t> all_exits;
  double host_s = 0;
  std::optional<double> guest_s;
  double exits_per_kib = 0;
  std::optional<double> all_exits_per_kib, guest_bytes_per_s;
  double host_bytes_per_s = 0;
};
CompareFigures compare_figures(const CompareWindow& window);
// The window's exits to vmctl by device, from the recorded exit events in (begin.t, end.t]. Pure.
std::map<std::string, std::uint64_t> tally_window(const CompareWindow& window, const BootStatsRecorder& recorder);

class ConsoleCompare {
 public:
  using Sampler = std::function<CompareSample()>;
  explicit ConsoleCompare(std::uint64_t bytes);

  // `bytes` as `device` transmitted them; returns those to show (the payload taken out). `sample` runs only at a
  // window's edges.
  std::string feed(CompareDevice device, std::string_view bytes, const Sampler& sample);
  const CompareWindow& window(CompareDevice device) const { return streams_[index(device)].window; }
  CompareWindow& window(CompareDevice device) { return streams_[index(device)].window; }
  std::uint64_t expected_bytes() const noexcept { return bytes_; }
  // Why the comparison is incomplete (a window never began or ended, bytes missing or foreign), nullopt if complete.
  std::optional<std::string> problem() const;

 private:
  struct Stream {
    CompareWindow window;
    std::string line;
  };
  static std::size_t index(CompareDevice device) { return device == CompareDevice::Serial ? 0 : 1; }
  void end_payload(Stream& stream, const Sampler& sample);
  void take_line(Stream& stream, const Sampler& sample);

  std::uint64_t bytes_;
  std::array<Stream, 2> streams_;
};

// The side-by-side report (console_compare_report.cpp): boot.compare_console in vmctl/1, and a table whose text says
// what each row counts.
Json compare_console_json(const ConsoleCompare& compare);
void print_compare_console(std::ostream& out, const ConsoleCompare& compare, const Terminal& term);

}  // namespace virtlab::vmctl
