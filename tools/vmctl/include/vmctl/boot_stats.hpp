// What a `vmctl boot` shows: every exit that reached vmctl, with its time and the device it was for (named by port
// or MMIO address), the boot's phases as the console reveals them, and KVM's own counters (KVM_GET_STATS_FD) at each
// phase boundary — so exits KVM handled in the kernel are counted too. Recording is cheap (one event per exit);
// everything shown is computed afterwards by pure functions (summarize_boot), which the unit tests call directly.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "virtlab/fd.hpp"
#include "vmctl/kvm_stats.hpp"

namespace virtlab::vmctl {

enum class BootPhase {
  Decompression,  // first KVM_RUN → the first console line that is not the decompressor's own
  KernelInit,     // → "Freeing unused kernel" / "Run /init as init process"
  Userspace,      // → the end of the run (/init, its shell, power-off)
};
inline constexpr int kBootPhaseCount = 3;
std::string to_string(BootPhase phase);  // "decompression", "kernel-init", "userspace"
std::string phase_meaning(BootPhase phase);

// The device behind an I/O port or an MMIO address on a PC, for the exit histogram ("UART 8250 (COM1)", "CMOS RTC",
// "i8042 keyboard controller", "PCI config space", …; "port 0x87" when nothing is known there).
std::string port_device(std::uint16_t port);
std::string mmio_device(std::uint64_t address);

// A console line written by the compressed kernel's decompressor (arch/x86/boot/compressed/misc.c), not the kernel.
bool is_decompressor_line(std::string_view line);
// The phase after `line` was printed in `current` (phases only move forward).
BootPhase next_phase(BootPhase current, std::string_view line);

// One vCPU statistics snapshot: name → value (single-value statistics only).
using KvmCounters = std::map<std::string, std::uint64_t>;

struct PhaseSummary {
  BootPhase phase = BootPhase::Decompression;
  double start_s = 0, end_s = 0;
  bool reached = false;
  std::uint64_t exits = 0;                            // exits to vmctl (KVM_RUN returned)
  std::map<std::string, std::uint64_t> by_reason;     // "IO" → n
  std::map<std::string, std::uint64_t> by_device;     // "UART 8250 (COM1)" → n
  std::optional<std::uint64_t> kvm_exits;             // vCPU stat "exits" during the phase (all, in-kernel too)
  std::map<std::string, std::uint64_t> kvm_counters;  // every vCPU counter that moved during the phase
};

struct TimelineBucket {
  double start_s = 0;
  std::uint64_t exits = 0;
  std::map<std::string, std::uint64_t> by_device;
};

struct BootStatsSummary {
  std::vector<PhaseSummary> phases;  // in order; unreached phases have reached = false
  double bucket_s = 0;               // width of each timeline bucket
  std::vector<TimelineBucket> timeline;
  std::map<std::string, std::uint64_t> by_device;  // the whole boot
  std::uint64_t exits = 0, dropped_events = 0;     // dropped: beyond kMaxEvents (counted, not timed)
};

// Recorded by the vCPU thread while the guest runs; summarized once it has stopped.
class BootStatsRecorder {
 public:
  static constexpr std::size_t kMaxEvents = std::size_t{4} << 20;

  // The first KVM_RUN is about to happen (t = 0) with the vCPU's statistics `counters` (empty when unavailable).
  void start(KvmCounters counters);
  void record_exit(double t, std::string_view reason, std::string_view device);
  // The phase changed at `t`; `counters` is the vCPU's statistics at that moment (empty when unavailable).
  void enter_phase(BootPhase phase, double t, KvmCounters counters);
  // The run ended at `t` with the vCPU's final statistics.
  void finish(double t, KvmCounters counters);
  BootPhase phase() const noexcept { return phase_; }

  struct Event {
    double t;
    std::uint16_t reason, device;  // indices into the name tables
  };
  struct Boundary {
    BootPhase phase;
    double t;
    KvmCounters counters;
  };
  const std::vector<Event>& events() const noexcept { return events_; }
  const std::vector<std::string>& reasons() const noexcept { return reasons_; }
  const std::vector<std::string>& devices() const noexcept { return devices_; }
  const std::vector<Boundary>& boundaries() const noexcept { return boundaries_; }
  double end_s() const noexcept { return end_s_; }
  const KvmCounters& end_counters() const noexcept { return end_counters_; }
  std::uint64_t dropped() const noexcept { return dropped_; }

 private:
  static std::uint16_t intern(std::vector<std::string>& names, std::string_view name);

  BootPhase phase_ = BootPhase::Decompression;
  std::vector<Event> events_;
  std::vector<std::string> reasons_, devices_;
  std::vector<Boundary> boundaries_;
  double end_s_ = 0;
  KvmCounters end_counters_;
  std::uint64_t dropped_ = 0;
};

// Phases with their exits and counter deltas, and a timeline of at most `max_buckets` buckets of a round width
// (0.01, 0.02, 0.05, 0.1 … s). Pure.
BootStatsSummary summarize_boot(const BootStatsRecorder& recorder, std::size_t max_buckets = 20);
// The bucket width for a run of `total_s` in at most `max_buckets` buckets: the smallest 1/2/5 × 10^k that fits.
double round_bucket_width(double total_s, std::size_t max_buckets);

// vCPU or VM statistics read through KVM_GET_STATS_FD (the parser in kvm_stats.hpp; one pread of the data block
// per snapshot). Unavailable (old kernel, unknown layout) → snapshot() returns {} and available() is false.
class KvmStatsFile {
 public:
  KvmStatsFile(int kvm_object_fd, const std::string& what);  // a VM or vCPU fd; what: "VM", "vCPU 0"
  bool available() const noexcept { return static_cast<bool>(fd_); }
  KvmCounters snapshot() const;
  std::vector<KvmStatValue> values() const;  // with their meanings

 private:
  virtlab::UniqueFd fd_;
  std::string what_;
  KvmStatsLayout layout_;
};

}  // namespace virtlab::vmctl
