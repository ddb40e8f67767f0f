// VM exits: decoding struct kvm_run into a plain record, naming and formatting it, and recording exits cheaply
// (a fixed ring buffer + a histogram) so counting thousands of exits never prints per exit.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace virtlab::vmctl {

struct VmExit {
  std::uint32_t reason = 0;  // KVM_EXIT_* (IO 2, HLT 5, MMIO 6, SHUTDOWN 8, FAIL_ENTRY 9, INTERNAL_ERROR 17 …)
  int vcpu = 0;
  std::uint64_t time_ns = 0;  // since the VM started running (CLOCK_MONOTONIC)
  // IO: port, size (1/2/4 bytes), count (>1 for string instructions), direction; MMIO: address, len, write.
  bool write = false;  // OUT / MMIO write (guest → device); false for IN / MMIO read
  std::uint16_t port = 0;
  std::uint8_t size = 0;
  std::uint32_t count = 0;
  std::uint64_t address = 0;
  std::uint32_t length = 0;  // bytes of data carried (IO: size*count capped at 8; MMIO: len)
  std::array<std::uint8_t, 8> data{};
  std::uint64_t detail = 0;  // FAIL_ENTRY hardware reason, INTERNAL_ERROR suberror, SYSTEM_EVENT type
};

// KVM_EXIT_IO → "IO", KVM_EXIT_HLT → "HLT", unknown → "EXIT_42".
std::string exit_reason_name(std::uint32_t reason);
// One line on what the exit means: "the guest executed IN/OUT on a port; KVM hands it to the VMM".
std::string exit_reason_meaning(std::uint32_t reason);

// Decodes the exit KVM left in the vCPU's mmap'ed kvm_run area (`run` spans the whole mapping, because IO data
// lives at run->io.data_offset inside it). Pure: tests pass a synthetic buffer.
VmExit decode_exit(std::span<const std::uint8_t> run, int vcpu, std::uint64_t time_ns);

// "IO out port 0x3f8 size 1 data 48 'H'" / "MMIO write 0x10000000 len 4 data 78 56 34 12" / "HLT".
std::string format_exit(const VmExit& exit);
nlohmann::ordered_json exit_to_json(const VmExit& exit, std::uint64_t sequence);

// The last `capacity` exits plus exact counts per reason. record() is O(1) and never allocates.
class ExitRecorder {
 public:
  explicit ExitRecorder(std::size_t capacity = 4096);
  void record(const VmExit& exit) noexcept;
  std::uint64_t total() const noexcept { return total_; }
  std::uint64_t dropped() const noexcept { return total_ > ring_.size() ? total_ - ring_.size() : 0; }
  std::uint64_t count(std::uint32_t reason) const noexcept;
  // Oldest first; each with its sequence number (0-based over all exits ever recorded).
  std::vector<std::pair<std::uint64_t, VmExit>> retained() const;
  // (reason, count) for every reason seen, most frequent first.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> histogram() const;
  // Time from one exit to the next exit of the same vCPU (one round trip guest → KVM → vmctl → guest), over the
  // exits still in the ring; computed after the run, never on the exit path. The median ignores the few intervals
  // in which the host preempted the vCPU thread.
  struct Intervals {
    std::uint64_t samples = 0, min_ns = 0, median_ns = 0, p90_ns = 0;
  };
  Intervals intervals() const;

 private:
  std::vector<VmExit> ring_;
  std::size_t next_ = 0;  // slot of the next record (== total_ % ring_.size())
  std::uint64_t total_ = 0;
  std::array<std::uint64_t, 64> counts_{};  // KVM exit reasons are < 64 today
  std::uint64_t other_ = 0;
};

}  // namespace virtlab::vmctl
